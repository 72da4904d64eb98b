// Renames in an incremental plan (`--base`): a touched member file with an `id` whose login the
// targeted read found no org member may be a renamed account. Only those ids are looked up
// (`GET /user/{account_id}`, one each); a rename's new login is then read like any touched login,
// and the plan is made from the renamed model, as the full plan is (src/plan/renames.ts). A
// change that touches no renamed account costs nothing extra.
import type { GitHubClient } from "../github/client.js";
import { readLoginStates, type LoginReadOptions, type LoginStates } from "../github/read-logins.js";
import { compareLogins, loginKey } from "../model/logins.js";
import type { SeatModel } from "../model/types.js";
import { findRenames, withRenames, type Rename } from "./renames.js";
import { loginSet, type LoginSet, type TeamLogin } from "./restrict.js";

export interface TouchedState {
  model: SeatModel;
  /** Touched logins as written in the files (renamed ones: the account's login now). */
  logins: string[];
  touched: LoginSet;
  pairs: TeamLogin[];
  read: LoginStates;
  renames: Rename[];
}

/** Each login through the renames (old login → the account's current one). */
export function renamedLogins(logins: readonly string[], renames: readonly Rename[]): string[] {
  const to = new Map(renames.map((r) => [loginKey(r.from), r.to]));
  return [...new Map(logins.map((l) => to.get(loginKey(l)) ?? l).map((l) => [loginKey(l), l])).values()].sort(compareLogins);
}

/**
 * The read of the renamed logins merged into the first read (pure): the old logins' answers were
 * all "nobody" (that is what made them suspects), so only their team-membership keys go.
 */
export function mergeRenamed(first: LoginStates, renamed: LoginStates, renames: readonly Rename[]): LoginStates {
  const old = loginSet(renames.map((r) => r.from));
  const teamMemberships = new Map([...first.teamMemberships].filter(([k]) => !old.has(k)));
  for (const [k, v] of renamed.teamMemberships) teamMemberships.set(k, v);
  return {
    snapshot: {
      ...first.snapshot,
      seats: [...first.snapshot.seats, ...renamed.snapshot.seats].sort((a, b) => compareLogins(a.login, b.login)),
      members: [...first.snapshot.members, ...renamed.snapshot.members].sort(compareLogins),
    },
    teamMemberships,
    pairMembers: new Set([...first.pairMembers, ...renamed.pairMembers]),
  };
}

/** The touched state with renamed accounts followed; the first read as it is when none is renamed. */
export async function followTouchedRenames(
  client: GitHubClient,
  model: SeatModel,
  logins: readonly string[],
  pairs: readonly TeamLogin[],
  read: LoginStates,
  opts: Omit<LoginReadOptions, "logins" | "pairs" | "askTeamsFor">,
): Promise<TouchedState> {
  const touched = loginSet(logins);
  const renames = await findRenames(client, { members: model.members.filter((m) => touched.has(loginKey(m.login))) }, read.snapshot);
  if (!renames.length) return { model, logins: [...logins], touched, pairs: [...pairs], read, renames };
  const to = new Map(renames.map((r) => [loginKey(r.from), r.to]));
  const movedPairs = pairs.filter((p) => to.has(loginKey(p.login))).map((p) => ({ ...p, login: to.get(loginKey(p.login))! }));
  const newLogins = renames.map((r) => r.to);
  // Every touched login's team memberships are checked (loginsNeedingTeamCheck), so the new ones' are too.
  const second = await readLoginStates(client, { ...opts, logins: newLogins, askTeamsFor: loginSet(newLogins), pairs: movedPairs });
  const all = renamedLogins(logins, renames);
  return {
    model: withRenames(model, renames),
    logins: all,
    touched: loginSet(all),
    pairs: [...pairs.filter((p) => !to.has(loginKey(p.login))), ...movedPairs],
    read: mergeRenamed(read, second, renames),
    renames,
  };
}
