// Conformance of the enterprise endpoints (GitHub Enterprise Cloud): enterprise Copilot seats and
// enterprise teams, driven with @octokit/rest over real HTTP, every body validated against the
// GHEC OpenAPI description (the enterprise Copilot endpoints exist only there). The last test
// checks that every enterprise route was exercised with a success and an error.
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { buildRouter } from "../../src/emulator/routes/index.js";
import { ENTERPRISE_ROUTES } from "./enterprise-routes.js";
import { Recorder, octokitFor, raw } from "./harness.js";
import { ghecValidator } from "./openapi-validator.js";

const SEED = path.resolve(import.meta.dirname, "../fixtures/emulator/enterprise.yaml");
const NOW = new Date("2026-06-15T12:00:00Z");
const E = { enterprise: "acme-corp" };
const recorder = new Recorder(ghecValidator);
let emu: RunningEmulator;
let gh: ReturnType<typeof octokitFor>;

beforeAll(async () => {
  ghecValidator();
  emu = await startEmulator({ seed: SEED, now: () => NOW });
  gh = octokitFor(emu, recorder);
});
afterAll(() => emu.close());
afterEach(() => expect(recorder.takeFailures()).toEqual([]));

const status = (p: Promise<unknown>) => p.then(() => 0, (e: { status?: number }) => e.status ?? -1);

interface SeatList {
  total_seats: number;
  seats: { assignee: { login: string }; organization: { login: string } | null; assigning_team: { slug: string } | null; pending_cancellation_date: string | null }[];
}

async function seats(): Promise<SeatList> {
  const r = await gh.request("GET /enterprises/{enterprise}/copilot/billing/seats", { ...E, per_page: 100 });
  return r.data as SeatList;
}

const grants = (list: SeatList, login: string) =>
  list.seats.filter((s) => s.assignee.login === login).map((s) => s.assigning_team?.slug ?? s.organization?.login ?? "enterprise").sort();

describe("enterprise Copilot seats", () => {
  it("lists one seat object per grant and counts each person once", async () => {
    const list = await seats();
    // alice: org seat + ent:platform; zoe: ent:platform; bob: direct; dave: direct (pending).
    expect(grants(list, "alice")).toEqual(["acme", "ent:platform"]);
    expect(grants(list, "zoe")).toEqual(["ent:platform"]);
    expect(list.seats.find((s) => s.assignee.login === "dave")?.pending_cancellation_date).toBe("2026-07-01");
    expect(list.total_seats).toBe(4);
    const page = await gh.request("GET /enterprises/{enterprise}/copilot/billing/seats", { ...E, per_page: 2 });
    expect(page.headers.link).toContain('rel="next"');
    expect(await status(gh.request("GET /enterprises/{enterprise}/copilot/billing/seats", { enterprise: "nope" }))).toBe(404);
    const alice = await gh.request("GET /enterprises/{enterprise}/members/{username}/copilot", { ...E, username: "alice" });
    expect((alice.data as SeatList).seats).toHaveLength(2);
    expect(await status(gh.request("GET /enterprises/{enterprise}/members/{username}/copilot", { ...E, username: "mallory" }))).toBe(404);
  });

  it("selected_users: adds in one batch, refreshes a pending seat, cancels to pending, 422s", async () => {
    const add = await gh.request("POST /enterprises/{enterprise}/copilot/billing/selected_users", { ...E, selected_usernames: ["carol", "dave", "zoe"] });
    expect(add).toMatchObject({ status: 201, data: { seats_created: 3 } });
    let list = await seats();
    expect(list.seats.filter((s) => s.assignee.login === "dave").map((s) => s.pending_cancellation_date)).toEqual([null]);
    expect(await status(gh.request("POST /enterprises/{enterprise}/copilot/billing/selected_users", { ...E, selected_usernames: ["mallory"] }))).toBe(422);
    expect(await status(gh.request("POST /enterprises/{enterprise}/copilot/billing/selected_users", { ...E, selected_usernames: [] }))).toBe(422);
    const cancel = await gh.request("DELETE /enterprises/{enterprise}/copilot/billing/selected_users", { ...E, selected_usernames: ["carol", "zoe", "alice"] });
    // alice has no direct enterprise grant: nothing to cancel; zoe keeps her team grant.
    expect(cancel).toMatchObject({ status: 200, data: { seats_cancelled: 2 } });
    list = await seats();
    expect(list.seats.filter((s) => s.assignee.login === "zoe" && !s.pending_cancellation_date).map((s) => s.assigning_team?.slug)).toEqual(["ent:platform"]);
    expect(await status(gh.request("DELETE /enterprises/{enterprise}/copilot/billing/selected_users", { ...E, selected_usernames: ["ghost-user"] }))).toBe(422);
  });

  it("selected_enterprise_teams: team-granted seats follow the team, 422 for unknown teams", async () => {
    const add = await gh.request("POST /enterprises/{enterprise}/copilot/billing/selected_enterprise_teams", { ...E, selected_enterprise_teams: ["ent:data"] });
    expect(add).toMatchObject({ status: 201, data: { seats_created: 1 } });
    expect(grants(await seats(), "carol")).toContain("ent:data");
    expect(await status(gh.request("POST /enterprises/{enterprise}/copilot/billing/selected_enterprise_teams", { ...E, selected_enterprise_teams: ["ent:nope"] }))).toBe(422);
    const cancel = await gh.request("DELETE /enterprises/{enterprise}/copilot/billing/selected_enterprise_teams", { ...E, selected_enterprise_teams: ["ent:data"] });
    expect(cancel).toMatchObject({ status: 200, data: { seats_cancelled: 1 } });
    expect(await status(gh.request("DELETE /enterprises/{enterprise}/copilot/billing/selected_enterprise_teams", { ...E, selected_enterprise_teams: [] }))).toBe(422);
  });

  it("refuses fine-grained and App tokens on writes, and every write when the access setting is not assign_selected", async () => {
    const fine = octokitFor(emu, recorder, "github_pat_11AAAAAAA0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRS");
    expect(await status(fine.request("POST /enterprises/{enterprise}/copilot/billing/selected_users", { ...E, selected_usernames: ["carol"] }))).toBe(403);
    const other = await startEmulator({ seed: { org: { login: "o" }, members: [{ login: "root", role: "admin" }], enterprise: { slug: "allent", seat_management_setting: "assign_all", teams: [{ name: "T", members: ["root"] }] } } });
    try {
      const o = octokitFor(other, recorder);
      const e = { enterprise: "allent" };
      expect(await status(o.request("POST /enterprises/{enterprise}/copilot/billing/selected_users", { ...e, selected_usernames: ["root"] }))).toBe(422);
      expect(await status(o.request("DELETE /enterprises/{enterprise}/copilot/billing/selected_users", { ...e, selected_usernames: ["root"] }))).toBe(422);
      expect(await status(o.request("POST /enterprises/{enterprise}/copilot/billing/selected_enterprise_teams", { ...e, selected_enterprise_teams: ["ent:t"] }))).toBe(422);
      expect(await status(o.request("DELETE /enterprises/{enterprise}/copilot/billing/selected_enterprise_teams", { ...e, selected_enterprise_teams: ["ent:t"] }))).toBe(422);
    } finally {
      await other.close();
    }
  });
});

describe("enterprise teams", () => {
  it("create, get, rename, list, delete", async () => {
    const created = await gh.rest.enterpriseTeams.create({ ...E, name: "Web Apps", description: "web" });
    expect(created).toMatchObject({ status: 201, data: { slug: "ent:web-apps", name: "Web Apps" } });
    expect(await status(gh.rest.enterpriseTeams.create({ ...E, name: "web apps" }))).toBe(422);
    expect(await status(gh.rest.enterpriseTeams.create({ ...E } as never))).toBe(422);
    expect((await gh.rest.enterpriseTeams.get({ ...E, team_slug: "ent:web-apps" })).data.id).toBe(created.data.id);
    expect((await gh.rest.enterpriseTeams.get({ ...E, team_slug: String(created.data.id) })).data.slug).toBe("ent:web-apps");
    expect(await status(gh.rest.enterpriseTeams.get({ ...E, team_slug: "ent:nope" }))).toBe(404);
    const renamed = await gh.rest.enterpriseTeams.update({ ...E, team_slug: "ent:web-apps", name: "Web Platform" });
    expect(renamed.data).toMatchObject({ slug: "ent:web-platform", id: created.data.id });
    expect(await status(gh.rest.enterpriseTeams.update({ ...E, team_slug: "ent:web-platform", name: "Platform" }))).toBe(422);
    const all = await gh.paginate(gh.rest.enterpriseTeams.list, { ...E, per_page: 2 });
    expect(all.map((t) => t.slug)).toEqual(["ent:data", "ent:platform", "ent:web-platform"]);
    expect(await status(gh.rest.enterpriseTeams.list({ enterprise: "nope" }))).toBe(404);
    expect((await gh.rest.enterpriseTeams.delete({ ...E, team_slug: "ent:web-platform" })).status).toBe(204);
    expect(await status(gh.rest.enterpriseTeams.delete({ ...E, team_slug: "ent:web-platform" }))).toBe(404);
  });

  it("memberships: bulk add and remove, one at a time, and the seats they grant", async () => {
    await gh.request("POST /enterprises/{enterprise}/copilot/billing/selected_enterprise_teams", { ...E, selected_enterprise_teams: ["ent:data"] });
    const added = await gh.rest.enterpriseTeamMemberships.bulkAdd({ ...E, "enterprise-team": "ent:data", usernames: ["bob", "zoe"] });
    expect(added.data.map((u) => u.login)).toEqual(["bob", "zoe"]);
    expect(grants(await seats(), "zoe")).toContain("ent:data");
    expect(await status(gh.rest.enterpriseTeamMemberships.bulkAdd({ ...E, "enterprise-team": "ent:data", usernames: ["mallory"] }))).toBe(422);
    const list = await gh.rest.enterpriseTeamMemberships.list({ ...E, "enterprise-team": "ent:data" });
    expect(list.data.map((u) => u.login)).toEqual(["bob", "carol", "zoe"]);
    expect(await status(gh.rest.enterpriseTeamMemberships.list({ ...E, "enterprise-team": "ent:nope" }))).toBe(404);
    const removed = await gh.rest.enterpriseTeamMemberships.bulkRemove({ ...E, "enterprise-team": "ent:data", usernames: ["zoe", "mallory"] });
    expect(removed.data.map((u) => u.login)).toEqual(["zoe"]);
    const zoe = (await seats()).seats.find((s) => s.assignee.login === "zoe" && s.assigning_team?.slug === "ent:data");
    expect(zoe?.pending_cancellation_date).toBe("2026-07-01");
    expect(await status(gh.rest.enterpriseTeamMemberships.bulkRemove({ ...E, "enterprise-team": "ent:nope", usernames: ["zoe"] }))).toBe(404);
    expect((await gh.rest.enterpriseTeamMemberships.add({ ...E, "enterprise-team": "ent:data", username: "dave" })).status).toBe(201);
    expect(await status(gh.rest.enterpriseTeamMemberships.add({ ...E, "enterprise-team": "ent:data", username: "mallory" }))).toBe(422);
    expect((await gh.rest.enterpriseTeamMemberships.get({ ...E, "enterprise-team": "ent:data", username: "dave" })).data.login).toBe("dave");
    expect(await status(gh.rest.enterpriseTeamMemberships.get({ ...E, "enterprise-team": "ent:data", username: "zoe" }))).toBe(404);
    expect((await gh.rest.enterpriseTeamMemberships.remove({ ...E, "enterprise-team": "ent:data", username: "dave" })).status).toBe(204);
    expect(await status(gh.rest.enterpriseTeamMemberships.remove({ ...E, "enterprise-team": "ent:data", username: "dave" }))).toBe(404);
  });

  it("refuses a fine-grained token on enterprise teams", async () => {
    const r = await raw(emu, recorder, "GET", "/enterprises/acme-corp/teams", { auth: false, headers: { authorization: "token github_pat_fine" } });
    expect(r).toMatchObject({ status: 403, body: { message: "Resource not accessible by personal access token" } });
  });
});

describe("coverage", () => {
  it("covers exactly the enterprise routes, with schema-validated success and error responses", () => {
    const validator = ghecValidator();
    const routed = buildRouter().templates().filter((t) => t.includes(" /enterprises/"));
    expect(routed.sort()).toEqual([...ENTERPRISE_ROUTES].sort());
    const covered = recorder.covered();
    const missing: string[] = [];
    for (const template of ENTERPRISE_ROUTES) {
      const [method, p] = template.split(" ") as [string, string];
      expect(validator.hasOperation(method, p), `${template} is not an operation in GitHub's GHEC description`).toBe(true);
      const statuses = covered.get(template);
      if (!statuses || ![...statuses].some((s) => s < 300)) missing.push(`${template} (success)`);
      if (!statuses || ![...statuses].some((s) => s >= 400)) missing.push(`${template} (error)`);
    }
    expect(missing).toEqual([]);
    expect(recorder.failures()).toEqual([]);
    const successWithoutSchema = recorder.responses.filter((r) => r.status < 300 && r.status !== 204 && r.schemaSource !== "spec");
    expect(successWithoutSchema.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });
});
