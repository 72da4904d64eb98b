import { readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { main } from "../../src/cli/main.js";
import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../src/emulator/index.js";
import { captureIo } from "../helpers/io.js";
import { tempDir } from "../helpers/seat-repo.js";

const seed: EmulatorSeed = {
  org: { login: "globex", seat_management_setting: "assign_selected", plan_type: "business" },
  viewer: "root-admin",
  members: [{ login: "root-admin", role: "admin" }, "Ana", "ben", "cy", "dee", "eli", "fay", "gus"],
  teams: [
    { name: "Backend", members: [{ login: "Ana", role: "maintainer" }, "ben"] },
    { name: "Backend API", parent: "backend", members: ["cy"] },
    { name: "Research", members: ["dee", "eli"] },
    { name: "Mixed Bag", members: ["fay", "gus"] },
  ],
  copilot_teams: ["research"],
  seats: [
    { login: "Ana", created_at: "2026-01-01T00:00:00Z", last_activity_at: "2026-11-01T00:00:00Z" },
    { login: "ben", created_at: "2026-01-01T00:00:00Z" },
    { login: "cy", created_at: "2026-01-01T00:00:00Z" },
    { login: "fay", created_at: "2026-01-01T00:00:00Z" },
    { login: "gus", created_at: "2026-01-01T00:00:00Z", pending_cancellation_date: "2026-12-01" },
    { login: "dee", assigning_team: "research", created_at: "2026-01-01T00:00:00Z" },
    { login: "eli", assigning_team: "research", created_at: "2026-01-01T00:00:00Z" },
  ],
  next_billing_cycle: "2026-12-01",
};

describe("seats import → seats plan is empty", () => {
  let emu: RunningEmulator;
  let dir: string;
  beforeAll(async () => {
    emu = await startEmulator({ seed, now: () => new Date("2026-11-15T00:00:00Z") });
    dir = tempDir("seats-import-").dir;
  });
  afterAll(async () => {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const env = () => ({ GITHUB_API_URL: emu.url, GITHUB_TOKEN: "tok", SEATS_RETRY_BASE_MS: "1" });
  const run = async (args: string[]) => {
    const io = captureIo();
    const code = await main([...args, "--dir", dir], { io, env: env() });
    return { code, io };
  };

  it("writes the org as files, with read requests only", async () => {
    emu.log.reset();
    const r = await run(["import", "--org", "globex"]);
    expect(r.io.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(emu.log.count({ mutating: true })).toBe(0);
    const y = (p: string) => parse(readFileSync(path.join(dir, p), "utf8")) as Record<string, unknown>;
    expect(y("seats/backend/_team.yaml")).toMatchObject({ name: "Backend", maintainers: ["Ana"], copilot: "users" });
    expect(y("seats/backend-api/_team.yaml")).toMatchObject({ name: "Backend API", parent: "backend", copilot: "users" });
    expect(y("seats/research/_team.yaml")).toMatchObject({ copilot: "team" });
    expect(y("seats/mixed-bag/_team.yaml")).toMatchObject({ copilot: "none" });
    expect(y("seats/copilot-users/fay.yaml")).toMatchObject({ login: "fay" });
    expect(y("seats/backend/Ana.yaml")).toMatchObject({ login: "Ana" });
    // cy is a member of the child team; GitHub lists her under backend too, but she is not a direct member there.
    expect(() => y("seats/backend/cy.yaml")).toThrow();
    expect(y("policies/policy.yaml")).toMatchObject({ org: "globex", pricing: { usd_per_seat_month: 19 } });
    expect(r.io.stdout).toMatch(/pending cancellation were not declared/);
  });

  it("validates, and the seat plan against the same org has no changes", async () => {
    expect((await run(["validate"])).code).toBe(0);
    const planFile = path.join(dir, "plan.json");
    const r = await run(["plan", "--json", planFile]);
    expect(r.code).toBe(0);
    const plan = JSON.parse(readFileSync(planFile, "utf8")) as { changes: unknown[]; blocked: unknown[] };
    expect(plan.changes).toEqual([]);
    expect(plan.blocked).toEqual([]);
  });

  it("refuses to overwrite an existing seats/ without --force, and replaces it with --force", async () => {
    const r = await run(["import", "--org", "globex"]);
    expect(r.code).toBe(1);
    expect(r.io.stderr).toContain("--force");
    mkdirSync(path.join(dir, "seats/stale-team"), { recursive: true });
    writeFileSync(path.join(dir, "seats/stale-team/_team.yaml"), "name: Stale Team\n");
    const forced = await run(["import", "--org", "globex", "--force"]);
    expect(forced.code).toBe(0);
    expect(() => readFileSync(path.join(dir, "seats/stale-team/_team.yaml"))).toThrow();
  });

  it("needs an org and refuses one that contradicts the policy", async () => {
    const other = tempDir("seats-import-").dir;
    try {
      const io = captureIo();
      expect(await main(["import", "--dir", other], { io, env: env() })).toBe(2);
      expect(io.stderr).toContain("--org");
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    const r = await run(["import", "--org", "initech", "--force"]);
    expect(r.code).toBe(1);
    expect(r.io.stderr).toContain("policies/policy.yaml is for org globex");
  });
});
