// People who left the organization. Their member files stay behind otherwise: every plan reports
// them as blocked (not an org member) and nothing ever clears them. The reclaim PR removes every
// member file of a declared login that is neither an org member nor invited (a pending
// invitation is someone joining, not leaving), in every team, with the reason "left the
// organization". They are not @-mentioned (they can no longer see the repository), they do not
// count against the removal ratio, and they save nothing: GitHub ended their seat when they left.
// Pure: the model, the member list and the pending invitations in; decisions out.
import { compareLogins, loginKey } from "../model/logins.js";
import type { SeatModel } from "../model/types.js";
import type { ReclaimSeat, SeatDecision } from "./classify.js";

/** Declared logins that are not org members (to be checked for a pending invitation). */
export function declaredNonMembers(model: Pick<SeatModel, "members">, members: ReadonlySet<string>): string[] {
  const out = new Map<string, string>();
  for (const m of model.members) if (!members.has(loginKey(m.login))) out.set(loginKey(m.login), m.login);
  return [...out.values()].sort(compareLogins);
}

export function departed(
  model: Pick<SeatModel, "members" | "teams">,
  members: ReadonlySet<string>,
  invited: ReadonlySet<string>,
  seats: readonly ReclaimSeat[],
): SeatDecision[] {
  const seatOf = new Map(seats.map((s) => [loginKey(s.login), s]));
  const byLogin = new Map<string, { login: string; files: string[]; teams: Set<string> }>();
  for (const m of model.members) {
    const k = loginKey(m.login);
    if (members.has(k) || invited.has(k)) continue;
    const e = byLogin.get(k) ?? { login: m.login, files: [], teams: new Set<string>() };
    e.files.push(m.file);
    e.teams.add(m.team);
    byLogin.set(k, e);
  }
  return [...byLogin.entries()]
    .map(([k, e]): SeatDecision => {
      const seat = seatOf.get(k);
      return {
        login: e.login,
        reclaim: true,
        reason: "left-org",
        detail: seat?.pending_cancellation_date ? `not an org member any more (seat ends ${seat.pending_cancellation_date})` : "not an org member any more, and not invited",
        files: e.files.sort(),
        teams: [...e.teams].sort(),
        assigning_team: null,
        team_mode: false,
        team_mode_teams: [],
        created_at: seat?.created_at ?? "",
        last_activity_at: seat?.last_activity_at ?? null,
        last_activity_editor: seat?.last_activity_editor ?? null,
        days_idle: 0,
        expires: null,
      };
    })
    .sort((a, b) => compareLogins(a.login, b.login));
}

/** One decision per person from several orgs' (a person who left two orgs): every file, every team. */
export function mergeDecisions(decisions: readonly SeatDecision[]): SeatDecision[] {
  const byLogin = new Map<string, SeatDecision>();
  for (const d of decisions) {
    const had = byLogin.get(loginKey(d.login));
    byLogin.set(loginKey(d.login), had ? { ...had, files: [...new Set([...had.files, ...d.files])].sort(), teams: [...new Set([...had.teams, ...d.teams])].sort() } : d);
  }
  return [...byLogin.values()].sort((a, b) => compareLogins(a.login, b.login));
}
