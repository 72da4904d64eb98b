// Phase 4 of plan(): the safety rails, as typed refusals (UnsafePlan) with their numbers, and
// the same refusals in words for people. Pure.
import type { ResolvedPolicy } from "../model/types.js";
import type { PlanSafety, UnsafePlan } from "./types.js";

export interface GuardInput {
  /** Distinct seat holders the repo declares. */
  declared: number;
  /** Active seats now (projected after `pulumi up`). */
  current: number;
  /** Current seats this plan ends (cancels and the holders of unassigned teams). */
  removals: number;
  /** Adds, re-adds and team assignments. */
  grants: number;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * - an empty declared set never cancels anything (a bad checkout or a wrong --dir);
 * - a plan that removes every seat and grants none is refused (it cancels the org's Copilot plan);
 * - above `max_removal_ratio` of current seats, refused unless --force; the ratio applies only
 *   from `min_seats_for_ratio` current seats on: in a 3-seat org one cancellation is 33%.
 */
export function guard(input: GuardInput, seats: Pick<ResolvedPolicy["seats"], "max_removal_ratio"> & Partial<Pick<ResolvedPolicy["seats"], "min_seats_for_ratio">>, force: boolean): PlanSafety {
  const { declared, current, removals, grants } = input;
  const max = seats.max_removal_ratio;
  const minSeats = seats.min_seats_for_ratio ?? 10;
  const ratio = current > 0 ? removals / current : 0;
  const unsafe: UnsafePlan[] = [];
  if (declared === 0 && removals > 0) unsafe.push({ kind: "empty_declared_set", removals, current });
  else if (current > 0 && removals >= current && grants === 0) unsafe.push({ kind: "all_seats", current });
  const overRatio = current >= minSeats && current > 0 && ratio > max;
  if (overRatio && !force) unsafe.push({ kind: "removal_ratio", removals, current, ratio: Number(ratio.toFixed(6)), max });
  return {
    max_removal_ratio: max,
    removal_ratio: Number(ratio.toFixed(6)),
    min_seats_for_ratio: minSeats,
    forced: overRatio && force,
    refusals: unsafe.map(describeUnsafe),
    unsafe,
  };
}

export function describeUnsafe(u: UnsafePlan): string {
  switch (u.kind) {
    case "empty_declared_set":
      return (
        `the repo declares no seat holders (no member file in a team with copilot: users or team); refusing to cancel ${u.removals} of ${u.current} seats. ` +
        "An empty seats/ is almost always a mistake (a bad checkout or a wrong --dir); --force does not override this"
      );
    case "all_seats":
      return `refusing to cancel all ${u.current} seats: removing every Copilot seat cancels the organization's Copilot plan; --force does not override this`;
    case "removal_ratio":
      return `refusing to cancel ${u.removals} of ${u.current} seats (${pct(u.ratio)} > ${pct(u.max)}); pass --force to override`;
  }
}
