// Date helpers on the emulator's injectable clock. Billing dates are `YYYY-MM-DD` strings (UTC),
// which compare correctly as strings.
import { isCalendarDate, utcDay as isoDay } from "../dates.js";

// The one `YYYY-MM-DD` helper (src/dates.ts), under the name the emulator uses.
export { isoDay };

/** GitHub's timestamp style: second precision, `Z` suffix. */
export const isoTime = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, "Z");

export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(d, last));
  return isoDay(date);
}

/** The first day of the month after `now`: the default start of the next billing cycle. */
export function firstOfNextMonth(now: Date): string {
  return isoDay(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)));
}

/** A real `YYYY-MM-DD` (the shared parser: 2027-02-30 is refused, not rolled over). */
export const isDay = (s: string): boolean => isCalendarDate(s);
