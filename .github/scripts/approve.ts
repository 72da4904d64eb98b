// Approves a self-service PR (validate's `review.autoApprove`, computed by trusted code on the
// default branch) at the exact commit that was checked, then enables auto-merge so GitHub merges
// it once every required check passes. Run with a GitHub App token: an approval by the PR's
// author or by GITHUB_TOKEN would not satisfy the ruleset, and a merge by GITHUB_TOKEN would not
// trigger seats-apply.yml.
import { clientFromEnv, isEntry, repoFromEnv, requireEnv, runMain } from "./actions-io.js";

export const MERGE_METHODS = ["MERGE", "SQUASH", "REBASE"] as const;
export type MergeMethod = (typeof MERGE_METHODS)[number];

export function mergeMethod(value: string | undefined): MergeMethod {
  const v = (value || "SQUASH").toUpperCase();
  if (!(MERGE_METHODS as readonly string[]).includes(v)) throw new Error(`SEATS_MERGE_METHOD must be merge, squash or rebase (got "${value}")`);
  return v as MergeMethod;
}

/**
 * Why the approver cannot approve this PR (GitHub refuses an approval by the PR's author, and an
 * App's PRs are authored by its bot), or undefined when it can.
 */
export function selfApproval(author: string | undefined, approverSlug: string | undefined): string | undefined {
  if (!author || !approverSlug || author.toLowerCase() !== `${approverSlug}[bot]`.toLowerCase()) return undefined;
  return (
    `${author} opened this PR, and GitHub does not let a PR's author approve it, so it waits for a person's approval. ` +
    "To auto-approve issue-form requests too, add a second GitHub App as SEATS_APPROVER_APP_ID / SEATS_APPROVER_APP_PRIVATE_KEY (docs/workflows.md)"
  );
}

async function main(): Promise<void> {
  const env = process.env;
  const { owner, repo } = repoFromEnv(env);
  const pull_number = Number(requireEnv(env, "PR_NUMBER"));
  const headSha = requireEnv(env, "HEAD_SHA");
  const method = mergeMethod(env.SEATS_MERGE_METHOD);
  const octokit = clientFromEnv(env, true);
  const { data: pr } = await octokit.rest.pulls.get({ owner, repo, pull_number });
  if (pr.state !== "open" || pr.head.sha !== headSha) {
    process.stdout.write(`#${pull_number} moved on (state ${pr.state}, head ${pr.head.sha.slice(0, 7)}); not approving ${headSha.slice(0, 7)}\n`);
    return;
  }
  const self = selfApproval(pr.user?.login, env.APPROVER_SLUG);
  if (self) {
    process.stdout.write(`::warning::${self}\n`);
    return;
  }
  await octokit.rest.pulls.createReview({
    owner,
    repo,
    pull_number,
    commit_id: headSha,
    event: "APPROVE",
    body: "Self-service change to an `enrollment: open` team: approved by the seats workflow. It merges when every required check passes.",
  });
  await octokit.graphql(
    `mutation($id: ID!, $method: PullRequestMergeMethod!) {
      enablePullRequestAutoMerge(input: { pullRequestId: $id, mergeMethod: $method }) { clientMutationId }
    }`,
    { id: pr.node_id, method },
  );
  process.stdout.write(`approved #${pull_number} at ${headSha.slice(0, 7)} and enabled auto-merge (${method.toLowerCase()})\n`);
}

if (isEntry(import.meta.url)) runMain(main);
