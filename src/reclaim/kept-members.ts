// The last check for seats granted through a `copilot: team` team. Such a seat is not cancelled
// by `seats apply`: it ends when `pulumi up` removes its holder from the team, which happens
// before the seat apply (docs/workflows.md). So skipping a cancellation (last-check.ts) cannot
// save it; the membership itself must stay. This module decides which memberships to keep:
// the people a recent reclaim PR removed for inactivity, who used Copilot after its snapshot
// (in any org, through any grant: activity is the person's), whose seat is still live and granted
// through a team, and whom the repository does not declare again yet. The verified plan carries
// them to `pulumi up` (infra/org-members.ts), which keeps them in those teams until the next
// nightly `seats reclaim` restores their member files.
//
// Only teams the PR took them out of are kept (its evidence names them; older evidence falls back
// to the seats' assigning teams), and only teams that grant the seat they hold where that team
// lives: an org team under the assigning team of their seat in that team's org (`org:`), an
// enterprise team (`enterprise_team: true`, enterprise billing) that assigns one of their
// enterprise grants. So a kept membership never adds anyone to a team they were not in.
// Pure: model, evidence, seat rows in.
import { ENTERPRISE_TEAM_PREFIX, isEnterpriseTeam, type SeatRow } from "../model/live-state.js";
import { loginKey } from "../model/logins.js";
import { teamClosures } from "../model/seat-holders.js";
import type { SeatModel, TeamDecl } from "../model/types.js";
import { teamOrg } from "../plan/orgs.js";
import { teamGrantedSlugs } from "../plan/scope.js";
import { type Evidence, lastCheck } from "./last-check.js";

export interface KeptMember {
  /** The declared team (folder) `pulumi up` keeps them in. */
  team: string;
  login: string;
  role: "member";
  /** The live last activity newer than the snapshot. */
  last_activity_at: string;
  snapshot: string;
  /** The reclaim PR whose evidence it is. */
  pull: number;
}

type PulledEvidence = { pull: number; evidence: Evidence };
type Model = Pick<SeatModel, "teams" | "policy">;

/** Login keys with a member file or a maintainer entry anywhere in the repo. */
function declaredKeys(model: Pick<SeatModel, "teams">): Set<string> {
  const out = new Set<string>();
  for (const t of model.teams) {
    for (const m of t.members) out.add(loginKey(m.login));
    for (const m of t.maintainers) out.add(loginKey(m));
  }
  return out;
}

/**
 * The logins whose live seats the check needs: re-checked by some evidence and declared nowhere
 * in the repo now. Cheap to read one by one when the plan did not read them (last-check-io.ts).
 */
export function keepCandidates(model: Pick<SeatModel, "teams">, evidence: readonly PulledEvidence[]): string[] {
  const declared = declaredKeys(model);
  const out = new Map<string, string>();
  for (const e of evidence) for (const l of e.evidence.recheck) if (!declared.has(loginKey(l)) && !out.has(loginKey(l))) out.set(loginKey(l), l);
  return [...out.values()];
}

/** Decides, for one person's live rows, whether a declared folder's membership grants one of them. */
function grantRule(model: Model) {
  const { policy } = model;
  const orgTeams = model.teams.filter((t) => !t.enterprise_team);
  const closures = teamClosures(orgTeams);
  const granted = teamGrantedSlugs(orgTeams);
  const bySlug = new Map(orgTeams.map((t) => [t.slug.toLowerCase(), t]));
  const orgOf = (r: SeatRow) => (r.org === undefined ? policy.org : r.org);
  const sameOrg = (a: string | null, b: string) => a !== null && loginKey(a) === loginKey(b);
  return {
    /** The declared folder behind a row's assigning team (older evidence names no folders). */
    folderOf(r: SeatRow): string | undefined {
      const a = r.assigning_team;
      if (!a) return undefined;
      if (isEnterpriseTeam(a)) return orgOf(r) === null ? a.slice(ENTERPRISE_TEAM_PREFIX.length) : undefined;
      const t = bySlug.get(a.toLowerCase());
      return t && sameOrg(orgOf(r), teamOrg(t, policy)) ? t.slug : undefined;
    },
    grants(team: TeamDecl, live: readonly SeatRow[]): boolean {
      if (team.enterprise_team) {
        // Enterprise teams do not nest: the grant names the team itself.
        const slug = `${ENTERPRISE_TEAM_PREFIX}${team.slug}`.toLowerCase();
        return policy.copilot.billing === "enterprise" && team.copilot === "team" && live.some((r) => orgOf(r) === null && r.assigning_team?.toLowerCase() === slug);
      }
      if (!granted.has(team.slug.toLowerCase())) return false;
      const org = teamOrg(team, policy);
      return live.some((r) => {
        if (!sameOrg(orgOf(r), org) || !r.assigning_team || isEnterpriseTeam(r.assigning_team)) return false;
        const assigning = bySlug.get(r.assigning_team.toLowerCase());
        if (!assigning || !sameOrg(teamOrg(assigning, policy), org)) return false;
        return (closures.get(assigning.slug) ?? []).some((u) => u.slug.toLowerCase() === team.slug.toLowerCase());
      });
    },
  };
}

/**
 * The memberships `pulumi up` keeps; `rows` holds the live seat rows of (at least) the
 * candidates, every row of theirs that was read (a person in two orgs has one in each).
 */
export function keptMemberships(model: Model, evidence: readonly PulledEvidence[], rows: readonly SeatRow[]): KeptMember[] {
  const candidates = keepCandidates(model, evidence);
  const rowsOf = new Map<string, SeatRow[]>();
  for (const r of rows) rowsOf.set(loginKey(r.login), [...(rowsOf.get(loginKey(r.login)) ?? []), r]);
  const folderTeam = new Map(model.teams.map((t) => [t.slug.toLowerCase(), t]));
  const rule = grantRule(model);
  const byPull = new Map(evidence.map((e) => [e.pull, e.evidence]));
  const out: KeptMember[] = [];
  for (const used of lastCheck(candidates, evidence, rows)) {
    // A pending row is already ending (an earlier apply removed them); a direct seat is the
    // cancellation skip's business, not a membership's.
    const live = (rowsOf.get(loginKey(used.login)) ?? []).filter((r) => !r.pending_cancellation_date);
    const recorded = byPull.get(used.pull)?.teams;
    const folders = recorded
      ? Object.entries(recorded).filter(([, logins]) => logins.some((l) => loginKey(l) === loginKey(used.login))).map(([folder]) => folder)
      : live.flatMap((r) => rule.folderOf(r) ?? []);
    for (const folder of new Set(folders.map((f) => f.toLowerCase()))) {
      const team = folderTeam.get(folder);
      if (!team || !rule.grants(team, live)) continue;
      out.push({ team: team.slug, login: used.login, role: "member", last_activity_at: used.last_activity_at, snapshot: used.snapshot, pull: used.pull });
    }
  }
  return out.sort((a, b) => (a.team < b.team ? -1 : a.team > b.team ? 1 : loginKey(a.login) < loginKey(b.login) ? -1 : 1));
}

export function keptMemberLine(k: KeptMember): string {
  return `  kept  ${k.login} in team ${k.team}: used Copilot on ${k.last_activity_at}, after the activity snapshot of reclaim PR #${k.pull} (${k.snapshot}); \`pulumi up\` keeps the membership that grants the seat and the next \`seats reclaim\` restores the member file`;
}
