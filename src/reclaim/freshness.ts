// The freshness guard. Copilot activity reaches the seats API through telemetry pipelines that
// can stall; when they do, every seat looks idle at once and a naive nightly job proposes
// removing the whole org. In an org where anyone works, the newest last_activity_at across all
// seats is at most a day or two old, so when it is older than STALE_ACTIVITY_DAYS the activity
// data is treated as stale and the run refuses to propose inactivity removals (exit 1, with
// every number in the message). Expiry-based removals do not depend on activity data, but the
// run still stops: a half-computed PR would silently drop the inactivity rows a reviewer expects.
import type { ReclaimSeat, SeatDecision } from "./classify.js";
import { DAY_MS, parseInstant, wholeDaysBetween } from "./time.js";

/**
 * Four days: a weekend plus a public holiday on either side (Friday to Tuesday 00:00 UTC) stays
 * fresh, while a telemetry outage is caught within the week.
 */
export const STALE_ACTIVITY_DAYS = 4;

export interface Freshness {
  /** The newest last_activity_at across all seats (clamped to now), or null when none has any. */
  newest: string | null;
  /** Whole days between `newest` and now (null when there is no activity at all). */
  age_days: number | null;
  stale: boolean;
  /** Seats looked at (all of them, not only declared ones). */
  seats: number;
}

export function activityFreshness(seats: readonly ReclaimSeat[], now: Date, maxAgeDays = STALE_ACTIVITY_DAYS): Freshness {
  const nowMs = now.getTime();
  let newest: number | undefined;
  for (const s of seats) {
    const t = parseInstant(s.last_activity_at);
    if (t !== undefined && (newest === undefined || t > newest)) newest = t;
  }
  if (newest === undefined) {
    // No seat has ever shown activity: either telemetry is off org-wide or the data is missing.
    // With no seats at all there is nothing to guard.
    return { newest: null, age_days: null, stale: seats.length > 0, seats: seats.length };
  }
  const clamped = Math.min(newest, nowMs);
  return {
    newest: new Date(newest).toISOString(),
    age_days: wholeDaysBetween(clamped, nowMs),
    stale: nowMs - clamped > maxAgeDays * DAY_MS,
    seats: seats.length,
  };
}

/** Why the run refuses, or undefined when it may go on. Only inactivity-based removals count. */
export function staleActivityProblem(freshness: Freshness, reclaim: readonly SeatDecision[], maxAgeDays = STALE_ACTIVITY_DAYS): string | undefined {
  if (!freshness.stale) return undefined;
  const byActivity = reclaim.filter((d) => d.reason === "inactive" || d.reason === "never-used").length;
  if (byActivity === 0) return undefined;
  const seen =
    freshness.newest === null
      ? `none of the ${freshness.seats} seats has any last_activity_at`
      : `the newest last_activity_at across all ${freshness.seats} seats is ${freshness.newest}, ${freshness.age_days} days ago (more than ${maxAgeDays})`;
  return (
    `GitHub's Copilot activity data looks stale: ${seen}. ` +
    `Refusing to propose ${byActivity} inactivity removal${byActivity === 1 ? "" : "s"} on that basis. ` +
    `Check the org's Copilot usage in GitHub and re-run later, or pass --allow-stale-activity if the org really has been idle.`
  );
}
