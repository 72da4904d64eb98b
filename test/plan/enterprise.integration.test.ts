// Enterprise billing end to end through the CLI against the emulator: the plan (adds, re-adds,
// cancels, an enterprise team to assign) has the same checksum before and after `pulumi up`
// creates the enterprise team, apply sends it to the enterprise's endpoints in batches, and the
// preflight refuses credentials the enterprise endpoints refuse, with the fix.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { createGitHubClient } from "../../src/github/client.js";
import { enterpriseTeamWriter } from "../../src/github/enterprise-write.js";
import type { Plan } from "../../src/plan/types.js";
import { testApp } from "../helpers/app-credentials.js";
import { captureIo } from "../helpers/io.js";

const FIXTURE = path.resolve("test/fixtures/plan/enterprise");
let emu: RunningEmulator;
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "seats-ent-plan-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => emu?.close());

const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ GITHUB_TOKEN: "test-token", GITHUB_API_URL: emu.url, SEATS_RETRY_BASE_MS: "1", SEATS_WRITE_INTERVAL_MS: "0", ...extra });

async function run(args: string[], e = env()) {
  const io = captureIo();
  const code = await main([...args, "--dir", FIXTURE], { io, env: e });
  return { code, out: io.stdout, err: io.stderr };
}

async function planJson(): Promise<Plan> {
  const file = path.join(tmp, `plan-${Math.random().toString(36).slice(2)}.json`);
  const r = await run(["plan", "--json", file]);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(readFileSync(file, "utf8")) as Plan;
}

const changes = (p: Plan) => p.changes.map((c) => `${c.action} ${c.target}`);

/** What `pulumi up` does for seats/ml: create the enterprise team and sync its members in bulk. */
async function pulumiUp(): Promise<void> {
  const gh = createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: "test-token" }, allowWrites: true, writeIntervalMs: 0 });
  const teams = enterpriseTeamWriter(gh, "acme-corp");
  const t = await teams.create({ name: "ML" });
  await teams.syncMembers(t.slug, ["dana", "erin"], []);
}

describe("enterprise billing", () => {
  it("plans against the enterprise, with the same checksum before and after pulumi up, and applies in batches", async () => {
    emu = await startEmulator({ seed: path.join(FIXTURE, "seed.yaml"), now: () => new Date("2026-01-15T12:00:00Z") });
    const before = await planJson();
    expect(changes(before)).toEqual(["add_team ent:ml", "add carol", "readd bob", "cancel frank"]);
    expect(emu.log.count({ mutating: true })).toBe(0);
    await pulumiUp();
    const after = await planJson();
    expect(after.checksum).toBe(before.checksum);

    emu.log.reset();
    const r = await run(["apply", "--confirm", "--checksum", before.checksum]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const writes = emu.log.entries.filter((e) => e.method !== "GET").map((e) => [e.route, e.body]);
    expect(writes).toEqual([
      ["POST /enterprises/{enterprise}/copilot/billing/selected_enterprise_teams", { selected_enterprise_teams: ["ML"] }],
      ["POST /enterprises/{enterprise}/copilot/billing/selected_users", { selected_usernames: ["carol", "bob"] }],
      ["DELETE /enterprises/{enterprise}/copilot/billing/selected_users", { selected_usernames: ["frank"] }],
    ]);
    // No org seat was touched: gus keeps his, and the org endpoints saw no write.
    expect(emu.log.entries.some((e) => e.method !== "GET" && e.path.startsWith("/orgs/"))).toBe(false);
    expect(changes(await planJson())).toEqual([]);
    const grants = emu.control.snapshot().enterprise!.seats!;
    expect(grants.filter((g) => !g.pending_cancellation_date).map((g) => `${g.login}${g.assigning_team ? `@${g.assigning_team}` : ""}`).sort()).toEqual(["alice", "bob", "carol", "dana@ent:ml", "erin@ent:ml"]);
  });

  it.each([
    { name: "a fine-grained token", extra: { GITHUB_TOKEN: "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQ" }, want: /fine-grained token: enterprise endpoints accept classic personal access tokens only/ },
    { name: "a GitHub App", extra: { GITHUB_TOKEN: "", ...testApp().env }, want: /GitHub App: enterprise endpoints accept classic personal access tokens only/ },
    // What actions/create-github-app-token hands a workflow step as GITHUB_TOKEN.
    { name: "a GitHub App installation token", extra: { GITHUB_TOKEN: "ghs_abcdefghijklmnopqrstuvwxyz0123456789" }, want: /GitHub App installation token: enterprise endpoints accept classic personal access tokens only/ },
  ])("the preflight refuses $name before any request, with the fix, and never prints it", async ({ extra, want }) => {
    emu = await startEmulator({ seed: path.join(FIXTURE, "seed.yaml") });
    const r = await run(["plan"], env(extra));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(want);
    expect(r.err).toContain("read:enterprise");
    expect(r.err + r.out).not.toContain("abcdefghijklmnopqrstuvwxyz");
    expect(emu.log.entries).toHaveLength(0);
  });

  it("names the enterprise slug and the token GitHub needs when the enterprise is not found", async () => {
    emu = await startEmulator({ seed: { org: { login: "acme" }, members: [{ login: "root", role: "admin" }], enterprise: { slug: "other-corp" } } });
    const r = await run(["plan"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/enterprise "acme-corp" \(HTTP 404\): check that `enterprise` in policies\/policy.yaml/);
  });
});

describe("enterprise billing with several orgs", () => {
  const ORGS = path.resolve("test/fixtures/plan/enterprise-orgs");
  it("is one enterprise plan: every org's teams read in their org, members of any managed org assigned at the enterprise, others blocked", async () => {
    emu = await startEmulator({ seed: path.join(ORGS, "seed.yaml"), now: () => new Date("2026-01-15T12:00:00Z") });
    const file = path.join(tmp, "orgs-plan.json");
    const io = captureIo();
    expect(await main(["plan", "--dir", ORGS, "--json", file], { io, env: env() })).toBe(0);
    const p = JSON.parse(readFileSync(file, "utf8")) as Plan;
    // No per-org plan: the enterprise assigns, so nothing names an org.
    expect(p.orgs).toBeUndefined();
    expect(changes(p)).toEqual(["add lena", "add max"]);
    expect(p.blocked.map((b) => `${b.kind} ${b.target}`)).toEqual(["not_org_member zoe"]);
    expect(p.blocked[0]!.reason).toContain("is not a member of any of the orgs acme, acme-labs");
    expect(p.blocked[0]!.fix).toContain("invite zoe to acme-labs");
    // research is acme-labs' team: its roster is checked against acme-labs' members, as pulumi up does.
    expect(p.teams.left_out.map((l) => `${l.login} ${l.team}: ${l.reason.split(",")[0]}`)).toEqual(["max research: max is not a member of acme-labs", "zoe research: zoe is not a member of acme-labs"]);
    const read = emu.log.entries.map((e) => e.path.split("?")[0]);
    expect(read).toContain("/orgs/acme-labs/teams/research/members");
    expect(read).toContain("/orgs/acme-labs/members");
    emu.log.reset();
    const apply = captureIo();
    const code = await main(["apply", "--dir", ORGS, "--confirm", "--checksum", p.checksum], { io: apply, env: env() });
    expect(apply.stderr).toBe("");
    // zoe stays blocked, so the run exits 1 after applying the rest (docs/plan-apply.md).
    expect(code).toBe(1);
    expect(apply.stdout).toContain("ok    POST /enterprises/{enterprise}/copilot/billing/selected_users (batch: 2 logins) → 201, 2");
    expect(emu.log.entries.filter((e) => e.method !== "GET").map((e) => [e.route, e.body])).toEqual([
      ["POST /enterprises/{enterprise}/copilot/billing/selected_users", { selected_usernames: ["lena", "max"] }],
    ]);
    // gus's org seat in acme-labs is the org's: untouched.
    expect(emu.control.snapshot().other_orgs![0]!.seats!.map((s) => `${s.login}${s.pending_cancellation_date ? " pending" : ""}`)).toEqual(["gus"]);
  });
});
