// Git Data API: refs, commits, trees (with base_tree and deletions),
// blobs. Backed by the real content-addressed store in git-store.ts.
import { validateBody, type BodySpec } from "../body.js";
import { ApiError, notFound, unprocessable } from "../errors.js";
import { json, noContent, type Handler } from "../handler.js";
import { isSha } from "../git-store.js";
import { gitCommitJson, gitRefJson, gitTreeJson } from "../representations.js";
import type { Router } from "../router.js";
import { ciState } from "../ci-state.js";
import { repoOf, resolveCommitish, signatureFrom } from "./repo-common.js";

const getRef: Handler = (ctx) => {
  const r = repoOf(ctx);
  const ref = `refs/${ctx.params.ref}`;
  const sha = r.refs.get(ref);
  if (!sha) throw notFound();
  return json(200, gitRefJson(ctx, r, ref, sha));
};

const matchingRefs: Handler = (ctx) => {
  const r = repoOf(ctx);
  const prefix = `refs/${ctx.params.ref ?? ""}`;
  const refs = [...r.refs.entries()].filter(([name]) => name.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1));
  return json(200, refs.map(([name, sha]) => gitRefJson(ctx, r, name, sha)));
};

const createRef: Handler = (ctx) => {
  const r = repoOf(ctx);
  const body = validateBody<{ ref: string; sha: string }>(ctx.body, { ref: { type: "string" }, sha: { type: "string" } }, ["ref", "sha"]);
  if (!body.ref.startsWith("refs/") || body.ref.split("/").length < 3 || body.ref.split("/").some((p) => p === "") || /[\s~^:?*[\\]|\.\.|@\{|\.lock$|\/\.|\.$/.test(body.ref)) {
    throw unprocessable(`${body.ref} is not a valid ref name.`);
  }
  if (!isSha(body.sha) || !r.store.has(body.sha)) throw unprocessable("Object does not exist");
  if (r.refs.has(body.ref)) throw unprocessable("Reference already exists");
  r.refs.set(body.ref, body.sha);
  return json(201, gitRefJson(ctx, r, body.ref, body.sha), { location: `${ctx.base}/repos/${r.fullName}/git/${body.ref}` });
};

const updateRef: Handler = (ctx) => {
  const r = repoOf(ctx);
  const body = validateBody<{ sha: string; force?: boolean }>(ctx.body, { sha: { type: "string" }, force: { type: "boolean" } }, ["sha"]);
  const ref = `refs/${ctx.params.ref}`;
  const current = r.refs.get(ref);
  if (!current) throw unprocessable("Reference does not exist");
  if (!isSha(body.sha) || !r.store.has(body.sha)) throw unprocessable("Object does not exist");
  if (!body.force && current !== body.sha && !(r.store.typeOf(body.sha) === "commit" && r.store.isAncestor(current, body.sha))) {
    throw unprocessable("Update is not a fast forward");
  }
  r.refs.set(ref, body.sha);
  return json(200, gitRefJson(ctx, r, ref, body.sha));
};

const deleteRef: Handler = (ctx) => {
  const r = repoOf(ctx);
  const ref = `refs/${ctx.params.ref}`;
  if (!r.refs.has(ref)) throw unprocessable("Reference does not exist");
  if (ref === `refs/heads/${r.defaultBranch}`) throw unprocessable("Cannot delete the default branch: a request was made to delete the default branch of the repository.");
  r.refs.delete(ref);
  return noContent();
};

const getCommit: Handler = (ctx) => {
  const r = repoOf(ctx);
  const sha = ctx.params.commit_sha!;
  if (r.store.typeOf(sha) !== "commit") throw notFound();
  return json(200, gitCommitJson(ctx, r, sha));
};

const PERSON = { type: "object", fields: { name: { type: "string" }, email: { type: "string" }, date: { type: "string" } }, required: ["name", "email"] } as const;

const COMMIT_SPEC: BodySpec = {
  message: { type: "string" },
  tree: { type: "string" },
  parents: { type: "string[]" },
  author: PERSON,
  committer: { type: "object", fields: { name: { type: "string" }, email: { type: "string" }, date: { type: "string" } } },
  signature: { type: "string" },
};

type Person = { name: string; email: string; date?: string };

const createCommit: Handler = (ctx) => {
  const r = repoOf(ctx);
  const body = validateBody<{ message: string; tree: string; parents?: string[]; author?: Person; committer?: Partial<Person> }>(ctx.body, COMMIT_SPEC, ["message", "tree"]);
  if (!isSha(body.tree) || r.store.typeOf(body.tree) !== "tree") throw unprocessable("Tree SHA does not exist");
  for (const p of body.parents ?? []) {
    if (!isSha(p) || r.store.typeOf(p) !== "commit") throw unprocessable("Parent SHA does not exist or is not a commit object");
  }
  for (const who of [body.author, body.committer]) {
    if (who?.date !== undefined && Number.isNaN(Date.parse(who.date))) throw unprocessable(`Invalid date: ${who.date}`);
  }
  const author = signatureFrom(ctx, body.author);
  // "By default, committer will use the information set in author."
  const committer = body.committer?.name && body.committer.email ? signatureFrom(ctx, body.committer as Person) : author;
  const sha = r.store.putCommit({ tree: body.tree, parents: body.parents ?? [], author, committer, message: body.message });
  // GitHub signs the commits it writes for the caller when the caller names no author or committer.
  if (body.author === undefined && body.committer === undefined) ciState(ctx.state).signed.add(sha);
  return json(201, gitCommitJson(ctx, r, sha), { location: `${ctx.base}/repos/${r.fullName}/git/commits/${sha}` });
};

const TREE_SPEC: BodySpec = {
  base_tree: { type: "string" },
  tree: {
    type: "array",
    items: {
      path: { type: "string" },
      mode: { type: "string", enum: ["100644", "100755", "040000", "160000", "120000"] },
      type: { type: "string", enum: ["blob", "tree", "commit"] },
      sha: { type: "string", nullable: true },
      content: { type: "string" },
    },
  },
};

interface TreeItem {
  path?: string;
  mode?: string;
  type?: "blob" | "tree" | "commit";
  sha?: string | null;
  content?: string;
}

function normalizePath(p: string | undefined, i: number): string {
  if (p === undefined) throw unprocessable(`Must supply a valid tree.path (tree item ${i})`);
  if (p === "" || p.startsWith("/") || p.endsWith("/") || p.split("/").some((s) => s === "" || s === "." || s === "..")) {
    throw unprocessable(`tree.path contains a malformed path component: ${JSON.stringify(p)} (tree item ${i})`);
  }
  return p;
}

const createTree: Handler = (ctx) => {
  const r = repoOf(ctx);
  const body = validateBody<{ base_tree?: string; tree: TreeItem[] }>(ctx.body, TREE_SPEC, ["tree"]);
  let files = new Map<string, { sha: string; mode: string }>();
  if (body.base_tree !== undefined) {
    if (!isSha(body.base_tree) || r.store.typeOf(body.base_tree) !== "tree") throw unprocessable(`base_tree ${body.base_tree} is not a valid tree`);
    files = r.store.flatten(body.base_tree);
  }
  // Validate every entry before writing any blob, so a rejected request stores nothing.
  const ops = body.tree.map((item, i) => {
    const path = normalizePath(item.path, i);
    if (item.mode === undefined) throw unprocessable(`Must supply tree.mode (tree item ${i}, ${path})`);
    const type = item.type ?? (item.mode === "040000" ? "tree" : item.mode === "160000" ? "commit" : "blob");
    const expected = item.mode === "040000" ? "tree" : item.mode === "160000" ? "commit" : "blob";
    if (type !== expected) throw unprocessable(`tree.type ${type} does not match tree.mode ${item.mode} (tree item ${i}, ${path})`);
    const hasSha = "sha" in item;
    if (hasSha && item.content !== undefined) throw unprocessable(`Must supply either tree.sha or tree.content, not both (tree item ${i}, ${path})`);
    if (!hasSha && item.content === undefined) throw unprocessable(`Must supply either tree.sha or tree.content (tree item ${i}, ${path})`);
    if (item.content !== undefined && type !== "blob") throw unprocessable(`tree.content is only allowed for blobs (tree item ${i}, ${path})`);
    if (hasSha && item.sha !== null) {
      if (!isSha(item.sha!) || (type !== "commit" && r.store.typeOf(item.sha!) !== type)) {
        throw unprocessable(`tree.sha ${item.sha} is not a valid ${type} (tree item ${i}, ${path})`);
      }
    }
    return { path, mode: item.mode, type, sha: item.sha, content: item.content, del: hasSha && item.sha === null, i };
  });
  // Deletions must name something that exists in the tree being built (GitHub: "Returns an
  // error if you try to delete a file that does not exist"). Directory prefixes are counted so
  // each check is O(depth), not a scan of the whole tree: a reclaim PR deletes thousands of
  // files from a tree of 100,000 in one request.
  const simulated = new PathIndex(files.keys());
  for (const op of ops) {
    if (op.del) {
      if (!simulated.exists(op.path)) throw unprocessable(`tree.path ${op.path} does not exist in base_tree and cannot be deleted (tree item ${op.i})`);
      simulated.remove(op.path);
    } else simulated.add(op.path);
  }
  const index = new PathIndex(files.keys());
  const clear = (path: string) => {
    // A file replacing a directory prefix (`a` when `a/b` exists) and the reverse both clear the way.
    for (const k of index.remove(path)) files.delete(k);
    const parts = path.split("/");
    for (let n = 1; n < parts.length; n++) {
      const prefix = parts.slice(0, n).join("/");
      if (index.isFile(prefix)) for (const k of index.remove(prefix)) files.delete(k);
    }
  };
  const put = (path: string, v: { sha: string; mode: string }) => {
    files.set(path, v);
    index.add(path);
  };
  for (const op of ops) {
    if (op.del) {
      clear(op.path);
      continue;
    }
    if (op.type === "tree") {
      clear(op.path);
      for (const [p, v] of r.store.flatten(op.sha!)) put(`${op.path}/${p}`, v);
      continue;
    }
    const sha = op.content !== undefined ? r.store.putBlob(op.content) : op.sha!;
    clear(op.path);
    put(op.path, { sha, mode: op.mode });
  }
  const sha = r.store.buildTree(files);
  return json(201, gitTreeJson(ctx, r, sha, false), { location: `${ctx.base}/repos/${r.fullName}/git/trees/${sha}` });
};

const getTree: Handler = (ctx) => {
  const r = repoOf(ctx);
  const ref = ctx.params.tree_sha!;
  let sha: string | undefined = r.store.typeOf(ref) === "tree" ? ref : resolveCommitish(r, ref);
  if (sha && r.store.typeOf(sha) === "commit") sha = r.store.readCommit(sha).tree;
  if (!sha) throw notFound();
  const recursive = ctx.query.has("recursive") && !["0", "false", ""].includes(ctx.query.get("recursive")!.toLowerCase());
  return json(200, gitTreeJson(ctx, r, sha, recursive));
};

const createBlob: Handler = (ctx) => {
  const r = repoOf(ctx);
  const body = validateBody<{ content: string; encoding?: string }>(ctx.body, { content: { type: "string" }, encoding: { type: "string" } }, ["content"]);
  const encoding = (body.encoding ?? "utf-8").toLowerCase();
  let data: Buffer;
  if (encoding === "utf-8" || encoding === "utf8") data = Buffer.from(body.content, "utf8");
  else if (encoding === "base64") {
    if (!/^[A-Za-z0-9+/=\s]*$/.test(body.content)) throw unprocessable("content is not valid Base64");
    data = Buffer.from(body.content, "base64");
  } else throw new ApiError(422, `encoding must be "utf-8" or "base64" (got ${JSON.stringify(body.encoding)})`);
  const sha = r.store.putBlob(data);
  const url = `${ctx.base}/repos/${r.fullName}/git/blobs/${sha}`;
  return json(201, { url, sha }, { location: url });
};

const getBlob: Handler = (ctx) => {
  const r = repoOf(ctx);
  const sha = ctx.params.file_sha!;
  const obj = r.store.get(sha);
  if (!obj || obj.type !== "blob") throw notFound();
  const b64 = obj.data.toString("base64").replace(/(.{60})/g, "$1\n");
  return json(200, {
    sha,
    node_id: Buffer.from(`04:Blob${r.id}:${sha}`).toString("base64"),
    size: obj.data.length,
    url: `${ctx.base}/repos/${r.fullName}/git/blobs/${sha}`,
    content: b64.endsWith("\n") || b64 === "" ? b64 : `${b64}\n`,
    encoding: "base64",
  });
};

export function registerGit(r: Router<Handler>): void {
  r.add("GET", "/repos/{owner}/{repo}/git/ref/{ref+}", getRef)
    .add("GET", "/repos/{owner}/{repo}/git/matching-refs/{ref*}", matchingRefs)
    .add("POST", "/repos/{owner}/{repo}/git/refs", createRef)
    .add("PATCH", "/repos/{owner}/{repo}/git/refs/{ref+}", updateRef)
    .add("DELETE", "/repos/{owner}/{repo}/git/refs/{ref+}", deleteRef)
    .add("GET", "/repos/{owner}/{repo}/git/commits/{commit_sha}", getCommit)
    .add("POST", "/repos/{owner}/{repo}/git/commits", createCommit)
    .add("GET", "/repos/{owner}/{repo}/git/trees/{tree_sha+}", getTree)
    .add("POST", "/repos/{owner}/{repo}/git/trees", createTree)
    .add("GET", "/repos/{owner}/{repo}/git/blobs/{file_sha}", getBlob)
    .add("POST", "/repos/{owner}/{repo}/git/blobs", createBlob);
}

/** File paths plus a count of files under every directory prefix, for O(depth) existence checks. */
class PathIndex {
  private readonly files = new Set<string>();
  private readonly dirs = new Map<string, number>();

  constructor(paths: Iterable<string>) {
    for (const p of paths) this.add(p);
  }

  isFile(path: string): boolean {
    return this.files.has(path);
  }

  exists(path: string): boolean {
    return this.files.has(path) || (this.dirs.get(path) ?? 0) > 0;
  }

  add(path: string): void {
    if (this.files.has(path)) return;
    this.files.add(path);
    this.adjust(path, 1);
  }

  /** Removes the file at `path`, or every file under the directory `path`; returns what it removed. */
  remove(path: string): string[] {
    const removed: string[] = [];
    if (this.files.delete(path)) {
      this.adjust(path, -1);
      removed.push(path);
    }
    if ((this.dirs.get(path) ?? 0) > 0) {
      const prefix = `${path}/`;
      for (const f of [...this.files]) {
        if (!f.startsWith(prefix)) continue;
        this.files.delete(f);
        this.adjust(f, -1);
        removed.push(f);
      }
    }
    return removed;
  }

  private adjust(path: string, delta: number): void {
    for (let i = path.indexOf("/"); i !== -1; i = path.indexOf("/", i + 1)) {
      const dir = path.slice(0, i);
      const n = (this.dirs.get(dir) ?? 0) + delta;
      if (n > 0) this.dirs.set(dir, n);
      else this.dirs.delete(dir);
    }
  }
}
