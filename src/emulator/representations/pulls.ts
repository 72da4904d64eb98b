// `pull-request-simple`, `pull-request`, labels and issue comments.
import { nodeId } from "../ids.js";
import type { PullRec, RepoState } from "../repos.js";
import { userByKey } from "./people.js";
import { ownerJson, repositoryJson } from "./repos.js";
import { teamJson } from "./teams-seats.js";
import type { View } from "./view.js";

export function labelJson(v: View, r: RepoState, id: number): Record<string, unknown> {
  const l = r.labels.find((x) => x.id === id)!;
  return {
    id: l.id,
    node_id: nodeId("Label", l.id),
    url: `${v.base}/repos/${r.fullName}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    description: l.description,
    color: l.color,
    default: false,
  };
}

function branchJson(v: View, r: RepoState, ref: string, sha: string): Record<string, unknown> {
  return { label: `${r.owner}:${ref}`, ref, sha, user: ownerJson(v, r), repo: repositoryJson(v, r) };
}

/** `pull-request-simple` (list, requested_reviewers). */
export function pullSimpleJson(v: View, r: RepoState, pr: PullRec): Record<string, unknown> {
  const api = `${v.base}/repos/${r.fullName}`;
  const html = `${v.base}/${r.fullName}/pull/${pr.number}`;
  const issue = `${api}/issues/${pr.number}`;
  const self = `${api}/pulls/${pr.number}`;
  const statuses = `${api}/statuses/${pr.headSha}`;
  return {
    url: self,
    id: pr.id,
    node_id: nodeId("PullRequest", pr.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issue,
    commits_url: `${self}/commits`,
    review_comments_url: `${self}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${issue}/comments`,
    statuses_url: statuses,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: userByKey(v, pr.user),
    body: pr.body,
    labels: pr.labels.map((id) => labelJson(v, r, id)),
    milestone: null,
    active_lock_reason: null,
    created_at: pr.created_at,
    updated_at: pr.updated_at,
    closed_at: pr.closed_at,
    merged_at: pr.merged_at,
    merge_commit_sha: pr.merge_commit_sha,
    assignee: null,
    assignees: [],
    requested_reviewers: pr.requested_reviewers.map((l) => userByKey(v, l)),
    requested_teams: pr.requested_teams.map((id) => v.state.teams.get(id)).filter((t) => t !== undefined).map((t) => teamJson(v, t)),
    head: branchJson(v, r, pr.headRef, pr.headSha),
    base: branchJson(v, r, pr.baseRef, pr.baseSha),
    _links: {
      self: { href: self },
      html: { href: html },
      issue: { href: issue },
      comments: { href: `${issue}/comments` },
      review_comments: { href: `${self}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${self}/commits` },
      statuses: { href: statuses },
    },
    author_association: "MEMBER",
    auto_merge: null,
    draft: pr.draft,
  };
}

/** `pull-request` (create, get, update). */
export function pullJson(v: View, r: RepoState, pr: PullRec): Record<string, unknown> {
  const open = pr.state === "open";
  const commits = open || !pr.merged_at ? r.commitsBetween(pr.baseSha, pr.headSha) : [];
  const files = r.store.has(pr.baseSha) && r.store.has(pr.headSha) ? r.changedFiles(r.store.mergeBase(pr.baseSha, pr.headSha) ?? pr.baseSha, pr.headSha) : [];
  return {
    ...pullSimpleJson(v, r, pr),
    merged: pr.merged_at !== null,
    mergeable: open ? true : null,
    rebaseable: open ? true : null,
    mergeable_state: open ? "clean" : "unknown",
    merged_by: pr.merged_by ? userByKey(v, pr.merged_by) : null,
    comments: r.comments.filter((c) => c.issue === pr.number).length,
    review_comments: 0,
    maintainer_can_modify: pr.maintainer_can_modify,
    commits: commits.length,
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
    changed_files: files.length,
  };
}

export function commentJson(v: View, r: RepoState, id: number): Record<string, unknown> {
  const c = r.comments.find((x) => x.id === id)!;
  const api = `${v.base}/repos/${r.fullName}`;
  return {
    id: c.id,
    node_id: nodeId("IssueComment", c.id),
    url: `${api}/issues/comments/${c.id}`,
    html_url: `${v.base}/${r.fullName}/pull/${c.issue}#issuecomment-${c.id}`,
    body: c.body,
    user: userByKey(v, c.user),
    created_at: c.created_at,
    updated_at: c.updated_at,
    issue_url: `${api}/issues/${c.issue}`,
    author_association: "MEMBER",
    performed_via_github_app: null,
    reactions: {
      url: `${api}/issues/comments/${c.id}/reactions`,
      total_count: 0,
      "+1": 0,
      "-1": 0,
      laugh: 0,
      confused: 0,
      heart: 0,
      hooray: 0,
      eyes: 0,
      rocket: 0,
    },
  };
}
