// Applies in merge order, none lost: instead of a concurrency group (which keeps one pending run
// and cancels the one before it), every seats-apply run waits until the runs started before it
// have finished, and a plan waits until no apply is in flight before it reads live state (a plan
// read during an apply would bake that apply's changes into its checksum).
import { UserError } from "../errors.js";
import type { GitHubClient } from "../github/client.js";
import { listAll } from "../github/read.js";

/** Every status of a run that has not finished (`GET …/runs?status=` takes one at a time). */
export const UNFINISHED = ["in_progress", "queued", "requested", "waiting", "pending"] as const;

export interface RunLike {
  id: number;
  run_number: number;
  status: string | null;
  html_url?: string;
}

/** The unfinished runs that must end first: all of them, or only those older than `mine`. */
export function blockingRuns(runs: readonly RunLike[], mine?: { id: number; runNumber: number }): RunLike[] {
  const seen = new Map<number, RunLike>();
  for (const r of runs) {
    if (r.status === "completed" || (mine && (r.id === mine.id || r.run_number >= mine.runNumber))) continue;
    seen.set(r.id, r);
  }
  return [...seen.values()].sort((a, b) => a.run_number - b.run_number);
}

export interface WaitOptions {
  owner: string;
  repo: string;
  /** Workflow file name (`seats-apply.yml`) or id. */
  workflow: string;
  mine?: { id: number; runNumber: number };
  intervalMs: number;
  timeoutMs: number;
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

async function unfinished(client: GitHubClient, o: WaitOptions): Promise<RunLike[]> {
  const lists = await Promise.all(
    UNFINISHED.map((status) =>
      listAll<RunLike>(
        client,
        "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
        { owner: o.owner, repo: o.repo, workflow_id: o.workflow, status },
        (data) => ((data as { workflow_runs?: RunLike[] }).workflow_runs ?? []),
      ),
    ),
  );
  return blockingRuns(lists.flat(), o.mine);
}

/** Returns the runs it waited for (empty when none was in the way). */
export async function waitForRuns(client: GitHubClient, o: WaitOptions): Promise<RunLike[]> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = o.now ?? Date.now;
  const start = now();
  const waited = new Map<number, RunLike>();
  for (;;) {
    const blocking = await unfinished(client, o);
    if (!blocking.length) return [...waited.values()];
    for (const r of blocking) {
      if (!waited.has(r.id)) o.log(`waiting for ${o.workflow} run #${r.run_number} (${r.status})${r.html_url ? ` ${r.html_url}` : ""}`);
      waited.set(r.id, r);
    }
    if (now() - start >= o.timeoutMs) {
      throw new UserError(
        `${o.workflow} run #${blocking[0]!.run_number} is still ${blocking[0]!.status} after ${Math.round(o.timeoutMs / 60000)} min; ` +
          "approve or finish it (runs apply in merge order), then re-run this job",
      );
    }
    await sleep(o.intervalMs);
  }
}
