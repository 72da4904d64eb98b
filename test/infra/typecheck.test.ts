// `npm test` type-checks the whole project (infra/ included): the Pulumi program is run by tsx,
// which strips types without checking them, so this is where type errors in infra/ surface.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("tsc --noEmit", () => {
  // A whole-project tsc takes a minute on a busy 2-core machine; the test times the process out at 120 s.
  it("reports no type errors", { timeout: 180_000 }, () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", "tsconfig.json"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
    });
    const errors = r.stdout.split("\n").filter((l) => l.includes("error TS"));
    expect(errors).toEqual([]);
    expect(r.status).toBe(0);
  });
});
