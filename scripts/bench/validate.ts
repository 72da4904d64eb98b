// `npm run bench validate`: validate throughput on a generated repo of 50,000 member files in 200
// teams, against the baseline of merely reading and YAML-parsing the same files. Targets (issue
// #2): at least 20,000 files/s, and no worse than 3x the baseline. Prints numbers, never asserts.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { validateRepo } from "../../src/validate/validate.js";

const TEAMS = 200;
const MEMBERS = 50_000;
const RUNS = 3;

export function generateRepo(dir: string, teams = TEAMS, members = MEMBERS): number {
  mkdirSync(path.join(dir, "policies"), { recursive: true });
  writeFileSync(path.join(dir, "policies/policy.yaml"), "org: bench-org\nseats:\n  budget: 100000\n");
  const perTeam = Math.ceil(members / teams);
  let written = 1;
  for (let t = 0; t < teams; t++) {
    const slug = `team-${String(t).padStart(3, "0")}`;
    const folder = path.join(dir, "seats", slug);
    mkdirSync(folder, { recursive: true });
    const mode = t % 10 === 0 ? "team" : t % 10 === 1 ? "none" : "users";
    const parent = t % 4 === 0 || t === 0 ? "" : `parent: team-${String(t - (t % 4)).padStart(3, "0")}\n`;
    writeFileSync(
      path.join(folder, "_team.yaml"),
      `# yaml-language-server: $schema=../../policies/team.schema.json\nname: Team ${String(t).padStart(3, "0")}\n${parent}maintainers:\n  - user-${t * perTeam}\ncopilot: ${mode}\n`,
    );
    written++;
    for (let i = t * perTeam; i < Math.min(members, (t + 1) * perTeam); i++) {
      const login = `user-${i}`;
      const expires = i % 7 === 0 ? "expires: 2099-12-31\n" : "";
      writeFileSync(
        path.join(folder, `${login}.yaml`),
        `# yaml-language-server: $schema=../../policies/member.schema.json\nlogin: ${login}\nreason: Needs Copilot for work on service ${i % 97}.\n${expires}id: ${i + 1}\n`,
      );
      written++;
    }
  }
  return written;
}

/** The baseline: list, read and YAML-parse every file, nothing else. */
function readAndParse(dir: string): number {
  let n = 0;
  parse(readFileSync(path.join(dir, "policies/policy.yaml"), "utf8"));
  n++;
  const seats = path.join(dir, "seats");
  for (const team of readdirSync(seats)) {
    for (const f of readdirSync(path.join(seats, team))) {
      parse(readFileSync(path.join(seats, team, f), "utf8"));
      n++;
    }
  }
  return n;
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

function best(fn: () => number): { ms: number; files: number } {
  let out = { ms: Infinity, files: 0 };
  for (let i = 0; i < RUNS; i++) {
    const r = time(fn);
    if (r.ms < out.ms) out = { ms: r.ms, files: r.value };
  }
  return out;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "seats-bench-validate-"));
  try {
    const gen = time(() => generateRepo(dir));
    console.log(`generated ${gen.value} files (${MEMBERS} members in ${TEAMS} teams) in ${(gen.ms / 1000).toFixed(1)} s`);
    // Warm the page cache and the JIT once for both, then take the best of RUNS.
    readAndParse(dir);
    const warm = validateRepo(dir);
    const errors = warm.findings.filter((f) => f.severity === "error").length;
    const baseline = best(() => readAndParse(dir));
    const validate = best(() => validateRepo(dir).model.sources.size);
    const rate = (r: { ms: number; files: number }) => Math.round(r.files / (r.ms / 1000));
    const rows = [
      ["read + YAML parse (baseline)", baseline],
      ["seats validate (load, schema, rules)", validate],
    ] as const;
    console.log("");
    console.log(`${"step".padEnd(40)}${"files".padStart(8)}${"ms".padStart(10)}${"files/s".padStart(10)}`);
    for (const [name, r] of rows) {
      console.log(`${name.padEnd(40)}${String(r.files).padStart(8)}${r.ms.toFixed(0).padStart(10)}${String(rate(r)).padStart(10)}`);
    }
    console.log("");
    console.log(`validate / baseline time: ${(validate.ms / baseline.ms).toFixed(2)}x (target <= 3x)`);
    console.log(`validate throughput: ${rate(validate)} files/s (target >= 20000)`);
    console.log(`findings on the generated repo: ${warm.findings.length} (${errors} errors; expected 0)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
