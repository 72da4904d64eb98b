// What a signed-in person can do, each checked against who they are before anything is written:
// request a seat (only for themselves, only to a team they are eligible for), give their seat
// back, approve a request of a team they maintain (with their own token, so the review is theirs
// on GitHub), withdraw their own request. PRs are opened with the same code as `seats request
// --open-pr`: src/request/pull-request.ts and src/github/pull-request.ts.
import type { GitHubClient } from "../github/client.js";
import { openOrUpdatePullRequest, closePullRequest } from "../github/pull-request.js";
import type { SeatModel } from "../model/types.js";
import { givebackPullSpec, parseRequestBranch, requestPullSpec, seatFilesOf } from "../request/pull-request.js";
import { HttpError } from "./http.js";
import type { Person } from "./people.js";
import type { RepoTarget } from "./seat-repo.js";

export const MAX_REASON = 1000;

export interface RequestForm {
  team?: string | undefined;
  reason?: string | undefined;
  expires?: string | undefined;
}

export interface CheckedRequest {
  team: SeatModel["teams"][number];
  reason: string;
  expires?: string;
}

/** Validates a request form for `person`; throws HttpError(422) with a message a person can act on. */
export function checkRequest(person: Person, form: RequestForm, today: string): CheckedRequest {
  const el = person.eligibility;
  if (!el.eligible) throw new HttpError(403, el.reason ?? "you cannot request a seat");
  const slug = form.team?.trim() || el.best?.slug;
  const team = el.teams.find((t) => t.slug === slug);
  if (!team) throw new HttpError(422, `"${slug ?? ""}" is not a team you can ask to join; choose one of: ${el.teams.map((t) => t.slug).join(", ")}`);
  const reason = (form.reason ?? "").replace(/\r\n?/g, "\n").trim();
  if (!reason) throw new HttpError(422, "Reason: say why you need Copilot (the reviewer reads it)");
  if (reason.length > MAX_REASON) throw new HttpError(422, `Reason: at most ${MAX_REASON} characters (got ${reason.length})`);
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(reason)) throw new HttpError(422, "Reason: remove the control characters");
  const expires = form.expires?.trim();
  if (expires) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(expires) || Number.isNaN(Date.parse(`${expires}T00:00:00Z`)) || new Date(`${expires}T00:00:00Z`).toISOString().slice(0, 10) !== expires) {
      throw new HttpError(422, "End date: use YYYY-MM-DD, e.g. 2027-03-31");
    }
    if (expires <= today) throw new HttpError(422, "End date: pick a date after today");
  }
  return { team, reason, ...(expires ? { expires } : {}) };
}

export async function openRequest(client: GitHubClient, t: RepoTarget, login: string, req: CheckedRequest): Promise<{ number: number; url: string }> {
  const result = await openOrUpdatePullRequest(
    client,
    requestPullSpec({ owner: t.owner, repo: t.repo, base: t.base, login, team: req.team, reason: req.reason, expires: req.expires, via: "the self-service portal" }),
  );
  if (!result) throw new HttpError(409, `seats/${req.team.slug}/${login}.yaml is already on ${t.base}`);
  return { number: result.pull.number, url: result.pull.html_url };
}

export async function openGiveback(client: GitHubClient, t: RepoTarget, model: SeatModel, login: string): Promise<{ number: number; url: string }> {
  const files = seatFilesOf(model, login);
  if (!files.length) throw new HttpError(409, "No member file of yours grants a seat: there is nothing to give back here (a seat granted outside this repository is removed by an org owner)");
  const result = await openOrUpdatePullRequest(client, givebackPullSpec({ owner: t.owner, repo: t.repo, base: t.base, login, files, via: "the self-service portal" }));
  if (!result) throw new HttpError(409, "Your member files are already gone from the default branch");
  return { number: result.pull.number, url: result.pull.html_url };
}

type Pull = { number: number; state: string; head: { ref: string }; user?: { login: string } | null };

async function getPull(client: GitHubClient, t: RepoTarget, number: number): Promise<Pull> {
  if (!Number.isInteger(number) || number <= 0) throw new HttpError(400, "not a pull request number");
  try {
    const { data } = await client.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner: t.owner, repo: t.repo, pull_number: number });
    return data as Pull;
  } catch {
    throw new HttpError(404, `no pull request #${number}`);
  }
}

/**
 * A maintainer approves a seat request of their team. The review is sent with the maintainer's own
 * token (userClient), so GitHub records it as theirs and the approval gate counts it; the portal's
 * credentials are only used to read.
 */
export async function approve(appClient: GitHubClient, userClient: GitHubClient, t: RepoTarget, model: SeatModel, login: string, number: number): Promise<void> {
  const pull = await getPull(appClient, t, number);
  const req = parseRequestBranch(pull.head.ref);
  if (!req || pull.state !== "open") throw new HttpError(404, `#${number} is not an open seat request`);
  const team = model.teams.find((x) => x.slug === req.team);
  if (!team || !team.maintainers.some((m) => m.toLowerCase() === login.toLowerCase())) {
    throw new HttpError(403, `you do not maintain ${req.team}: only its maintainers can approve #${number}`);
  }
  if (req.login.toLowerCase() === login.toLowerCase()) throw new HttpError(403, "you cannot approve your own request");
  await userClient.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews", { owner: t.owner, repo: t.repo, pull_number: number, event: "APPROVE", body: "Approved in the self-service portal." });
}

/** The requester withdraws their own open request or give-back. */
export async function withdraw(appClient: GitHubClient, t: RepoTarget, login: string, number: number): Promise<void> {
  const pull = await getPull(appClient, t, number);
  const who = parseRequestBranch(pull.head.ref)?.login ?? /^seats\/giveback\/([^/]+)$/.exec(pull.head.ref)?.[1];
  if (!who || pull.state !== "open") throw new HttpError(404, `#${number} is not an open seat PR`);
  if (who.toLowerCase() !== login.toLowerCase()) throw new HttpError(403, `#${number} is not yours`);
  await closePullRequest(appClient, t.owner, t.repo, number, `Withdrawn by @${login} in the self-service portal.`);
}
