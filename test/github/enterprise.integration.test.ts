// The enterprise client over real HTTP against the emulator: the seat list read at 100 a page
// (rows, not people: one row per grant), grants grouped per person, batched seat writes through
// apply, bulk enterprise-team membership changes, and dry run refusing every write in the client.
import { afterEach, describe, expect, it } from "vitest";
import { applyPlan } from "../../src/apply/apply.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { EmulatorSeed } from "../../src/emulator/types.js";
import { createGitHubClient, DryRunViolation } from "../../src/github/client.js";
import { listEnterpriseGrants, listEnterpriseTeamMembers, listEnterpriseTeams, seatHolders, type EnterpriseGrant } from "../../src/github/enterprise-read.js";
import { ENTERPRISE_WRITE_ROUTES, enterpriseSeatWriter, enterpriseTeamWriter } from "../../src/github/enterprise-write.js";
import type { Plan } from "../../src/plan/types.js";

const open: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});

const people = (n: number, prefix = "dev") => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, "0")}`);

/** `n` people, each with an org seat and a seat through enterprise team "all". */
function seed(n: number): EmulatorSeed {
  const devs = people(n);
  return {
    org: { login: "acme" },
    members: [{ login: "root", role: "admin" }, ...devs],
    next_billing_cycle: "2026-07-01",
    seats: devs.map((login) => ({ login, created_at: "2026-01-01T00:00:00Z" })),
    enterprise: { slug: "acme-corp", teams: [{ name: "All", members: devs }, { name: "Empty" }], copilot_teams: ["ent:all"] },
  };
}

async function start(s: EmulatorSeed): Promise<RunningEmulator> {
  const emu = await startEmulator({ seed: s, now: () => new Date("2026-06-15T12:00:00Z") });
  open.push(emu);
  return emu;
}

const client = (emu: RunningEmulator, allowWrites: boolean) => createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: "test-token" }, allowWrites, writeIntervalMs: 0, retryAfterBaseMs: 1 });

describe("enterprise reads", () => {
  it("reads every grant at 100 a page although total_seats counts people", async () => {
    const emu = await start(seed(150));
    const grants = await listEnterpriseGrants(client(emu, false), "acme-corp");
    expect(grants).toHaveLength(300);
    const route = "GET /enterprises/{enterprise}/copilot/billing/seats";
    expect(emu.log.count({ route })).toBe(3);
    expect(emu.log.entries.filter((e) => e.route === route).every((e) => e.path.endsWith("/seats"))).toBe(true);
    const holders = seatHolders(grants);
    expect(holders).toHaveLength(150);
    expect(holders[0]!.grants.map((g) => g.organization ?? g.assigning_team)).toEqual(["acme", "ent:all"]);
  });

  it("lists enterprise teams and members, undefined for a team that does not exist", async () => {
    const emu = await start(seed(120));
    const gh = client(emu, false);
    expect((await listEnterpriseTeams(gh, "acme-corp")).map((t) => t.slug)).toEqual(["ent:all", "ent:empty"]);
    expect(await listEnterpriseTeamMembers(gh, "acme-corp", "ent:all")).toHaveLength(120);
    expect(emu.log.count({ route: "GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships" })).toBe(2);
    expect(await listEnterpriseTeamMembers(gh, "acme-corp", "ent:nope")).toBeUndefined();
  });

  it("names the enterprise slug and the token kind GitHub needs on a 404", async () => {
    const emu = await start(seed(1));
    await expect(listEnterpriseGrants(client(emu, false), "acme-typo")).rejects.toThrow(/enterprise "acme-typo" \(HTTP 404\).*classic personal access token.*fine-grained/);
  });
});

const G = (login: string, extra: Partial<EnterpriseGrant>): EnterpriseGrant => ({
  login,
  assigning_team: null,
  organization: null,
  created_at: "2026-01-01T00:00:00Z",
  last_activity_at: null,
  last_activity_editor: null,
  last_authenticated_at: null,
  pending_cancellation_date: null,
  plan_type: "business",
  ...extra,
});

describe("seatHolders", () => {
  it.each([
    { name: "one person, two orgs: one holder, latest activity", grants: [G("ann", { organization: "b", last_activity_at: "2026-05-01T00:00:00Z" }), G("Ann", { organization: "a", last_activity_at: "2026-06-01T00:00:00Z" })], want: [{ login: "ann", n: 2, last: "2026-06-01T00:00:00Z", pending: false }] },
    { name: "every grant pending: the holder is pending", grants: [G("bo", { pending_cancellation_date: "2026-07-01" }), G("bo", { assigning_team: "ent:x", pending_cancellation_date: "2026-07-01" })], want: [{ login: "bo", n: 2, last: null, pending: true }] },
    { name: "one live grant keeps the holder", grants: [G("cy", { pending_cancellation_date: "2026-07-01" }), G("cy", { organization: "a" })], want: [{ login: "cy", n: 2, last: null, pending: false }] },
  ])("$name", ({ grants, want }) => {
    expect(seatHolders(grants).map((h) => ({ login: h.login.toLowerCase(), n: h.grants.length, last: h.last_activity_at, pending: h.pending_cancellation }))).toEqual(want);
  });
});

function plan(changes: { action: "add" | "cancel" | "add_team" | "remove_team"; target: string }[]): Plan {
  return { changes: changes.map((c) => ({ ...c, reason: "test" })), safety: { refusals: [] } } as unknown as Plan;
}

describe("enterprise writes", () => {
  it("apply batches enterprise adds and cancels at 100 a request", async () => {
    const emu = await start({ ...seed(0), members: [{ login: "root", role: "admin" }, ...people(250, "new")] });
    const writer = enterpriseSeatWriter(client(emu, true), "acme-corp");
    const added = await applyPlan(plan(people(250, "new").map((target) => ({ action: "add", target }))), writer);
    expect(added.ok).toBe(true);
    expect(added.requests.map((r) => [r.route, r.targets.length])).toEqual([100, 100, 50].map((n) => [ENTERPRISE_WRITE_ROUTES.add_users, n]));
    const cancelled = await applyPlan(plan(people(150, "new").map((target) => ({ action: "cancel", target }))), writer);
    expect(cancelled.requests.map((r) => r.count)).toEqual([100, 50]);
    expect(emu.log.count({ mutating: true })).toBe(5);
  });

  it("assigns an enterprise team by name, and syncs its members in bulk", async () => {
    const emu = await start({ ...seed(0), members: [{ login: "root", role: "admin" }, ...people(230)] });
    const gh = client(emu, true);
    const teams = enterpriseTeamWriter(gh, "acme-corp");
    const t = await teams.create({ name: "Platform", description: "platform" });
    expect(t.slug).toBe("ent:platform");
    expect(await teams.syncMembers(t.slug, people(230), [])).toBe(3);
    expect(await teams.syncMembers(t.slug, [], people(30))).toBe(1);
    const result = await applyPlan(plan([{ action: "add_team", target: t.slug }]), enterpriseSeatWriter(gh, "acme-corp"));
    expect(result.requests[0]).toMatchObject({ ok: true, count: 200 });
    const sent = emu.log.entries.find((e) => e.route === "POST /enterprises/{enterprise}/copilot/billing/selected_enterprise_teams");
    expect(sent?.body).toEqual({ selected_enterprise_teams: ["Platform"] });
    const renamed = await teams.update(t.slug, { name: "Platform Eng" });
    expect(renamed).toMatchObject({ id: t.id, slug: "ent:platform-eng" });
    expect(await listEnterpriseTeamMembers(gh, "acme-corp", renamed.slug)).toHaveLength(200);
    await teams.delete(renamed.slug);
    expect(await teams.get(renamed.slug)).toBeUndefined();
  });

  it("a dry-run client refuses every enterprise write before it is sent", async () => {
    const emu = await start(seed(2));
    const gh = client(emu, false);
    await expect(enterpriseSeatWriter(gh, "acme-corp").write("add_users", ["dev0000"])).rejects.toBeInstanceOf(DryRunViolation);
    await expect(enterpriseTeamWriter(gh, "acme-corp").syncMembers("ent:all", ["root"], [])).rejects.toBeInstanceOf(DryRunViolation);
    await expect(enterpriseTeamWriter(gh, "acme-corp").create({ name: "X" })).rejects.toBeInstanceOf(DryRunViolation);
    expect(emu.log.count({ mutating: true })).toBe(0);
  });
});
