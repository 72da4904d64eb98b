// `seats import --org a --org b`: one repo managing both orgs, from the two-org plan fixture's
// emulator seed (test/fixtures/plan/orgs/seed.yaml), whose first plan changes no seat; a team
// slug both orgs use is refused with the fix.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { main } from "../../src/cli/main.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { Plan } from "../../src/plan/types.js";
import { captureIo } from "../helpers/io.js";
import { twoOrgSeed } from "../helpers/two-orgs.js";
import { REPO_ROOT, tempDir } from "../helpers/seat-repo.js";

const SEED = path.join(REPO_ROOT, "test/fixtures/plan/orgs/seed.yaml");
let emu: RunningEmulator | undefined;
let dir: string;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  const io = captureIo();
  const code = await main([...args, "--dir", dir], { io, env: { GITHUB_TOKEN: "test-token", GITHUB_API_URL: emu!.url, SEATS_RETRY_BASE_MS: "1" } });
  return { code, out: io.stdout, err: io.stderr };
}
const read = (f: string) => parse(readFileSync(path.join(dir, f), "utf8")) as Record<string, unknown>;

describe("seats import with several orgs", () => {
  it("writes both orgs (the second's teams with org:), and the first plan changes no seat", async () => {
    emu = await startEmulator({ seed: SEED, now: () => new Date("2026-01-15T12:00:00Z") });
    dir = tempDir("seats-orgs-import-").dir;
    const r = await run(["import", "--org", "acme", "--org", "acme-labs"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("imported acme, acme-labs: ");
    expect(read("policies/policy.yaml")).toMatchObject({ org: "acme", orgs: ["acme", "acme-labs"] });
    expect(read("seats/platform/_team.yaml")).not.toHaveProperty("org");
    expect(read("seats/research/_team.yaml")).toMatchObject({ org: "acme-labs" });
    // Direct seats in no users team: alice and frank in acme, gus in acme-labs, each org its own folder.
    expect(read("seats/copilot-users/_team.yaml")).not.toHaveProperty("org");
    expect(read("seats/copilot-users/frank.yaml")).toMatchObject({ login: "frank" });
    expect(read("seats/copilot-users-acme-labs/_team.yaml")).toMatchObject({ org: "acme-labs", copilot: "users" });
    expect(read("seats/copilot-users-acme-labs/gus.yaml")).toMatchObject({ login: "gus" });

    const planFile = path.join(dir, "plan.json");
    const p = await run(["plan", "--json", planFile]);
    expect(p.code).toBe(0);
    const plan = JSON.parse(readFileSync(planFile, "utf8")) as Plan;
    expect(plan.orgs).toEqual(["acme", "acme-labs"]);
    expect(plan.changes).toEqual([]);
    expect(plan.blocked).toEqual([]);
  });

  it("refuses a team slug both orgs use, and --enterprise with several orgs, saying what to do", async () => {
    const platform = { members: ["ann"], teams: [{ name: "Platform", members: ["ann"] }] };
    emu = await startEmulator({ seed: twoOrgSeed(platform, platform) });
    dir = tempDir("seats-orgs-import-").dir;
    const r = await run(["import", "--org", "acme", "--org", "acme-labs"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("team platform exists in both acme and acme-labs");
    expect(r.err).toContain("rename one of them on GitHub");
    const e = await run(["import", "--org", "acme", "--org", "acme-labs", "--enterprise", "corp"]);
    expect(e.code).toBe(2);
    expect(e.err).toContain("pass one --org with --enterprise");
  });
});
