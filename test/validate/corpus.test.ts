// The validation corpus: test/fixtures/validate/corpus/<case>/ is a complete seat repo, built
// systematically from the README (every key of every file: wrong types, nulls, out-of-range values,
// wrong enum case, key typos; every cross-file rule; the repo layout; YAML forms), and
// <case>/expected.txt holds exactly the findings `seats validate` must report, one
// `path:line:col: severity rule` per line (lines starting with `#` describe the case). An empty
// list means the repo is valid. Each case also runs through the CLI in all three formats.
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { Finding } from "../../src/model/findings.js";
import { validateRepo } from "../../src/validate/validate.js";
import { captureIo } from "../helpers/io.js";
import { cleanupRepos, FIXTURES, makeRepo, TODAY } from "./repo.js";

afterAll(cleanupRepos);

const CORPUS = path.join(FIXTURES, "corpus");
const CASES = readdirSync(CORPUS).sort();

function expected(name: string): { description: string; lines: string[] } {
  const all = readFileSync(path.join(CORPUS, name, "expected.txt"), "utf8").split("\n");
  return {
    description: all.filter((l) => l.startsWith("#")).map((l) => l.slice(1).trim()).join(" "),
    lines: all.filter((l) => l.trim() !== "" && !l.startsWith("#")),
  };
}

const short = (f: Finding) => `${f.file}:${f.line}:${f.col}: ${f.severity} ${f.rule}`;

describe("validation corpus", () => {
  it("has cases for every part of the README, good and bad", () => {
    const prefixes = new Set(CASES.map((c) => c.split("-")[0]));
    expect([...prefixes].sort()).toEqual(["good", "layout", "member", "policy", "team", "yaml"]);
    const valid = CASES.filter((c) => expected(c).lines.length === 0);
    expect(valid.length).toBeGreaterThan(30);
    expect(CASES.length - valid.length).toBeGreaterThan(150);
  });

  it.each(CASES)("%s", (name) => {
    const want = expected(name);
    expect(want.description, "expected.txt starts with a `# description` line").not.toBe("");
    const { findings } = validateRepo(path.join(CORPUS, name), { today: TODAY });
    expect(findings.map(short), want.description).toEqual(want.lines);
    for (const f of findings) {
      expect(f.message.length, `${short(f)} has a message`).toBeGreaterThan(10);
      expect(f.fix ?? "", `${short(f)} says how to fix it`).not.toBe("");
      expect(f.message).not.toMatch(/undefined|\[object Object\]|NaN/);
      expect(f.fix).not.toMatch(/undefined|\[object Object\]|NaN/);
    }
    // Deterministic: a second run gives the same findings in the same order.
    expect(validateRepo(path.join(CORPUS, name), { today: TODAY }).findings).toEqual(findings);
  });
});

describe("validation corpus through the CLI, in every format", () => {
  it.each(CASES)("%s", async (name) => {
    const want = expected(name).lines;
    const dir = path.join(CORPUS, name);
    const exit = want.some((l) => / error /.test(l)) ? 1 : 0;
    const run = async (format: string) => {
      const io = captureIo();
      const code = await main(["validate", "--dir", dir, "--format", format, "--now", TODAY], { io });
      expect(io.stderr, `${format}: nothing on stderr`).toBe("");
      expect(io.stdout, `${format}: no stack trace`).not.toMatch(/\n\s+at /);
      expect(code, `${format}: exit code`).toBe(exit);
      return io.stdout;
    };

    const json = JSON.parse(await run("json")) as { ok: boolean; errors: number; warnings: number; findings: Finding[] };
    expect(json.findings.map(short)).toEqual(want);
    expect(json.ok).toBe(exit === 0);
    expect(json.errors + json.warnings).toBe(want.length);

    const text = (await run("text")).trimEnd().split("\n");
    expect(text.slice(0, -1).map((l) => l.replace(/^(.*?:\d+:\d+): (error|warning): .*\[([\w-]+)\]$/, "$1: $2 $3"))).toEqual(want);
    expect(text[text.length - 1]).toMatch(/^(ok: \d+ files? valid|\d+ errors?, \d+ warnings? in \d+ files?)$/);

    const github = (await run("github")).split("\n").filter((l) => l.startsWith("::"));
    expect(
      github.map((l) => {
        const m = /^::(error|warning) file=([^,]*),line=(\d+),col=(\d+),title=seats validate%3A ([\w-]+)::\S/.exec(l);
        return m ? `${m[2]!.replace(/%2C/g, ",").replace(/%3A/g, ":").replace(/%25/g, "%")}:${m[3]}:${m[4]}: ${m[1]} ${m[5]}` : l;
      }),
    ).toEqual(want);
  });
});

// Empty folders cannot be committed as fixtures, so these are made here.
describe("empty folders", () => {
  const run = (dir: string) => validateRepo(dir, { today: TODAY }).findings.map(short);

  it("defect 26: an empty seats/ folder declares no teams: valid, with a warning", () => {
    const dir = makeRepo();
    rmSync(path.join(dir, "seats/eng"), { recursive: true });
    expect(readdirSync(path.join(dir, "seats"))).toEqual([]);
    expect(run(dir)).toEqual(["seats:1:1: warning seats-empty"]);
  });

  it("an empty team folder is reported at the folder", () => {
    const dir = makeRepo();
    mkdirSync(path.join(dir, "seats/ops"));
    expect(run(dir)).toEqual(["seats/ops:1:1: error team-file-missing"]);
  });
});
