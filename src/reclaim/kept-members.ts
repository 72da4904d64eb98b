// The last check for seats granted through a `copilot: team` team. Such a seat is not cancelled
// by `seats apply`: it ends when `pulumi up` removes its holder from the team, which happens
// before the seat apply (docs/workflows.md). So skipping a cancellation (last-check.ts) cannot
// save it; the membership itself must stay. This module decides which memberships to keep:
// the people a recent reclaim PR removed for inactivity, who used Copilot after its snapshot,
// whose seat is still live and granted through a team, and whom the repository does not declare
// again yet. The verified plan carries them to `pulumi up` (infra/org-members.ts), which keeps
// them in those teams until the next nightly `seats reclaim` restores their member files.
//
// Only teams the PR took them out of are kept (its evidence names them; older evidence falls back
// to the seat's assigning team), and only teams under the seat's assigning team, so a kept
// membership never adds anyone to a team they were not in. Pure: model, evidence, seats in.
import { isEnterpriseTeam, type Seat } from "../model/live-state.js";
import { loginKey } from "../model/logins.js";
import { teamClosures } from "../model/seat-holders.js";
import type { SeatModel } from "../model/types.js";
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

/** The memberships `pulumi up` keeps; `seats` holds the live seats of (at least) the candidates. */
export function keptMemberships(model: Pick<SeatModel, "teams">, evidence: readonly PulledEvidence[], seats: readonly Seat[]): KeptMember[] {
  const candidates = keepCandidates(model, evidence);
  const seatOf = new Map(seats.map((s) => [loginKey(s.login), s]));
  const granted = teamGrantedSlugs(model.teams);
  const declaredTeam = new Map(model.teams.filter((t) => !t.enterprise_team).map((t) => [t.slug.toLowerCase(), t]));
  const closures = teamClosures(model.teams.filter((t) => !t.enterprise_team));
  const byPull = new Map(evidence.map((e) => [e.pull, e.evidence]));
  const out: KeptMember[] = [];
  for (const used of lastCheck(candidates, evidence, seats)) {
    const seat = seatOf.get(loginKey(used.login));
    // A pending seat is already ending (an earlier apply removed them); a direct seat is the
    // cancellation skip's business, not a membership's.
    if (!seat || seat.pending_cancellation_date || !seat.assigning_team || isEnterpriseTeam(seat.assigning_team)) continue;
    const assigning = declaredTeam.get(seat.assigning_team.toLowerCase());
    if (!assigning) continue;
    const under = new Set((closures.get(assigning.slug) ?? []).map((t) => t.slug.toLowerCase()));
    const recorded = byPull.get(used.pull)?.teams;
    const folders = recorded
      ? Object.entries(recorded).filter(([, logins]) => logins.some((l) => loginKey(l) === loginKey(used.login))).map(([folder]) => folder)
      : [assigning.slug];
    for (const folder of folders) {
      const team = declaredTeam.get(folder.toLowerCase());
      if (!team || !granted.has(team.slug.toLowerCase()) || !under.has(team.slug.toLowerCase())) continue;
      out.push({ team: team.slug, login: used.login, role: "member", last_activity_at: used.last_activity_at, snapshot: used.snapshot, pull: used.pull });
    }
  }
  return out.sort((a, b) => (a.team < b.team ? -1 : a.team > b.team ? 1 : loginKey(a.login) < loginKey(b.login) ? -1 : 1));
}

export function keptMemberLine(k: KeptMember): string {
  return `  kept  ${k.login} in team ${k.team}: used Copilot on ${k.last_activity_at}, after the activity snapshot of reclaim PR #${k.pull} (${k.snapshot}); \`pulumi up\` keeps the membership that grants the seat and the next \`seats reclaim\` restores the member file`;
}
