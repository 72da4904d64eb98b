// `seats import --enterprise`: from the enterprise demo seed (src/emulator/seeds/enterprise.yaml)
// to a repo in enterprise billing whose first plan changes no seat; enterprise teams become
// `enterprise_team: true` folders.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { Plan } from "../../src/plan/types.js";
import { captureIo } from "../helpers/io.js";
import { REPO_ROOT } from "../helpers/seat-repo.js";

let emu: RunningEmulator;
let dir: string;
beforeAll(async () => {
  emu = await startEmulator({ seed: path.join(REPO_ROOT, "src/emulator/seeds/enterprise.yaml"), now: () => new Date("2026-07-01T12:00:00Z") });
  dir = mkdtempSync(path.join(tmpdir(), "seats-ent-import-"));
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  const io = captureIo();
  const code = await main([...args, "--dir", dir], { io, env: { GITHUB_TOKEN: "test-token", GITHUB_API_URL: emu.url } });
  return { code, out: io.stdout, err: io.stderr };
}

describe("seats import --enterprise", () => {
  it("writes a repo in enterprise billing whose first plan changes no seat", async () => {
    const r = await run(["import", "--org", "acme-corp", "--enterprise", "acme-enterprise"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("imported acme-corp in enterprise acme-enterprise");
    const policy = readFileSync(path.join(dir, "policies/policy.yaml"), "utf8");
    expect(policy).toMatch(/^enterprise: acme-enterprise$/m);
    expect(policy).toMatch(/^copilot:\n {2}billing: enterprise$/m);
    const ds = readFileSync(path.join(dir, "seats/data-science/_team.yaml"), "utf8");
    expect(ds).toMatch(/^enterprise_team: true$/m);
    expect(ds).toMatch(/^copilot: team$/m);
    expect(emu.log.count({ mutating: true })).toBe(0);

    const file = path.join(dir, "plan.json");
    const p = await run(["plan", "--json", file]);
    expect(p.code).toBe(0);
    const plan = JSON.parse(readFileSync(file, "utf8")) as Plan;
    expect(plan.changes).toEqual([]);
  });
});
