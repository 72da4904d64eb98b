// The one parser for dates typed by people (flags such as --now, seed dates): `YYYY-MM-DD`, or an
// ISO timestamp. `new Date("2027-02-30")` quietly rolls over to March 2; here a day that is not
// on the calendar is refused the same way everywhere.
import { UsageError } from "./errors.js";

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** True for a `YYYY-MM-DD` that is a real day (leap years included). */
export function isCalendarDate(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** `YYYY-MM-DD` of an instant, in UTC. */
export function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * A date or timestamp flag: `2026-06-01` (00:00 UTC), `2026-06-01T02:00:00Z`, with an offset, or
 * without seconds; in UTC unless it carries an offset. A usage error naming `flag` otherwise.
 */
export function parseDateFlag(value: string, flag: string): Date {
  const v = value.trim();
  const m = INSTANT.exec(v);
  const day = m?.[1];
  const real = day !== undefined && isCalendarDate(day);
  const d = m && real ? new Date(`${day}T${m[2] ?? "00:00"}${m[3] ?? "Z"}`) : new Date(NaN);
  if (Number.isNaN(d.getTime())) {
    const why = day !== undefined && !real ? `, which is not a day of the calendar` : "";
    throw new UsageError(`${flag} must be an ISO date or timestamp, e.g. 2026-06-01 or 2026-06-01T02:00:00Z (got "${value}"${why})`);
  }
  return d;
}
