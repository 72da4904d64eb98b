// The team half of a plan, and the state GitHub will have once it is carried out. On merge,
// `pulumi up` runs before the seat apply (docs/workflows.md), so seat changes are planned
// against that projected state: declared teams exist (renamed ones under their new slug), and
// each team's members are its declared roster (member files and maintainers) minus the logins
// that are not org members (`teams.invite_non_members: false` leaves them out; invitations make
// nobody a member either). A plan computed before `pulumi up` (on the PR) and one computed after
// it (on merge) therefore see the same state and have the same checksum (docs/plan-apply.md).
//
// Seats follow GitHub's team-assignment rules (README, "Team modes"): every member of a team
// assigned Copilot holds a seat (new members get one automatically; a pending one is restored),
// and a seat granted through a team goes to pending cancellation when its holder leaves the team
// with no other grant. Assumed where GitHub documents only the team unassignment ("pending
// cancellation unless they retain access through another team"): a membership removal behaves
// the same; the emulator does so.
//
// Pure: no clock, no I/O. Teams absent from `snapshot.teams` are taken not to exist on GitHub.
import { compareLogins, loginKey } from "../model/logins.js";
import { activeSeat, isEnterpriseTeam, PENDING_AFTER_TEAM_CHANGE, type Seat, type Snapshot, type TeamMembership } from "../model/live-state.js";
import { teamClosures, teamRoster } from "../model/seat-holders.js";
import type { ResolvedPolicy, SeatModel, TeamDecl } from "../model/types.js";
import { TEAM_ACTIONS, type LeftOut, type TeamChange, type TeamsPlan } from "./types.js";
import { teamsChecksum } from "./canonical.js";

export interface Projection {
  /** The live snapshot as it will be after `pulumi up`. */
  snapshot: Snapshot;
  /** What `pulumi up` changes, for the reviewer. */
  teams: TeamsPlan;
}

type Policy = Pick<ResolvedPolicy, "teams">;

const bySlug = (a: { slug: string }, b: { slug: string }) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);

/** Declared teams this plan manages at org level (enterprise teams are managed at the enterprise). */
export function orgTeams(model: Pick<SeatModel, "teams">): TeamDecl[] {
  return model.teams.filter((t) => !t.enterprise_team).sort(bySlug);
}

/** Every GitHub slug whose members the projection needs: each declared team's slug and old slugs. */
export function teamSlugsToRead(model: Pick<SeatModel, "teams">): string[] {
  return [...new Set(orgTeams(model).flatMap((t) => [t.slug, ...t.previously]).map((s) => s.toLowerCase()))].sort();
}

export function projectTeams(model: Pick<SeatModel, "teams">, snapshot: Snapshot, policy: Policy): Projection {
  const declared = orgTeams(model);
  const orgMembers = new Set(snapshot.members.map(loginKey));
  // Under enterprise billing with several orgs, an org team's roster is checked against its own
  // org's members (infra/org-members.ts does the same for `pulumi up`).
  const byOrg = new Map(Object.entries(snapshot.membersByOrg ?? {}).map(([o, m]) => [o, new Set(m.map(loginKey))]));
  const orgOf = (t: TeamDecl) => t.org ?? snapshot.org;
  const membersOf = (t: TeamDecl) => byOrg.get(orgOf(t).toLowerCase()) ?? orgMembers;
  const live = new Map<string, TeamMembership>();
  for (const t of snapshot.teams) if (t.exists) live.set(t.slug.toLowerCase(), t);
  const liveOf = (t: TeamDecl) => [t.slug, ...t.previously].map((s) => live.get(s.toLowerCase())).find((x) => x !== undefined);
  const closures = teamClosures(declared);
  const childrenOf = (t: TeamDecl) => declared.filter((c) => c.parent !== undefined && c.parent.toLowerCase() === t.slug.toLowerCase());

  const changes: TeamChange[] = [];
  const leftOut: LeftOut[] = [];
  /** Declared slug → logins that are direct members after `pulumi up` (by login key). */
  const direct = new Map<string, Map<string, string>>();

  for (const t of declared) {
    const gh = liveOf(t);
    if (!gh) changes.push({ action: "create_team", team: t.slug, reason: `seats/${t.slug}/ is declared and the team does not exist on GitHub`, sources: [t.file] });
    else if (gh.slug.toLowerCase() !== t.slug.toLowerCase()) {
      changes.push({ action: "rename_team", team: t.slug, from: gh.slug, reason: `\`previously: ${gh.slug}\` in seats/${t.slug}/_team.yaml`, sources: [t.file] });
    }
    // GitHub lists child-team members as members; what the team holds itself is the rest.
    const inChildren = new Set(childrenOf(t).flatMap((c) => liveOf(c)?.members ?? []).map(loginKey));
    const liveDirect = (gh?.members ?? []).filter((l) => !inChildren.has(loginKey(l)));
    const liveListed = new Set((gh?.members ?? []).map(loginKey));
    const roster = teamRoster(t);
    const invite = policy.teams.invite_non_members;
    const mine = new Map<string, string>();
    const members = membersOf(t);
    for (const r of roster) {
      if (members.has(loginKey(r.login)) || invite) continue;
      leftOut.push({ login: r.login, team: t.slug, reason: `${r.login} is not a member of ${orgOf(t)}, so \`pulumi up\` leaves them out of team "${t.slug}" (teams.invite_non_members: false)`, sources: [r.member ? r.member.file : t.file] });
    }
    // Pulumi manages no member list for a team whose list would be empty (docs/pulumi.md): the
    // provider cannot express "nobody", so GitHub's members stay.
    const listed = roster.filter((r) => members.has(loginKey(r.login)) || invite);
    if (listed.length === 0) {
      for (const l of liveDirect) mine.set(loginKey(l), l);
    } else {
      for (const r of listed) {
        const k = loginKey(r.login);
        const source = r.member ? r.member.file : t.file;
        if (!members.has(k)) {
          // Invited, not a member until they accept: no seat either way.
          if (!liveListed.has(k)) changes.push({ action: "invite_member", team: t.slug, login: r.login, role: r.role, reason: `${r.login} is not a member of ${orgOf(t)}: \`pulumi up\` invites them (teams.invite_non_members: true); no seat until they accept`, sources: [source] });
          continue;
        }
        mine.set(k, r.login);
        if (!liveListed.has(k)) changes.push({ action: "add_member", team: t.slug, login: r.login, role: r.role, reason: `declared in ${source}`, sources: [source] });
      }
      const listedKeys = new Set(listed.map((r) => loginKey(r.login)));
      for (const l of liveDirect) {
        if (!listedKeys.has(loginKey(l))) changes.push({ action: "remove_member", team: t.slug, login: l, reason: `${l} is a member of team "${t.slug}" on GitHub but not declared in seats/${t.slug}/`, sources: [t.file] });
      }
    }
    direct.set(t.slug.toLowerCase(), mine);
  }

  // Deep members (GitHub's rule: a team lists the members of the teams nested under it).
  const deep = new Map<string, Map<string, string>>();
  for (const t of declared) {
    const all = new Map<string, string>();
    for (const sub of closures.get(t.slug) ?? [t]) for (const [k, l] of direct.get(sub.slug.toLowerCase()) ?? []) if (!all.has(k)) all.set(k, l);
    deep.set(t.slug.toLowerCase(), all);
  }

  const teams: TeamMembership[] = [];
  const declaredGhSlugs = new Set(declared.flatMap((t) => [t.slug, ...t.previously]).map((s) => s.toLowerCase()));
  for (const t of snapshot.teams) if (!declaredGhSlugs.has(t.slug.toLowerCase())) teams.push(t);
  for (const t of declared) teams.push({ slug: t.slug, exists: true, members: [...deep.get(t.slug.toLowerCase())!.values()].sort(compareLogins) });
  teams.sort(bySlug);

  const seats = projectSeats(declared, snapshot.seats, deep);
  changes.sort((a, b) => TEAM_ACTIONS.indexOf(a.action) - TEAM_ACTIONS.indexOf(b.action) || (a.team < b.team ? -1 : a.team > b.team ? 1 : 0) || compareLogins(a.login ?? "", b.login ?? ""));
  leftOut.sort((a, b) => compareLogins(a.login, b.login) || (a.team < b.team ? -1 : 1));
  const section = { changes, left_out: leftOut };
  return { snapshot: { ...snapshot, seats, teams }, teams: { ...section, checksum: teamsChecksum(snapshot.org, section) } };
}

/** Seats after `pulumi up`, by GitHub's team-assignment rules (see the top of this file). */
function projectSeats(declared: readonly TeamDecl[], live: readonly Seat[], deep: Map<string, Map<string, string>>): Seat[] {
  // A declared team's GitHub slug (old ones too) → the declared team.
  const declOf = new Map<string, TeamDecl>();
  for (const t of declared) for (const s of [t.slug, ...t.previously]) if (!declOf.has(s.toLowerCase())) declOf.set(s.toLowerCase(), t);
  // Declared teams that GitHub shows as assigned (an active seat through them).
  const assigned = new Set<string>();
  for (const s of live) {
    const t = s.assigning_team && activeSeat(s) ? declOf.get(s.assigning_team.toLowerCase()) : undefined;
    if (t) assigned.add(t.slug.toLowerCase());
  }
  const covering = new Map<string, { slug: string; login: string }>();
  for (const t of declared) {
    if (!assigned.has(t.slug.toLowerCase())) continue;
    for (const [k, login] of deep.get(t.slug.toLowerCase()) ?? []) if (!covering.has(k)) covering.set(k, { slug: t.slug, login });
  }

  const out = new Map<string, Seat>();
  for (const s of live) {
    const k = loginKey(s.login);
    const c = covering.get(k);
    const from = s.assigning_team && !isEnterpriseTeam(s.assigning_team) ? declOf.get(s.assigning_team.toLowerCase()) : undefined;
    if (c) out.set(k, { ...s, assigning_team: c.slug, pending_cancellation_date: null });
    else if (from && activeSeat(s)) out.set(k, { ...s, assigning_team: from.slug, pending_cancellation_date: PENDING_AFTER_TEAM_CHANGE });
    else out.set(k, from ? { ...s, assigning_team: from.slug } : s);
  }
  for (const [k, c] of covering) {
    if (out.has(k)) continue;
    out.set(k, {
      login: c.login,
      assigning_team: c.slug,
      created_at: "",
      last_activity_at: null,
      last_activity_editor: null,
      last_authenticated_at: null,
      pending_cancellation_date: null,
      plan_type: null,
    });
  }
  return [...out.values()].sort((a, b) => compareLogins(a.login, b.login));
}
