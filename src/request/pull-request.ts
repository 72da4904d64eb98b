// The pull requests a person opens about their own seat: a request (one new member file) and a
// give-back (their member files deleted). `seats request --open-pr` and the portal build them
// here and open them with the same src/github/pull-request.ts code, so a PR looks the same
// whichever way it was opened and goes through the same review.
import type { PullRequestSpec } from "../github/pull-request.js";
import type { SeatModel, TeamDecl } from "../model/types.js";
import { memberFileContent, requestBranch } from "./member-file.js";

export const REQUEST_LABEL = "seat-request";
export const GIVEBACK_LABEL = "seat-giveback";
export const REQUEST_BRANCH_PREFIX = "seats/request/";
export const GIVEBACK_BRANCH_PREFIX = "seats/giveback/";

export interface RequestInput {
  owner: string;
  repo: string;
  base: string;
  login: string;
  team: Pick<TeamDecl, "slug" | "name" | "enrollment" | "maintainers">;
  reason: string;
  expires?: string | undefined;
  /** Where the request came from, for the reviewer ("the portal"); the CLI says nothing. */
  via?: string;
}

/** Who reviews a request to `team`, in one sentence. */
export function reviewNote(team: RequestInput["team"]): string {
  if (team.enrollment === "open") return `${team.slug} has open enrollment: once every check passes the PR is approved automatically`;
  return team.maintainers.length
    ? `${team.slug} needs approval from a maintainer: ${team.maintainers.map((m) => `@${m}`).join(", ")}`
    : `${team.slug} lists no maintainers, so the PR needs approval from a repository admin`;
}

export function requestPullSpec(i: RequestInput): PullRequestSpec {
  const rel = `seats/${i.team.slug}/${i.login}.yaml`;
  return {
    owner: i.owner,
    repo: i.repo,
    base: i.base,
    branch: requestBranch(i.team.slug, i.login),
    message: `Request a Copilot seat for ${i.login} in ${i.team.slug}`,
    changes: [{ path: rel, content: memberFileContent({ login: i.login, reason: i.reason, expires: i.expires }) }],
    title: `Copilot seat: ${i.login} → ${i.team.slug}`,
    body: [
      "<!-- seats-request -->",
      `@${i.login} requests a GitHub Copilot seat as a member of **${i.team.name}** (\`${i.team.slug}\`)${i.via ? ` through ${i.via}` : ""}.`,
      "",
      `> ${i.reason.replace(/\n/g, "\n> ")}`,
      "",
      reviewNote(i.team) + ".",
      "",
      `This PR adds one file, \`${rel}\`. The seat is assigned when it is merged.`,
    ].join("\n"),
    labels: [REQUEST_LABEL],
  };
}

/** The fixed branch of one person's give-back PR (re-running updates the same PR). */
export function givebackBranch(login: string): string {
  return `${GIVEBACK_BRANCH_PREFIX}${login.toLowerCase()}`;
}

/** Member files of `login` in teams that grant a seat (the files a give-back deletes). */
export function seatFilesOf(model: Pick<SeatModel, "teams">, login: string): string[] {
  const l = login.toLowerCase();
  return model.teams
    .filter((t) => t.copilot !== "none")
    .flatMap((t) => t.members.filter((m) => m.login.toLowerCase() === l).map((m) => m.file))
    .sort();
}

export function givebackPullSpec(i: { owner: string; repo: string; base: string; login: string; files: readonly string[]; via?: string }): PullRequestSpec {
  return {
    owner: i.owner,
    repo: i.repo,
    base: i.base,
    branch: givebackBranch(i.login),
    message: `Give back the Copilot seat of ${i.login}`,
    changes: i.files.map((path) => ({ path, content: null })),
    title: `Copilot seat: ${i.login} gives theirs back`,
    body: [
      "<!-- seats-giveback -->",
      `@${i.login} gives back their GitHub Copilot seat${i.via ? ` through ${i.via}` : ""}.`,
      "",
      `This PR deletes ${i.files.map((f) => `\`${f}\``).join(", ")}. The seat is cancelled when it is merged (it stays usable to the end of the billing cycle).`,
    ].join("\n"),
    labels: [GIVEBACK_LABEL],
  };
}

/** The person and team of a request branch (`seats/request/<team>/<login>`), or undefined. */
export function parseRequestBranch(ref: string): { team: string; login: string } | undefined {
  const m = /^seats\/request\/([^/]+)\/([^/]+)$/.exec(ref);
  return m ? { team: m[1]!, login: m[2]! } : undefined;
}

/** The person of a give-back branch, or undefined. */
export function parseGivebackBranch(ref: string): string | undefined {
  return /^seats\/giveback\/([^/]+)$/.exec(ref)?.[1];
}
