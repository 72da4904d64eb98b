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
import { compareLogins, loginKey } from "../model/logins.js";
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
  const byPerson = new Map<string, EnterpriseGrant[]>();
  for (const g of grants) {
    if (g.organization) continue;
    const k = loginKey(g.login);
    byPerson.set(k, [...(byPerson.get(k) ?? []), g]);
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
      // Activity is the person's: the latest over every grant.
      last_activity_at: latest("last_activity_at"),
      last_activity_editor: mine.find((g) => g.last_activity_at === latest("last_activity_at"))?.last_activity_editor ?? null,
      last_authenticated_at: latest("last_authenticated_at"),
      pending_cancellation_date: pick ? null : mine.map((g) => g.pending_cancellation_date!).sort().pop()!,
      plan_type: first.plan_type,
    });
  }
  return seats.sort((a, b) => compareLogins(a.login, b.login));
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
