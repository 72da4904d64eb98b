// The rules are pure: the loader reads everything they compare against (CODEOWNERS, the opt-in
// workflow) into the model, and walks seats/ once. Checked two ways: no rule module reaches a
// module that touches the disk, and a whole `validateRepo` lists each folder exactly once.
import * as fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { REPO_ROOT, tempSeatRepo } from "../helpers/seat-repo.js";

vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  return { ...real, readdirSync: vi.fn(real.readdirSync) };
});

const IO = /from "node:(fs|fs\/promises|child_process)"/;

/** Every src module `file` imports, transitively (relative imports only). */
function reachable(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = fs.readFileSync(file, "utf8");
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/gms)) {
    // Type-only imports load nothing at run time.
    if (/^(?:import|export)\s+type\s/.test(m[0])) continue;
    reachable(path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, ".ts")), seen);
  }
  return seen;
}

describe("validate rules are pure", () => {
  const rulesDir = path.join(REPO_ROOT, "src/validate/rules");
  const rules = fs.readdirSync(rulesDir).filter((f) => f.endsWith(".ts"));

  it.each(rules)("%s reaches no module that reads the disk or runs a process", (rule) => {
    const io = [...reachable(path.join(rulesDir, rule))].filter((f) => IO.test(fs.readFileSync(f, "utf8"))).map((f) => path.relative(REPO_ROOT, f));
    expect(io).toEqual([]);
  });

  it("validateRepo lists seats/ and each team folder once", async () => {
    const { validateRepo } = await import("../../src/validate/validate.js");
    const repo = tempSeatRepo();
    try {
      const spy = vi.mocked(fs.readdirSync);
      spy.mockClear();
      const { findings, model } = validateRepo(repo.dir);
      expect(findings.filter((f) => f.severity === "error")).toEqual([]);
      const listed = spy.mock.calls.map((c) => path.relative(repo.dir, String(c[0])));
      const seatDirs = ["seats", ...model.teams.map((t) => `seats/${t.slug}`)].sort();
      expect(listed.filter((d) => d === "seats" || d.startsWith("seats/")).sort()).toEqual(seatDirs);
    } finally {
      repo.remove();
    }
  });
});
