// One bot pull request on one fixed branch. Used by `seats reclaim` (deletions) and `seats request
// --open-pr` (one write).
//
//   read base ref → base commit (its tree) → check deleted paths exist → one tree (all changes
//   on base_tree) → one commit → create or force-update the branch ref → find the open PR by
//   head → create it or update its title/body → add missing labels, remove those no longer due.
//
// The commit half is git-data.ts; this module finds, opens, updates, labels and closes the PR.
import { commitToBranch, type CommitResult, type CommitSpec, type KnownBase } from "./git-data.js";
import { httpStatus, type GitHubClient } from "./client.js";

// What callers of the PR also need from the commit half.
export { existingFiles, type FileChange, getBaseHead, getBranchSha, readFileAt } from "./git-data.js";

export interface PullRequestSpec extends CommitSpec {
  title: string;
  body: string;
  labels?: readonly string[];
  /** Labels to take off the PR when it carries them (a label that no longer applies). */
  removeLabels?: readonly string[];
  draft?: boolean;
}
export interface PullSummary {
  number: number;
  html_url: string;
  title: string;
  body: string;
  labels: string[];
  head_sha: string;
}
export interface PullRequestResult extends CommitResult {
  action: "created" | "updated" | "unchanged";
  pull: PullSummary;
}
function toSummary(p: {
  number: number;
  html_url: string;
  title: string;
  body?: string | null;
  labels?: ({ name?: string } | string)[];
  head: { sha: string };
}): PullSummary {
  return {
    number: p.number,
    html_url: p.html_url,
    title: p.title,
    body: p.body ?? "",
    labels: (p.labels ?? []).map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter(Boolean),
    head_sha: p.head.sha,
  };
}

/** The open PR whose head is `owner:branch` (GitHub's `head` filter), or undefined. */
export async function findOpenPull(client: GitHubClient, owner: string, repo: string, branch: string, base?: string): Promise<PullSummary | undefined> {
  const { data } = await client.request("GET /repos/{owner}/{repo}/pulls", {
    owner,
    repo,
    head: `${owner}:${branch}`,
    state: "open",
    per_page: 100,
    ...(base ? { base } : {}),
  });
  // Oldest first: if a human ever opened a second PR from the branch, keep updating the original.
  const open = data.filter((p) => p.head.ref === branch).sort((a, b) => a.number - b.number);
  return open[0] ? toSummary(open[0]) : undefined;
}

/** Adds the labels the PR lacks (GitHub creates unknown labels); one request at most. */
async function ensureLabels(client: GitHubClient, owner: string, repo: string, pull: PullSummary, labels: readonly string[]): Promise<string[]> {
  const have = new Set(pull.labels.map((l) => l.toLowerCase()));
  const missing = labels.filter((l) => !have.has(l.toLowerCase()));
  if (!missing.length) return pull.labels;
  const { data } = await client.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", {
    owner,
    repo,
    issue_number: pull.number,
    labels: missing,
  });
  return data.map((l) => l.name);
}

/**
 * Removes the labels the PR carries among `labels`, one request each (GitHub has no batch
 * removal). A 404 means the label is already gone (someone removed it by hand): not an error.
 */
async function dropLabels(client: GitHubClient, owner: string, repo: string, pull: PullSummary, labels: readonly string[]): Promise<string[]> {
  const unwanted = new Set(labels.map((l) => l.toLowerCase()));
  let left = pull.labels;
  for (const name of pull.labels.filter((l) => unwanted.has(l.toLowerCase()))) {
    try {
      const { data } = await client.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", { owner, repo, issue_number: pull.number, name });
      left = data.map((l) => l.name);
    } catch (err) {
      if (httpStatus(err) !== 404) throw err;
      left = left.filter((l) => l.toLowerCase() !== name.toLowerCase());
    }
  }
  return left;
}

/**
 * Commits `changes` onto `branch` and opens the PR, or updates the open one (never a second PR).
 * Returns undefined when no change is left to commit (the caller decides whether to close).
 */
export async function openOrUpdatePullRequest(
  client: GitHubClient,
  spec: PullRequestSpec,
  known: KnownBase & { pull?: PullSummary | null } = {},
): Promise<PullRequestResult | undefined> {
  const { owner, repo, base, branch } = spec;
  const commit = await commitToBranch(client, spec, known);
  if (!commit) return undefined;
  // `pull: null` means the caller already looked and found none.
  let existing = known.pull === undefined ? await findOpenPull(client, owner, repo, branch) : (known.pull ?? undefined);
  let created: PullSummary | undefined;
  if (!existing) {
    try {
      const { data } = await client.request("POST /repos/{owner}/{repo}/pulls", {
        owner,
        repo,
        title: spec.title,
        body: spec.body,
        head: branch,
        base,
        ...(spec.draft ? { draft: true } : {}),
      });
      created = toSummary(data);
    } catch (err) {
      // 422 "A pull request already exists for owner:branch": opened concurrently, or a retried
      // POST whose first response was lost. Update that one instead (never a second PR).
      if (httpStatus(err) !== 422) throw err;
      existing = await findOpenPull(client, owner, repo, branch);
      if (!existing) throw err;
    }
  }
  let pull: PullSummary;
  let action: PullRequestResult["action"];
  if (created) {
    pull = created;
    action = "created";
  } else if (existing!.title !== spec.title || existing!.body !== spec.body) {
    const { data } = await client.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", {
      owner,
      repo,
      pull_number: existing!.number,
      title: spec.title,
      body: spec.body,
    });
    pull = { ...toSummary(data), labels: existing!.labels };
    action = "updated";
  } else {
    pull = existing!;
    action = commit.unchanged ? "unchanged" : "updated";
  }
  if (spec.labels?.length) pull = { ...pull, labels: await ensureLabels(client, owner, repo, pull, spec.labels) };
  if (spec.removeLabels?.length) pull = { ...pull, labels: await dropLabels(client, owner, repo, pull, spec.removeLabels) };
  return { ...commit, action, pull: { ...pull, head_sha: commit.commit_sha } };
}

/** Leaves a comment and closes the PR; the branch is kept (the next run force-updates it). */
export async function closePullRequest(client: GitHubClient, owner: string, repo: string, number: number, comment: string): Promise<void> {
  await client.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner, repo, issue_number: number, body: comment });
  await client.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", { owner, repo, pull_number: number, state: "closed" });
}
