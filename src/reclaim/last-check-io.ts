// The apply side of the last check (last-check.ts): read the evidence of recently merged reclaim
// PRs (one request: the closed PRs of the reclaim branch), compare with the live seats the plan
// was computed from, and drop the cancellations to skip from what is executed. The plan itself,
// and so its checksum, is untouched: the reviewed-plan gate compares the full plan, and only the
// execution leaves those cancellations out (docs/lifecycle.md, "Last check").
import type { CommandContext } from "../cli/command.js";
import { githubClientFromContext } from "../cli/github-options.js";
import { apiUrlOf, type GitHubClient } from "../github/client.js";
import type { Plan } from "../plan/types.js";
import { loginKey } from "../model/logins.js";
import type { ReclaimSeat } from "./classify.js";
import { type Evidence, lastCheck, parseEvidence, type Skip, skipLine } from "./last-check.js";
import { RECLAIM_BRANCH } from "./run.js";

/**
 * The evidence of the most recently merged reclaim PRs counts (nightly PRs merge about once a
 * cycle; by the time three more have merged, the restore PR has long been proposed). Counting
 * PRs instead of days keeps the check free of the local clock.
 */
export const EVIDENCE_PULLS = 3;

interface ClosedPull {
  number: number;
  body: string | null;
  merged_at: string | null;
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

export async function recentEvidence(client: GitHubClient, owner: string, repo: string, branch = RECLAIM_BRANCH): Promise<{ pull: number; evidence: Evidence }[]> {
  return (await mergedReclaimPulls(client, owner, repo, branch)).flatMap((p) => {
    const evidence = parseEvidence(p.body);
    return evidence ? [{ pull: p.number, evidence }] : [];
  });
}

export interface LastCheckResult {
  /** The plan to execute: the reviewed plan without the skipped cancellations. */
  execute: Plan;
  skipped: Skip[];
  /** Set when the evidence could not be read: every cancellation is then held back. */
  problem?: string;
}

/**
 * `repository` is `owner/name` of the seat repo whose reclaim PRs count (SEATS_RECLAIM_REPO; the
 * apply workflow sets it); without it there is nothing to check against and the plan runs as
 * reviewed. A repository that cannot be read holds every cancellation back (fail closed).
 */
export async function lastCheckBeforeRevocation(client: GitHubClient, repository: string | undefined, plan: Plan, seats: readonly ReclaimSeat[], log: (line: string) => void): Promise<LastCheckResult> {
  const cancels = plan.changes.filter((c) => c.action === "cancel").map((c) => c.target);
  const [owner, repo] = (repository ?? "").split("/");
  if (!cancels.length || !owner || !repo) return { execute: plan, skipped: [] };
  let evidence: { pull: number; evidence: Evidence }[];
  try {
    evidence = await recentEvidence(client, owner, repo);
  } catch (err) {
    // Fail closed: without the evidence nobody can be shown idle since, so no seat is cancelled
    // in this run (adds still go through); the next apply tries again.
    const problem = `could not read the reclaim PRs of ${repository} at ${apiUrlOf(client)} for the last check (${(err as Error).message}); no seat is cancelled in this run`;
    log(`warning: ${problem}`);
    return { execute: { ...plan, changes: plan.changes.filter((c) => c.action !== "cancel") }, skipped: [], problem };
  }
  const skipped = lastCheck(cancels, evidence, seats);
  if (!skipped.length) return { execute: plan, skipped };
  log(`\nLast check before revocation: ${skipped.length} seat${skipped.length === 1 ? "" : "s"} kept (active since the reclaim PR's snapshot):`);
  for (const s of skipped) log(skipLine(s));
  const skip = new Set(skipped.map((s) => loginKey(s.login)));
  return { execute: { ...plan, changes: plan.changes.filter((c) => !(c.action === "cancel" && skip.has(loginKey(c.target)))) }, skipped };
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
