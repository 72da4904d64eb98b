// Which pull request a completed `seats-pr` run belongs to. `workflow_run.pull_requests` is empty
// for PRs from forks, so the PR is looked up by its head (owner:branch) and must still point at
// the exact commit that run checked; a newer push gets its own run.
// Outputs: `number`, `author`, `author_type`, `base_ref`, `head_sha`, `head_ref`, `head_repo`
// (owner/name; a fork's differs from this repository), or `skip=true` with a reason.
import { clientFromEnv, isEntry, readEvent, repoFromEnv, runMain, setOutputs } from "./actions-io.js";

export interface PullLike {
  number: number;
  state: string;
  head: { sha: string; ref?: string; repo?: { full_name: string } | null };
  base: { ref: string };
  user: { login: string; type?: string } | null;
}

export function pickPullRequest(prs: readonly PullLike[], headSha: string): PullLike | undefined {
  return prs.find((p) => p.state === "open" && p.head.sha === headSha);
}

interface RunEvent {
  workflow_run: {
    head_sha: string;
    head_branch: string | null;
    head_repository: { owner: { login: string } } | null;
    pull_requests?: { number: number }[];
  };
}

async function main(): Promise<void> {
  const env = process.env;
  const { owner, repo } = repoFromEnv(env);
  const run = readEvent<RunEvent>(env).workflow_run;
  const octokit = clientFromEnv(env, false);
  const headOwner = run.head_repository?.owner.login;
  let prs: PullLike[] = [];
  if (headOwner && run.head_branch) {
    prs = (await octokit.paginate(octokit.rest.pulls.list, {
      owner,
      repo,
      state: "open",
      head: `${headOwner}:${run.head_branch}`,
      per_page: 100,
    })) as PullLike[];
  }
  const pr = pickPullRequest(prs, run.head_sha);
  if (!pr) {
    setOutputs(env, { skip: "true" });
    process.stdout.write(`no open pull request has head ${run.head_sha} any more (a newer push has its own run); nothing to do\n`);
    return;
  }
  setOutputs(env, {
    skip: "false",
    number: String(pr.number),
    author: pr.user?.login ?? "",
    author_type: pr.user?.type ?? "User",
    base_ref: pr.base.ref,
    head_sha: pr.head.sha,
    head_ref: pr.head.ref ?? "",
    head_repo: pr.head.repo?.full_name ?? "",
  });
}

if (isEntry(import.meta.url)) runMain(main);
