// The reminder schedule, table-driven: idle days × remind_days × inactivity.days × grace ×
// exemptions × expiry, then the open-reminder bookkeeping (keep, close, duplicates).
import { describe, expect, it } from "vitest";
import { type OpenReminder, schedule } from "../../src/remind/schedule.js";
import type { ReclaimSeat } from "../../src/reclaim/classify.js";
import { ago, modelOf, seat } from "../reclaim/model.js";

const NOW = new Date("2025-06-01T12:00:00Z");
const exempt = (login: string, until: string) => ({ login, reason: "on leave", until });
const openFor = (login: string, number = 1, comments = 0): OpenReminder => ({ number, login, title: "t", body: "b", comments });

interface Case {
  name: string;
  seat: ReclaimSeat;
  members?: (string | [string, string])[];
  policy?: Parameters<typeof modelOf>[1];
  expiryDays?: number;
  /** null: no reminder; otherwise the kind and the date it names. */
  want: null | { kind: "idle" | "expiry"; reclaim_on: string };
}

const CASES: Case[] = [
  // idle × remind_days (default 30 − 7 = 23)
  { name: "used yesterday", seat: seat("a", { last_activity_at: ago(NOW, 1) }), want: null },
  { name: "idle exactly 23 days (default remind)", seat: seat("a", { last_activity_at: ago(NOW, 23) }), want: null },
  { name: "idle 23 days + 1 ms", seat: seat("a", { last_activity_at: ago(NOW, 23, 1) }), want: { kind: "idle", reclaim_on: "2025-06-08" } },
  { name: "idle 29 days", seat: seat("a", { last_activity_at: ago(NOW, 29) }), want: { kind: "idle", reclaim_on: "2025-06-02" } },
  { name: "idle exactly 30 days: still kept, reminded", seat: seat("a", { last_activity_at: ago(NOW, 30) }), want: { kind: "idle", reclaim_on: "2025-06-01" } },
  { name: "idle 31 days: reclaimable, no reminder", seat: seat("a", { last_activity_at: ago(NOW, 31) }), want: null },
  { name: "never used, created 25 days ago", seat: seat("a", { created_at: ago(NOW, 25) }), policy: { grace: 14 }, want: { kind: "idle", reclaim_on: "2025-06-06" } },
  // remind_days explicit, and its relation to inactivity.days
  { name: "remind 10: idle 11 days", policy: { remind: 10 }, seat: seat("a", { last_activity_at: ago(NOW, 11) }), want: { kind: "idle", reclaim_on: "2025-06-20" } },
  { name: "remind 10: idle 9 days", policy: { remind: 10 }, seat: seat("a", { last_activity_at: ago(NOW, 9) }), want: null },
  { name: "days 60 → default remind 53: idle 50", policy: { days: 60 }, seat: seat("a", { last_activity_at: ago(NOW, 50) }), want: null },
  { name: "days 60 → default remind 53: idle 54", policy: { days: 60 }, seat: seat("a", { last_activity_at: ago(NOW, 54) }), want: { kind: "idle", reclaim_on: "2025-06-07" } },
  { name: "days 5 → default remind 0: idle 1 h", policy: { days: 5 }, seat: seat("a", { last_activity_at: ago(NOW, 0, 3_600_000) }), want: { kind: "idle", reclaim_on: "2025-06-06" } },
  { name: "remind ≥ days: never reminded", policy: { remind: 30 }, seat: seat("a", { last_activity_at: ago(NOW, 30) }), want: null },
  // grace: a new seat is never reminded; grace longer than days pushes the date out
  { name: "new seat (10 days, grace 14), never used", seat: seat("a", { created_at: ago(NOW, 10) }), want: null },
  { name: "grace 40 > days 30: idle 35 on a 35-day-old seat", policy: { grace: 40 }, seat: seat("a", { created_at: ago(NOW, 35) }), want: null },
  // exemptions
  { name: "exempt through today", policy: { exempt: [exempt("a", "2025-06-01")] }, seat: seat("a", { last_activity_at: ago(NOW, 25) }), want: null },
  { name: "exemption ended yesterday", policy: { exempt: [exempt("a", "2025-05-31")] }, seat: seat("a", { last_activity_at: ago(NOW, 25) }), want: { kind: "idle", reclaim_on: "2025-06-06" } },
  // expiry
  { name: "expires in 10 days, active", members: [["a", "2025-06-11"]], seat: seat("a", { last_activity_at: ago(NOW, 1) }), want: { kind: "expiry", reclaim_on: "2025-06-11" } },
  { name: "expires in exactly 14 days", members: [["a", "2025-06-15"]], seat: seat("a", { last_activity_at: ago(NOW, 1) }), want: { kind: "expiry", reclaim_on: "2025-06-15" } },
  { name: "expires in 15 days", members: [["a", "2025-06-16"]], seat: seat("a", { last_activity_at: ago(NOW, 1) }), want: null },
  { name: "expires in 15 days, --expiry-days 30", expiryDays: 30, members: [["a", "2025-06-16"]], seat: seat("a", { last_activity_at: ago(NOW, 1) }), want: { kind: "expiry", reclaim_on: "2025-06-16" } },
  { name: "expires today: reclaimable, no reminder", members: [["a", "2025-06-01"]], seat: seat("a", { last_activity_at: ago(NOW, 1) }), want: null },
  { name: "idle and expiring: the earlier date wins (expiry)", members: [["a", "2025-06-03"]], seat: seat("a", { last_activity_at: ago(NOW, 25) }), want: { kind: "expiry", reclaim_on: "2025-06-03" } },
  { name: "idle and expiring: the earlier date wins (idle)", members: [["a", "2025-06-12"]], seat: seat("a", { last_activity_at: ago(NOW, 25) }), want: { kind: "idle", reclaim_on: "2025-06-06" } },
  { name: "exempt and expiring: no reminder", policy: { exempt: [exempt("a", "2025-12-31")] }, members: [["a", "2025-06-05"]], seat: seat("a", { last_activity_at: ago(NOW, 1) }), want: null },
  // seats the reminder never touches
  { name: "pending cancellation", seat: seat("a", { last_activity_at: ago(NOW, 25), pending_cancellation_date: "2025-07-01" }), want: null },
  { name: "undeclared", members: [], seat: seat("a", { last_activity_at: ago(NOW, 25) }), want: null },
];

describe("who is reminded", () => {
  it.each(CASES)("$name", (c) => {
    const model = modelOf([{ slug: "platform", members: c.members ?? ["a"] }], c.policy ?? {});
    const r = schedule([c.seat], model, model.policy, NOW, [], c.expiryDays ? { expiryNoticeDays: c.expiryDays } : {});
    if (c.want === null) expect(r.create).toEqual([]);
    else {
      expect(r.create).toHaveLength(1);
      expect(r.create[0]).toMatchObject({ login: "a", ...c.want, files: c.members?.length === 0 ? [] : ["seats/platform/a.yaml"] });
    }
  });
});

describe("open reminders", () => {
  const model = modelOf([{ slug: "platform", members: ["a", "b", "c", "d", "e"] }], { exempt: [exempt("c", "2025-12-31")] });
  const seats = [
    seat("a", { last_activity_at: ago(NOW, 25) }), // still idle: keep
    seat("b", { last_activity_at: ago(NOW, 1) }), // active again: close
    seat("c", { last_activity_at: ago(NOW, 25) }), // exempted: close
    seat("d", { last_activity_at: ago(NOW, 40) }), // reclaimable: left open
    seat("e", { last_activity_at: ago(NOW, 25), pending_cancellation_date: "2025-07-01" }), // reclaimed
  ];
  const r = schedule(seats, model, model.policy, NOW, [openFor("a", 1), openFor("A", 9), openFor("b", 2), openFor("c", 3), openFor("d", 4), openFor("e", 5), openFor("gone", 6)]);

  it("keeps the reminder of a person still idle, and never opens a second one", () => {
    expect(r.create).toEqual([]);
    expect(r.keep.map((k) => [k.issue.number, k.reminder.login])).toEqual([[1, "a"]]);
  });
  it("closes with the reason: active again, exempted, reclaimed, seat gone, duplicate", () => {
    expect(r.close.map((c) => [c.issue.number, c.reason])).toEqual([
      [2, "active"],
      [3, "exempt"],
      [5, "reclaimed"],
      [6, "reclaimed"],
      [9, "duplicate"],
    ]);
    expect(r.close.find((c) => c.issue.number === 2)?.detail).toContain("2025-05-31");
  });
  it("leaves the reminder of a reclaimable seat open (the reclaim PR lists them)", () => {
    expect(r.reclaimable.map((i) => i.number)).toEqual([4]);
  });
  it("a member file removed from the repo closes the reminder as reclaimed", () => {
    const none = modelOf([{ slug: "platform", members: [] }]);
    const out = schedule([seat("a", { last_activity_at: ago(NOW, 25) })], none, none.policy, NOW, [openFor("a")]);
    expect(out.close).toMatchObject([{ reason: "reclaimed", detail: expect.stringContaining("member file was removed") }]);
  });
});
