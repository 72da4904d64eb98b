// Merging a self-service PR once the approval gate passed, at exactly the head that was checked:
// `PUT /pulls/{n}/merge` with `sha` (GitHub answers 409 when the head moved, 405 when the PR cannot
// be merged yet, e.g. required checks still running). Then auto-merge (GraphQL only) takes over;
// GitHub refuses to enable it on a PR that is already mergeable ("clean status"), which happens
// when the last check finished in between, so that answer means: merge directly after all.
// The merge is made with the PR-bot App's token, so its push starts seats-apply (a merge made
// with GITHUB_TOKEN would start no workflow).
import { UsageError, UserError } from "../errors.js";
import { httpStatus, type GitHubClient } from "../github/client.js";

export const MERGE_METHODS = ["merge", "squash", "rebase"] as const;
export type MergeMethod = (typeof MERGE_METHODS)[number];

export function mergeMethod(value: string | undefined): MergeMethod {
  const v = (value?.trim() || "squash").toLowerCase();
  if (!(MERGE_METHODS as readonly string[]).includes(v)) throw new UsageError(`SEATS_MERGE_METHOD must be merge, squash or rebase (got "${value}")`);
  return v as MergeMethod;
}

export type MergeOutcome =
  | { kind: "merged"; sha: string }
  | { kind: "auto-merge" }
  | { kind: "skipped"; why: string };

/** GraphQL errors that mean "this PR can be merged right now" (enablePullRequestAutoMerge refuses those). */
export function isMergeableNow(message: string): boolean {
  return /\b(clean|unstable|has_hooks) status\b/i.test(message);
}

export interface MergeTarget {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  method: MergeMethod;
}

// Octokit's graphql() reserves some variable names (`method`, `url`, `query`, …).
const AUTO_MERGE = `mutation($pr: ID!, $mergeMethod: PullRequestMergeMethod!, $head: GitObjectID!) {
  enablePullRequestAutoMerge(input: { pullRequestId: $pr, mergeMethod: $mergeMethod, expectedHeadOid: $head }) { clientMutationId }
}`;

async function mergeNow(client: GitHubClient, t: MergeTarget): Promise<MergeOutcome | "not-mergeable"> {
  try {
    const { data } = await client.request("PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge", {
      owner: t.owner,
      repo: t.repo,
      pull_number: t.number,
      sha: t.headSha,
      merge_method: t.method,
    });
    return { kind: "merged", sha: data.sha };
  } catch (err) {
    const status = httpStatus(err);
    if (status === 409) return { kind: "skipped", why: `the head of #${t.number} moved on from ${t.headSha.slice(0, 7)}; its newer commit gets its own check` };
    if (status === 405) return "not-mergeable";
    throw err;
  }
}

export async function mergeWhenReady(client: GitHubClient, t: MergeTarget): Promise<MergeOutcome> {
  const { data: pr } = await client.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner: t.owner, repo: t.repo, pull_number: t.number });
  if (pr.state !== "open") return { kind: "skipped", why: `#${t.number} is ${pr.merged_at ? "already merged" : "closed"}` };
  if (pr.head.sha !== t.headSha) return { kind: "skipped", why: `#${t.number} moved on to ${pr.head.sha.slice(0, 7)}; its newer commit gets its own check` };
  const first = await mergeNow(client, t);
  if (first !== "not-mergeable") return first;
  try {
    await client.graphql(AUTO_MERGE, { pr: pr.node_id, mergeMethod: t.method.toUpperCase(), head: t.headSha });
    return { kind: "auto-merge" };
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    if (isMergeableNow(message)) {
      const again = await mergeNow(client, t);
      if (again !== "not-mergeable") return again;
    }
    throw new UserError(
      `#${t.number} cannot be merged yet, and auto-merge could not be enabled: ${message}. ` +
        "Check that the repository allows auto-merge and the merge method (docs/workflows.md, \"Repository settings\"); a person can merge it once every required check passes.",
    );
  }
}
