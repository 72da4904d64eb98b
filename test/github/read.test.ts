import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubClient } from "../../src/github/client.js";
import { lastPageFromLink, mapLimit, remainingPages } from "../../src/github/concurrency.js";
import { checkSeatManagement, listAllSeats, listOrgMembers, listTeamMembers, readSnapshot } from "../../src/github/read.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { UserError } from "../../src/errors.js";

const N = 250;
const devs = Array.from({ length: N }, (_, i) => `dev${String(i).padStart(3, "0")}`);
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({
    seed: {
      org: { login: "acme", seat_management_setting: "assign_selected" },
      members: [{ login: "root", role: "admin" }, ...devs],
      teams: [{ name: "ML", members: devs.slice(0, 120) }],
      copilot_teams: ["ml"],
      seats: devs.slice(120).map((login, i) => ({
        login,
        created_at: "2025-01-01T00:00:00Z",
        ...(i === 0 ? { pending_cancellation_date: "2099-01-01", last_activity_at: "2025-06-01T00:00:00Z", last_activity_editor: "vscode/1", last_authenticated_at: "2025-06-02T00:00:00Z" } : {}),
      })),
    },
  });
});
afterAll(() => emu.close());

const client = () => createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: "t" }, retryAfterBaseMs: 1, warn: () => {} });

describe("read (against the emulator)", () => {
  it("listAllSeats pages at 100 with the minimum number of requests and flattens each seat", async () => {
    emu.log.reset();
    const seats = await listAllSeats(client(), "acme");
    expect(seats).toHaveLength(N);
    expect(emu.log.count({ route: "GET /orgs/{org}/copilot/billing/seats" })).toBe(Math.ceil(N / 100));
    expect(seats.map((s) => s.login)).toEqual([...devs].sort());
    expect(seats.find((s) => s.login === "dev000")).toMatchObject({ assigning_team: "ml", pending_cancellation_date: null });
    expect(seats.find((s) => s.login === "dev120")).toEqual({
      login: "dev120",
      assigning_team: null,
      created_at: "2025-01-01T00:00:00Z",
      last_activity_at: "2025-06-01T00:00:00Z",
      last_activity_editor: "vscode/1",
      last_authenticated_at: "2025-06-02T00:00:00Z",
      pending_cancellation_date: "2099-01-01",
      plan_type: "business",
    });
  });

  it("listOrgMembers and listTeamMembers page at 100 using the Link header's last page", async () => {
    emu.log.reset();
    const members = await listOrgMembers(client(), "acme");
    expect(members).toHaveLength(N + 1);
    expect(emu.log.count({ route: "GET /orgs/{org}/members" })).toBe(3);
    const team = await listTeamMembers(client(), "acme", "ml");
    expect(team).toEqual(devs.slice(0, 120));
    expect(await listTeamMembers(client(), "acme", "nope")).toBeUndefined();
  });

  it("readSnapshot is plain data and costs seat pages + member pages + team pages + 1", async () => {
    emu.log.reset();
    const snap = await readSnapshot(client(), { org: "acme", teams: ["ml", "missing"] });
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    expect(snap.teams).toEqual([
      { slug: "missing", exists: false, members: [] },
      { slug: "ml", exists: true, members: devs.slice(0, 120) },
    ]);
    expect(emu.log.count()).toBe(3 + 3 + (2 + 1) + 1);
    expect(emu.log.count({ mutating: true })).toBe(0);
  });
});

describe("checkSeatManagement", () => {
  it.each(["assign_all", "disabled", "unconfigured"])("%s is refused with the fix", (setting) => {
    expect(() => checkSeatManagement("acme", { seat_management_setting: setting, plan_type: null, seat_breakdown: null })).toThrow(UserError);
    expect(() => checkSeatManagement("acme", { seat_management_setting: setting, plan_type: null, seat_breakdown: null })).toThrow(
      /choose "Enable for specific members \/ teams"/,
    );
  });
  it("assign_selected passes", () => {
    expect(() => checkSeatManagement("acme", { seat_management_setting: "assign_selected", plan_type: null, seat_breakdown: null })).not.toThrow();
  });
});

describe("paging helpers", () => {
  it.each([
    ['<https://api.github.com/orgs/a/members?per_page=100&page=2>; rel="next", <https://api.github.com/orgs/a/members?per_page=100&page=7>; rel="last"', 7],
    ['<https://api.github.com/orgs/a/members?page=1>; rel="prev"', undefined],
    [undefined, undefined],
  ])("lastPageFromLink(%s) = %s", (link, want) => expect(lastPageFromLink(link)).toBe(want));

  it("remainingPages", () => {
    expect(remainingPages(1)).toEqual([]);
    expect(remainingPages(4)).toEqual([2, 3, 4]);
  });

  it("mapLimit keeps order and never exceeds the limit", async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0, 6], 3, async (x) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, x));
      inFlight--;
      return x * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(peak).toBeLessThanOrEqual(3);
  });
});
