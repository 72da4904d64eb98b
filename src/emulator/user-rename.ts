// Renaming an account, as GitHub does when a user changes their username: the id stays, the
// login changes everywhere the account appears (org membership, team memberships, repository
// collaborators, Copilot seats and enterprise grants), and the old login resolves to nobody (GET /users/{old} → 404) until
// someone else takes it. Tests use it to check that the repo follows accounts by `id`.
import { grantKey } from "./enterprise-records.js";
import type { EmulatorState } from "./state.js";
import { key } from "./state-records.js";

/** Moves the value at `from` of a map keyed by lower-cased login to `to`. */
function rekey<V>(map: Map<string, V>, from: string, to: string, edit?: (v: V) => void): void {
  const v = map.get(from);
  if (v === undefined) return;
  map.delete(from);
  edit?.(v);
  map.set(to, v);
}

export function renameUser(state: EmulatorState, from: string, to: string): void {
  const f = key(from);
  const t = key(to);
  const user = state.users.get(f);
  if (!user) throw new Error(`emulator: no user ${from} to rename`);
  if (f !== t && state.users.has(t)) throw new Error(`emulator: the login ${to} is taken`);
  rekey(state.users, f, t, (u) => {
    u.login = to;
  });
  // Membership, teams and seats in every org the server serves (the account is GitHub-wide).
  for (const org of state.allOrgs()) {
    rekey(org.members, f, t);
    for (const team of org.teams.values()) rekey(team.members, f, t);
    rekey(org.seats, f, t, (s) => {
      s.key = t;
    });
    org.changed();
  }
  for (const repo of state.repos.values()) repo.collaborators = repo.collaborators?.map((k) => (k === f ? t : k));
  const ent = state.enterprise;
  if (ent) {
    if (ent.extraMembers.delete(f)) ent.extraMembers.add(t);
    for (const team of ent.teams.values()) {
      const i = team.members.indexOf(f);
      if (i >= 0) team.members[i] = t;
    }
    for (const [k, g] of [...ent.grants]) {
      if (g.key !== f) continue;
      ent.grants.delete(k);
      g.key = t;
      ent.grants.set(grantKey(t, g.teamId), g);
    }
  }
  state.changed();
}
