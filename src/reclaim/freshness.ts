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
const byActivity = (reclaim: readonly SeatDecision[]) => reclaim.filter((d) => d.reason === "inactive" || d.reason === "never-used").length;

function seenText(freshness: Freshness, maxAgeDays: number): string {
  return freshness.newest === null
    ? `none of the ${freshness.seats} seats has any last_activity_at`
    : `the newest last_activity_at across all ${freshness.seats} seats is ${freshness.newest}, ${freshness.age_days} days ago (more than ${maxAgeDays})`;
}

/**
 * The PR's note for a run forced with --allow-stale-activity: the inactivity removals the PR
 * really proposes (after files missing on the base and the removal limit are left out).
 */
export function staleActivityNote(freshness: Freshness, proposed: readonly SeatDecision[], maxAgeDays = STALE_ACTIVITY_DAYS): string | undefined {
  if (!freshness.stale) return undefined;
  const n = byActivity(proposed);
  return (
    `GitHub's Copilot activity data looked stale (${seenText(freshness, maxAgeDays)}), and the run was forced with --allow-stale-activity: ` +
    `this PR proposes ${n} inactivity removal${n === 1 ? "" : "s"} on that data. Check the org's Copilot usage before merging.`
  );
}

/** The refusal; `forced` (--allow-stale-activity) gives the run's warning instead, which refuses nothing. */
export function staleActivityProblem(freshness: Freshness, reclaim: readonly SeatDecision[], maxAgeDays = STALE_ACTIVITY_DAYS, forced = false): string | undefined {
  if (!freshness.stale) return undefined;
  const count = byActivity(reclaim);
  if (count === 0) return undefined;
  const removals = `${count} inactivity removal${count === 1 ? "" : "s"}`;
  const seen = `GitHub's Copilot activity data looks stale: ${seenText(freshness, maxAgeDays)}. `;
  if (forced) return seen + `Proposing ${removals} on that basis anyway, as --allow-stale-activity asks; check the org's Copilot usage before merging.`;
  return (
    seen +
    `Refusing to propose ${removals} on that basis. ` +
    `Check the org's Copilot usage in GitHub and re-run later, or pass --allow-stale-activity if the org really has been idle.`
  );
}
