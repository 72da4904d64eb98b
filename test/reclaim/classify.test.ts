import { describe, expect, it } from "vitest";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadRepo } from "../../src/model/load.js";
import { classify, filesToDelete, type ReclaimSeat } from "../../src/reclaim/classify.js";
import { ago, modelOf, seat } from "./model.js";

const NOW = new Date("2025-06-01T12:00:00Z");
const OLD = "2024-01-01T00:00:00Z";

interface Case {
  name: string;
  seat: ReclaimSeat;
  /** Member files (team platform, copilot: users) unless `teams` is given. */
  members?: (string | [string, string])[];
  teams?: Parameters<typeof modelOf>[0];
  policy?: Parameters<typeof modelOf>[1];
  now?: Date;
  reclaim: boolean;
  reason: string;
  days_idle?: number;
  files?: string[];
  team_mode?: boolean;
  team_mode_teams?: string[];
}

const exempt = (login: string, until: string) => ({ login, reason: "on leave", until });

const CASES: Case[] = [
  // inactivity boundary: "more than 30 days" is strictly more than 30 × 24 h
  { name: "used yesterday", seat: seat("a", { created_at: OLD, last_activity_at: ago(NOW, 1) }), reclaim: false, reason: "active", days_idle: 1 },
  { name: "idle exactly 30 days", seat: seat("a", { created_at: OLD, last_activity_at: ago(NOW, 30) }), reclaim: false, reason: "active", days_idle: 30 },
  { name: "idle 30 days + 1 ms", seat: seat("a", { created_at: OLD, last_activity_at: ago(NOW, 30, 1) }), reclaim: true, reason: "inactive", days_idle: 30 },
  { name: "idle 31 days", seat: seat("a", { created_at: OLD, last_activity_at: ago(NOW, 31) }), reclaim: true, reason: "inactive", days_idle: 31 },
  { name: "idle 29 days 23 h", seat: seat("a", { created_at: OLD, last_activity_at: ago(NOW, 29, 23 * 3_600_000) }), reclaim: false, reason: "active", days_idle: 29 },
  { name: "days: 0 reclaims any past activity", policy: { days: 0 }, seat: seat("a", { created_at: OLD, last_activity_at: ago(NOW, 0, 1) }), reclaim: true, reason: "inactive" },
  // never used: created_at stands in for the activity
  { name: "never used, created exactly 30 days ago", seat: seat("a", { created_at: ago(NOW, 30) }), reclaim: false, reason: "active", days_idle: 30 },
  { name: "never used, created 30 days + 1 ms ago", seat: seat("a", { created_at: ago(NOW, 30, 1) }), reclaim: true, reason: "never-used", days_idle: 30 },
  { name: "never used, created 20 days ago", seat: seat("a", { created_at: ago(NOW, 20) }), reclaim: false, reason: "active", days_idle: 20 },
  // grace period for new seats
  { name: "within grace: exactly 14 days old", policy: { days: 5 }, seat: seat("a", { created_at: ago(NOW, 14) }), reclaim: false, reason: "new-seat" },
  { name: "past grace: 14 days + 1 ms old", policy: { days: 5 }, seat: seat("a", { created_at: ago(NOW, 14, 1) }), reclaim: true, reason: "never-used" },
  {
    name: "grace protects even with old activity (seat re-granted)",
    policy: { days: 5 },
    seat: seat("a", { created_at: ago(NOW, 3), last_activity_at: ago(NOW, 60) }),
    reclaim: false,
    reason: "new-seat",
  },
  { name: "grace 0: one day old and idle", policy: { days: 0, grace: 0 }, seat: seat("a", { created_at: ago(NOW, 1) }), reclaim: true, reason: "never-used" },
  // future timestamps (clock skew) count as now
  { name: "last activity in the future", seat: seat("a", { created_at: OLD, last_activity_at: ago(NOW, -1) }), reclaim: false, reason: "active", days_idle: 0 },
  { name: "created_at in the future", seat: seat("a", { created_at: ago(NOW, -2) }), reclaim: false, reason: "new-seat", days_idle: 0 },
  { name: "created_at not a date", seat: seat("a", { created_at: "yesterday" }), reclaim: false, reason: "new-seat" },
  // exemptions hold through `until`, inclusive, in UTC
  { name: "exempt until today", policy: { exempt: [exempt("a", "2025-06-01")] }, seat: seat("a", { last_activity_at: ago(NOW, 90) }), reclaim: false, reason: "exempt" },
  {
    name: "exempt until today, last second of the day",
    now: new Date("2025-06-01T23:59:59.999Z"),
    policy: { exempt: [exempt("a", "2025-06-01")] },
    seat: seat("a", { last_activity_at: ago(NOW, 90) }),
    reclaim: false,
    reason: "exempt",
  },
  {
    name: "exemption ran out yesterday",
    policy: { exempt: [exempt("a", "2025-05-31")] },
    seat: seat("a", { last_activity_at: ago(NOW, 90) }),
    reclaim: true,
    reason: "inactive",
  },
  {
    name: "exemption matches the login case-insensitively",
    policy: { exempt: [exempt("A", "2025-12-31")] },
    seat: seat("a", { last_activity_at: ago(NOW, 90) }),
    reclaim: false,
    reason: "exempt",
  },
  {
    name: "one expired and one current exemption",
    policy: { exempt: [exempt("a", "2025-01-01"), exempt("a", "2025-07-01")] },
    seat: seat("a", { last_activity_at: ago(NOW, 90) }),
    reclaim: false,
    reason: "exempt",
  },
  { name: "someone else's exemption", policy: { exempt: [exempt("b", "2025-12-31")] }, seat: seat("a", { last_activity_at: ago(NOW, 90) }), reclaim: true, reason: "inactive" },
  // expires: reclaimable from that date on, whatever the activity
  { name: "expires today, active", members: [["a", "2025-06-01"]], seat: seat("a", { last_activity_at: ago(NOW, 0) }), reclaim: true, reason: "expired" },
  { name: "expired yesterday, active", members: [["a", "2025-05-31"]], seat: seat("a", { last_activity_at: ago(NOW, 0) }), reclaim: true, reason: "expired" },
  { name: "expires tomorrow, active", members: [["a", "2025-06-02"]], seat: seat("a", { last_activity_at: ago(NOW, 0) }), reclaim: false, reason: "active" },
  { name: "expires tomorrow, inactive", members: [["a", "2025-06-02"]], seat: seat("a", { last_activity_at: ago(NOW, 40) }), reclaim: true, reason: "inactive" },
  {
    name: "expired, but within grace",
    members: [["a", "2025-05-01"]],
    seat: seat("a", { created_at: ago(NOW, 2), last_activity_at: ago(NOW, 0) }),
    reclaim: false,
    reason: "new-seat",
  },
  {
    name: "expired, but exempt",
    members: [["a", "2025-05-01"]],
    policy: { exempt: [exempt("a", "2025-06-30")] },
    seat: seat("a", { last_activity_at: ago(NOW, 0) }),
    reclaim: false,
    reason: "exempt",
  },
  {
    name: "one of two files expired: the other still grants the seat",
    teams: [
      { slug: "platform", members: [["a", "2025-05-01"]] },
      { slug: "web", members: ["a"] },
    ],
    seat: seat("a", { last_activity_at: ago(NOW, 0) }),
    reclaim: false,
    reason: "active",
  },
  {
    name: "both files expired: the latest date counts",
    teams: [
      { slug: "platform", members: [["a", "2025-05-01"]] },
      { slug: "web", members: [["a", "2025-06-01"]] },
    ],
    seat: seat("a", { last_activity_at: ago(NOW, 0) }),
    reclaim: true,
    reason: "expired",
    files: ["seats/platform/a.yaml", "seats/web/a.yaml"],
  },
  // never reclaimable
  {
    name: "pending cancellation",
    seat: seat("a", { last_activity_at: ago(NOW, 90), pending_cancellation_date: "2025-07-01" }),
    reclaim: false,
    reason: "pending-cancellation",
  },
  { name: "no member file", members: ["someone-else"], seat: seat("a", { last_activity_at: ago(NOW, 90) }), reclaim: false, reason: "undeclared" },
  {
    name: "member file only in a copilot: none team",
    teams: [{ slug: "guests", copilot: "none", members: ["a"] }],
    seat: seat("a", { last_activity_at: ago(NOW, 90) }),
    reclaim: false,
    reason: "undeclared",
  },
  // which files go
  {
    name: "copilot: none files stay, seat-granting files go",
    teams: [
      { slug: "guests", copilot: "none", members: ["a"] },
      { slug: "platform", members: ["a"] },
      { slug: "data", copilot: "team", members: ["a"] },
    ],
    seat: seat("a", { last_activity_at: ago(NOW, 90) }),
    reclaim: true,
    reason: "inactive",
    files: ["seats/data/a.yaml", "seats/platform/a.yaml"],
    team_mode: true,
    team_mode_teams: ["data"],
  },
  {
    name: "team-mode seat",
    teams: [{ slug: "data", copilot: "team", members: ["a"] }],
    seat: seat("a", { assigning_team: "data", last_activity_at: ago(NOW, 90) }),
    reclaim: true,
    reason: "inactive",
    files: ["seats/data/a.yaml"],
    team_mode: true,
  },
  {
    name: "seat login case differs from the file",
    members: ["Octo-Cat"],
    seat: seat("octo-cat", { last_activity_at: ago(NOW, 90) }),
    reclaim: true,
    reason: "inactive",
    files: ["seats/platform/octo-cat.yaml"],
  },
];

describe("classify", () => {
  it.each(CASES)("$name", (c) => {
    const teams = c.teams ?? [{ slug: "platform", members: c.members ?? [c.seat.login] }];
    const model = modelOf(teams, c.policy);
    const { decisions, reclaim } = classify([c.seat], model, model.policy, c.now ?? NOW);
    expect(decisions).toHaveLength(1);
    const d = decisions[0]!;
    expect({ reclaim: d.reclaim, reason: d.reason }).toEqual({ reclaim: c.reclaim, reason: c.reason });
    expect(reclaim).toHaveLength(c.reclaim ? 1 : 0);
    expect(d.detail.length).toBeGreaterThan(0);
    if (c.days_idle !== undefined) expect(d.days_idle).toBe(c.days_idle);
    if (c.files) expect(d.files).toEqual(c.files);
    if (!c.reclaim) expect(d.files).toEqual([]);
    if (c.team_mode !== undefined) expect(d.team_mode).toBe(c.team_mode);
    if (c.team_mode_teams !== undefined) expect(d.team_mode_teams).toEqual(c.team_mode_teams);
  });

  it("keeps logins as GitHub shows them and sorts decisions case-insensitively", () => {
    const model = modelOf([{ slug: "platform", members: ["bob", "Alice", "carol"] }]);
    const seats = [seat("carol"), seat("bob"), seat("Alice")].map((s) => ({ ...s, last_activity_at: ago(NOW, 40) }));
    const { decisions } = classify(seats, model, model.policy, NOW);
    expect(decisions.map((d) => d.login)).toEqual(["Alice", "bob", "carol"]);
    expect(filesToDelete(decisions)).toEqual(["seats/platform/alice.yaml", "seats/platform/bob.yaml", "seats/platform/carol.yaml"]);
  });

  it("is pure: same input, same output, inputs untouched", () => {
    const model = modelOf([{ slug: "platform", members: ["a", "b"] }]);
    const seats = [seat("a", { last_activity_at: ago(NOW, 40) }), seat("b", { last_activity_at: ago(NOW, 1) })];
    const frozen = JSON.stringify(seats);
    const one = classify(seats, model, model.policy, NOW);
    const two = classify(seats, model, model.policy, new Date(NOW.getTime()));
    expect(one).toEqual(two);
    expect(JSON.stringify(seats)).toBe(frozen);
  });

  it("rejects an invalid clock", () => {
    const model = modelOf([]);
    expect(() => classify([], model, model.policy, new Date("nope"))).toThrow(/not a valid date/);
  });

  it("classifies the fixture repo", () => {
    const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/reclaim/repo");
    const { model, findings } = loadRepo(dir);
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    const now = new Date("2025-06-01T02:00:00Z");
    const seats: ReclaimSeat[] = [
      seat("alice", { last_activity_at: ago(now, 2), last_activity_editor: "vscode/1.99" }),
      seat("bob", { last_activity_at: ago(now, 45), last_activity_editor: "JetBrains-IC/2024.3" }),
      seat("carol", { created_at: ago(now, 60) }),
      seat("dave", { created_at: ago(now, 3) }),
      seat("erin", { last_activity_at: ago(now, 100) }),
      seat("frank", { last_activity_at: ago(now, 0) }),
      seat("gina", { last_activity_at: ago(now, 100), pending_cancellation_date: "2025-07-01" }),
      seat("hank", { assigning_team: "data", last_activity_at: ago(now, 31) }),
      seat("ivan", { last_activity_at: ago(now, 300) }),
      seat("zed", { last_activity_at: ago(now, 300) }),
    ];
    const { decisions } = classify(seats, model, model.policy, now);
    expect(Object.fromEntries(decisions.map((d) => [d.login, d.reason]))).toEqual({
      alice: "active",
      bob: "inactive",
      carol: "never-used",
      dave: "new-seat",
      erin: "exempt",
      frank: "expired",
      gina: "pending-cancellation",
      hank: "inactive",
      ivan: "undeclared",
      zed: "undeclared",
    });
    expect(filesToDelete(decisions)).toEqual([
      "seats/data/bob.yaml",
      "seats/data/hank.yaml",
      "seats/platform/bob.yaml",
      "seats/platform/carol.yaml",
      "seats/platform/frank.yaml",
    ]);
    expect(decisions.find((d) => d.login === "bob")!.days_idle).toBe(45);
  });
});
