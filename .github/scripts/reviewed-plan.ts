// Which plan checksum `seats apply --checksum` must enforce for this run of seats-apply.yml:
// - push to main: the merged PR's sticky plan comment, which must have been computed for the PR's
//   final head commit; anything else (no PR, no plan, a plan for an older commit) stops the apply;
// - workflow_dispatch: the `checksum` input; left empty, apply runs without a checksum (an admin's
//   explicit choice, logged as a warning).
// Output: step outputs `checksum` (may be empty only for workflow_dispatch) and `pr`.
import { clientFromEnv, isEntry, repoFromEnv, requireEnv, runMain, setOutputs } from "./actions-io.js";
import { type CommentLike, DEFAULT_BOT, findPlanComment, parsePlanMeta } from "./plan-comment.js";

export interface MergedPullLike {
  number: number;
  merged_at: string | null;
  merge_commit_sha: string | null;
  head: { sha: string };
}

export type Reviewed = { ok: true; checksum: string; pr: number } | { ok: false; error: string };

/** The PR that `commitSha` merged: the one whose merge commit it is (squash, merge or rebase). */
export function mergedPullFor(prs: readonly MergedPullLike[], commitSha: string): MergedPullLike | undefined {
  return prs.find((p) => p.merged_at && p.merge_commit_sha === commitSha) ?? prs.find((p) => p.merged_at);
}

export function reviewedChecksum(pr: MergedPullLike | undefined, comments: readonly CommentLike[], bot: string, commitSha: string): Reviewed {
  const dispatch = "run seats-apply from the Actions tab (workflow_dispatch) with the checksum of a plan you reviewed";
  if (!pr) return { ok: false, error: `commit ${commitSha.slice(0, 7)} was not merged through a pull request, so no plan was reviewed; ${dispatch}` };
  const comment = findPlanComment(comments, bot);
  const meta = comment ? parsePlanMeta(comment.body ?? "") : undefined;
  if (!meta) return { ok: false, error: `#${pr.number} has no plan comment from ${bot}; ${dispatch}` };
  if (meta.head_sha !== pr.head.sha) {
    return {
      ok: false,
      error: `the plan on #${pr.number} was computed for ${meta.head_sha.slice(0, 7)}, but the PR merged ${pr.head.sha.slice(0, 7)}; ${dispatch}`,
    };
  }
  if (!meta.checksum) return { ok: false, error: `the plan on #${pr.number} failed, so there is no reviewed plan to apply; ${dispatch}` };
  return { ok: true, checksum: meta.checksum, pr: pr.number };
}

async function main(): Promise<void> {
  const env = process.env;
  if (env.GITHUB_EVENT_NAME === "workflow_dispatch") {
    const checksum = (env.INPUT_CHECKSUM ?? "").trim().toLowerCase();
    if (checksum && !/^[0-9a-f]{64}$/.test(checksum)) throw new Error("the checksum input must be 64 hex characters (the plan JSON's `checksum`)");
    if (!checksum) process.stdout.write("::warning::applying without --checksum: the current plan is applied as computed now\n");
    setOutputs(env, { checksum, pr: "" });
    return;
  }
  const { owner, repo } = repoFromEnv(env);
  const commitSha = requireEnv(env, "COMMIT_SHA");
  const octokit = clientFromEnv(env, false);
  const prs = (await octokit.paginate(octokit.rest.repos.listPullRequestsAssociatedWithCommit, {
    owner,
    repo,
    commit_sha: commitSha,
    per_page: 100,
  })) as MergedPullLike[];
  const pr = mergedPullFor(prs, commitSha);
  const comments = pr
    ? ((await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: pr.number, per_page: 100 })) as CommentLike[])
    : [];
  const r = reviewedChecksum(pr, comments, env.SEATS_COMMENT_BOT || DEFAULT_BOT, commitSha);
  if (!r.ok) throw new Error(r.error);
  process.stdout.write(`applying the plan reviewed on #${r.pr} (checksum ${r.checksum})\n`);
  setOutputs(env, { checksum: r.checksum, pr: String(r.pr) });
}

if (isEntry(import.meta.url)) runMain(main);
