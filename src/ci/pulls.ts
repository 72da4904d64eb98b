// Which pull request a workflow run is about. Pure choices over API listings, so the rules that
// keep the pipeline on the right PR are tested as data:
// - a completed seats-pr run belongs to the open PR into the default branch whose head is the
//   exact commit that run checked (`workflow_run.pull_requests` is empty for PRs from forks, so
//   the PR is looked up by `owner:branch`); a newer push has its own run;
// - a push to the default branch applies the plan of the PR that this commit merged, and of no
//   other (a commit can belong to several PRs; only the one whose merge commit it is counts).

export interface PullLike {
  number: number;
  state: string;
  head: { sha: string; ref?: string; repo?: { full_name: string } | null };
  base: { ref: string };
  user: { login: string; type?: string } | null;
  merged_at?: string | null;
  merge_commit_sha?: string | null;
}

export type Pick<T> = { pr: T; why?: undefined } | { pr: undefined; why: string };

export function pullForRun<T extends PullLike>(prs: readonly T[], headSha: string, defaultBranch: string): Pick<T> {
  const open = prs.filter((p) => p.state === "open" && p.head.sha === headSha);
  const pr = open.find((p) => p.base.ref === defaultBranch);
  if (pr) return { pr };
  if (open.length) {
    return { pr: undefined, why: `#${open[0]!.number} merges into ${open[0]!.base.ref}, not the default branch ${defaultBranch}: seat changes are planned and approved only for PRs into ${defaultBranch}` };
  }
  return { pr: undefined, why: `no open pull request has head ${headSha.slice(0, 7)} any more (a newer push has its own run)` };
}

export function mergedPullFor<T extends PullLike>(prs: readonly T[], commitSha: string, defaultBranch: string): T | undefined {
  return prs.find((p) => p.merged_at && p.merge_commit_sha === commitSha && p.base.ref === defaultBranch);
}
