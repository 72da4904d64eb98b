// Who holds a Copilot seat according to the files, and why: the one definition that validate's
// budget and exemption rules, the planner, reclaim, import and the Pulumi member lists share
// (README, "Team modes"). A login holds a seat when
//   - it has a member file in a `copilot: users` team (a direct seat, selected_users), or
//   - it is on the roster of a `copilot: team` team or of any team nested under one (a team seat,
//     selected_teams): GitHub lists the members of child teams as team members, and a team's
//     roster is its member files plus its `maintainers:` (maintainers are team members too).
// A person with several grants holds one seat, so holders are keyed by login, case-insensitively.
import { compareLogins, loginKey } from "./logins.js";
import type { MemberDecl, SeatModel, TeamDecl } from "./types.js";

/** One line of a team's roster: who `pulumi up` makes a member of the team on GitHub. */
export interface RosterEntry {
  login: string;
  role: "member" | "maintainer";
  /** The member file, when there is one (a maintainer may have none). */
  member?: MemberDecl;
}

export type SeatGrant =
  | { kind: "direct"; team: string; member: MemberDecl }
  | {
      kind: "team";
      /** The `copilot: team` team whose assignment grants the seat. */
      team: string;
      /** The team whose roster lists the login: `team` itself or a team nested under it. */
      via: string;
      role: "member" | "maintainer";
      member?: MemberDecl;
    };

export interface SeatHolder {
  /** The login as first written (member files before maintainers, by team slug). */
  login: string;
  /** Every grant, direct ones first, then by team slug. */
  grants: SeatGrant[];
}

/**
 * A team's roster: every member file's login as `member`, every maintainer as `maintainer`.
 * A maintainer who also has a member file is listed once, as maintainer, spelled as in the file.
 * Sorted by login.
 */
export function teamRoster(team: Pick<TeamDecl, "members" | "maintainers">): RosterEntry[] {
  const byKey = new Map<string, RosterEntry>();
  for (const m of team.members) {
    if (!byKey.has(loginKey(m.login))) byKey.set(loginKey(m.login), { login: m.login, role: "member", member: m });
  }
  for (const login of team.maintainers) {
    const seen = byKey.get(loginKey(login));
    if (seen) seen.role = "maintainer";
    else byKey.set(loginKey(login), { login, role: "maintainer" });
  }
  return [...byKey.values()].sort((a, b) => compareLogins(a.login, b.login));
}

/** Team slug → the team and every team nested under it, by slug. Cycles (a validation error) end the walk. */
export function teamClosures(teams: readonly TeamDecl[]): Map<string, TeamDecl[]> {
  const children = new Map<string, TeamDecl[]>();
  for (const t of teams) {
    if (t.parent === undefined) continue;
    const k = t.parent.toLowerCase();
    children.set(k, [...(children.get(k) ?? []), t]);
  }
  const out = new Map<string, TeamDecl[]>();
  for (const t of teams) {
    const seen = new Set<string>();
    const stack = [t];
    const all: TeamDecl[] = [];
    while (stack.length) {
      const cur = stack.pop()!;
      if (seen.has(cur.slug.toLowerCase())) continue;
      seen.add(cur.slug.toLowerCase());
      all.push(cur);
      stack.push(...(children.get(cur.slug.toLowerCase()) ?? []));
    }
    out.set(t.slug, all.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)));
  }
  return out;
}

/** Distinct seat holders, sorted by login (case-insensitively). */
export function seatHolders(model: Pick<SeatModel, "teams">): SeatHolder[] {
  const byKey = new Map<string, SeatHolder>();
  const grant = (login: string, g: SeatGrant) => {
    const k = loginKey(login);
    const h = byKey.get(k);
    if (h) h.grants.push(g);
    else byKey.set(k, { login, grants: [g] });
  };
  const teams = [...model.teams].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  for (const t of teams) if (t.copilot === "users") for (const m of t.members) grant(m.login, { kind: "direct", team: t.slug, member: m });
  const closures = teamClosures(teams);
  for (const t of teams) {
    if (t.copilot !== "team") continue;
    for (const sub of closures.get(t.slug) ?? [t]) {
      for (const r of teamRoster(sub)) {
        grant(r.login, { kind: "team", team: t.slug, via: sub.slug, role: r.role, ...(r.member ? { member: r.member } : {}) });
      }
    }
  }
  return [...byKey.values()].sort((a, b) => compareLogins(a.login, b.login));
}

/** Holders by login key. */
export function seatHoldersByKey(model: Pick<SeatModel, "teams">): Map<string, SeatHolder> {
  return new Map(seatHolders(model).map((h) => [loginKey(h.login), h]));
}

/** The member files behind a holder's grants (deleting all of them ends every grant that has a file), sorted by path. */
export function grantFiles(h: SeatHolder): MemberDecl[] {
  const byFile = new Map<string, MemberDecl>();
  for (const g of h.grants) if (g.member) byFile.set(g.member.file, g.member);
  return [...byFile.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Grants that come from `maintainers:` alone (no member file): deleting files does not end them. */
export function maintainerOnlyGrants(h: SeatHolder): Extract<SeatGrant, { kind: "team" }>[] {
  return h.grants.filter((g): g is Extract<SeatGrant, { kind: "team" }> => g.kind === "team" && !g.member);
}
