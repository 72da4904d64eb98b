// Copies commits from the emulator's git store (read over its REST API) into a local repository,
// object by object, so a local checkout has the very SHAs GitHub (here: the emulator) reports. The
// emulator writes git's real object formats; each object is rebuilt from the API's answer and its
// SHA-1 checked, so a mismatch fails loudly instead of producing a different history.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";

interface Api {
  get<T>(route: string): Promise<T>;
}

function writeObject(gitDir: string, type: string, data: Buffer, expected: string): void {
  const raw = Buffer.concat([Buffer.from(`${type} ${data.length}\0`), data]);
  const sha = createHash("sha1").update(raw).digest("hex");
  if (sha !== expected) throw new Error(`git-mirror: rebuilt ${type} ${expected} hashes to ${sha}`);
  const dir = path.join(gitDir, "objects", sha.slice(0, 2));
  const file = path.join(dir, sha.slice(2));
  if (existsSync(file)) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, deflateSync(raw));
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** Mirrors `sha` and its whole history into the repository whose `.git` is `gitDir`. */
export async function mirrorCommit(api: Api, repo: string, sha: string, gitDir: string, seen = new Set<string>()): Promise<void> {
  if (seen.has(sha) || existsSync(path.join(gitDir, "objects", sha.slice(0, 2), sha.slice(2)))) return;
  seen.add(sha);
  const c = await api.get<{ tree: { sha: string }; parents: { sha: string }[]; author: { name: string; email: string; date: string }; committer: { name: string; email: string; date: string }; message: string }>(
    `/repos/${repo}/git/commits/${sha}`,
  );
  await mirrorTree(api, repo, c.tree.sha, gitDir, seen);
  for (const p of c.parents) await mirrorCommit(api, repo, p.sha, gitDir, seen);
  const lines = [`tree ${c.tree.sha}`, ...c.parents.map((p) => `parent ${p.sha}`)];
  lines.push(`author ${c.author.name} <${c.author.email}> ${seconds(c.author.date)} +0000`, `committer ${c.committer.name} <${c.committer.email}> ${seconds(c.committer.date)} +0000`);
  writeObject(gitDir, "commit", Buffer.from(`${lines.join("\n")}\n\n${c.message}`, "utf8"), sha);
}

async function mirrorTree(api: Api, repo: string, sha: string, gitDir: string, seen: Set<string>): Promise<void> {
  if (seen.has(sha)) return;
  seen.add(sha);
  const t = await api.get<{ tree: { path: string; mode: string; type: string; sha: string }[] }>(`/repos/${repo}/git/trees/${sha}`);
  const parts: Buffer[] = [];
  for (const e of t.tree) {
    if (e.type === "tree") await mirrorTree(api, repo, e.sha, gitDir, seen);
    else if (!seen.has(e.sha)) {
      seen.add(e.sha);
      const b = await api.get<{ content: string }>(`/repos/${repo}/git/blobs/${e.sha}`);
      writeObject(gitDir, "blob", Buffer.from(b.content, "base64"), e.sha);
    }
    parts.push(Buffer.from(`${e.mode === "040000" ? "40000" : e.mode} ${e.path}\0`), Buffer.from(e.sha, "hex"));
  }
  writeObject(gitDir, "tree", Buffer.concat(parts), sha);
}
