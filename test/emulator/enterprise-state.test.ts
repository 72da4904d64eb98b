// The emulator's enterprise over time and across restarts: billing-cycle roll of pending grants,
// enterprise-team grants ending when a person leaves the org, activity shown on every grant, the
// `--state` file and snapshot round trips, and fault injection on the enterprise routes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { testApp } from "../helpers/app-credentials.js";

const SEED = path.resolve(import.meta.dirname, "../fixtures/emulator/enterprise.yaml");
const open: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});

async function start(opts: Parameters<typeof startEmulator>[0] = {}): Promise<RunningEmulator> {
  const emu = await startEmulator({ seed: SEED, now: () => new Date("2026-06-15T12:00:00Z"), ...opts });
  open.push(emu);
  return emu;
}

async function call(emu: RunningEmulator, method: string, p: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${emu.url}${p}`, {
    method,
    headers: { authorization: "token test-token", "content-type": "application/json" },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** What a seat row says, without the URLs (they carry the server's port). */
const grantsOf = (list: any) => list.seats.map((s: any) => [s.assignee.login, s.assigning_team?.slug ?? s.organization?.login ?? "enterprise", s.pending_cancellation_date]);

const seatRows = async (emu: RunningEmulator) => (await call(emu, "GET", "/enterprises/acme-corp/copilot/billing/seats?per_page=100")).body;

describe("emulator enterprise state", () => {
  it("drops pending grants at the billing-cycle boundary", async () => {
    const emu = await start();
    expect((await seatRows(emu)).seats.some((s: any) => s.assignee.login === "dave")).toBe(true);
    emu.control.setNow(new Date("2026-07-01T00:00:01Z"));
    const after = await seatRows(emu);
    expect(after.seats.some((s: any) => s.assignee.login === "dave")).toBe(false);
    expect(after.total_seats).toBe(3);
  });

  it("ends an enterprise-team grant when the person leaves the org, and shows activity on every grant", async () => {
    const emu = await start();
    emu.control.recordActivity("alice", new Date("2026-06-14T08:00:00Z"));
    const alice = (await seatRows(emu)).seats.filter((s: any) => s.assignee.login === "alice");
    expect(alice.map((s: any) => s.last_activity_at)).toEqual(["2026-06-14T08:00:00Z", "2026-06-14T08:00:00Z"]);
    expect((await call(emu, "DELETE", "/orgs/acme/members/alice")).status).toBe(204);
    const team = (await seatRows(emu)).seats.find((s: any) => s.assignee.login === "alice" && s.assigning_team);
    expect(team.pending_cancellation_date).toBe("2026-07-01");
  });

  it("keeps the enterprise across a restart on the same --state file and in snapshots", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "seats-ent-"));
    try {
      const stateFile = path.join(dir, "state.json");
      const first = await start({ stateFile });
      await call(first, "POST", "/enterprises/acme-corp/teams", { name: "Infra" });
      await call(first, "POST", "/enterprises/acme-corp/teams/ent:infra/memberships/add", { usernames: ["carol"] });
      await call(first, "POST", "/enterprises/acme-corp/copilot/billing/selected_enterprise_teams", { selected_enterprise_teams: ["ent:infra"] });
      const before = await seatRows(first);
      await first.close();
      open.splice(open.indexOf(first), 1);
      const second = await start({ stateFile });
      expect(grantsOf(await seatRows(second))).toEqual(grantsOf(before));
      expect(grantsOf(before)).toContainEqual(["carol", "ent:infra", null]);
      const snap = second.control.snapshot().enterprise!;
      expect(snap.copilot_teams?.sort()).toEqual(["ent:infra", "ent:platform"]);
      const replayed = await start({ seed: second.control.snapshot() });
      expect((await seatRows(replayed)).total_seats).toBe(before.total_seats);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("injects faults on enterprise routes like on the rest, never half-applying a write", async () => {
    const emu = await start({ faults: { errorRate: 1, maxFaults: 1, match: "selected_users" } });
    const failed = await call(emu, "POST", "/enterprises/acme-corp/copilot/billing/selected_users", { selected_usernames: ["carol"] });
    expect([502, 503]).toContain(failed.status);
    expect((await seatRows(emu)).seats.some((s: any) => s.assignee.login === "carol")).toBe(false);
    const ok = await call(emu, "POST", "/enterprises/acme-corp/copilot/billing/selected_users", { selected_usernames: ["carol"] });
    expect(ok).toMatchObject({ status: 201, body: { seats_created: 1 } });
    expect(emu.log.count({ route: "POST /enterprises/{enterprise}/copilot/billing/selected_users" })).toBe(2);
  });

  it("refuses a GitHub App installation token except on the seat list, as GitHub documents", async () => {
    const app = testApp();
    const emu = await start({ seed: { org: { login: "acme" }, members: [{ login: "root", role: "admin" }], apps: [app.seed], enterprise: { slug: "acme-corp" } } });
    const gh = new Octokit({ authStrategy: createAppAuth, auth: { appId: app.seed.id, privateKey: app.privateKey, installationId: 77 }, baseUrl: emu.url });
    expect((await gh.request("GET /enterprises/{enterprise}/copilot/billing/seats", { enterprise: "acme-corp" })).status).toBe(200);
    const refused = await gh.rest.enterpriseTeams.list({ enterprise: "acme-corp" }).catch((e: { status: number; response: { data: { message: string } } }) => e);
    expect(refused).toMatchObject({ status: 403, response: { data: { message: "Resource not accessible by integration" } } });
    const write = await gh.request("POST /enterprises/{enterprise}/copilot/billing/selected_users", { enterprise: "acme-corp", selected_usernames: ["root"] }).catch((e: { status: number }) => e);
    expect(write).toMatchObject({ status: 403 });
  });
});
