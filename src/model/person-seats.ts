// One seat per person, from several rows of theirs: an enterprise's grants (direct, through each
// enterprise team) or a person's seats in several orgs (`orgs:`). Whoever holds several costs one
// seat, so reclaim judges the person, and the planner sees one seat per person. Pure.
import type { Seat } from "./live-state.js";
import { compareLogins, loginKey } from "./logins.js";

/**
 * Per person: a live direct row stands for the person, else a live team row (by team slug), else
 * (all pending) the first; created_at is the earliest; activity is the person's, the latest over
 * every row; pending cancellation only when every row is, on the latest date. Sorted by login.
 */
export function personSeats(rows: readonly Seat[]): Seat[] {
  const byPerson = new Map<string, Seat[]>();
  for (const r of rows) {
    const k = loginKey(r.login);
    byPerson.set(k, [...(byPerson.get(k) ?? []), r]);
  }
  const seats: Seat[] = [];
  for (const mine of byPerson.values()) {
    const live = mine.filter((g) => !g.pending_cancellation_date);
    const pick = live.find((g) => g.assigning_team === null) ?? live.sort((a, b) => ((a.assigning_team ?? "") < (b.assigning_team ?? "") ? -1 : 1))[0];
    const latest = (key: "last_activity_at" | "last_authenticated_at") => mine.map((g) => g[key]).filter((x): x is string => !!x).sort().pop() ?? null;
    const first = pick ?? mine[0]!;
    seats.push({
      login: first.login,
      assigning_team: first.assigning_team,
      created_at: mine.map((g) => g.created_at).sort()[0]!,
      last_activity_at: latest("last_activity_at"),
      last_activity_editor: mine.find((g) => g.last_activity_at === latest("last_activity_at"))?.last_activity_editor ?? null,
      last_authenticated_at: latest("last_authenticated_at"),
      pending_cancellation_date: pick ? null : mine.map((g) => g.pending_cancellation_date!).sort().pop()!,
      plan_type: first.plan_type,
    });
  }
  return seats.sort((a, b) => compareLogins(a.login, b.login));
}
