// `seats codeowners` and the `codeowners` validation rule, run in-process over fixture repos in
// test/fixtures/codeowners/ (copied to a temp dir when the command writes).
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { validateRepo } from "../../src/validate/validate.js";
import { captureIo } from "../helpers/io.js";
import { tempDir } from "../helpers/seat-repo.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/codeowners");
const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
const temps: string[] = [];

function copyFixture(name: string): string {
  const dir = tempDir(`seats-codeowners-${name}-`).dir;
  temps.push(dir);
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

async function run(argv: string[], dir: string) {
  const io = captureIo();
  const code = await main([...argv, "--dir", dir], { io, env: {} });
  return { code, out: io.stdout, err: io.stderr };
}

afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

describe("seats codeowners --check (exit codes)", () => {
  it.each([
    { fixture: "current", code: 0, stream: "out", text: "is up to date (2 teams" },
    { fixture: "stale", code: 1, stream: "err", text: "out of date at line 14" },
    { fixture: "opted-in-missing", code: 1, stream: "err", text: "is missing" },
    { fixture: "no-github", code: 1, stream: "err", text: "is missing" },
    { fixture: "no-admins", code: 1, stream: "err", text: "no `*` line names the admins" },
    { fixture: "bad-team", code: 1, stream: "err", text: "maintainers must be a list" },
  ])("$fixture → $code", async ({ fixture, code, stream, text }) => {
    const r = await run(["codeowners", "--check"], path.join(FIXTURES, fixture));
    expect(r.code).toBe(code);
    expect(stream === "out" ? r.out : r.err).toContain(text);
  });

  it("the committed example repo's CODEOWNERS is current", async () => {
    expect((await run(["codeowners", "--check"], REPO_ROOT)).code).toBe(0);
  });
});

describe("seats codeowners (writing)", () => {
  it("regenerates a stale file, keeping the admins of its `*` line, and is then current", async () => {
    const dir = copyFixture("stale");
    const r = await run(["codeowners"], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain("wrote .github/CODEOWNERS (2 teams, admins @example-org/seat-admins @root-user)");
    expect(readFileSync(path.join(dir, ".github/CODEOWNERS"), "utf8")).toBe(
      readFileSync(path.join(FIXTURES, "current/.github/CODEOWNERS"), "utf8"),
    );
    expect((await run(["codeowners", "--check"], dir)).code).toBe(0);
  });

  it("needs --admins for the first file (usage error 2), then creates it", async () => {
    const dir = copyFixture("opted-in-missing");
    const first = await run(["codeowners"], dir);
    expect(first.code).toBe(2);
    expect(first.err).toContain("pass --admins @example-org/<admin-team>");
    const second = await run(["codeowners", "--admins", "@example-org/seat-admins", "--admins", "@root-user"], dir);
    expect(second.code).toBe(0);
    expect(readFileSync(path.join(dir, ".github/CODEOWNERS"), "utf8")).toBe(
      readFileSync(path.join(FIXTURES, "current/.github/CODEOWNERS"), "utf8"),
    );
  });

  it("--admins replaces the admins of an existing file", async () => {
    const dir = copyFixture("current");
    expect((await run(["codeowners", "--admins", "@example-org/new-admins"], dir)).code).toBe(0);
    const text = readFileSync(path.join(dir, ".github/CODEOWNERS"), "utf8");
    expect(text).toContain("\n* @example-org/new-admins\n");
    expect(text).not.toContain("@root-user");
  });

  it("picks up a maintainer change", async () => {
    const dir = copyFixture("current");
    writeFileSync(path.join(dir, "seats/research/_team.yaml"), "name: Research\nmaintainers:\n  - new-lead\n");
    expect((await run(["codeowners", "--check"], dir)).code).toBe(1);
    expect((await run(["codeowners"], dir)).code).toBe(0);
    expect(readFileSync(path.join(dir, ".github/CODEOWNERS"), "utf8")).toMatch(/^\/seats\/research\/ +@new-lead @example-org\/seat-admins @root-user$/m);
  });

  it.each([
    { admins: "acme/admins", text: "not an owner" },
    { admins: "octocat", text: "needs a leading @" },
  ])("rejects --admins $admins (usage error 2)", async ({ admins, text }) => {
    const r = await run(["codeowners", "--admins", admins], path.join(FIXTURES, "current"));
    expect(r.code).toBe(2);
    expect(r.err).toContain(text);
  });

  it("refuses to generate from invalid seat files (exit 1) and writes nothing", async () => {
    const dir = copyFixture("bad-team");
    const before = readFileSync(path.join(dir, ".github/CODEOWNERS"), "utf8");
    expect((await run(["codeowners"], dir)).code).toBe(1);
    expect(readFileSync(path.join(dir, ".github/CODEOWNERS"), "utf8")).toBe(before);
  });
});

describe("validation rule `codeowners`", () => {
  const codeownersFindings = (fixture: string) =>
    validateRepo(path.join(FIXTURES, fixture)).findings.filter((f) => f.rule === "codeowners");

  it.each([
    { fixture: "current", want: [] },
    { fixture: "no-github", want: [] },
    // The schema error is reported on its own; no second, misleading "stale" finding.
    { fixture: "bad-team", want: [] },
    {
      fixture: "stale",
      want: [{ file: ".github/CODEOWNERS", line: 14, message: "is out of date", fix: "run `npx seats codeowners`" }],
    },
    {
      fixture: "opted-in-missing",
      want: [{ file: ".github/CODEOWNERS", line: 1, message: "is missing", fix: "--admins @example-org/<admin-team>" }],
    },
    {
      fixture: "no-admins",
      want: [{ file: ".github/CODEOWNERS", line: 1, message: "has no `*` line", fix: "--admins @example-org/<admin-team>" }],
    },
  ])("$fixture", ({ fixture, want }) => {
    const got = codeownersFindings(fixture);
    expect(got).toHaveLength(want.length);
    got.forEach((f, i) => {
      const w = want[i]!;
      expect(f).toMatchObject({ severity: "error", file: w.file, line: w.line });
      expect(f.message).toContain(w.message);
      expect(f.fix).toContain(w.fix);
    });
  });

  it("the example repo validates with its committed CODEOWNERS", () => {
    expect(validateRepo(REPO_ROOT).findings.filter((f) => f.rule === "codeowners")).toEqual([]);
  });
});
