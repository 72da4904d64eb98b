// Git Data API round trip over real HTTP (blob → tree with deletions → commit → ref → PR), read
// back with control.readBranch, and the pull-request rules GitHub enforces.
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { Recorder, octokitFor } from "./harness.js";
import { tempDir } from "../helpers/seat-repo.js";

const R = { owner: "acme", repo: "seats" };
const FILES = { "README.md": "# seats\n", "seats/platform/alice.yaml": "login: alice\n", "seats/platform/bob.yaml": "login: bob\n", "seats/data/carol.yaml": "login: carol\n" };
let emu: RunningEmulator;
let gh: ReturnType<typeof octokitFor>;
const recorder = new Recorder();
const status = (p: Promise<unknown>) => p.then(() => 0, (e: { status?: number }) => e.status ?? -1);

beforeEach(async () => {
  emu = await startEmulator({
    seed: { org: { login: "acme" }, members: [{ login: "root", role: "admin" }, "alice"], repos: [{ full_name: "acme/seats", files: FILES }] },
    now: () => new Date("2026-06-15T12:00:00Z"),
  });
  gh = octokitFor(emu, recorder);
});
afterEach(async () => {
  await emu.close();
  expect(recorder.takeFailures()).toEqual([]);
});

async function commitOnBranch(branch: string, changes: { path: string; content?: string; delete?: boolean }[], from = "main"): Promise<string> {
  const base = (await gh.rest.git.getRef({ ...R, ref: `heads/${from}` })).data.object.sha;
  const baseTree = (await gh.rest.git.getCommit({ ...R, commit_sha: base })).data.tree.sha;
  const tree = await gh.rest.git.createTree({
    ...R,
    base_tree: baseTree,
    tree: changes.map((c) => (c.delete ? { path: c.path, mode: "100644" as const, type: "blob" as const, sha: null } : { path: c.path, mode: "100644" as const, type: "blob" as const, content: c.content! })),
  });
  const commit = await gh.rest.git.createCommit({ ...R, message: `change ${branch}`, tree: tree.data.sha, parents: [base] });
  const exists = await status(gh.rest.git.getRef({ ...R, ref: `heads/${branch}` }));
  if (exists === 0) await gh.rest.git.updateRef({ ...R, ref: `heads/${branch}`, sha: commit.data.sha });
  else await gh.rest.git.createRef({ ...R, ref: `refs/heads/${branch}`, sha: commit.data.sha });
  return commit.data.sha;
}

describe("Git Data API round trip", () => {
  it("blob, tree with a deletion, commit, ref, PR; the branch reads back and merges", async () => {
    const blob = await gh.rest.git.createBlob({ ...R, content: Buffer.from("login: dave\n").toString("base64"), encoding: "base64" });
    const main = (await gh.rest.git.getRef({ ...R, ref: "heads/main" })).data.object.sha;
    const baseTree = (await gh.rest.git.getCommit({ ...R, commit_sha: main })).data.tree.sha;
    const tree = await gh.rest.git.createTree({
      ...R,
      base_tree: baseTree,
      tree: [
        { path: "seats/data/dave.yaml", mode: "100644", type: "blob", sha: blob.data.sha },
        { path: "seats/platform/bob.yaml", mode: "100644", type: "blob", sha: null },
      ],
    });
    const commit = await gh.rest.git.createCommit({ ...R, message: "Reclaim bob, add dave", tree: tree.data.sha, parents: [main] });
    await gh.rest.git.createRef({ ...R, ref: "refs/heads/reclaim/2026-06-15", sha: commit.data.sha });
    expect(emu.control.readBranch("acme/seats", "reclaim/2026-06-15")).toEqual({
      "README.md": "# seats\n",
      "seats/data/carol.yaml": "login: carol\n",
      "seats/data/dave.yaml": "login: dave\n",
      "seats/platform/alice.yaml": "login: alice\n",
    });
    const pr = await gh.rest.pulls.create({ ...R, title: "Reclaim", head: "reclaim/2026-06-15", base: "main" });
    expect(pr.data).toMatchObject({ commits: 1, changed_files: 2, head: { ref: "reclaim/2026-06-15", sha: commit.data.sha } });
    emu.control.mergePull("acme/seats", pr.data.number);
    expect(emu.control.readBranch("acme/seats", "main")).toEqual(emu.control.readBranch("acme/seats", "reclaim/2026-06-15"));
    expect((await gh.rest.pulls.get({ ...R, pull_number: pr.data.number })).data).toMatchObject({ state: "closed", merged: true });
  });

  it("produces the same object ids as git itself", async () => {
    const sha = await commitOnBranch("feature", [{ path: "seats/data/dave.yaml", content: "login: dave\n" }]);
    const commit = (await gh.rest.git.getCommit({ ...R, commit_sha: sha })).data;
    const dir = tempDir("emu-git-").dir;
    try {
      const files = emu.control.readBranch("acme/seats", "feature")!;
      for (const [p, content] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
        writeFileSync(path.join(dir, p), content);
      }
      const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8" }).trim();
      git("init", "-q");
      git("add", "-A");
      expect(git("write-tree")).toBe(commit.tree.sha);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects deleting a path that does not exist, sha together with content, and unknown base trees", async () => {
    const main = (await gh.rest.git.getRef({ ...R, ref: "heads/main" })).data.object.sha;
    const baseTree = (await gh.rest.git.getCommit({ ...R, commit_sha: main })).data.tree.sha;
    const blob = (await gh.rest.git.createBlob({ ...R, content: "x" })).data.sha;
    const bad = [
      { base_tree: baseTree, tree: [{ path: "seats/nobody.yaml", mode: "100644" as const, type: "blob" as const, sha: null }] },
      { tree: [{ path: "README.md", mode: "100644" as const, type: "blob" as const, sha: null }] },
      { base_tree: baseTree, tree: [{ path: "a.txt", mode: "100644" as const, type: "blob" as const, sha: blob, content: "x" }] },
      { base_tree: "0".repeat(40), tree: [{ path: "a.txt", mode: "100644" as const, type: "blob" as const, content: "x" }] },
      { base_tree: baseTree, tree: [{ path: "/abs.txt", mode: "100644" as const, type: "blob" as const, content: "x" }] },
    ];
    for (const body of bad) expect(await status(gh.rest.git.createTree({ ...R, ...body })), JSON.stringify(body)).toBe(422);
  });

  it("refuses a non-fast-forward ref update unless forced", async () => {
    const a = await commitOnBranch("feature", [{ path: "a.txt", content: "a" }]);
    const b = await commitOnBranch("other", [{ path: "b.txt", content: "b" }]);
    expect(await status(gh.rest.git.updateRef({ ...R, ref: "heads/feature", sha: b }))).toBe(422);
    expect((await gh.rest.git.updateRef({ ...R, ref: "heads/feature", sha: b, force: true })).data.object.sha).toBe(b);
    expect(a).not.toBe(b);
  });
});

describe("pull requests", () => {
  it("filters by head only as owner:branch; a bare branch is ignored like on GitHub", async () => {
    await commitOnBranch("one", [{ path: "1.txt", content: "1" }]);
    await commitOnBranch("two", [{ path: "2.txt", content: "2" }]);
    await gh.rest.pulls.create({ ...R, title: "one", head: "one", base: "main" });
    await gh.rest.pulls.create({ ...R, title: "two", head: "acme:two", base: "main" });
    expect((await gh.rest.pulls.list({ ...R, head: "acme:one" })).data.map((p) => p.title)).toEqual(["one"]);
    expect((await gh.rest.pulls.list({ ...R, head: "one" })).data.map((p) => p.title)).toEqual(["two", "one"]);
    expect((await gh.rest.pulls.list({ ...R, head: "someone-else:one" })).data).toEqual([]);
    expect((await gh.rest.pulls.list({ ...R, base: "other" })).data).toEqual([]);
  });

  it("422 for an existing open PR from the same head, for no commits between, and for missing branches", async () => {
    await commitOnBranch("feature", [{ path: "f.txt", content: "f" }]);
    await gh.rest.pulls.create({ ...R, title: "f", head: "feature", base: "main" });
    const dup = await gh.rest.pulls.create({ ...R, title: "again", head: "feature", base: "main" }).catch((e) => e);
    expect(dup.response.data.errors[0].message).toBe("A pull request already exists for acme:feature.");
    await gh.rest.git.createRef({ ...R, ref: "refs/heads/same", sha: (await gh.rest.git.getRef({ ...R, ref: "heads/main" })).data.object.sha });
    const none = await gh.rest.pulls.create({ ...R, title: "none", head: "same", base: "main" }).catch((e) => e);
    expect(none.response.data.errors[0].message).toBe("No commits between main and same");
    const missing = await gh.rest.pulls.create({ ...R, title: "x", head: "ghost", base: "main" }).catch((e) => e);
    expect(missing.response.data.errors[0]).toEqual({ resource: "PullRequest", field: "head", code: "invalid" });
  });

  it("422 for a PR body over 65,536 characters (create and update), and for head equal to base", async () => {
    await commitOnBranch("long", [{ path: "l.txt", content: "l" }]);
    const tooLong = "x".repeat(65_537);
    const created = await gh.rest.pulls.create({ ...R, title: "l", head: "long", base: "main", body: tooLong }).catch((e) => e);
    expect(created.status).toBe(422);
    expect(created.response.data.errors[0]).toMatchObject({ resource: "PullRequest", field: "body", code: "custom" });
    const ok = await gh.rest.pulls.create({ ...R, title: "l", head: "long", base: "main", body: "x".repeat(65_536) });
    expect(ok.status).toBe(201);
    expect(await status(gh.rest.pulls.update({ ...R, pull_number: ok.data.number, body: tooLong }))).toBe(422);
    expect(await status(gh.rest.pulls.create({ ...R, title: "self", head: "main", base: "main" }))).toBe(422);
  });

  it("mergePull does a three-way merge when the base moved, and refuses conflicting edits", async () => {
    await commitOnBranch("feature", [{ path: "seats/data/dave.yaml", content: "login: dave\n" }]);
    const pr = (await gh.rest.pulls.create({ ...R, title: "dave", head: "feature", base: "main" })).data;
    await gh.rest.repos.createOrUpdateFileContents({ ...R, path: "README.md", message: "readme", content: Buffer.from("# new\n").toString("base64"), sha: (await gh.rest.repos.getContent({ ...R, path: "README.md" }) as { data: { sha: string } }).data.sha });
    emu.control.mergePull("acme/seats", pr.number);
    expect(emu.control.readBranch("acme/seats", "main")).toMatchObject({ "README.md": "# new\n", "seats/data/dave.yaml": "login: dave\n" });

    await commitOnBranch("c1", [{ path: "README.md", content: "one\n" }]);
    await commitOnBranch("c2", [{ path: "README.md", content: "two\n" }]);
    const p1 = (await gh.rest.pulls.create({ ...R, title: "c1", head: "c1", base: "main" })).data;
    const p2 = (await gh.rest.pulls.create({ ...R, title: "c2", head: "c2", base: "main" })).data;
    emu.control.mergePull("acme/seats", p1.number);
    expect(() => emu.control.mergePull("acme/seats", p2.number)).toThrow(/merge conflict in README.md/);
  });
});
