// JSON shapes of GitHub's REST resources, built to validate against the published OpenAPI
// schemas (simple-user, team, team-full, copilot-seat-details, git-ref, pull-request, ...).
// Every URL points at the emulator's own origin (`base`), so clients that follow them stay local.
import { appOfBotLogin, botUserJson } from "./identities.js";
import { nodeId } from "./ids.js";
import type { PullRec, RepoState } from "./repos.js";
import type { EmulatorState, SeatRec, TeamRec, UserRec } from "./state.js";

export interface View {
  base: string;
  state: EmulatorState;
}

export function userJson(v: View, u: UserRec): Record<string, unknown> {
  const api = `${v.base}/users/${u.login}`;
  return {
    login: u.login,
    id: u.id,
    node_id: nodeId("User", u.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: `${v.base}/${u.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: "User",
    site_admin: false,
    user_view_type: "public",
  };
}

export function userByKey(v: View, login: string): Record<string, unknown> {
  const app = appOfBotLogin(v.state, login);
  if (app) return botUserJson(v, app);
  const u = v.state.user(login) ?? { login, id: 0 };
  return userJson(v, u);
}

export function orgSimpleJson(v: View): Record<string, unknown> {
  const o = v.state.org;
  const api = `${v.base}/orgs/${o.login}`;
  return {
    login: o.login,
    id: o.id,
    node_id: nodeId("Organization", o.id),
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${o.id}?v=4`,
    description: null,
  };
}

function teamOrganizationJson(v: View): Record<string, unknown> {
  const o = v.state.org;
  return {
    ...orgSimpleJson(v),
    name: o.login,
    is_verified: false,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    html_url: `${v.base}/${o.login}`,
    created_at: o.created_at,
    updated_at: o.created_at,
    archived_at: null,
    type: "Organization",
  };
}

function teamUrls(v: View, t: TeamRec): Record<string, string> {
  const api = `${v.base}/organizations/${v.state.org.id}/team/${t.id}`;
  return {
    url: api,
    html_url: `${v.base}/orgs/${v.state.org.login}/teams/${t.slug}`,
    members_url: `${api}/members{/member}`,
    repositories_url: `${api}/repos`,
  };
}

/** `team-simple` (used for `parent`). */
export function teamSimpleJson(v: View, t: TeamRec): Record<string, unknown> {
  return {
    id: t.id,
    node_id: nodeId("Team", t.id),
    ...teamUrls(v, t),
    name: t.name,
    slug: t.slug,
    description: t.description,
    privacy: t.privacy,
    notification_setting: t.notification_setting,
    permission: t.permission,
    type: "organization",
    organization_id: v.state.org.id,
  };
}

/** `team` (lists, `assigning_team`, `requested_teams`). */
export function teamJson(v: View, t: TeamRec): Record<string, unknown> {
  const parent = t.parentId === null ? undefined : v.state.teams.get(t.parentId);
  return { ...teamSimpleJson(v, t), parent: parent ? teamSimpleJson(v, parent) : null };
}

/** `team-full` (get, create, update). */
export function teamFullJson(v: View, t: TeamRec): Record<string, unknown> {
  const parent = t.parentId === null ? undefined : v.state.teams.get(t.parentId);
  return {
    ...teamSimpleJson(v, t),
    parent: parent ? teamSimpleJson(v, parent) : null,
    members_count: v.state.deepMembers(t).size,
    repos_count: 0,
    created_at: t.created_at,
    updated_at: t.updated_at,
    organization: teamOrganizationJson(v),
  };
}

/** `copilot-seat-details`: additionalProperties is false, so exactly these keys. */
export function seatJson(v: View, seat: SeatRec): Record<string, unknown> {
  const team = v.state.assigningTeam(seat);
  return {
    created_at: seat.created_at,
    assignee: userByKey(v, seat.key),
    organization: orgSimpleJson(v),
    assigning_team: team ? teamJson(v, team) : null,
    pending_cancellation_date: seat.pending_cancellation_date,
    last_activity_at: seat.last_activity_at,
    last_activity_editor: seat.last_activity_editor,
    last_authenticated_at: seat.last_authenticated_at,
    updated_at: seat.created_at,
    plan_type: seat.plan_type,
  };
}

// ------------------------------------------------------------------ repositories and git

function repoUrls(v: View, r: RepoState): Record<string, unknown> {
  const api = `${v.base}/repos/${r.fullName}`;
  const t = (s: string) => `${api}/${s}`;
  return {
    url: api,
    html_url: `${v.base}/${r.fullName}`,
    archive_url: t("{archive_format}{/ref}"),
    assignees_url: t("assignees{/user}"),
    blobs_url: t("git/blobs{/sha}"),
    branches_url: t("branches{/branch}"),
    collaborators_url: t("collaborators{/collaborator}"),
    comments_url: t("comments{/number}"),
    commits_url: t("commits{/sha}"),
    compare_url: t("compare/{base}...{head}"),
    contents_url: t("contents/{+path}"),
    contributors_url: t("contributors"),
    deployments_url: t("deployments"),
    downloads_url: t("downloads"),
    events_url: t("events"),
    forks_url: t("forks"),
    git_commits_url: t("git/commits{/sha}"),
    git_refs_url: t("git/refs{/sha}"),
    git_tags_url: t("git/tags{/sha}"),
    hooks_url: t("hooks"),
    issue_comment_url: t("issues/comments{/number}"),
    issue_events_url: t("issues/events{/number}"),
    issues_url: t("issues{/number}"),
    keys_url: t("keys{/key_id}"),
    labels_url: t("labels{/name}"),
    languages_url: t("languages"),
    merges_url: t("merges"),
    milestones_url: t("milestones{/number}"),
    notifications_url: t("notifications{?since,all,participating}"),
    pulls_url: t("pulls{/number}"),
    releases_url: t("releases{/id}"),
    stargazers_url: t("stargazers"),
    statuses_url: t("statuses/{sha}"),
    subscribers_url: t("subscribers"),
    subscription_url: t("subscription"),
    tags_url: t("tags"),
    teams_url: t("teams"),
    trees_url: t("git/trees{/sha}"),
    git_url: `${v.base.replace(/^http/, "git")}/${r.fullName}.git`,
    ssh_url: `git@${new URL(v.base).host}:${r.fullName}.git`,
    clone_url: `${v.base}/${r.fullName}.git`,
    svn_url: `${v.base}/${r.fullName}`,
    mirror_url: null,
  };
}

function ownerJson(v: View, r: RepoState): Record<string, unknown> {
  if (r.owner.toLowerCase() === v.state.org.login.toLowerCase()) {
    const o = v.state.org;
    return { ...userJson(v, { login: o.login, id: o.id }), node_id: nodeId("Organization", o.id), type: "Organization" };
  }
  return userJson(v, v.state.user(r.owner) ?? { login: r.owner, id: 0 });
}

/** `repository` (inside pull-request head/base). */
export function repositoryJson(v: View, r: RepoState): Record<string, unknown> {
  const open = r.pulls.filter((p) => p.state === "open").length;
  return {
    id: r.id,
    node_id: nodeId("Repository", r.id),
    name: r.name,
    full_name: r.fullName,
    owner: ownerJson(v, r),
    private: true,
    description: null,
    fork: false,
    ...repoUrls(v, r),
    homepage: null,
    language: null,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: r.defaultBranch,
    open_issues: open,
    open_issues_count: open,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: "private",
    license: null,
    pushed_at: r.createdAt,
    created_at: r.createdAt,
    updated_at: r.createdAt,
    allow_forking: false,
    web_commit_signoff_required: false,
  };
}

/** `full-repository` (GET /repos/{owner}/{repo}). */
export function fullRepositoryJson(v: View, r: RepoState): Record<string, unknown> {
  const isOrg = r.owner.toLowerCase() === v.state.org.login.toLowerCase();
  return {
    ...repositoryJson(v, r),
    network_count: 0,
    subscribers_count: 0,
    permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
    allow_merge_commit: true,
    allow_squash_merge: true,
    allow_rebase_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    ...(isOrg ? { organization: ownerJson(v, r) } : {}),
  };
}

export function gitRefJson(v: View, r: RepoState, ref: string, sha: string): Record<string, unknown> {
  const type = r.store.typeOf(sha) ?? "commit";
  return {
    ref,
    node_id: nodeId("Ref", `${r.id}:${ref}`),
    url: `${v.base}/repos/${r.fullName}/git/${ref}`,
    object: { type, sha, url: `${v.base}/repos/${r.fullName}/git/${type}s/${sha}` },
  };
}

const UNSIGNED = { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null };

export function gitCommitJson(v: View, r: RepoState, sha: string): Record<string, unknown> {
  const c = r.store.readCommit(sha);
  const api = `${v.base}/repos/${r.fullName}`;
  return {
    sha,
    node_id: nodeId("Commit", `${r.id}:${sha}`),
    url: `${api}/git/commits/${sha}`,
    html_url: `${v.base}/${r.fullName}/commit/${sha}`,
    author: c.author,
    committer: c.committer,
    message: c.message,
    tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
    parents: c.parents.map((p) => ({ sha: p, url: `${api}/git/commits/${p}`, html_url: `${v.base}/${r.fullName}/commit/${p}` })),
    verification: UNSIGNED,
  };
}

export function gitTreeJson(v: View, r: RepoState, sha: string, recursive: boolean): Record<string, unknown> {
  const api = `${v.base}/repos/${r.fullName}`;
  const entries: Record<string, unknown>[] = [];
  const walk = (treeSha: string, prefix: string) => {
    for (const e of r.store.readTree(treeSha)) {
      const path = prefix ? `${prefix}/${e.name}` : e.name;
      const entry: Record<string, unknown> = { path, mode: e.mode, type: e.type, sha: e.sha };
      if (e.type === "blob") {
        entry.size = r.store.get(e.sha)?.data.length ?? 0;
        entry.url = `${api}/git/blobs/${e.sha}`;
      } else if (e.type === "tree") entry.url = `${api}/git/trees/${e.sha}`;
      entries.push(entry);
      if (recursive && e.type === "tree") walk(e.sha, path);
    }
  };
  walk(sha, "");
  return { sha, url: `${api}/git/trees/${sha}`, tree: entries, truncated: false };
}

function contentLinks(v: View, r: RepoState, path: string, sha: string, ref: string, type: "blob" | "tree") {
  const api = `${v.base}/repos/${r.fullName}`;
  const self = `${api}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const git = `${api}/git/${type}s/${sha}`;
  const html = `${v.base}/${r.fullName}/${type}/${ref}/${path}`;
  return { url: self, git_url: git, html_url: html, _links: { self, git, html } };
}

export function contentFileJson(v: View, r: RepoState, path: string, sha: string, ref: string, withContent: boolean): Record<string, unknown> {
  const data = r.store.get(sha)!.data;
  const base64 = data.toString("base64").replace(/(.{60})/g, "$1\n");
  const out: Record<string, unknown> = {
    type: "file",
    name: path.split("/").pop()!,
    path,
    sha,
    size: data.length,
    ...contentLinks(v, r, path, sha, ref, "blob"),
    download_url: `${v.base}/${r.fullName}/raw/${ref}/${path}`,
  };
  if (withContent) {
    out.encoding = "base64";
    out.content = base64.endsWith("\n") || base64 === "" ? base64 : `${base64}\n`;
  }
  return out;
}

export function contentDirEntryJson(v: View, r: RepoState, path: string, sha: string, type: "blob" | "tree", ref: string): Record<string, unknown> {
  if (type === "blob") return contentFileJson(v, r, path, sha, ref, false);
  return {
    type: "dir",
    name: path.split("/").pop()!,
    path,
    sha,
    size: 0,
    ...contentLinks(v, r, path, sha, ref, "tree"),
    download_url: null,
  };
}

// ------------------------------------------------------------------ pulls, labels, comments

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
