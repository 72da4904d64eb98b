// Steps about the pull request: which one a workflow_run is for, whose change it is, who approved.
import { listAll } from "../../github/read.js";
import { clientFromEnv, optionalEnv, prNumberFromEnv, readEvent, repoFromEnv, requireEnv } from "../actions-io.js";
import { type CommitLike, reviewAuthor, type ReviewAuthor } from "../author.js";
import { type PullLike, pullForRun } from "../pulls.js";
import { approversFromReviews, type ReviewLike } from "../reviews.js";
import type { Env } from "../actions-io.js";
import type { GitHubClient } from "../../github/client.js";
import type { Step } from "./context.js";

interface RunEvent {
  workflow_run: {
    head_sha: string;
    head_branch: string | null;
    head_repository: { owner: { login: string } } | null;
  };
  repository?: { default_branch?: string };
}

export const prForRunStep: Step = {
  name: "pr-for-run",
  summary: "the open PR into the default branch that a completed seats-pr run checked",
  usage: "env: GITHUB_EVENT_PATH (workflow_run), GITHUB_REPOSITORY, GITHUB_TOKEN (pull requests: read)\noutputs: skip, number, author, author_type, base_ref, head_sha, head_ref, head_repo",
  async run(ctx) {
    const { owner, repo } = repoFromEnv(ctx.env);
    const event = readEvent<RunEvent>(ctx.env);
    const run = event.workflow_run;
    const defaultBranch = event.repository?.default_branch ?? requireEnv(ctx.env, "DEFAULT_BRANCH");
    const headOwner = run.head_repository?.owner.login;
    let prs: PullLike[] = [];
    if (headOwner && run.head_branch) {
      const client = clientFromEnv(ctx.env);
      prs = await listAll<PullLike>(client, "GET /repos/{owner}/{repo}/pulls", { owner, repo, state: "open", head: `${headOwner}:${run.head_branch}`, base: defaultBranch });
    }
    const pick = pullForRun(prs, run.head_sha, defaultBranch);
    if (!pick.pr) {
      ctx.output({ skip: "true" });
      ctx.io.out(`${pick.why}; nothing to do`);
      return 0;
    }
    const pr = pick.pr;
    ctx.output({
      skip: "false",
      number: String(pr.number),
      author: pr.user?.login ?? "",
      author_type: pr.user?.type ?? "User",
      base_ref: pr.base.ref,
      head_sha: pr.head.sha,
      head_ref: pr.head.ref ?? "",
      head_repo: pr.head.repo?.full_name ?? "",
    });
    return 0;
  },
};

/** Whose change the PR is (src/ci/author.ts), reading its commits. */
export async function authorOfPull(client: GitHubClient, env: Env, botLogin: string | undefined): Promise<ReviewAuthor> {
  const { owner, repo } = repoFromEnv(env);
  const pull_number = prNumberFromEnv(env);
  const commits = await listAll<CommitLike>(client, "GET /repos/{owner}/{repo}/pulls/{pull_number}/commits", { owner, repo, pull_number });
  return reviewAuthor({
    login: requireEnv(env, "PR_AUTHOR"),
    type: optionalEnv(env, "PR_AUTHOR_TYPE") ?? "User",
    headRef: env.HEAD_REF ?? "",
    headRepo: env.HEAD_REPO ?? "",
    baseRepo: `${owner}/${repo}`,
    botLogin,
    commits,
  });
}

/** The pipeline's PR-bot login from its App slug (`SEATS_BOT_APP_SLUG` → `<slug>[bot]`). */
export function botLoginFromEnv(env: Env): string | undefined {
  const slug = optionalEnv(env, "SEATS_BOT_APP_SLUG");
  return slug ? `${slug.replace(/\[bot\]$/, "")}[bot]` : undefined;
}

export const authorStep: Step = {
  name: "author",
  summary: "whose change the PR is, for seats validate --author (from who opened it and who made its commits)",
  usage: "env: PR_NUMBER, PR_AUTHOR, PR_AUTHOR_TYPE, HEAD_REF, HEAD_REPO, GITHUB_REPOSITORY, GITHUB_TOKEN (pull requests: read), SEATS_BOT_APP_SLUG (optional)\noutputs: author (empty: nobody), why",
  async run(ctx) {
    const r = await authorOfPull(clientFromEnv(ctx.env), ctx.env, botLoginFromEnv(ctx.env));
    ctx.io.out(`review author: ${r.why}`);
    ctx.output({ author: r.author ?? "", why: r.why });
    return 0;
  },
};

export async function approversOfPull(client: GitHubClient, env: Env, exclude: string[], headSha: string | undefined): Promise<string[]> {
  const { owner, repo } = repoFromEnv(env);
  const reviews = await listAll<ReviewLike>(client, "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews", { owner, repo, pull_number: prNumberFromEnv(env) });
  return approversFromReviews(reviews, { exclude, headSha });
}

export const approversStep: Step = {
  name: "approvers",
  summary: "who approved the PR at its head commit, for seats validate --approvers",
  usage: "env: PR_NUMBER, PR_AUTHOR, REVIEW_AUTHOR, HEAD_SHA (optional), GITHUB_REPOSITORY, GITHUB_TOKEN (pull requests: read)\noutputs: approvers (comma-separated)",
  async run(ctx) {
    const exclude = [requireEnv(ctx.env, "PR_AUTHOR"), ctx.env.REVIEW_AUTHOR ?? ""];
    const approvers = await approversOfPull(clientFromEnv(ctx.env), ctx.env, exclude, optionalEnv(ctx.env, "HEAD_SHA"));
    ctx.output({ approvers: approvers.join(",") });
    return 0;
  },
};
