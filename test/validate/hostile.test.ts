// Hostile input: one fixture per failure mode under test/fixtures/validate/hostile/, each laid
// over a copy of base/ and expected to give exactly these located findings (or none, for the
// encodings we accept). Nothing may throw.
import { readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { validateRepo } from "../../src/validate/validate.js";
import { captureIo } from "../helpers/io.js";
import { cleanupRepos, FIXTURES, makeRepo, TODAY } from "./repo.js";

afterAll(cleanupRepos);

type Case = [fixture: string, expected: string[], target?: string];

/** `line:col rule` of each finding, in output order; the file is the fixture's target. */
const CASES: Case[] = [
  ["syntax-error.yaml", ["3:1 yaml-syntax"]],
  ["unterminated-quote.yaml", ["2:9 yaml-syntax"]],
  ["duplicate-key.yaml", ["3:1 yaml-duplicate-key"]],
  ["tabs.yaml", ["3:1 yaml-syntax"]],
  ["wrong-type.yaml", ["2:9 schema-type"]],
  ["wrong-type-list.yaml", ["2:3 schema-type"]],
  ["null-value.yaml", ["2:1 schema-type"]],
  ["blank-reason.yaml", ["2:9 schema-empty"]],
  ["unknown-key.yaml", ["3:1 schema-unknown-key"]],
  ["missing-key.yaml", ["1:1 schema-required"]],
  ["bad-date.yaml", ["3:10 schema-format"]],
  ["multiple-documents.yaml", ["3:1 yaml-multiple-documents"]],
  ["list.yaml", ["1:1 schema"]],
  ["scalar.yaml", ["1:1 schema"]],
  ["empty.yaml", ["1:1 schema"]],
  ["comments-only.yaml", ["1:1 schema"]],
  ["bom.yaml", []],
  ["crlf.yaml", []],
  ["bom-crlf-error.yaml", ["3:1 schema-unknown-key"]],
  ["invalid-utf8.yaml", ["2:12 encoding"]],
  ["utf16.yaml", ["1:1 encoding"]],
  ["utf16-no-bom.yaml", ["1:2 encoding"]],
  ["control-char.yaml", ["2:15 yaml-syntax"]],
  ["proto-key.yaml", ["3:1 yaml-key"]],
  ["constructor-key.yaml", ["3:1 yaml-key"]],
  ["complex-key.yaml", ["3:3 yaml-key"]],
  ["alias-bomb.yaml", ["1:4 yaml-alias"]],
  ["merge-key.yaml", ["1:7 yaml-alias"]],
  ["tag.yaml", ["2:9 yaml-tag"]],
  ["custom-tag.yaml", ["2:9 yaml-tag"]],
  ["infinite-number.yaml", ["3:5 yaml-value"]],
  ["too-large.yaml", ["1:1 file-size"]],
  ["deep-flow.yaml", ["2:73 yaml-depth"]],
  ["deep-block.yaml", ["19:35 yaml-depth"]],
  ["policy-list.yaml", ["1:1 schema"], "policies/policy.yaml"],
  ["team-unknown-key.yaml", ["2:1 schema-unknown-key"], "seats/eng/_team.yaml"],
  ["team-bad-enum.yaml", ["2:10 schema-enum"], "seats/eng/_team.yaml"],
];

function run(dir: string): string[] {
  return validateRepo(dir, { today: TODAY }).findings.map((f) => `${f.file}:${f.line}:${f.col} ${f.rule}`);
}

describe("hostile input gives located findings", () => {
  it.each(CASES)("%s", (fixture, expected, target = `seats/eng/${fixture}`) => {
    const dir = makeRepo({ [target]: readFileSync(path.join(FIXTURES, "hostile", fixture)) });
    expect(run(dir)).toEqual(expected.map((e) => `${target}:${e}`));
  });

  it("every fixture in hostile/ is in the table", () => {
    const listed = new Set(CASES.map((c) => c[0]));
    for (const f of readdirSync(path.join(FIXTURES, "hostile"))) expect(listed).toContain(f);
  });

  it("messages say what is wrong and how to fix it", () => {
    const dir = makeRepo({ "seats/eng/unknown-key.yaml": readFileSync(path.join(FIXTURES, "hostile/unknown-key.yaml")) });
    const [f] = validateRepo(dir, { today: TODAY }).findings;
    expect(f?.message).toBe("unknown key `expire`");
    expect(f?.fix).toContain("did you mean `expires`?");
  });

  it("refuses a huge file generated here by its size, without reading it", () => {
    const dir = makeRepo();
    const abs = path.join(dir, "seats/eng/huge.yaml");
    writeFileSync(abs, "login: huge\n");
    truncateSync(abs, 8 * 1024 ** 3); // sparse: 8 GiB on paper, nothing on disk
    expect(run(dir)).toEqual(["seats/eng/huge.yaml:1:1 file-size"]);
  });

  it("refuses a huge policy.yaml over its own (larger) cap", () => {
    const dir = makeRepo({ "policies/policy.yaml": `org: acme\n${"# pad\n".repeat(400_000)}` });
    expect(run(dir)).toEqual(["policies/policy.yaml:1:1 file-size"]);
  });

  it("refuses a billion-laughs bomb 30 levels deep without expanding it", () => {
    const lines = ['l0: &l0 ["lol","lol"]'];
    for (let i = 1; i < 30; i++) lines.push(`l${i}: &l${i} [*l${i - 1},*l${i - 1}]`);
    const dir = makeRepo({ "seats/eng/bomb.yaml": `${lines.join("\n")}\n` });
    expect(run(dir)).toEqual(["seats/eng/bomb.yaml:1:5 yaml-alias"]);
  });

  it("refuses 10,000 nested brackets (the parser itself would abort the process)", () => {
    const dir = makeRepo({ "seats/eng/deep.yaml": `login: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n` });
    expect(run(dir)).toEqual(["seats/eng/deep.yaml:1:72 yaml-depth"]);
  });

  it.each([
    ["a member file", "seats/eng/link.yaml", "../../policies/policy.yaml"],
    ["a team folder", "seats/linked", "eng"],
    ["_team.yaml", "seats/eng/_team.yaml", "alice.yaml"],
  ])("refuses a symlink as %s", (_what, link, targetRel) => {
    const dir = makeRepo({ [link]: null });
    symlinkSync(targetRel, path.join(dir, link));
    const out = run(dir);
    expect(out).toContain(`${link}:1:1 stray-file`);
  });

  it("refuses a symlinked policy.yaml", () => {
    const dir = makeRepo();
    writeFileSync(path.join(dir, "policies/real.yaml"), "org: acme\n");
    rmSync(path.join(dir, "policies/policy.yaml"));
    symlinkSync("real.yaml", path.join(dir, "policies/policy.yaml"));
    expect(run(dir)).toEqual(["policies/policy.yaml:1:1 stray-file"]);
  });

  it("the CLI reports hostile input without a stack trace", async () => {
    const files: Record<string, Buffer> = {};
    for (const [fixture, , target = `seats/eng/${fixture}`] of CASES) {
      if (!target.startsWith("seats/eng/") || target.endsWith("_team.yaml")) continue;
      files[target] = readFileSync(path.join(FIXTURES, "hostile", fixture));
    }
    const dir = makeRepo(files);
    const io = captureIo();
    const code = await main(["validate", "--dir", dir, "--format", "github"], { io });
    expect(code).toBe(1);
    expect(io.stderr).toBe("");
    expect(io.stdout).not.toMatch(/\n\s+at /);
    expect(io.stdout).toMatch(/^::error file=seats\/eng\/alias-bomb\.yaml,line=1,col=4,/m);
  });
});
