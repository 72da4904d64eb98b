// plan and apply through the CLI, over real HTTP against the emulator.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../src/emulator/index.js";
import type { Plan } from "../../src/plan/types.js";
import { captureIo } from "../helpers/io.js";
import { tempDir } from "../helpers/seat-repo.js";

const FIXTURE = path.resolve("test/fixtures/plan/basic");
const SEED = JSON.parse(readFileSync(path.join(FIXTURE, "seed.json"), "utf8")) as EmulatorSeed;
const DECLARED = ["alice", "bob", "carol", "iris", "jack", "kate", "leo", "dana", "erin"];

let emu: RunningEmulator;
let tmp: string;
beforeAll(() => {
  tmp = tempDir("seats-apply-").dir;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function fresh(seed: EmulatorSeed = SEED): Promise<RunningEmulator> {
  return startEmulator({ seed, now: () => new Date("2026-01-15T12:00:00Z") });
}

function env(url: string): NodeJS.ProcessEnv {
  return { GITHUB_TOKEN: "test-token", GITHUB_API_URL: url, SEATS_RETRY_BASE_MS: "1", SEATS_WRITE_INTERVAL_MS: "0" };
}

async function run(args: string[], e: NodeJS.ProcessEnv = env(emu.url)) {
  const io = captureIo();
  const code = await main([...args, "--dir", FIXTURE], { io, env: e });
  return { code, out: io.stdout, err: io.stderr };
}

async function planJson(): Promise<Plan> {
  const file = path.join(tmp, `plan-${Math.random().toString(36).slice(2)}.json`);
  const r = await run(["plan", "--json", file]);
  expect(r.err).not.toContain("internal error");
  return JSON.parse(readFileSync(file, "utf8")) as Plan;
}

/** Seats of the emulator, login → pending date (null when active). */
function seatsNow(): Map<string, string | null> {
  return new Map((emu.control.snapshot().seats ?? []).map((s) => [s.login.toLowerCase(), s.pending_cancellation_date ?? null]));
}

describe("seats plan / apply against the emulator", () => {
  beforeEach(async () => {
    await emu?.close();
    emu = await fresh();
  });
  afterAll(() => emu?.close());

  it("plan shows the diff with reasons and sends no mutating request", async () => {
    const md = path.join(tmp, "plan.md");
    const r = await run(["plan", "--markdown", md]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("1 to add, 1 to re-add, 2 to cancel, 1 team to assign, 0 teams to unassign; 1 blocked, 0 kept");
    expect(r.out).toMatch(/\+ assign team\s+ml/);
    expect(r.out).toMatch(/- cancel\s+gina\s+declared nowhere/);
    expect(r.out).toMatch(/- cancel\s+frank\s+only declared in seats\/guests\/frank\.yaml \(copilot: none/);
    expect(r.out).toContain("ghost is declared in seats/platform/ghost.yaml but is not a member of the acme organization");
    expect(r.out).not.toMatch(/hank/);
    expect(readFileSync(md, "utf8").startsWith("<!-- seats-plan -->")).toBe(true);
    expect(emu.log.count({ mutating: true })).toBe(0);
  });

  it("the dry run is identical to plan and sends zero mutating requests", async () => {
    const planned = await run(["plan"]);
    const dry = await run(["apply"]);
    expect(dry.code).toBe(0);
    expect(dry.out.startsWith(planned.out)).toBe(true);
    expect(dry.out).toContain("Dry run: nothing was sent");
    expect(emu.log.count({ mutating: true })).toBe(0);
  });

  it("apply --confirm applies in batches, writes the audit, and a second plan is empty", async () => {
    const audit = path.join(tmp, "audit.json");
    const r = await run(["apply", "--confirm", "--audit", audit], { ...env(emu.url), GITHUB_ACTOR: "octo-bot", GITHUB_RUN_ID: "42", GITHUB_REPOSITORY: "acme/seats" });
    // ghost is blocked, so the run is not fully successful (exit 1), but everything else applied.
    expect(r.code).toBe(1);
    expect(r.out).toContain("Applied 5 of 5 changes in 3 requests.");
    expect(emu.log.byRoute()).toMatchObject({
      "POST /orgs/{org}/copilot/billing/selected_teams": 1,
      "POST /orgs/{org}/copilot/billing/selected_users": 1,
      "DELETE /orgs/{org}/copilot/billing/selected_users": 1,
    });
    const seats = seatsNow();
    for (const l of DECLARED) expect(seats.get(l), l).toBeNull();
    expect(seats.get("gina")).toBe("2099-01-01");
    expect(seats.get("frank")).toBe("2099-01-01");

    const rec = JSON.parse(readFileSync(audit, "utf8"));
    expect(rec).toMatchObject({ mode: "apply", actor: "octo-bot", outcome: "applied", exit_code: 1, org: "acme" });
    expect(rec.run).toMatchObject({ run_id: "42", url: "https://github.com/acme/seats/actions/runs/42" });
    expect(rec.requests).toHaveLength(3);
    // The status and count each request got from the emulator, in the order they were sent.
    expect(rec.requests.map((q: { route: string; status: number; count: number }) => [q.route, q.status, q.count])).toEqual([
      ["POST /orgs/{org}/copilot/billing/selected_teams", 201, 2],
      ["POST /orgs/{org}/copilot/billing/selected_users", 201, 2],
      ["DELETE /orgs/{org}/copilot/billing/selected_users", 200, 2],
    ]);
    expect(rec.not_sent).toEqual([]);
    expect(rec.plan.changes).toHaveLength(5);
    expect(JSON.stringify(rec)).not.toContain("test-token");

    const again = await planJson();
    expect(again.changes).toEqual([]);
    expect(again.blocked.map((b) => b.target)).toEqual(["ghost"]);
  });

  it("--checksum refuses a plan other than the reviewed one, and accepts the reviewed one", async () => {
    const reviewed = await planJson();
    const wrong = await run(["apply", "--confirm", "--checksum", "0".repeat(64)]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain(`the plan differs from the reviewed one (checksum ${reviewed.checksum}, expected ${"0".repeat(64)})`);
    expect(emu.log.count({ mutating: true })).toBe(0);
    const ok = await run(["apply", "--confirm", "--checksum", reviewed.checksum]);
    expect(ok.out).toContain("Applied 5 of 5 changes");
  });

  it("the removal ratio guard refuses with every number; --force overrides it", async () => {
    await emu.close();
    const extra = Array.from({ length: 10 }, (_, i) => `old${i}`);
    emu = await fresh({
      ...SEED,
      members: [...SEED.members, ...extra],
      seats: [...(SEED.seats ?? []), ...extra.map((login) => ({ login, created_at: "2025-01-01T00:00:00Z" }))],
    });
    const refused = await run(["apply", "--confirm"]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("refusing to cancel 12 of 17 seats (70.6% > 50.0%); pass --force to override");
    expect(emu.log.count({ mutating: true })).toBe(0);
    const forced = await run(["apply", "--confirm", "--force"]);
    expect(forced.out).toContain("Applied 15 of 15 changes in 3 requests.");
    expect(seatsNow().get("old3")).toBe("2099-01-01");
  });

  it("a rejected batch is reported per login and the other batches still apply", async () => {
    const many = Array.from({ length: 150 }, (_, i) => `dev${String(i).padStart(3, "0")}`);
    // Declare the 150 developers in a temp copy of the repo.
    const { cpSync, writeFileSync } = await import("node:fs");
    const dir = path.join(tmp, "many");
    cpSync(FIXTURE, dir, { recursive: true });
    for (const l of many) writeFileSync(path.join(dir, "seats/platform", `${l}.yaml`), `login: ${l}\nreason: ships features\n`);
    writeFileSync(path.join(dir, "seats/platform", "outsider.yaml"), "login: outsider\nreason: contractor\n");
    // "outsider" is an org member when the plan is read but leaves before the write (a race): the
    // emulator rejects the whole POST with 422; apply bisects that batch and reports outsider alone.
    await emu.close();
    emu = await fresh({ ...SEED, members: [...SEED.members, ...many, "outsider"] });
    const io = captureIo();
    const { createGitHubClient } = await import("../../src/github/client.js");
    const { livePlan } = await import("../../src/plan/live.js");
    const { loadValidModel } = await import("../../src/validate/validate.js");
    const { applyPlan } = await import("../../src/apply/apply.js");
    const { octokitSeatWriter } = await import("../../src/github/write.js");
    const client = createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: "t" }, allowWrites: true, retryAfterBaseMs: 1, writeIntervalMs: 0, warn: io.err });
    const { plan } = await livePlan(client, loadValidModel(dir));
    expect(plan.changes.filter((c) => c.action === "add")).toHaveLength(152);
    // Remove outsider from the org behind the plan's back.
    await fetch(`${emu.url}/orgs/acme/memberships/outsider`, { method: "DELETE", headers: { authorization: "token t" } });
    const result = await applyPlan(plan, octokitSeatWriter(client, "acme"));
    expect(result.failures.map((f) => f.target)).toEqual(["outsider"]);
    expect(result.failures[0]?.status).toBe(422);
    expect(result.failures[0]?.error).toContain("not members of acme: outsider");
    const seats = seatsNow();
    for (const l of [...many, "alice"]) expect(seats.get(l), l).toBeNull();
    // Two first-pass user batches (100 + 52), then a bisection of the failed one: far below one per login.
    expect(emu.log.count({ route: "POST /orgs/{org}/copilot/billing/selected_users" })).toBeLessThan(20);
  });

  it("preflight: a non-assign_selected org exits 1 with the fix", async () => {
    await emu.close();
    emu = await fresh({ ...SEED, org: { login: "acme", seat_management_setting: "assign_all" } });
    const r = await run(["plan"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('seat management set to "assign_all", but seats as code needs "assign_selected"');
    expect(r.err).toContain(`${emu.url}/organizations/acme/settings/copilot/policies`);
    expect(emu.log.count()).toBe(1);
  });

  it("missing credentials are a usage error (exit 2), and the token is never printed", async () => {
    const r = await run(["plan"], { GITHUB_API_URL: emu.url });
    expect(r.code).toBe(2);
    expect(r.err).toContain("no GitHub credentials: set GITHUB_TOKEN");
    const bad = await run(["apply", "--checksum", "abc"]);
    expect(bad.code).toBe(2);
    expect(emu.log.count()).toBe(0);
    const ok = await run(["plan"]);
    expect(ok.out + ok.err).not.toContain("test-token");
  });

  it("apply under injected faults (5xx, secondary rate limits, dropped connections) converges within three runs", async () => {
    emu.setFaults({ errorRate: 0.25, secondaryRateLimitRate: 0.15, dropRate: 0.1, retryAfterSeconds: 1, seed: 7 });
    let lastCode = -1;
    for (let i = 0; i < 3; i++) {
      const r = await run(["apply", "--confirm"]);
      expect(r.err).not.toContain("internal error");
      lastCode = r.code;
      // Never cancels a declared seat, even mid-way.
      const seats = seatsNow();
      for (const l of DECLARED.filter((x) => x !== "carol")) expect(seats.get(l) ?? null, `run ${i + 1}: ${l}`).toBeNull();
    }
    emu.setFaults(undefined);
    const after = await planJson();
    expect(after.changes).toEqual([]);
    expect(lastCode).toBe(1); // ghost stays blocked
    expect(emu.log.entries.some((e) => e.fault)).toBe(true);
  });
});
