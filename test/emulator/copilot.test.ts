// Copilot seat semantics over real HTTP: pagination, each 422, pending cancellation and
// re-adding, team-granted seats (including members who join later), billing-cycle roll-over.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../src/emulator/index.js";
import { Recorder, octokitFor, raw } from "./harness.js";

const N = 237;
const devs = Array.from({ length: N }, (_, i) => `dev${String(i).padStart(3, "0")}`);
const seed: EmulatorSeed = {
  org: { login: "big", seat_management_setting: "assign_selected" },
  viewer: "root",
  next_billing_cycle: "2026-07-01",
  members: [{ login: "root", role: "admin" }, ...devs],
  users: ["outsider"],
  teams: [{ name: "Team A", members: ["dev000", "dev001"] }, { name: "Team B", members: ["dev001"] }],
  seats: devs.slice(10).map((login) => ({ login, created_at: "2026-01-01T00:00:00Z" })),
};

let emu: RunningEmulator;
let now = new Date("2026-06-15T12:00:00Z");
const recorder = new Recorder();
let gh: ReturnType<typeof octokitFor>;
const org = "big";
const status = (p: Promise<unknown>) => p.then(() => 0, (e: { status?: number }) => e.status ?? -1);
const seatOf = async (login: string) => (await gh.rest.copilot.getCopilotSeatDetailsForUser({ org, username: login })).data;

beforeEach(async () => {
  now = new Date("2026-06-15T12:00:00Z");
  emu = await startEmulator({ seed, now: () => now });
  gh = octokitFor(emu, recorder);
});
afterEach(async () => {
  await emu.close();
  expect(recorder.takeFailures()).toEqual([]);
});

describe("seat pagination", () => {
  it("defaults to 50 per page, clamps per_page to 100, reports total_seats over all pages", async () => {
    const first = await gh.rest.copilot.listCopilotSeats({ org });
    expect(first.data.seats).toHaveLength(50);
    expect(first.data.total_seats).toBe(N - 10);
    const clamped = await gh.rest.copilot.listCopilotSeats({ org, per_page: 500 });
    expect(clamped.data.seats).toHaveLength(100);
    expect(clamped.headers.link).toBe(
      `<${emu.url}/orgs/big/copilot/billing/seats?per_page=100&page=2>; rel="next", <${emu.url}/orgs/big/copilot/billing/seats?per_page=100&page=3>; rel="last"`,
    );
    const beyond = await gh.rest.copilot.listCopilotSeats({ org, per_page: 100, page: 9 });
    expect(beyond.data).toMatchObject({ total_seats: N - 10, seats: [] });
  });

  it("octokit.paginate with the seats map function returns every seat exactly once", async () => {
    emu.log.reset();
    const seats = await gh.paginate(gh.rest.copilot.listCopilotSeats, { org, per_page: 100 }, // Octokit's types assume paginate normalises this response; it does not.
      (res) => (res.data as unknown as { seats: { assignee?: { login: string } | null }[] }).seats);
    expect(seats).toHaveLength(N - 10);
    expect(new Set(seats.map((s) => s.assignee?.login)).size).toBe(N - 10);
    expect(emu.log.count({ route: "GET /orgs/{org}/copilot/billing/seats" })).toBe(3);
  });

  it("omits Link when everything fits on one page; the last page links back with prev and first", async () => {
    const all = await raw(emu, recorder, "GET", "/orgs/big/copilot/billing/seats?per_page=100&page=3");
    expect(all.headers.get("link")).toBe(
      `<${emu.url}/orgs/big/copilot/billing/seats?per_page=100&page=2>; rel="prev", <${emu.url}/orgs/big/copilot/billing/seats?per_page=100&page=1>; rel="first"`,
    );
    const teams = await raw(emu, recorder, "GET", "/orgs/big/teams");
    expect(teams.headers.get("link")).toBeNull();
  });
});

describe("selected_users", () => {
  it("rejects non-members and unknown users with 422 and changes nothing", async () => {
    const before = emu.control.snapshot().seats;
    const err = await gh.rest.copilot.addCopilotSeatsForUsers({ org, selected_usernames: ["dev000", "outsider"] }).catch((e) => e);
    expect(err.status).toBe(422);
    expect(err.response.data.message).toContain("outsider");
    expect(emu.control.snapshot().seats).toEqual(before);
  });

  it("validates the body: required, array, minItems 1, string items", async () => {
    for (const body of [{}, { selected_usernames: [] }, { selected_usernames: "dev000" }, { selected_usernames: [1] }, { selected_usernames: null }]) {
      const res = await raw(emu, recorder, "POST", "/orgs/big/copilot/billing/selected_users", { body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.message).toMatch(/^Invalid request\./);
    }
  });

  it("counts created and refreshed seats; duplicates and case variants count once", async () => {
    const res = await gh.rest.copilot.addCopilotSeatsForUsers({ org, selected_usernames: ["dev000", "DEV000", "dev010"] });
    expect(res.data.seats_created).toBe(2);
    expect((await seatOf("dev000")).created_at).toBe("2026-06-15T12:00:00Z");
    expect((await seatOf("dev010")).created_at).toBe("2026-01-01T00:00:00Z");
  });

  it("pending cancellation keeps the seat listed until the next billing cycle; re-adding clears it", async () => {
    expect((await gh.rest.copilot.cancelCopilotSeatAssignmentForUsers({ org, selected_usernames: ["dev010", "dev011"] })).data.seats_cancelled).toBe(2);
    // A repeat cancellation counts nothing; a user without a seat counts nothing.
    expect((await gh.rest.copilot.cancelCopilotSeatAssignmentForUsers({ org, selected_usernames: ["dev010", "dev000"] })).data.seats_cancelled).toBe(0);
    expect((await seatOf("dev010")).pending_cancellation_date).toBe("2026-07-01");
    expect((await gh.rest.copilot.listCopilotSeats({ org })).data.total_seats).toBe(N - 10);
    const billing = await gh.rest.copilot.getCopilotOrganizationDetails({ org });
    expect(billing.data.seat_breakdown).toMatchObject({ total: N - 10, pending_cancellation: 2 });

    expect((await gh.rest.copilot.addCopilotSeatsForUsers({ org, selected_usernames: ["dev011"] })).data.seats_created).toBe(1);
    expect((await seatOf("dev011")).pending_cancellation_date).toBeNull();

    now = new Date("2026-07-01T00:00:01Z");
    expect(await status(gh.rest.copilot.getCopilotSeatDetailsForUser({ org, username: "dev010" }))).toBe(404);
    expect((await gh.rest.copilot.listCopilotSeats({ org })).data.total_seats).toBe(N - 11);
    expect(emu.control.snapshot().next_billing_cycle).toBe("2026-08-01");
  });
});

describe("team seats", () => {
  it("every member of a selected team holds a seat with assigning_team, including members added later", async () => {
    expect((await gh.rest.copilot.addCopilotSeatsForTeams({ org, selected_teams: ["Team A"] })).data.seats_created).toBe(2);
    const seat = await seatOf("dev001");
    expect(seat.assigning_team).toMatchObject({ slug: "team-a", type: "organization" });
    await gh.rest.teams.addOrUpdateMembershipForUserInOrg({ org, team_slug: "team-a", username: "dev002" });
    expect((await seatOf("dev002")).assigning_team?.slug).toBe("team-a");
  });

  it("a team-granted seat cannot be cancelled per user (422, nothing changes)", async () => {
    await gh.rest.copilot.addCopilotSeatsForTeams({ org, selected_teams: ["team-a"] });
    const err = await gh.rest.copilot.cancelCopilotSeatAssignmentForUsers({ org, selected_usernames: ["dev010", "dev000"] }).catch((e) => e);
    expect(err.status).toBe(422);
    expect(err.response.data.message).toContain("assigned to them via a team");
    expect((await seatOf("dev010")).pending_cancellation_date).toBeNull();
  });

  it("cancelling a team keeps seats retained through another team; the rest go pending", async () => {
    await gh.rest.copilot.addCopilotSeatsForTeams({ org, selected_teams: ["team-a", "team-b"] });
    const res = await gh.rest.copilot.cancelCopilotSeatAssignmentForTeams({ org, selected_teams: ["team-a"] });
    expect(res.data.seats_cancelled).toBe(1);
    expect((await seatOf("dev000")).pending_cancellation_date).toBe("2026-07-01");
    expect(await seatOf("dev001")).toMatchObject({ pending_cancellation_date: null, assigning_team: { slug: "team-b" } });
  });

  it("a member who leaves a selected team or the org goes to pending cancellation", async () => {
    await gh.rest.copilot.addCopilotSeatsForTeams({ org, selected_teams: ["team-a"] });
    await gh.rest.teams.removeMembershipForUserInOrg({ org, team_slug: "team-a", username: "dev000" });
    expect((await seatOf("dev000")).pending_cancellation_date).toBe("2026-07-01");
    await gh.rest.orgs.removeMembershipForUser({ org, username: "dev020" });
    expect(emu.control.snapshot().seats!.find((s) => s.login === "dev020")?.pending_cancellation_date).toBe("2026-07-01");
  });
});

describe("activity", () => {
  it("recordActivity sets last_activity_at, editor and counts in active_this_cycle", async () => {
    emu.control.recordActivity("dev050", new Date("2026-06-14T08:00:00Z"), "vscode/1.100.0/copilot/1.320.0");
    expect(await seatOf("dev050")).toMatchObject({ last_activity_at: "2026-06-14T08:00:00Z", last_activity_editor: "vscode/1.100.0/copilot/1.320.0" });
    expect((await gh.rest.copilot.getCopilotOrganizationDetails({ org })).data.seat_breakdown.active_this_cycle).toBe(1);
    expect(() => emu.control.recordActivity("outsider", new Date())).toThrow(/no Copilot seat/);
  });
});
