// What a reclaim PR may propose so that the apply after its merge accepts it and really ends the
// seats it counts. Pure.
//
// - The removal-ratio guard (`seats.max_removal_ratio`): apply refuses a plan that cancels more
//   than that share of the current seats (when at least `seats.min_seats_for_ratio` exist), so a PR proposing more would leave every apply red
//   until someone forces it. The PR proposes at most floor(ratio × current seats), the most idle
//   first, and says how many are left for the next runs (which pick them up once these are gone).
// - `seats.unmanaged: keep`: apply leaves undeclared direct seats alone, so deleting a member
//   file of a direct seat ends nothing. Only seats granted through a `copilot: team` team end
//   (the membership goes). The PR still removes the files (they declare seats nobody uses) but
//   says that nothing else is cancelled, and counts savings only for the seats that end.
import type { ResolvedPolicy } from "../model/types.js";
import type { SeatDecision } from "./classify.js";

export interface RemovalCap {
  /** Seats the PR proposes (the most idle ones), in the input's order. */
  proposed: SeatDecision[];
  /** Reclaimable seats left for a later run because of the ratio guard. */
  deferred: SeatDecision[];
  /** The most the apply accepts, or null when the whole list fits. */
  cap: number | null;
  currentSeats: number;
}

/** Most idle first (expired seats count by their idle days too), then by login. */
export function byIdleness(a: SeatDecision, b: SeatDecision): number {
  return b.days_idle - a.days_idle || (a.login.toLowerCase() < b.login.toLowerCase() ? -1 : 1);
}

/**
 * At most this many seats per PR: a bigger PR is not reviewable, and everyone in it is mentioned
 * (50 per follow-up comment, mentions.ts). The last-check evidence does not bound it: when it
 * outgrows the body it is a file on the branch (evidence-file.ts).
 */
export const MAX_PER_PR = 2000;

/** `seats.min_seats_for_ratio`'s default: below this many seats the ratio guard does not apply. */
export const DEFAULT_MIN_SEATS_FOR_RATIO = 10;

/** The guard's threshold from the policy. */
export function minSeatsForRatio(policy: Pick<ResolvedPolicy, "seats">): number {
  return policy.seats.min_seats_for_ratio;
}

export function capRemovals(reclaim: readonly SeatDecision[], currentSeats: number, maxRatio: number, minSeats = DEFAULT_MIN_SEATS_FOR_RATIO): RemovalCap {
  // The planner refuses when removals / current > ratio; the epsilon keeps 0.25 × 8 = 2 exact.
  const byRatio = currentSeats < minSeats ? Infinity : Math.floor(maxRatio * currentSeats + 1e-9);
  const allowed = Math.min(byRatio, MAX_PER_PR);
  const sorted = [...reclaim].sort(byIdleness);
  if (sorted.length <= allowed) return { proposed: [...reclaim], deferred: [], cap: null, currentSeats };
  const keep = new Set(sorted.slice(0, allowed));
  return { proposed: reclaim.filter((d) => keep.has(d)), deferred: sorted.slice(allowed), cap: allowed, currentSeats };
}

/** True when merging the PR ends this seat (see the header). */
export function seatEnds(d: SeatDecision, policy: Pick<ResolvedPolicy, "seats">): boolean {
  return d.team_mode || policy.seats.unmanaged === "remove";
}

export function ratioNote(c: RemovalCap, maxRatio: number): string | undefined {
  if (c.cap === null) return undefined;
  const n = c.deferred.length;
  if (c.cap === MAX_PER_PR && Math.floor(maxRatio * c.currentSeats + 1e-9) > MAX_PER_PR) {
    return `${c.proposed.length + n} seats are reclaimable; one PR proposes at most ${MAX_PER_PR}, the most idle first. ${n} more ${n === 1 ? "is" : "are"} left for the next runs.`;
  }
  return (
    `${c.proposed.length + n} seats are reclaimable, but \`seats apply\` refuses to cancel more than ${(maxRatio * 100).toFixed(1)}% of the ${c.currentSeats} current seats at once ` +
    `(\`seats.max_removal_ratio\`), so this PR proposes the ${c.proposed.length} most idle. ` +
    `${n} more ${n === 1 ? "is" : "are"} left for the next runs, after this one is merged and applied.`
  );
}

export function keepNote(reclaim: readonly SeatDecision[], policy: Pick<ResolvedPolicy, "seats">): string | undefined {
  if (policy.seats.unmanaged !== "keep") return undefined;
  const direct = reclaim.filter((d) => !seatEnds(d, policy)).length;
  if (!direct) return undefined;
  return (
    `\`seats.unmanaged\` is \`keep\` in policies/policy.yaml: after this merge, \`seats apply\` leaves undeclared seats alone, so the ${direct} direct seat${direct === 1 ? "" : "s"} ` +
    "listed here keep being billed and nothing is cancelled for them; the savings count only the seats that end. Set `seats.unmanaged: remove` to have apply cancel them."
  );
}
