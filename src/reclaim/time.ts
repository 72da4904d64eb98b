// Time arithmetic for reclaim, all in UTC. Durations are exact instants apart (UTC has no DST,
// so a day is always 86,400,000 ms); calendar comparisons (`expires`, `until`) use the UTC date
// of `now`, so a run at 23:30 in California and one at 07:30 in Berlin agree.

export const DAY_MS = 86_400_000;

/** Milliseconds since the epoch of an ISO timestamp or date; undefined when it does not parse. */
export function parseInstant(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/** `YYYY-MM-DD` of an instant, in UTC. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (floored, never negative: a future timestamp counts as 0). */
export function wholeDaysBetween(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / DAY_MS));
}

/**
 * True when `from` lies strictly more than `days` days before `to`. Exactly `days` × 24 h is
 * not "more than": a seat last used exactly 30 days ago to the millisecond is still kept.
 */
export function moreThanDaysBefore(from: number, to: number, days: number): boolean {
  return to - from > days * DAY_MS;
}

/** A `YYYY-MM-DD` date (as the schemas write it), or the date part of a timestamp. */
export function dateOnly(value: string): string {
  return value.slice(0, 10);
}
