import { describe, expect, it } from "vitest";
import type { SeatDecision } from "../../src/reclaim/classify.js";
import { activityFreshness, STALE_ACTIVITY_DAYS, staleActivityNote, staleActivityProblem } from "../../src/reclaim/freshness.js";
import { ago, seat } from "./model.js";

const NOW = new Date("2025-06-01T02:00:00Z");
const reclaimed = (reason: SeatDecision["reason"]) => ({ reason }) as SeatDecision;

describe("activityFreshness", () => {
  it.each([
    { name: "newest activity an hour ago", newest: ago(NOW, 0, 3_600_000), stale: false, age: 0 },
    { name: `exactly ${STALE_ACTIVITY_DAYS} days ago`, newest: ago(NOW, STALE_ACTIVITY_DAYS), stale: false, age: STALE_ACTIVITY_DAYS },
    { name: `${STALE_ACTIVITY_DAYS} days + 1 ms ago`, newest: ago(NOW, STALE_ACTIVITY_DAYS, 1), stale: true, age: STALE_ACTIVITY_DAYS },
    { name: "10 days ago", newest: ago(NOW, 10), stale: true, age: 10 },
    { name: "in the future (clock skew)", newest: ago(NOW, -1), stale: false, age: 0 },
  ])("$name", ({ newest, stale, age }) => {
    const seats = [seat("a", { last_activity_at: ago(NOW, 60) }), seat("b", { last_activity_at: newest }), seat("c")];
    const f = activityFreshness(seats, NOW);
    expect(f).toEqual({ newest: new Date(newest).toISOString(), age_days: age, stale, seats: 3 });
  });

  it("treats an org where no seat has any activity as stale", () => {
    expect(activityFreshness([seat("a"), seat("b")], NOW)).toEqual({ newest: null, age_days: null, stale: true, seats: 2 });
  });

  it("has nothing to guard without seats", () => {
    expect(activityFreshness([], NOW).stale).toBe(false);
  });
});

describe("staleActivityProblem", () => {
  const stale = activityFreshness([seat("a", { last_activity_at: ago(NOW, 9) })], NOW);

  it("refuses inactivity removals on stale data, with the numbers", () => {
    const msg = staleActivityProblem(stale, [reclaimed("inactive"), reclaimed("never-used"), reclaimed("expired")]);
    expect(msg).toContain("9 days ago");
    expect(msg).toContain("Refusing to propose 2 inactivity removals");
    expect(msg).toContain("--allow-stale-activity");
  });

  it("warns a run forced with --allow-stale-activity that it proposes them anyway, refusing nothing", () => {
    const msg = staleActivityProblem(stale, [reclaimed("inactive"), reclaimed("expired")], STALE_ACTIVITY_DAYS, true);
    expect(msg).toContain("9 days ago");
    expect(msg).toContain("Proposing 1 inactivity removal on that basis anyway, as --allow-stale-activity asks");
    expect(msg).not.toContain("Refusing");
    expect(msg).not.toContain("pass --allow-stale-activity");
  });

  it("lets expiry-only removals through (they do not depend on activity)", () => {
    expect(staleActivityProblem(stale, [reclaimed("expired")])).toBeUndefined();
  });

  it("says so when there is no activity at all", () => {
    const none = activityFreshness([seat("a"), seat("b")], NOW);
    expect(staleActivityProblem(none, [reclaimed("never-used")])).toContain("none of the 2 seats has any last_activity_at");
  });

  it("is silent when the data is fresh", () => {
    const fresh = activityFreshness([seat("a", { last_activity_at: ago(NOW, 1) })], NOW);
    expect(staleActivityProblem(fresh, [reclaimed("inactive")])).toBeUndefined();
  });
});

describe("defect 23: a forced run's note counts what the PR proposes", () => {
  const stale = activityFreshness([seat("a", { last_activity_at: ago(NOW, 9) })], NOW);
  it.each([
    { proposed: [reclaimed("inactive"), reclaimed("never-used"), reclaimed("expired")], says: "this PR proposes 2 inactivity removals on that data" },
    { proposed: [reclaimed("inactive")], says: "this PR proposes 1 inactivity removal on that data" },
    { proposed: [reclaimed("expired")], says: "this PR proposes 0 inactivity removals on that data" },
  ])("$says", ({ proposed, says }) => {
    const note = staleActivityNote(stale, proposed)!;
    expect(note).toContain(says);
    expect(note).toContain("forced with --allow-stale-activity");
    expect(note).not.toContain("Refusing");
  });
  it("says nothing when the data is fresh", () => {
    expect(staleActivityNote(activityFreshness([seat("a", { last_activity_at: ago(NOW, 1) })], NOW), [reclaimed("inactive")])).toBeUndefined();
  });
});
