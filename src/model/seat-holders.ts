// Who holds a Copilot seat according to the files (README, "Safety"): every login with a member file in a
// `copilot: users` team, plus every member of a `copilot: team` team. A person with files in
// several such teams holds one seat, so holders are keyed by login, case-insensitively.
import { compareLogins, loginKey } from "./logins.js";
import type { MemberDecl, SeatModel } from "./types.js";

export interface SeatHolder {
  /** The login as first written (by file path order). */
  login: string;
  /** Member files that grant the seat, sorted by path. */
  grants: MemberDecl[];
}

/** Distinct seat holders, sorted by login (case-insensitively). */
export function seatHolders(model: SeatModel): SeatHolder[] {
  const mode = new Map(model.teams.map((t) => [t.slug, t.copilot]));
  const byKey = new Map<string, SeatHolder>();
  for (const m of model.members) {
    const teamMode = mode.get(m.team);
    if (teamMode !== "users" && teamMode !== "team") continue;
    const k = loginKey(m.login);
    const h = byKey.get(k);
    if (h) h.grants.push(m);
    else byKey.set(k, { login: m.login, grants: [m] });
  }
  return [...byKey.values()].sort((a, b) => compareLogins(a.login, b.login));
}
