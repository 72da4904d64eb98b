// The apply side of the last check (last-check.ts, kept-members.ts): read the evidence of recently
// merged reclaim PRs (one request: the closed PRs of the reclaim branch; one more per PR whose
// evidence is a file on its branch, evidence-file.ts), compare with the live
// seats the plan was computed from (plus, for an incremental plan, one read per still-undeclared
// person the evidence names when the repo has `copilot: team` teams), drop the cancellations to
// skip from what is executed, and list the team memberships `pulumi up` must keep. The plan
// itself, and so its checksum, is untouched: the reviewed-plan gate compares the full plan, and
// only the execution leaves those cancellations and removals out (docs/lifecycle.md, "Last check").
import type { CommandContext } from "../cli/command.js";
import { githubClientFromContext } from "../cli/github-options.js";
import { apiUrlOf, type GitHubClient, httpStatus } from "../github/client.js";
import { readFileAt } from "../github/git-data.js";
import { mapLimit } from "../github/concurrency.js";
import { DEFAULT_READ_CONCURRENCY, listAllSeats } from "../github/read.js";
import { readSeatOf } from "../github/read-logins.js";
import type { Seat, SeatRow } from "../model/live-state.js";
import { loginKey } from "../model/logins.js";
import type { SeatModel } from "../model/types.js";
import { isMultiOrg } from "../plan/orgs.js";
import { teamGrantedSlugs } from "../plan/scope.js";
import type { Plan } from "../plan/types.js";
import { keepCandidates, type KeptMember, keptMemberLine, keptMemberships } from "./kept-members.js";
import { parseEvidenceRef } from "./evidence-file.js";
import { type Evidence, lastCheck, parseEvidence, parseEvidenceJson, type Skip, skipLine } from "./last-check.js";
import { RECLAIM_BRANCH } from "./run.js";

/**
 * The evidence of the most recently merged reclaim PRs counts (nightly PRs merge about once a
 * cycle; by the time three more have merged, the restore PR has long been proposed). Counting
 * PRs instead of days keeps the check free of the local clock.
 */
export const EVIDENCE_PULLS = 3;

export interface ClosedPull {
  number: number;
  body: string | null;
  merged_at: string | null;
  merge_commit_sha?: string | null;
  base: { sha: string };
}

/** The most recently merged reclaim PRs (one request), newest first. */
export async function mergedReclaimPulls(client: GitHubClient, owner: string, repo: string, branch = RECLAIM_BRANCH): Promise<ClosedPull[]> {
  const { data } = (await client.request("GET /repos/{owner}/{repo}/pulls", { owner, repo, head: `${owner}:${branch}`, state: "closed", sort: "updated", direction: "desc", per_page: 100 })) as { data: ClosedPull[] };
  return data
    .filter((p) => p.merged_at)
    .sort((a, b) => (a.merged_at! < b.merged_at! ? 1 : -1))
    .slice(0, EVIDENCE_PULLS);
}

/**
 * A merged PR's evidence: in its body, or in the evidence file its body names (evidence-file.ts),
 * read by the blob SHA the tool committed (one request), else at the PR's merge commit. A file
 * the body names but GitHub does not have is an error: the caller fails closed.
 */
async function pullEvidence(client: GitHubClient, owner: string, repo: string, p: ClosedPull): Promise<Evidence | undefined> {
  const inline = parseEvidence(p.body);
  const ref = inline ? undefined : parseEvidenceRef(p.body);
  if (!ref) return inline;
  let text: string | undefined;
  try {
    const { data } = await client.request("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", { owner, repo, file_sha: ref.blob });
    text = Buffer.from(data.content, data.encoding === "utf-8" ? "utf8" : "base64").toString("utf8");
  } catch (err) {
    if (httpStatus(err) !== 404 || !p.merge_commit_sha) throw err;
    text = (await readFileAt(client, owner, repo, p.merge_commit_sha, ref.path))?.content;
  }
  const evidence = text === undefined ? undefined : parseEvidenceJson(text);
  if (!evidence) throw new Error(`reclaim PR #${p.number} names its evidence file ${ref.path} (blob ${ref.blob}), but it ${text === undefined ? "is not in the repository" : "does not parse"}`);
  return evidence;
}

/**
 * The evidence of each of `pulls` that has some. A PR whose evidence cannot be read fails the
 * whole read, unless `skip` is given: then that PR is left out and `skip` told why.
 */
export async function pullsEvidence(client: GitHubClient, owner: string, repo: string, pulls: readonly ClosedPull[], skip?: (why: string) => void): Promise<{ pull: number; evidence: Evidence }[]> {
  const read = await Promise.all(
    pulls.map(async (p) => {
      try {
        return { pull: p.number, evidence: await pullEvidence(client, owner, repo, p) };
      } catch (err) {
        if (!skip) throw err;
        skip((err as Error).message);
        return { pull: p.number, evidence: undefined };
      }
    }),
  );
  return read.flatMap((r) => (r.evidence ? [{ pull: r.pull, evidence: r.evidence }] : []));
}

export async function recentEvidence(client: GitHubClient, owner: string, repo: string, branch = RECLAIM_BRANCH): Promise<{ pull: number; evidence: Evidence }[]> {
  return pullsEvidence(client, owner, repo, await mergedReclaimPulls(client, owner, repo, branch));
}

export interface LastCheckResult {
  /** The plan to execute: the reviewed plan without the skipped cancellations. */
  execute: Plan;
  skipped: Skip[];
  /** Team memberships `pulumi up` keeps for team-granted seats (kept-members.ts). */
  kept_members: KeptMember[];
  /** Set when the evidence could not be read: every cancellation is then held back. */
  problem?: string;
}

export interface LastCheckInput {
  /** Reads the reclaim PRs (SEATS_REPO_TOKEN's client, or the seat client). */
  evidenceClient: GitHubClient;
  /** Reads the seats the plan did not (the seat client). */
  seatClient: GitHubClient;
  /** `owner/name` of the seat repo whose reclaim PRs count (SEATS_RECLAIM_REPO). */
  repository: string | undefined;
  model: Pick<SeatModel, "teams" | "policy">;
  plan: Plan;
  /** The live seats the plan was computed from. */
  seats: readonly Seat[];
  /**
   * Every seat row the plan read, where it is held (several orgs: each org's; enterprise billing:
   * every grant, org grants included), when that is more than `seats` says: activity anywhere
   * counts, and a team keeps its members only for a seat in its own org or enterprise.
   */
  rows?: readonly SeatRow[];
  /** False for an incremental plan: seats it did not read are read here. */
  seatsComplete: boolean;
  /** What paging every seat costs, when known: more candidates than that are read by paging. */
  seatPages?: number;
  log: (line: string) => void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Live seats of `logins` that `seats` may lack: one request each (per org, with several orgs), or
 * the seat lists when that is fewer. Rows carry their org with several orgs (kept-members.ts).
 */
async function seatsOf(input: LastCheckInput, logins: readonly string[]): Promise<SeatRow[]> {
  const known = input.rows ?? input.seats;
  const have = new Set(known.map((s) => loginKey(s.login)));
  const missing = input.seatsComplete ? [] : logins.filter((l) => !have.has(loginKey(l)));
  if (!missing.length) return [...known];
  const multi = isMultiOrg(input.model.policy);
  const orgs = multi ? input.model.policy.orgs : [input.model.policy.org];
  const tag = (org: string) => (s: Seat): SeatRow => (multi ? { ...s, org } : s);
  if (input.seatPages !== undefined && missing.length > input.seatPages) {
    return (await mapLimit(orgs, 2, async (org) => (await listAllSeats(input.seatClient, org)).map(tag(org)))).flat();
  }
  const pairs = missing.flatMap((username) => orgs.map((org) => ({ username, org })));
  const read = await mapLimit(pairs, DEFAULT_READ_CONCURRENCY, async ({ username, org }) => {
    const seat = await readSeatOf(input.seatClient, org, username);
    return seat ? [tag(org)(seat)] : [];
  });
  return [...known, ...read.flat()];
}

/**
 * The last check: cancellations to skip and team memberships to keep. Without a repository there
 * is nothing to check against and the plan runs as reviewed. A repository that cannot be read
 * holds every cancellation back (fail closed) and says so in `problem`: the caller decides what
 * that means for `pulumi up` (seats apply refuses its dry run when teams would lose members).
 */
export async function lastCheckBeforeRevocation(input: LastCheckInput): Promise<LastCheckResult> {
  const { plan, log, repository } = input;
  const cancels = plan.changes.filter((c) => c.action === "cancel").map((c) => c.target);
  const [owner, repo] = (repository ?? "").split("/");
  // An enterprise team grants seats only when the enterprise bills them (docs/enterprise.md).
  const enterprise = input.model.policy.copilot.billing === "enterprise";
  const teamGranted = teamGrantedSlugs(input.model.teams.filter((t) => enterprise || !t.enterprise_team)).size > 0;
  if ((!cancels.length && !teamGranted) || !owner || !repo) return { execute: plan, skipped: [], kept_members: [] };
  let evidence: { pull: number; evidence: Evidence }[];
  let seats: readonly SeatRow[];
  try {
    evidence = await recentEvidence(input.evidenceClient, owner, repo);
    seats = teamGranted && evidence.length ? await seatsOf(input, keepCandidates(input.model, evidence)) : (input.rows ?? input.seats);
  } catch (err) {
    // Fail closed: without the evidence nobody can be shown idle since, so no seat is cancelled
    // in this run (adds still go through); the next apply tries again.
    const problem = `could not read the reclaim PRs of ${repository} at ${apiUrlOf(input.evidenceClient)}, or the seats they name, for the last check (${(err as Error).message}); no seat is cancelled in this run`;
    log(`warning: ${problem}`);
    return { execute: { ...plan, changes: plan.changes.filter((c) => c.action !== "cancel") }, skipped: [], kept_members: [], problem };
  }
  const skipped = lastCheck(cancels, evidence, seats);
  const kept_members = teamGranted ? keptMemberships(input.model, evidence, seats) : [];
  if (skipped.length || kept_members.length) {
    log(`\nLast check before revocation: ${plural(new Set([...skipped, ...kept_members].map((s) => loginKey(s.login))).size, "seat")} kept (active since the reclaim PR's snapshot):`);
    for (const s of skipped) log(skipLine(s));
    for (const k of kept_members) log(keptMemberLine(k));
  }
  if (!skipped.length) return { execute: plan, skipped, kept_members };
  const skip = new Set(skipped.map((s) => loginKey(s.login)));
  return { execute: { ...plan, changes: plan.changes.filter((c) => !(c.action === "cancel" && skip.has(loginKey(c.target)))) }, skipped, kept_members };
}

/** The plan file's `last_check` (read by `pulumi up` through SEATS_PLAN: infra/org-members.ts). */
export function lastCheckJson(r: LastCheckResult): { kept_members: KeptMember[]; skipped: Skip[]; problem?: string } {
  return { kept_members: r.kept_members, skipped: r.skipped, ...(r.problem ? { problem: r.problem } : {}) };
}

/**
 * The client that reads the reclaim PRs: `SEATS_REPO_TOKEN` when set (in Actions, the job's own
 * `github.token`, which can read this repository's pull requests while the seat-writing App token
 * cannot), otherwise undefined (the caller's client is used).
 */
export function evidenceClient(ctx: Pick<CommandContext, "values" | "env" | "io"> & Partial<Pick<CommandContext, "signal">>): GitHubClient | undefined {
  const token = ctx.env.SEATS_REPO_TOKEN?.trim();
  if (!token) return undefined;
  const env: NodeJS.ProcessEnv = { GITHUB_TOKEN: token };
  for (const k of ["GITHUB_API_URL", "SEATS_RETRY_BASE_MS", "SEATS_WRITE_INTERVAL_MS", "SEATS_REQUEST_TIMEOUT_MS"]) if (ctx.env[k] !== undefined) env[k] = ctx.env[k];
  return githubClientFromContext({ ...ctx, env }, { allowWrites: false }).client;
}
