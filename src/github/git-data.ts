// The Git Data side of the bot pull request (docs/workflows.md): read a branch and the base head,
// check which paths exist, and build one commit with every change on the current base, pointing
// the bot's branch at it. Also the one file read at a ref (the contents API).
//
// The request count is the same for 1 or 10,000 changed files: the tree carries every change in
// one POST, and the existence check lists the touched directories (one recursive listing per
// top-level folder; one listing per directory only if GitHub truncates it).
// Every run rebuilds the branch as one commit on the current base, so the PR never drifts from
// the base and never accumulates history. A run that would produce the same tree on the same
// base leaves the branch alone (no force-push, no notification).
import { UserError } from "../errors.js";
import { compareStrings } from "../text.js";
import { httpStatus, type GitHubClient } from "./client.js";

export interface FileChange {
  /** Repository path with forward slashes, no leading slash. */
  path: string;
  /** New UTF-8 content, or null to delete the file. */
  content: string | null;
}
/** What one bot commit needs: where, on which base, on which branch, with which changes. */
export interface CommitSpec {
  owner: string;
  repo: string;
  /** Branch the PR merges into (its current head is the commit's parent). */
  base: string;
  /** Fixed branch the bot owns; rebuilt on every run. */
  branch: string;
  /** Commit message. */
  message: string;
  changes: readonly FileChange[];
}

export interface CommitResult {
  base_sha: string;
  /** The branch head after the run (unchanged when `unchanged`). */
  commit_sha: string;
  /** True when the branch already held exactly this tree on this base. */
  unchanged: boolean;
  /** True when the branch ref was created by this run. */
  created_branch: boolean;
  /** Deletions dropped because the path does not exist on the base branch. */
  missing: string[];
  /** Changes that made it into the commit. */
  applied: FileChange[];
}
/** Normalizes a path and rejects ones a tree entry cannot hold. */
export function checkPath(p: string): string {
  const parts = p.split("/");
  if (!p || p.startsWith("/") || p.endsWith("/") || parts.some((s) => s === "" || s === "." || s === "..")) {
    throw new UserError(`cannot commit "${p}": paths must be relative, with no empty, "." or ".." segments`);
  }
  return p;
}

/**
 * The commit sha a branch points at, or undefined when it does not exist (404: the bot's first
 * run). `GET /git/ref/{ref}` is the documented single-ref read; the client does not log the
 * expected 404.
 */
export async function getBranchSha(client: GitHubClient, owner: string, repo: string, branch: string): Promise<string | undefined> {
  try {
    const { data } = await client.request("GET /repos/{owner}/{repo}/git/ref/{ref}", { owner, repo, ref: `heads/${branch}` });
    return data.object.sha;
  } catch (err) {
    if (httpStatus(err) === 404) return undefined;
    throw err;
  }
}

async function getCommit(client: GitHubClient, owner: string, repo: string, sha: string): Promise<{ tree: string; parents: string[] }> {
  const { data } = await client.request("GET /repos/{owner}/{repo}/git/commits/{commit_sha}", { owner, repo, commit_sha: sha });
  return { tree: data.tree.sha, parents: data.parents.map((p) => p.sha) };
}

interface TreeEntry {
  path: string;
  type: string;
  sha: string;
}

async function getTree(client: GitHubClient, owner: string, repo: string, sha: string, recursive: boolean): Promise<{ entries: TreeEntry[]; truncated: boolean }> {
  const { data } = await client.request("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", {
    owner,
    repo,
    tree_sha: sha,
    ...(recursive ? { recursive: "1" } : {}),
  });
  return {
    entries: data.tree.map((e) => ({ path: e.path ?? "", type: e.type ?? "", sha: e.sha ?? "" })),
    truncated: data.truncated === true,
  };
}

/**
 * Which of `paths` exist as files in the tree `rootTree`. Costs one listing of the root plus one
 * recursive listing per distinct top-level folder; when GitHub truncates a recursive listing
 * (over 100,000 entries or 7 MB), it walks down to each touched directory instead.
 */
export async function existingFiles(client: GitHubClient, owner: string, repo: string, rootTree: string, paths: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (!paths.length) return found;
  const root = await getTree(client, owner, repo, rootTree, false);
  const rootBlobs = new Set(root.entries.filter((e) => e.type === "blob").map((e) => e.path));
  const byTop = new Map<string, string[]>();
  for (const p of paths) {
    const i = p.indexOf("/");
    if (i < 0) {
      if (rootBlobs.has(p)) found.add(p);
      continue;
    }
    const top = p.slice(0, i);
    const list = byTop.get(top);
    if (list) list.push(p.slice(i + 1));
    else byTop.set(top, [p.slice(i + 1)]);
  }
  for (const [top, rels] of byTop) {
    const dir = root.entries.find((e) => e.path === top && e.type === "tree");
    if (!dir) continue;
    const listing = await getTree(client, owner, repo, dir.sha, true);
    if (!listing.truncated) {
      const blobs = new Set(listing.entries.filter((e) => e.type === "blob").map((e) => e.path));
      for (const r of rels) if (blobs.has(r)) found.add(`${top}/${r}`);
      continue;
    }
    // Truncated: list each touched directory on its own (one request per directory, not per file).
    for (const p of await walkDirectories(client, owner, repo, dir.sha, rels)) found.add(`${top}/${p}`);
  }
  return found;
}

async function walkDirectories(client: GitHubClient, owner: string, repo: string, treeSha: string, rels: readonly string[]): Promise<string[]> {
  const here = await getTree(client, owner, repo, treeSha, false);
  const blobs = new Set(here.entries.filter((e) => e.type === "blob").map((e) => e.path));
  const out: string[] = [];
  const sub = new Map<string, string[]>();
  for (const r of rels) {
    const i = r.indexOf("/");
    if (i < 0) {
      if (blobs.has(r)) out.push(r);
    } else {
      const d = r.slice(0, i);
      const list = sub.get(d);
      if (list) list.push(r.slice(i + 1));
      else sub.set(d, [r.slice(i + 1)]);
    }
  }
  for (const [d, inner] of sub) {
    const entry = here.entries.find((e) => e.path === d && e.type === "tree");
    if (!entry) continue;
    for (const p of await walkDirectories(client, owner, repo, entry.sha, inner)) out.push(`${d}/${p}`);
  }
  return out;
}

export interface BaseHead {
  /** Commit sha at the head of the base branch. */
  sha: string;
  /** Its tree sha. */
  tree: string;
}

/** What a caller already read about the base (so a preview and the commit share one snapshot). */
export interface KnownBase {
  baseHead?: BaseHead;
  /** Result of `existingFiles` for the deletions, against `baseHead.tree`. */
  present?: ReadonlySet<string>;
}

/** The head commit of the base branch and its tree (two GETs). */
export async function getBaseHead(client: GitHubClient, owner: string, repo: string, base: string): Promise<BaseHead> {
  const sha = await getBranchSha(client, owner, repo, base);
  if (!sha) throw new UserError(`base branch "${base}" does not exist in ${owner}/${repo}: pass --base <branch>`);
  const commit = await getCommit(client, owner, repo, sha);
  return { sha, tree: commit.tree };
}

/**
 * Builds one commit with every change on top of the current base head and points `branch` at it
 * (created, or force-updated: the branch belongs to the bot). Deletions of paths the base does
 * not have are dropped and reported in `missing` (GitHub rejects a tree that deletes a missing
 * path). Returns without writing when no change is left.
 */
export async function commitToBranch(
  client: GitHubClient,
  spec: CommitSpec,
  known: KnownBase = {},
): Promise<CommitResult | undefined> {
  const { owner, repo, base, branch } = spec;
  const changes = dedupeChanges(spec.changes);
  const head = known.baseHead ?? (await getBaseHead(client, owner, repo, base));
  const baseSha = head.sha;
  const baseCommit = { tree: head.tree };

  const deletions = changes.filter((c) => c.content === null).map((c) => c.path);
  const present = known.present ?? (await existingFiles(client, owner, repo, baseCommit.tree, deletions));
  const missing = deletions.filter((p) => !present.has(p));
  const applied = changes.filter((c) => c.content !== null || present.has(c.path));
  if (!applied.length) return undefined;

  const { data: tree } = await client.request("POST /repos/{owner}/{repo}/git/trees", {
    owner,
    repo,
    base_tree: baseCommit.tree,
    tree: applied.map((c) =>
      c.content === null
        ? { path: c.path, mode: "100644" as const, type: "blob" as const, sha: null }
        : { path: c.path, mode: "100644" as const, type: "blob" as const, content: c.content },
    ),
  });

  const branchSha = await getBranchSha(client, owner, repo, branch);
  if (branchSha) {
    const head = await getCommit(client, owner, repo, branchSha);
    if (head.tree === tree.sha && head.parents.length === 1 && head.parents[0] === baseSha) {
      return { base_sha: baseSha, commit_sha: branchSha, unchanged: true, created_branch: false, missing, applied };
    }
  }
  const { data: commit } = await client.request("POST /repos/{owner}/{repo}/git/commits", {
    owner,
    repo,
    message: spec.message,
    tree: tree.sha,
    parents: [baseSha],
  });
  const created = await pointBranch(client, owner, repo, branch, commit.sha, branchSha !== undefined);
  return { base_sha: baseSha, commit_sha: commit.sha, unchanged: false, created_branch: created, missing, applied };
}

/**
 * Points the bot's branch at `sha`: force-update when it existed when we looked, create it
 * otherwise. Between the look and the write the branch may have appeared (a concurrent run, or a
 * retried POST whose first response was lost: 422 "Reference already exists") or disappeared
 * (deleted after its PR was merged: 422 "Reference does not exist"); either way the other write
 * is tried once, after re-reading the ref rather than trusting the error text. Returns true when
 * this call created the branch.
 */
async function pointBranch(client: GitHubClient, owner: string, repo: string, branch: string, sha: string, exists: boolean): Promise<boolean> {
  const update = () => client.request("PATCH /repos/{owner}/{repo}/git/refs/{ref}", { owner, repo, ref: `heads/${branch}`, sha, force: true });
  const create = () => client.request("POST /repos/{owner}/{repo}/git/refs", { owner, repo, ref: `refs/heads/${branch}`, sha });
  try {
    if (exists) await update();
    else await create();
    return !exists;
  } catch (err) {
    const status = httpStatus(err);
    if (status !== 422 && status !== 404) throw err;
    const now = await getBranchSha(client, owner, repo, branch);
    if (now === sha) return !exists; // the write did land (its response was lost)
    if (exists && now === undefined) {
      await create();
      return true;
    }
    if (!exists && now !== undefined) {
      await update();
      return false;
    }
    throw err;
  }
}

/** Last change per path wins; paths are validated. Sorted for a stable tree request. */
function dedupeChanges(changes: readonly FileChange[]): FileChange[] {
  const byPath = new Map<string, FileChange>();
  for (const c of changes) byPath.set(checkPath(c.path), c);
  return [...byPath.values()].sort((a, b) => compareStrings(a.path, b.path));
}
/** A file's UTF-8 content and blob sha at a ref, or undefined when it does not exist there. */
export async function readFileAt(
  client: GitHubClient,
  owner: string,
  repo: string,
  ref: string,
  path: string,
): Promise<{ content: string; sha: string } | undefined> {
  try {
    const { data } = await client.request("GET /repos/{owner}/{repo}/contents/{path}", { owner, repo, path: checkPath(path), ref });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return undefined;
    const content = Buffer.from(data.content, (data.encoding as BufferEncoding | undefined) ?? "base64").toString("utf8");
    return { content, sha: data.sha };
  } catch (err) {
    if (httpStatus(err) === 404) return undefined;
    throw err;
  }
}
