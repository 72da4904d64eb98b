// Restoring people the last check kept (last-check.ts). Their member files were deleted by a
// merged reclaim PR, but they used Copilot after its snapshot, so apply skipped the cancellation
// and their seat is still there, undeclared. The nightly reclaim run brings the repository back to
// declaring them: its PR re-adds each such file with the content it had before the reclaim PR
// (read at that PR's base commit). Cost: the closed reclaim PRs (one request), then one tree
// listing and one read per restored file, only when someone is to be restored.
import type { GitHubClient } from "../github/client.js";
import { type FileChange, readFileAt } from "../github/pull-request.js";
import { loginKey } from "../model/logins.js";
import type { SeatModel } from "../model/types.js";
import type { ReclaimSeat } from "./classify.js";
import { seatGrantingFiles } from "./classify.js";
import { mergedReclaimPulls, pullsEvidence } from "./last-check-io.js";
import { type Evidence, lastCheck } from "./last-check.js";

export interface Restore {
  login: string;
  pull: number;
  last_activity_at: string;
  files: string[];
}

/** Pure: who to restore, given the merged reclaim PRs' evidence and the live seats. */
export function toRestore(model: Pick<SeatModel, "teams">, seats: readonly ReclaimSeat[], evidence: readonly { pull: number; evidence: Evidence }[]): { login: string; pull: number; last_activity_at: string }[] {
  const declared = seatGrantingFiles(model);
  const live = seats.filter((s) => !s.pending_cancellation_date && !declared.has(loginKey(s.login)));
  return lastCheck(live.map((s) => s.login), evidence, live).map((s) => ({ login: s.login, pull: s.pull, last_activity_at: s.last_activity_at }));
}

/**
 * The file changes that restore them, and who they are. A PR whose evidence cannot be read is
 * left out with a warning, not an error: failing here would stop every later reclaim PR, and
 * only the merge of later ones takes that PR out of the last check (which fails closed on it).
 */
export async function findRestores(
  client: GitHubClient,
  t: { owner: string; repo: string; branch: string },
  model: Pick<SeatModel, "teams">,
  seats: readonly ReclaimSeat[],
  warn: (line: string) => void = () => {},
): Promise<{ changes: FileChange[]; restores: Restore[] }> {
  const merged = await mergedReclaimPulls(client, t.owner, t.repo, t.branch);
  const evidence = await pullsEvidence(client, t.owner, t.repo, merged, (why) => warn(`warning: ${why}; nobody it names is restored by this run`));
  const who = toRestore(model, seats, evidence);
  const changes: FileChange[] = [];
  const restores: Restore[] = [];
  for (const w of who) {
    const pr = merged.find((p) => p.number === w.pull)!;
    const { data: commit } = await client.request("GET /repos/{owner}/{repo}/git/commits/{commit_sha}", { owner: t.owner, repo: t.repo, commit_sha: pr.base.sha });
    const { data: tree } = await client.request("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", { owner: t.owner, repo: t.repo, tree_sha: commit.tree.sha, recursive: "1" });
    const name = `${loginKey(w.login)}.yaml`;
    const paths = tree.tree.map((e) => e.path ?? "").filter((p) => /^seats\/[^/]+\/[^/]+\.yaml$/.test(p) && p.toLowerCase().endsWith(`/${name}`));
    const files: string[] = [];
    for (const p of paths) {
      const f = await readFileAt(client, t.owner, t.repo, pr.base.sha, p);
      if (!f) continue;
      changes.push({ path: p, content: f.content });
      files.push(p);
    }
    if (files.length) restores.push({ ...w, files });
  }
  return { changes, restores };
}

export function restoreNote(r: readonly Restore[]): string {
  const who = r.map((x) => `@${x.login} (used Copilot on ${x.last_activity_at.slice(0, 10)}, after reclaim PR #${x.pull})`).join(", ");
  return `This PR also restores the member files of ${who}: the last check before revocation kept ${r.length === 1 ? "this seat" : "these seats"}, so the repository declares ${r.length === 1 ? "it" : "them"} again (docs/lifecycle.md).`;
}
