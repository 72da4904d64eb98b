// `seats notice` I/O: which people a merged PR took a seat from, and telling them once.
//
//   1. the PR: `--pr`, or the one GitHub links to the merge commit (`--sha`, GITHUB_SHA);
//   2. the member files it deleted: the seats/ trees at its base and at its merge commit;
//   3. the live seats: those people whose seat is now pending cancellation are the affected;
//   4. the PR's comments: people an earlier notice told are left out;
//   5. one comment per 50 people, then the webhook, with the people of earlier notice comments
//      whose digest has not reached the chat (marked in the comment: notice.ts, WEBHOOK_PENDING;
//      with a webhook, a comment is posted marked and the mark comes off once it answers, so a
//      run stopped in between loses no digest).
// Derived from live state, not from the apply's output, so a notice that failed (or a re-run
// of the workflow, whose apply has nothing left to do) still reaches everyone, and a re-run tells
// nobody twice; a digest the webhook refused is sent again by the re-run, and only once delivered.
import { httpStatus, type GitHubClient } from "../github/client.js";
import { UserError } from "../errors.js";
import { listAll, listAllSeats } from "../github/read.js";
import { loginKey } from "../model/logins.js";
import { errorMessage } from "../apply/apply.js";
import { readOrgsSeats } from "../reclaim/read-state.js";
import { listEnterpriseGrants } from "../github/enterprise-read.js";
import { enterpriseReclaimSeats } from "../plan/enterprise.js";
import { affectedAcrossOrgs, affectedOf, alreadyNoticed, type Affected, markPending, noticeComments, noticeDigest, noticedIn, reasonsFromBody, webhookPending } from "./notice.js";
import { postWebhook } from "./webhook.js";

export interface NoticeOptions {
  org: string;
  /** Several orgs (`orgs:`): every org's seats are read, and each cancelled grant is named with its org's date. */
  orgs?: readonly string[];
  /** Enterprise billing: the seats are the enterprise's grants (the org's list holds none of them). */
  enterprise?: string;
  owner: string;
  repo: string;
  pr?: number;
  sha?: string;
  confirm: boolean;
  portalUrl?: string;
  webhook?: URL;
  /** Reads seats (org Copilot read); defaults to `repoClient`. */
  seatClient?: GitHubClient;
  log?: (line: string) => void;
}

export interface NoticeReport {
  pull?: { number: number; title: string };
  removed: string[];
  affected: Affected[];
  comments: number;
  /** `resent`: people of earlier notices whose digest went out with this one; `kept`: a refused digest is marked for a re-run. */
  webhook?: { sent: boolean; error?: string; resent?: number; kept?: boolean };
}

interface CommentRow {
  id: number;
  body?: string | null;
}

interface PullRow {
  number: number;
  title: string;
  body: string | null;
  merged_at: string | null;
  merge_commit_sha: string | null;
  base: { sha: string };
}

async function memberFiles(client: GitHubClient, owner: string, repo: string, commitSha: string): Promise<Map<string, string>> {
  const { data: commit } = await client.request("GET /repos/{owner}/{repo}/git/commits/{commit_sha}", { owner, repo, commit_sha: commitSha });
  const { data: root } = await client.request("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", { owner, repo, tree_sha: commit.tree.sha });
  const seats = root.tree.find((e) => e.path === "seats" && e.type === "tree");
  const out = new Map<string, string>();
  if (!seats?.sha) return out;
  const { data } = await client.request("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", { owner, repo, tree_sha: seats.sha, recursive: "1" });
  for (const e of data.tree) {
    const m = /^[^/]+\/([^/_][^/]*)\.yaml$/.exec(e.path ?? "");
    if (e.type === "blob" && m) out.set(`seats/${e.path}`, m[1]!);
  }
  return out;
}

export async function runNotice(client: GitHubClient, opts: NoticeOptions): Promise<NoticeReport> {
  const { owner, repo } = opts;
  const log = opts.log ?? (() => {});
  let pull: PullRow | undefined;
  if (opts.pr !== undefined) {
    pull = (
      await client.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner, repo, pull_number: opts.pr }).catch((err: unknown) => {
        // A wrong number, not missing permissions (which the generic 404 hint would suggest).
        if (httpStatus(err) === 404) throw new UserError(`no pull request #${opts.pr} in ${owner}/${repo} (HTTP 404): check --pr and --repo, and that the token can read that repository`);
        throw err;
      })
    ).data as PullRow;
  }
  else if (opts.sha) {
    const { data } = (await client.request("GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls", { owner, repo, commit_sha: opts.sha })) as { data: PullRow[] };
    pull = data.find((p) => p.merged_at);
  }
  if (!pull?.merged_at || !pull.merge_commit_sha) {
    log("no merged pull request for this commit: nobody to notify");
    return { removed: [], affected: [], comments: 0 };
  }
  const [before, after] = await Promise.all([memberFiles(client, owner, repo, pull.base.sha), memberFiles(client, owner, repo, pull.merge_commit_sha)]);
  // Anyone who lost a member file; the live seats decide who really lost the seat (someone with
  // another seat-granting file, or moved to another team, is not pending cancellation).
  const removed = [...new Set([...before.entries()].filter(([p]) => !after.has(p)).map(([, l]) => l))];
  const report: NoticeReport = { pull: { number: pull.number, title: pull.title }, removed, affected: [], comments: 0 };
  if (!removed.length) return report;

  const { ends, held } = await pendingGrants(opts.seatClient ?? client, opts);
  const base = { owner, repo, issue_number: pull.number };
  const comments = await listAll<CommentRow>(client, "GET /repos/{owner}/{repo}/issues/{issue_number}/comments", base);
  const told = alreadyNoticed(comments);
  const why = reasonsFromBody(pull.body);
  report.affected = affectedOf({ removed, ends, why, told, ...(held ? { held, revokedOn: pull.merged_at.slice(0, 10) } : {}) });
  if (!opts.confirm) return report;

  const ctx = { pull: report.pull!, repo: `${owner}/${repo}`, ...(opts.portalUrl ? { portalUrl: opts.portalUrl } : {}) };
  const posted: CommentRow[] = [];
  // With a webhook, each comment is posted already marked pending: a run stopped before the
  // webhook answered (killed, timed out) leaves the mark, and a re-run sends the digest.
  for (const body of report.affected.length ? noticeComments(report.affected, ctx) : []) {
    posted.push(await postNotice(client, base, opts.webhook ? markPending(body, true) : body));
    report.comments++;
  }
  if (opts.webhook) {
    const pending = comments.filter((c) => webhookPending(c.body));
    const webhook = await deliverNotice(client, { owner, repo }, opts.webhook, ctx, { pending, posted, affected: report.affected });
    if (webhook) report.webhook = webhook;
  }
  return report;
}

/**
 * Per person whose seat is pending cancellation, when access ends. With several orgs: each org's
 * pending seat with that org's date (orgs bill on their own cycles), and the orgs where a seat
 * stays; someone with no pending seat in any org is not affected.
 */
async function pendingGrants(
  client: GitHubClient,
  opts: Pick<NoticeOptions, "org" | "orgs" | "enterprise">,
): Promise<{ ends: Map<string, Omit<Affected, "why">>; held?: Set<string> }> {
  const out = new Map<string, Omit<Affected, "why">>();
  if (!opts.orgs) {
    const seats = opts.enterprise ? enterpriseReclaimSeats(await listEnterpriseGrants(client, opts.enterprise)) : await listAllSeats(client, opts.org);
    for (const s of seats) if (s.pending_cancellation_date) out.set(loginKey(s.login), { login: s.login, ends: s.pending_cancellation_date });
    // Enterprise billing: who still holds any grant (a revoked one may be gone, not pending: affectedOf).
    return opts.enterprise ? { ends: out, held: new Set(seats.map((s) => loginKey(s.login))) } : { ends: out };
  }
  const byPerson = new Map<string, { login: string; pending: { org: string; ends: string }[]; keeps: string[] }>();
  for (const { org, seats } of await readOrgsSeats(client, opts.orgs)) {
    for (const s of seats) {
      const p = byPerson.get(loginKey(s.login)) ?? { login: s.login, pending: [], keeps: [] };
      if (s.pending_cancellation_date) p.pending.push({ org, ends: s.pending_cancellation_date });
      else p.keeps.push(org);
      byPerson.set(loginKey(s.login), p);
    }
  }
  for (const [k, p] of byPerson) if (p.pending.length) out.set(k, affectedAcrossOrgs(p.login, p.pending, p.keeps));
  return { ends: out };
}

type IssueRef = { owner: string; repo: string; issue_number: number };

/** Posts one notice comment. Not retried blindly: after a lost answer, the comments are read before it is sent again. */
async function postNotice(client: GitHubClient, base: IssueRef, body: string): Promise<CommentRow> {
  const post = async (retries?: number): Promise<CommentRow> => {
    const { data } = await client.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...base, body, ...(retries === 0 ? { request: { retries: 0 } } : {}) });
    return { id: Number(data.id), body: data.body ?? body };
  };
  try {
    return await post(0);
  } catch (err) {
    const status = httpStatus(err);
    if (status !== undefined && status < 500) throw err;
    const now = await listAll<CommentRow>(client, "GET /repos/{owner}/{repo}/issues/{issue_number}/comments", base);
    return now.find((c) => c.body === body) ?? (await post());
  }
}

/**
 * One digest for this run's people and those of earlier comments still marked pending. Delivered:
 * every marked comment, this run's too, loses the mark. Refused: the marks stay, so a re-run
 * sends it (this run's comments were posted marked).
 */
async function deliverNotice(
  client: GitHubClient,
  repo: { owner: string; repo: string },
  webhook: URL,
  ctx: Parameters<typeof noticeDigest>[1],
  w: { pending: readonly CommentRow[]; posted: readonly CommentRow[]; affected: readonly Affected[] },
): Promise<NoticeReport["webhook"]> {
  const earlier = w.pending.flatMap((c) => noticedIn(c.body));
  const everyone = [...earlier, ...w.affected];
  if (!everyone.length) return undefined;
  const error = await postWebhook(webhook, { text: noticeDigest(everyone, ctx), summary: "Copilot seats cancelled" });
  if (error) return { sent: false, error, resent: earlier.length, kept: true };
  try {
    for (const c of [...w.pending, ...w.posted].filter((x) => webhookPending(x.body))) {
      await client.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", { ...repo, comment_id: c.id, body: markPending(c.body ?? "", false) });
    }
  } catch (err) {
    return { sent: true, error: `the digest was delivered, but its notice comment still says it is pending (a re-run sends it again): ${errorMessage(err)}`, resent: earlier.length };
  }
  return { sent: true, resent: earlier.length };
}
