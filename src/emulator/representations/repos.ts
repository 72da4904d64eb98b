// `repository`, `full-repository`, git refs, commits and trees, and contents entries.
import { nodeId } from "../ids.js";
import type { RepoState } from "../repos.js";
import { userJson } from "./people.js";
import type { View } from "./view.js";

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

export function ownerJson(v: View, r: RepoState): Record<string, unknown> {
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
