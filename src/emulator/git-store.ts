// A content-addressed git object store using git's real object formats, so every blob, tree and
// commit SHA-1 the emulator hands out is the one `git hash-object` would compute. Pure data: no
// HTTP, no clock (callers pass dates in).
import { createHash } from "node:crypto";
import { compareStrings } from "../text.js";

export type ObjectType = "blob" | "tree" | "commit";

export interface GitObject {
  type: ObjectType;
  /** The object's content (without git's `<type> <size>\0` header). */
  data: Buffer;
}

export interface TreeEntry {
  /** Git's canonical mode: 100644, 100755, 040000, 160000, 120000. */
  mode: string;
  name: string;
  sha: string;
  type: ObjectType;
}

export interface Signature {
  name: string;
  email: string;
  /** ISO-8601 date-time. */
  date: string;
}

export interface CommitData {
  tree: string;
  parents: string[];
  author: Signature;
  committer: Signature;
  message: string;
}

const SHA_RE = /^[0-9a-f]{40}$/;
export const isSha = (s: string): boolean => SHA_RE.test(s);

function typeOfMode(mode: string): ObjectType {
  if (mode === "040000") return "tree";
  if (mode === "160000") return "commit";
  return "blob";
}

function formatSignature(sig: Signature): string {
  const seconds = Math.floor(Date.parse(sig.date) / 1000);
  return `${sig.name} <${sig.email}> ${seconds} +0000`;
}

function parseSignature(line: string): Signature {
  const m = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(line);
  if (!m) throw new Error(`corrupt signature: ${line}`);
  return { name: m[1]!, email: m[2]!, date: new Date(Number(m[3]) * 1000).toISOString().replace(".000Z", "Z") };
}

/** Git sorts tree entries by name, comparing directory names as if they ended in `/`. */
function treeSortKey(e: TreeEntry): string {
  return e.type === "tree" ? `${e.name}/` : e.name;
}

export class GitStore {
  private readonly objects = new Map<string, GitObject>();

  get size(): number {
    return this.objects.size;
  }

  has(sha: string): boolean {
    return this.objects.has(sha);
  }

  get(sha: string): GitObject | undefined {
    return this.objects.get(sha);
  }

  typeOf(sha: string): ObjectType | undefined {
    return this.objects.get(sha)?.type;
  }

  put(type: ObjectType, data: Buffer): string {
    const header = Buffer.from(`${type} ${data.length}\0`);
    const sha = createHash("sha1").update(header).update(data).digest("hex");
    if (!this.objects.has(sha)) this.objects.set(sha, { type, data });
    return sha;
  }

  putBlob(content: Buffer | string): string {
    return this.put("blob", typeof content === "string" ? Buffer.from(content, "utf8") : content);
  }

  putTree(entries: TreeEntry[]): string {
    const sorted = [...entries].sort((a, b) => {
      const ka = treeSortKey(a);
      const kb = treeSortKey(b);
      return compareStrings(ka, kb);
    });
    const parts: Buffer[] = [];
    for (const e of sorted) {
      // Git writes directory modes without the leading zero ("40000"); the API shows "040000".
      const mode = e.mode === "040000" ? "40000" : e.mode;
      parts.push(Buffer.from(`${mode} ${e.name}\0`), Buffer.from(e.sha, "hex"));
    }
    return this.put("tree", Buffer.concat(parts));
  }

  putCommit(c: CommitData): string {
    const lines = [`tree ${c.tree}`, ...c.parents.map((p) => `parent ${p}`)];
    lines.push(`author ${formatSignature(c.author)}`, `committer ${formatSignature(c.committer)}`);
    return this.put("commit", Buffer.from(`${lines.join("\n")}\n\n${c.message}`, "utf8"));
  }

  readTree(sha: string): TreeEntry[] {
    const obj = this.objects.get(sha);
    if (!obj || obj.type !== "tree") throw new Error(`not a tree: ${sha}`);
    const entries: TreeEntry[] = [];
    const buf = obj.data;
    let i = 0;
    while (i < buf.length) {
      const space = buf.indexOf(0x20, i);
      const nul = buf.indexOf(0x00, space);
      const rawMode = buf.subarray(i, space).toString();
      const mode = rawMode === "40000" ? "040000" : rawMode;
      const name = buf.subarray(space + 1, nul).toString("utf8");
      const entrySha = buf.subarray(nul + 1, nul + 21).toString("hex");
      entries.push({ mode, name, sha: entrySha, type: typeOfMode(mode) });
      i = nul + 21;
    }
    return entries;
  }

  readCommit(sha: string): CommitData {
    const obj = this.objects.get(sha);
    if (!obj || obj.type !== "commit") throw new Error(`not a commit: ${sha}`);
    const text = obj.data.toString("utf8");
    const split = text.indexOf("\n\n");
    const headers = text.slice(0, split).split("\n");
    const message = text.slice(split + 2);
    const c: CommitData = { tree: "", parents: [], author: { name: "", email: "", date: "" }, committer: { name: "", email: "", date: "" }, message };
    for (const h of headers) {
      const sp = h.indexOf(" ");
      const key = h.slice(0, sp);
      const value = h.slice(sp + 1);
      if (key === "tree") c.tree = value;
      else if (key === "parent") c.parents.push(value);
      else if (key === "author") c.author = parseSignature(value);
      else if (key === "committer") c.committer = parseSignature(value);
    }
    return c;
  }

  /** Every blob under a tree, flattened: path → { sha, mode }. */
  flatten(treeSha: string, prefix = ""): Map<string, { sha: string; mode: string }> {
    const out = new Map<string, { sha: string; mode: string }>();
    for (const e of this.readTree(treeSha)) {
      const p = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.type === "tree") for (const [k, v] of this.flatten(e.sha, p)) out.set(k, v);
      else out.set(p, { sha: e.sha, mode: e.mode });
    }
    return out;
  }

  /** Builds nested trees from a flat path map (the inverse of `flatten`). */
  buildTree(files: Map<string, { sha: string; mode: string }>): string {
    const root: DirNode = { files: new Map(), dirs: new Map() };
    for (const [p, v] of files) {
      const parts = p.split("/");
      let node = root;
      for (const dir of parts.slice(0, -1)) {
        let next = node.dirs.get(dir);
        if (!next) {
          next = { files: new Map(), dirs: new Map() };
          node.dirs.set(dir, next);
        }
        node = next;
      }
      node.files.set(parts[parts.length - 1]!, v);
    }
    return this.writeDir(root);
  }

  private writeDir(node: DirNode): string {
    const entries: TreeEntry[] = [];
    for (const [name, v] of node.files) entries.push({ name, mode: v.mode, sha: v.sha, type: typeOfMode(v.mode) });
    for (const [name, dir] of node.dirs) entries.push({ name, mode: "040000", sha: this.writeDir(dir), type: "tree" });
    return this.putTree(entries);
  }

  /** True when `ancestor` is `sha` or reachable from it through parents. */
  isAncestor(ancestor: string, sha: string): boolean {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length) {
      const s = stack.pop()!;
      if (s === ancestor) return true;
      if (seen.has(s)) continue;
      seen.add(s);
      if (this.typeOf(s) === "commit") stack.push(...this.readCommit(s).parents);
    }
    return false;
  }

  /** A merge base of two commits (first common ancestor found breadth-first from `b`). */
  mergeBase(a: string, b: string): string | undefined {
    const ancestorsOfA = new Set<string>();
    const stack = [a];
    while (stack.length) {
      const s = stack.pop()!;
      if (ancestorsOfA.has(s)) continue;
      ancestorsOfA.add(s);
      stack.push(...this.readCommit(s).parents);
    }
    const queue = [b];
    const seen = new Set<string>();
    while (queue.length) {
      const s = queue.shift()!;
      if (ancestorsOfA.has(s)) return s;
      if (seen.has(s)) continue;
      seen.add(s);
      queue.push(...this.readCommit(s).parents);
    }
    return undefined;
  }

  /** All objects, for persistence: sha → [type, base64 data]. */
  dump(): Record<string, [ObjectType, string]> {
    const out: Record<string, [ObjectType, string]> = {};
    for (const [sha, o] of this.objects) out[sha] = [o.type, o.data.toString("base64")];
    return out;
  }

  load(dump: Record<string, [ObjectType, string]>): void {
    for (const [type, data] of Object.values(dump)) this.put(type, Buffer.from(data, "base64"));
  }
}

interface DirNode {
  files: Map<string, { sha: string; mode: string }>;
  dirs: Map<string, DirNode>;
}
