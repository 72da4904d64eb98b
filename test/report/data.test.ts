// The report's numbers: states, team attribution, totals and savings over time.
import { describe, expect, it } from "vitest";
import type { Seat } from "../../src/github/read.js";
import { buildReport, NO_TEAM, primaryTeam, type ReclaimEvent, savingsByMonth, seatState, withoutKept } from "../../src/report/data.js";
import type { SeatModel, TeamDecl } from "../../src/model/types.js";

const NOW = new Date("2026-06-15T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

function seat(login: string, over: Partial<Seat> = {}): Seat {
  return {
    login,
    assigning_team: null,
    created_at: "2026-01-01T00:00:00Z",
    last_activity_at: null,
    last_activity_editor: null,
    last_authenticated_at: null,
    pending_cancellation_date: null,
    plan_type: "business",
    ...over,
  };
}

function team(slug: string, members: string[], copilot: TeamDecl["copilot"] = "users"): TeamDecl {
  return {
    slug,
    name: slug,
    description: "",
    privacy: "closed",
    maintainers: [],
    copilot,
    enrollment: "approval",
    previously: [],
    file: `seats/${slug}/_team.yaml`,
    members: members.map((login) => ({ login, reason: "r", team: slug, file: `seats/${slug}/${login}.yaml` })),
  };
}

function model(teams: TeamDecl[], price = 19): Pick<SeatModel, "teams" | "policy"> {
  return { teams, policy: { org: "acme", pricing: { usd_per_seat_month: price } } as SeatModel["policy"] };
}

describe("seatState", () => {
  it.each([
    { name: "used an hour ago", seat: { last_activity_at: daysAgo(0.04) }, want: "active_7" },
    { name: "used exactly 7 days ago", seat: { last_activity_at: daysAgo(7) }, want: "active_7" },
    { name: "used 8 days ago", seat: { last_activity_at: daysAgo(8) }, want: "active_30" },
    { name: "used exactly 30 days ago", seat: { last_activity_at: daysAgo(30) }, want: "active_30" },
    { name: "used 31 days ago", seat: { last_activity_at: daysAgo(31) }, want: "idle" },
    { name: "never used", seat: { last_activity_at: null }, want: "never_used" },
    { name: "pending, even if active", seat: { last_activity_at: daysAgo(1), pending_cancellation_date: "2026-07-01" }, want: "pending" },
    { name: "an unparseable activity date counts as never used", seat: { last_activity_at: "soon" }, want: "never_used" },
  ])("$name → $want", ({ seat: s, want }) => {
    expect(seatState({ pending_cancellation_date: null, ...s }, NOW.getTime())).toBe(want);
  });
});

describe("primaryTeam", () => {
  const m = model([team("alpha", ["ann"], "none"), team("beta", ["ann", "bob"]), team("gamma", ["bob"])]);
  it.each([
    { name: "the assigning team wins", seat: { login: "ann", assigning_team: "gamma" }, want: "gamma" },
    { name: "a seat-granting team over a copilot: none one", seat: { login: "ann", assigning_team: null }, want: "beta" },
    { name: "the first granting team by slug", seat: { login: "bob", assigning_team: null }, want: "beta" },
    { name: "case-insensitive login", seat: { login: "BOB", assigning_team: null }, want: "beta" },
    { name: "declared nowhere", seat: { login: "zed", assigning_team: null }, want: NO_TEAM },
  ])("$name", ({ seat: s, want }) => {
    expect(primaryTeam(s, m)).toBe(want);
  });
  it("a copilot: none team when nothing else declares them", () => {
    expect(primaryTeam({ login: "ann", assigning_team: null }, model([team("alpha", ["ann"], "none")]))).toBe("alpha");
  });
});

describe("buildReport", () => {
  const seats = [
    seat("ann", { last_activity_at: daysAgo(2), last_activity_editor: "vscode" }),
    seat("bob", { last_activity_at: daysAgo(20) }),
    seat("cy", { last_activity_at: daysAgo(45) }),
    seat("dee"),
    seat("eve", { last_activity_at: daysAgo(1), pending_cancellation_date: "2026-07-01" }),
    seat("fay", { assigning_team: "data", last_activity_at: daysAgo(3) }),
  ];
  const r = buildReport({ seats, model: model([team("platform", ["ann", "bob", "cy"]), team("web", ["dee", "eve"]), team("empty", [])]), now: NOW });

  it("totals: active 30 includes active 7, pending is not billed", () => {
    expect(r.totals).toEqual({ seats: 6, active_7: 2, active_30: 3, idle: 1, never_used: 1, pending: 1, monthly_cost_usd: 5 * 19 });
  });
  it("per team rows add up to the totals, largest first, empty declared teams included", () => {
    expect(r.teams.map((t) => [t.team, t.seats, t.monthly_cost_usd])).toEqual([
      ["platform", 3, 57],
      ["web", 2, 19],
      ["data", 1, 19],
      ["empty", 0, 0],
    ]);
    expect(r.teams.reduce((n, t) => n + t.seats, 0)).toBe(r.totals.seats);
  });
  it("one holder row per seat, sorted, with idle days", () => {
    expect(r.holders.map((h) => [h.login, h.state, h.idle_days])).toEqual([
      ["ann", "active_7", 2],
      ["bob", "active_30", 20],
      ["cy", "idle", 45],
      ["dee", "never_used", 165],
      ["eve", "pending", 1],
      ["fay", "active_7", 3],
    ]);
  });
  it("uses the policy's price", () => {
    const cheap = buildReport({ seats, model: model([], 10), now: NOW });
    expect(cheap.totals.monthly_cost_usd).toBe(50);
    expect(cheap.teams.map((t) => [t.team, t.seats])).toEqual([
      [NO_TEAM, 5],
      ["data", 1],
    ]);
  });
  it("no seats: zeros, no NaN", () => {
    const empty = buildReport({ seats: [], model: model([]), now: NOW });
    expect(empty.totals).toEqual({ seats: 0, active_7: 0, active_30: 0, idle: 0, never_used: 0, pending: 0, monthly_cost_usd: 0 });
    expect(empty.savings).toEqual([]);
  });
});

describe("savingsByMonth", () => {
  const ev = (at: string, logins: string[], ref = at): ReclaimEvent => ({ at, logins, source: "merged", ref });
  it.each([
    { name: "no reclaims", events: [], want: [] },
    {
      name: "one reclaim, months up to now filled in",
      events: [ev("2026-04-10T00:00:00Z", ["a", "b"])],
      want: [
        { month: "2026-04", reclaimed: 2, savings_usd: 38, run_rate_usd: 38, saved_to_date_usd: 0 },
        { month: "2026-05", reclaimed: 0, savings_usd: 0, run_rate_usd: 38, saved_to_date_usd: 38 },
        { month: "2026-06", reclaimed: 0, savings_usd: 0, run_rate_usd: 38, saved_to_date_usd: 76 },
      ],
    },
    {
      name: "two reclaims across a year end; the same login reclaimed twice counts twice",
      events: [ev("2025-12-20T00:00:00Z", ["a"]), ev("2026-01-05T00:00:00Z", ["a", "A"], "x")],
      now: "2026-01-31T00:00:00Z",
      want: [
        { month: "2025-12", reclaimed: 1, savings_usd: 19, run_rate_usd: 19, saved_to_date_usd: 0 },
        { month: "2026-01", reclaimed: 1, savings_usd: 19, run_rate_usd: 38, saved_to_date_usd: 19 },
      ],
    },
  ])("$name", ({ events, want, now }) => {
    expect(savingsByMonth(events, 19, new Date(now ?? NOW))).toEqual(want);
  });
});

describe("withoutKept (the last check kept them: no saving)", () => {
  const AT = "2026-05-10T09:00:00Z";
  const ev = (logins: string[], source: ReclaimEvent["source"] = "merged"): ReclaimEvent => ({ at: AT, logins, source, ref: "abc" });
  it.each([
    { name: "a cancelled seat (pending) is a saving", seats: [seat("ann", { pending_cancellation_date: "2026-06-01" })], events: [ev(["ann"])], want: [["ann"]] },
    { name: "a seat gone from the list is a saving", seats: [], events: [ev(["ann"])], want: [["ann"]] },
    { name: "a live seat older than the reclaim was kept", seats: [seat("Ann"), seat("bob", { pending_cancellation_date: "2026-06-01" })], events: [ev(["ann", "bob"])], want: [["bob"]] },
    { name: "a live seat granted after the reclaim is a new grant", seats: [seat("ann", { created_at: "2026-05-20T00:00:00Z" })], events: [ev(["ann"])], want: [["ann"]] },
    { name: "an audited cancellation counts whatever came after", seats: [seat("ann")], events: [ev(["ann"], "applied")], want: [["ann"]] },
    { name: "an event left with nobody is dropped", seats: [seat("ann")], events: [ev(["ann"])], want: [] },
  ])("$name", ({ seats, events, want }) => {
    expect(withoutKept(events, seats).map((e) => e.logins)).toEqual(want);
  });
  it("buildReport counts only the seats that ended", () => {
    const r = buildReport({ seats: [seat("ann"), seat("bob", { pending_cancellation_date: "2026-06-01" })], model: model([]), now: NOW, reclaims: [ev(["ann", "bob"])] });
    expect(r.reclaims.map((e) => e.logins)).toEqual([["bob"]]);
    expect(r.savings.map((m) => m.reclaimed)).toEqual([1, 0]);
  });
});
