// Enterprise billing (`copilot.billing: enterprise`, docs/enterprise.md), as a view the planner
// already understands, so every plan rule holds unchanged (batching, pending cancellation,
// team-granted seats never cancelled per user, non-members blocked, the guards, the checksum):
//   - the model: each `enterprise_team: true` folder becomes the team GitHub knows, `ent:<folder>`
//     (the Pulumi program keeps its memberships, so the projection of `pulumi up` covers it);
//   - the snapshot: the enterprise's own grants, one Seat per person: a live direct grant is a
//     direct seat, else a live enterprise-team grant is a team seat (`assigning_team: ent:<slug>`),
//     else the person's grants are all pending. Org-granted rows are the orgs' business: the
//     enterprise endpoints can neither change nor cancel them, so they are left out (a declared
//     person who only holds an org seat gets an enterprise grant; they are billed once).
// Pure: no I/O.
import type { EnterpriseGrant } from "../github/enterprise-read.js";
import { ENTERPRISE_TEAM_PREFIX, type Seat } from "../model/live-state.js";
import { loginKey } from "../model/logins.js";
import { personSeats } from "../model/person-seats.js";
import type { SeatModel, TeamDecl } from "../model/types.js";

/** The GitHub slug of a declared team: `ent:<folder>` for an enterprise team. */
export function githubSlug(t: Pick<TeamDecl, "slug" | "enterprise_team">): string {
  return t.enterprise_team ? `${ENTERPRISE_TEAM_PREFIX}${t.slug}` : t.slug;
}

/** The model with enterprise teams under their GitHub slugs (planned like the teams they are). */
export function enterpriseModel<M extends Pick<SeatModel, "teams">>(model: M): M {
  const ent = new Set(model.teams.filter((t) => t.enterprise_team).map((t) => t.slug.toLowerCase()));
  const rename = (slug: string) => (ent.has(slug.toLowerCase()) ? `${ENTERPRISE_TEAM_PREFIX}${slug}` : slug);
  const teams = model.teams.map((t): TeamDecl => {
    if (!t.enterprise_team) return t;
    const { parent: _enterpriseTeamsDoNotNest, ...rest } = t;
    return {
      ...rest,
      slug: rename(t.slug),
      previously: t.previously.map((p) => `${ENTERPRISE_TEAM_PREFIX}${p}`),
      enterprise_team: false,
      members: t.members.map((m) => ({ ...m, team: rename(m.team) })),
    };
  });
  return { ...model, teams };
}

/** One Seat per person from the enterprise's own grants (org-granted rows left out). */
export function enterpriseSeats(grants: readonly EnterpriseGrant[]): Seat[] {
  return personSeats(grants.filter((g) => !g.organization));
}

/**
 * The seats reclaim judges in enterprise billing: the enterprise's own seats (enterpriseSeats),
 * each showing the person's latest activity over *every* grant, org grants included: a person
 * idle on the enterprise grant but active through an org seat is active, and someone idle
 * everywhere is idle once, whatever the number of grants (they cost the enterprise one seat).
 */
export function enterpriseReclaimSeats(grants: readonly EnterpriseGrant[]): Seat[] {
  const latest = new Map<string, EnterpriseGrant>();
  for (const g of grants) {
    const k = loginKey(g.login);
    const seen = latest.get(k);
    if (g.last_activity_at && (!seen?.last_activity_at || g.last_activity_at > seen.last_activity_at)) latest.set(k, g);
    else if (!seen) latest.set(k, g);
  }
  return enterpriseSeats(grants).map((s) => {
    const l = latest.get(loginKey(s.login));
    if (!l?.last_activity_at || (s.last_activity_at && s.last_activity_at >= l.last_activity_at)) return s;
    return { ...s, last_activity_at: l.last_activity_at, last_activity_editor: l.last_activity_editor, last_authenticated_at: l.last_authenticated_at ?? s.last_authenticated_at };
  });
}
