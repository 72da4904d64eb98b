// Contents API: read a file or directory, create/update/delete one file
// with a commit. Status codes and messages follow what GitHub was observed to return.
import { validateBody, type BodySpec } from "../body.js";
import { ApiError, notFound, unprocessable } from "../errors.js";
import { json, type Handler, type RequestContext } from "../handler.js";
import type { RepoState } from "../repos.js";
import { contentDirEntryJson, contentFileJson, gitCommitJson } from "../representations.js";
import type { Router } from "../router.js";
import { repoOf, resolveCommitish, signatureFrom } from "./repo-common.js";

function lookup(r: RepoState, commit: string, path: string): { type: "blob" | "tree"; sha: string } | undefined {
  let tree = r.store.readCommit(commit).tree;
  if (path === "") return { type: "tree", sha: tree };
  const parts = path.split("/");
  for (let i = 0; i < parts.length; i++) {
    const e = r.store.readTree(tree).find((x) => x.name === parts[i]);
    if (!e) return undefined;
    if (i === parts.length - 1) return e.type === "commit" ? undefined : { type: e.type, sha: e.sha };
    if (e.type !== "tree") return undefined;
    tree = e.sha;
  }
  return undefined;
}

const getContent: Handler = (ctx) => {
  const r = repoOf(ctx);
  const path = (ctx.params.path ?? "").replace(/\/+$/, "");
  const ref = ctx.query.get("ref") || r.defaultBranch;
  const commit = resolveCommitish(r, ref);
  if (!commit) throw new ApiError(404, `No commit found for the ref ${ref}`);
  const found = lookup(r, commit, path);
  if (!found) throw notFound();
  if (found.type === "blob") return json(200, contentFileJson(ctx, r, path, found.sha, ref, true));
  const entries = r.store
    .readTree(found.sha)
    .filter((e) => e.type !== "commit")
    .map((e) => contentDirEntryJson(ctx, r, path ? `${path}/${e.name}` : e.name, e.sha, e.type as "blob" | "tree", ref));
  return json(200, entries);
};

const PERSON = { type: "object", fields: { name: { type: "string" }, email: { type: "string" }, date: { type: "string" } }, required: ["name", "email"] } as const;

const PUT_SPEC: BodySpec = {
  message: { type: "string" },
  content: { type: "string" },
  sha: { type: "string" },
  branch: { type: "string" },
  committer: PERSON,
  author: PERSON,
};

const DELETE_SPEC: BodySpec = {
  message: { type: "string" },
  sha: { type: "string" },
  branch: { type: "string" },
  committer: PERSON,
  author: PERSON,
};

type Person = { name: string; email: string; date?: string };

function fileCommit(ctx: RequestContext, r: RepoState, branch: string, path: string, content: Buffer | null, message: string, who: { author?: Person; committer?: Person }) {
  const head = r.branchSha(branch)!;
  const files = r.store.flatten(r.store.readCommit(head).tree);
  const mode = files.get(path)?.mode ?? "100644";
  if (content === null) files.delete(path);
  else {
    for (const k of [...files.keys()]) if (k.startsWith(`${path}/`)) files.delete(k);
    files.set(path, { sha: r.store.putBlob(content), mode });
  }
  const author = signatureFrom(ctx, who.author ?? who.committer);
  const committer = signatureFrom(ctx, who.committer, author);
  const sha = r.store.putCommit({ tree: r.store.buildTree(files), parents: [head], author, committer, message });
  r.refs.set(`refs/heads/${branch}`, sha);
  const commit = gitCommitJson(ctx, r, sha);
  return { sha, commit };
}

function branchFor(r: RepoState, branch: string | undefined): string {
  const b = branch ?? r.defaultBranch;
  if (!r.branchSha(b)) throw new ApiError(404, `Branch ${b} not found`);
  return b;
}

const putContent: Handler = (ctx) => {
  const r = repoOf(ctx);
  const path = ctx.params.path!;
  const body = validateBody<{ message: string; content: string; sha?: string; branch?: string; author?: Person; committer?: Person }>(ctx.body, PUT_SPEC, ["message", "content"]);
  const branch = branchFor(r, body.branch);
  if (!/^[A-Za-z0-9+/=\s]*$/.test(body.content)) throw unprocessable("content is not valid Base64");
  const existing = lookup(r, r.branchSha(branch)!, path);
  if (existing?.type === "tree") throw unprocessable(`${path} is a directory`);
  if (existing) {
    if (body.sha === undefined) throw new ApiError(422, `Invalid request.\n\n"sha" wasn't supplied.`);
    if (body.sha !== existing.sha) throw new ApiError(409, `${path} does not match ${body.sha}`);
  }
  const { commit } = fileCommit(ctx, r, branch, path, Buffer.from(body.content, "base64"), body.message, body);
  const blob = lookup(r, r.branchSha(branch)!, path)!;
  const content = contentFileJson(ctx, r, path, blob.sha, branch, false);
  return json(existing ? 200 : 201, { content, commit });
};

const deleteContent: Handler = (ctx) => {
  const r = repoOf(ctx);
  const path = ctx.params.path!;
  const body = validateBody<{ message: string; sha: string; branch?: string; author?: Person; committer?: Person }>(ctx.body, DELETE_SPEC, ["message", "sha"]);
  const branch = branchFor(r, body.branch);
  const existing = lookup(r, r.branchSha(branch)!, path);
  if (!existing || existing.type !== "blob") throw notFound();
  if (body.sha !== existing.sha) throw new ApiError(409, `${path} does not match ${body.sha}`);
  const { commit } = fileCommit(ctx, r, branch, path, null, body.message, body);
  return json(200, { content: null, commit });
};

export function registerContents(r: Router<Handler>): void {
  r.add("GET", "/repos/{owner}/{repo}/contents/{path*}", getContent)
    .add("PUT", "/repos/{owner}/{repo}/contents/{path+}", putContent)
    .add("DELETE", "/repos/{owner}/{repo}/contents/{path+}", deleteContent);
}
