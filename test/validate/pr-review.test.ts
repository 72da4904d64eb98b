// `seats validate --author --base` against real temporary git repos: a base commit with two teams
// and a CODEOWNERS, then each case changes the working tree (untracked files count) and checks
// the `review` object of `--format json` and the exit code.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { renderCodeowners } from "../../src/codeowners/render.js";
import { loadRepo } from "../../src/model/load.js";
import { captureIo } from "../helpers/io.js";
import { tempDir } from "../helpers/seat-repo.js";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const member = (login: string) => `login: ${login}\nreason: Needs Copilot\n`;

const BASE: Record<string, string> = {
  ".gitignore": "*.local.yaml\n",
  "policies/policy.yaml": "org: acme\n",
  "seats/eng/_team.yaml": "name: Eng\nmaintainers: [alice]\nenrollment: approval\n",
  "seats/eng/alice.yaml": member("alice"),
  "seats/eng/carol.yaml": member("carol"),
  "seats/eng/bob.yaml": member("bob"),
  "seats/ops/_team.yaml": "name: Ops\nmaintainers: [olga]\nenrollment: open\n",
  "seats/ops/olga.yaml": member("olga"),
};

function git(dir: string, ...args: string[]): void {
  execFileSync("git", ["-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], {
    stdio: "ignore",
  });
}

function repo(changes: Record<string, string | null>): string {
  const dir = tempDir("seats-review-").dir;
  dirs.push(dir);
  const write = (files: Record<string, string | null>) => {
    for (const [rel, text] of Object.entries(files)) {
      const abs = path.join(dir, rel);
      if (text === null) rmSync(abs);
      else {
        mkdirSync(path.dirname(abs), { recursive: true });
        writeFileSync(abs, text);
      }
    }
  };
  git(dir, "init", "-q", "-b", "main");
  write(BASE);
  // The generated CODEOWNERS, so the codeowners rule is satisfied at the base.
  const { model } = loadRepo(dir);
  write({ ".github/CODEOWNERS": renderCodeowners({ teams: model.teams, admins: ["@acme/admins", "@root"] }) });
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "base");
  write(changes);
  return dir;
}

interface Item {
  file: string;
  change: string;
  owner: string | null;
  allowed: boolean;
  approvers: string[];
  reason: string;
}

async function validate(dir: string, ...args: string[]) {
  const io = captureIo();
  const code = await main(["validate", "--dir", dir, "--format", "json", "--now", "2026-06-01", "--base", "main", ...args], { io });
  return { code, io, out: code === 2 ? undefined : (JSON.parse(io.stdout) as { review: { items: Item[]; selfService: boolean; autoApprove: boolean }; findings: { rule: string; severity: string; file: string }[] }) };
}

type Case = {
  name: string;
  author: string;
  changes: Record<string, string | null>;
  approvers?: string;
  code: number;
  /** file → [change, allowed, approvers] */
  items: Record<string, [string, boolean, string[]]>;
  selfService: boolean;
  autoApprove: boolean;
  rules?: string[];
};

const CASES: Case[] = [
  {
    name: "self-add to an open team is auto-approvable",
    author: "dave",
    changes: { "seats/ops/dave.yaml": member("dave") },
    code: 0,
    items: { "seats/ops/dave.yaml": ["added", true, []] },
    selfService: true,
    autoApprove: true,
  },
  {
    name: "author compared case-insensitively",
    author: "DAVE",
    changes: { "seats/ops/dave.yaml": member("dave") },
    code: 0,
    items: { "seats/ops/dave.yaml": ["added", true, []] },
    selfService: true,
    autoApprove: true,
  },
  {
    name: "self-add to an approval team is allowed but needs a maintainer",
    author: "dave",
    changes: { "seats/eng/dave.yaml": member("dave") },
    code: 0,
    items: { "seats/eng/dave.yaml": ["added", true, ["alice", "@acme/admins", "@root"]] },
    selfService: true,
    autoApprove: false,
    rules: ["review-needed"],
  },
  {
    name: "self-add to an approval team approved by its maintainer",
    author: "dave",
    approvers: "alice",
    changes: { "seats/eng/dave.yaml": member("dave") },
    code: 0,
    items: { "seats/eng/dave.yaml": ["added", true, ["alice", "@acme/admins", "@root"]] },
    selfService: true,
    autoApprove: false,
  },
  {
    name: "self-removal and own edit",
    author: "bob",
    changes: { "seats/eng/bob.yaml": null, "seats/ops/bob.yaml": "login: bob\nreason: New reason\n" },
    code: 0,
    items: { "seats/eng/bob.yaml": ["deleted", true, []], "seats/ops/bob.yaml": ["added", true, []] },
    selfService: true,
    autoApprove: false,
  },
  {
    name: "editing someone else's file is rejected and names the approvers",
    author: "bob",
    changes: { "seats/eng/carol.yaml": "login: carol\nreason: changed by bob\n" },
    code: 1,
    items: { "seats/eng/carol.yaml": ["modified", false, ["alice", "@acme/admins", "@root"]] },
    selfService: false,
    autoApprove: false,
    rules: ["review-not-allowed"],
  },
  {
    name: "someone else's file with the maintainer's approval",
    author: "bob",
    approvers: "Alice",
    changes: { "seats/eng/carol.yaml": null },
    code: 0,
    items: { "seats/eng/carol.yaml": ["deleted", true, ["alice", "@acme/admins", "@root"]] },
    selfService: false,
    autoApprove: false,
  },
  {
    name: "an admin (a CODEOWNERS co-owner of every team folder) may approve someone else's file",
    author: "bob",
    approvers: "root",
    changes: { "seats/eng/carol.yaml": null },
    code: 0,
    items: { "seats/eng/carol.yaml": ["deleted", true, ["alice", "@acme/admins", "@root"]] },
    selfService: false,
    autoApprove: false,
  },
  {
    name: "a maintainer may change the team's folder",
    author: "alice",
    changes: { "seats/eng/carol.yaml": null, "seats/eng/_team.yaml": "name: Eng\ndescription: Product engineering\nmaintainers: [alice]\n" },
    code: 0,
    items: { "seats/eng/_team.yaml": ["modified", true, []], "seats/eng/carol.yaml": ["deleted", true, []] },
    selfService: false,
    autoApprove: false,
    // Allowed as far as authorship goes, but the review says an admin must still approve.
    rules: ["review-needed"],
  },
  {
    name: "a maintainer's _team.yaml change approved by an admin",
    author: "alice",
    approvers: "root",
    changes: { "seats/eng/_team.yaml": "name: Eng\ndescription: Product engineering\nmaintainers: [alice]\n" },
    code: 0,
    items: { "seats/eng/_team.yaml": ["modified", true, []] },
    selfService: false,
    autoApprove: false,
  },
  {
    name: "making oneself maintainer in the same PR does not count",
    author: "bob",
    changes: { "seats/eng/_team.yaml": "name: Eng\nmaintainers: [alice, bob]\n", "seats/eng/carol.yaml": null },
    code: 1,
    items: { "seats/eng/_team.yaml": ["modified", false, ["alice", "@acme/admins", "@root"]], "seats/eng/carol.yaml": ["deleted", false, ["alice", "@acme/admins", "@root"]] },
    selfService: false,
    autoApprove: false,
    // CODEOWNERS is now stale too: the generated file must follow the maintainers.
    rules: ["codeowners", "review-not-allowed", "review-not-allowed"],
  },
  {
    name: "policy changes need the CODEOWNERS admins",
    author: "bob",
    changes: { "policies/policy.yaml": "org: acme\nseats:\n  budget: 100\n" },
    code: 1,
    items: { "policies/policy.yaml": ["modified", false, ["@acme/admins", "@root"]] },
    selfService: false,
    autoApprove: false,
    rules: ["review-not-allowed"],
  },
  {
    name: "policy change approved by an admin",
    author: "bob",
    approvers: "root,someone",
    changes: { "policies/policy.yaml": "org: acme\nseats:\n  budget: 100\n" },
    code: 0,
    items: { "policies/policy.yaml": ["modified", true, ["@acme/admins", "@root"]] },
    selfService: false,
    autoApprove: false,
  },
  {
    name: "a new team needs an admin; the author's own file in it is allowed",
    author: "bob",
    changes: { "seats/new/_team.yaml": "name: New\nmaintainers: [bob]\n", "seats/new/bob.yaml": member("bob") },
    code: 1,
    items: { "seats/new/_team.yaml": ["added", false, ["@acme/admins", "@root"]], "seats/new/bob.yaml": ["added", true, ["@acme/admins", "@root"]] },
    selfService: false,
    autoApprove: false,
    rules: ["codeowners", "review-not-allowed", "review-needed"],
  },
  {
    name: "workflow files need an admin",
    author: "olga",
    changes: { ".github/workflows/x.yml": "on: push\n" },
    code: 1,
    items: { ".github/workflows/x.yml": ["added", false, ["@acme/admins", "@root"]] },
    selfService: false,
    autoApprove: false,
    rules: ["review-not-allowed"],
  },
  {
    name: "ignored files do not count",
    author: "dave",
    changes: { "seats/ops/dave.yaml": member("dave"), "scratch.local.yaml": "x: 1\n" },
    code: 0,
    items: { "seats/ops/dave.yaml": ["added", true, []] },
    selfService: true,
    autoApprove: true,
  },
  {
    name: "a self-add that fails validation is not auto-approved",
    author: "dave",
    changes: { "seats/ops/dave.yaml": "login: dave\n" },
    code: 1,
    items: { "seats/ops/dave.yaml": ["added", true, []] },
    selfService: true,
    autoApprove: false,
    rules: ["schema-required"],
  },
];

describe("seats validate --author --base", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const dir = repo(c.changes);
    const { code, out, io } = await validate(dir, "--author", c.author, ...(c.approvers ? ["--approvers", c.approvers] : []));
    expect(code, io.stderr + io.stdout).toBe(c.code);
    const items = Object.fromEntries(out!.review.items.map((i) => [i.file, [i.change, i.allowed, i.approvers]]));
    expect(items).toEqual(c.items);
    for (const i of out!.review.items) {
      expect(i.reason.length).toBeGreaterThan(10);
      expect(i.owner).toBe(/^seats\/([^/]+)\//.exec(i.file)?.[1] ?? null);
    }
    expect(out!.review.selfService).toBe(c.selfService);
    expect(out!.review.autoApprove).toBe(c.autoApprove);
    expect(out!.findings.map((f) => f.rule)).toEqual(c.rules ?? []);
  });

  it.each([
    [["--author", "bob", "--base", "no-such-ref"], /--base no-such-ref is not a commit/],
    [["--author", "bob", "--base=--all"], /--base must be a git ref/],
    [["--author", "bob"], /--author and --base go together/],
    [["--author", "not a login", "--base", "main"], /not a GitHub login/],
  ])("usage error for %j", async (args, message) => {
    const dir = repo({});
    const io = captureIo();
    const code = await main(["validate", "--dir", dir, ...args], { io });
    expect(code).toBe(2);
    expect(io.stderr).toMatch(message);
  });

  it("outside a git checkout is a usage error", async () => {
    const dir = tempDir("seats-nogit-").dir;
    dirs.push(dir);
    const io = captureIo();
    expect(await main(["validate", "--dir", dir, "--author", "bob", "--base", "main"], { io })).toBe(2);
    expect(io.stderr).toMatch(/not inside one/);
  });

  it("text output lists each file and its approvers", async () => {
    const dir = repo({ "seats/eng/carol.yaml": null });
    const io = captureIo();
    expect(await main(["validate", "--dir", dir, "--now", "2026-06-01", "--author", "bob", "--base", "main"], { io })).toBe(1);
    expect(io.stdout).toContain("seats/eng/carol.yaml:1:1: error: deleted by `bob`");
    expect(io.stdout).toContain("seats/eng/carol.yaml (deleted): NOT allowed");
    expect(io.stdout).toContain("approvers: alice");
  });

  it("the review line says when a maintainer's _team.yaml change still needs an admin", async () => {
    const dir = repo({ "seats/eng/_team.yaml": "name: Eng\ndescription: x\nmaintainers: [alice]\n" });
    const io = captureIo();
    expect(await main(["validate", "--dir", dir, "--now", "2026-06-01", "--author", "alice", "--base", "main"], { io })).toBe(0);
    expect(io.stdout).toMatch(/seats\/eng\/_team\.yaml \(modified\): allowed: the author maintains team eng .*also needs an admin's approval/);
    expect(io.stdout).toContain("warning: modified _team.yaml of team eng: also needs an admin's approval (CODEOWNERS)");
  });
});
