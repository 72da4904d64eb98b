// `--timeout` values: a number with a unit (500ms, 90s, 10m, 2h; a bare number is seconds), or
// 0 / none for no limit.
import { UsageError } from "../errors.js";

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds, or null for "no limit". */
export function parseDuration(value: string, flag: string): number | null {
  const v = value.trim().toLowerCase();
  if (v === "0" || v === "none" || v === "off") return null;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(v);
  const ms = m ? Math.round(Number(m[1]) * UNITS[m[2] ?? "s"]!) : NaN;
  if (!m || !Number.isFinite(ms) || ms <= 0 || ms > 2 ** 31 - 1) {
    throw new UsageError(`${flag} must be a duration such as 90s, 10m or 2h, or 0 for no limit (got "${value}")`);
  }
  return ms;
}

/** 900000 → "15m", 90000 → "90s", 7200000 → "2h". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "none";
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
