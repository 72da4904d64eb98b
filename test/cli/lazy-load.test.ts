// Issue 12: the CLI loads the emulator only for `seats emulator`. Checked on a real process, with
// a resolve hook that records every project module Node loads.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, tempDir } from "../helpers/seat-repo.js";

function loadedModules(args: string[]): string[] {
  const dir = tempDir("seats-modules-").dir;
  try {
    const record = path.join(dir, "modules.txt");
    const r = spawnSync(process.execPath, ["--import", path.join(REPO_ROOT, "test/fixtures/cli/record-modules.mjs"), path.join(REPO_ROOT, "bin/seats.js"), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, RECORD_MODULES: record },
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    return [...new Set(readFileSync(record, "utf8").split("\n").filter(Boolean))].map((u) => path.relative(REPO_ROOT, new URL(u).pathname));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("lazy emulator", () => {
  it("seats validate loads no emulator module", () => {
    const mods = loadedModules(["validate"]);
    expect(mods).toContain("src/validate/validate.ts");
    expect(mods.filter((m) => m.startsWith("src/emulator/"))).toEqual([]);
  }, 30_000);

  it("seats validate --help loads no GitHub client, emulator or other command (start-up time)", () => {
    const mods = loadedModules(["validate", "--help"]);
    expect(mods).toContain("src/cli/commands/validate.ts");
    expect(mods.filter((m) => /^src\/(emulator|github|ci|reclaim|apply|plan|request|import)\//.test(m) || /^src\/cli\/commands\/(?!validate|index)/.test(m))).toEqual([]);
  }, 30_000);

  it("seats emulator --help does not start (or load) the emulator either", () => {
    expect(loadedModules(["emulator", "--help"]).filter((m) => m.startsWith("src/emulator/"))).toEqual([]);
  }, 30_000);
});
