// Billing-cycle timing for the reclaim PR. A cancelled seat stays usable, and billed, until the
// end of the current billing cycle; it stops being billed from the next one. So a reclaim PR
// saves the next cycle's cost only if it is merged (and applied) before that cycle starts.
//
// The next billing date comes from GitHub when it can: `pending_cancellation_date` of any seat
// pending cancellation is, by GitHub's definition, the start of the org's next billing cycle.
// Without such a seat, the 1st of next month (UTC): GitHub bills Copilot Business monthly, from
// the 1st. The merge-by date is the day before, leaving a day for the apply on merge. Pure.
import type { ReclaimSeat } from "./classify.js";
import { DAY_MS, utcDate } from "./time.js";

/** A PR whose merge-by date is this close (in days) is marked due (title and label). */
export const DUE_WITHIN_DAYS = 3;
export const DUE_LABEL = "seats-reclaim-due";

export interface BillingTiming {
  /** `YYYY-MM-DD`: the start of the next billing cycle. */
  next: string;
  /** Where `next` came from. */
  source: "pending-cancellation" | "first-of-month";
  /** `YYYY-MM-DD`: merge (and apply) by the end of this day (UTC). */
  mergeBy: string;
  /** Whole days from today (UTC) to mergeBy; 0 on the day itself. */
  daysLeft: number;
  due: boolean;
}

export function billingTiming(seats: readonly ReclaimSeat[], now: Date): BillingTiming {
  const today = utcDate(now.getTime());
  const observed = seats
    .map((s) => s.pending_cancellation_date?.slice(0, 10))
    .filter((d): d is string => d !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(d) && d > today)
    .sort();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const next = observed[0] ?? utcDate(first.getTime());
  const mergeByMs = Date.parse(`${next}T00:00:00Z`) - DAY_MS;
  const mergeBy = utcDate(mergeByMs);
  const daysLeft = Math.max(0, Math.round((Date.parse(`${mergeBy}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS));
  return { next, source: observed[0] ? "pending-cancellation" : "first-of-month", mergeBy, daysLeft, due: daysLeft <= DUE_WITHIN_DAYS };
}

/** The body's paragraph on timing; `monthly` is the savings of merging in time. */
export function timingParagraph(t: BillingTiming, monthly: string): string {
  const when = t.daysLeft === 0 ? "today" : t.daysLeft === 1 ? "tomorrow" : `in ${t.daysLeft} days`;
  const from = t.source === "pending-cancellation" ? "as GitHub reports for seats already pending cancellation" : "the 1st of the month; GitHub reports no seat pending cancellation to confirm it";
  return (
    `**Merge by ${t.mergeBy} (UTC), ${when}${t.due ? " ⏰" : ""}.** The next billing cycle starts on ${t.next} (${from}). ` +
    `Seats cancelled before then are not billed for that cycle: merging in time saves ${monthly} on the ${t.next} bill; merged later, these seats are billed for one more month.`
  );
}
