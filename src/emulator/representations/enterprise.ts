// `enterprise-team` and the enterprise's `copilot-seat-details` (org-granted seats keep their
// organization; enterprise grants have none, and name the enterprise team when one grants them).
import type { EnterpriseGrantRec, EnterpriseTeamRec } from "../enterprise-records.js";
import type { EnterpriseState } from "../enterprise-state.js";
import type { SeatRec } from "../state.js";
import { userByKey } from "./people.js";
import { seatJson } from "./teams-seats.js";
import type { View } from "./view.js";

export function enterpriseTeamJson(v: View, e: EnterpriseState, t: EnterpriseTeamRec): Record<string, unknown> {
  const api = `${v.base}/enterprises/${e.rec.slug}/teams/${t.id}`;
  return {
    id: t.id,
    name: t.name,
    // The schema types description as a string (not nullable): omitted when there is none.
    ...(t.description !== null ? { description: t.description } : {}),
    slug: t.slug,
    url: api,
    organization_selection_type: t.organization_selection_type,
    group_id: t.group_id,
    html_url: `${v.base}/enterprises/${e.rec.slug}/teams/${t.slug.replace(/^ent:/, "")}`,
    members_url: `${api}/memberships{/member}`,
    created_at: t.created_at,
    updated_at: t.updated_at,
    notification_setting: t.notification_setting,
  };
}

export function enterpriseGrantJson(v: View, e: EnterpriseState, g: EnterpriseGrantRec): Record<string, unknown> {
  const team = g.teamId === null ? undefined : e.teams.get(g.teamId);
  return {
    created_at: g.created_at,
    assignee: userByKey(v, g.key),
    organization: null,
    assigning_team: team ? enterpriseTeamJson(v, e, team) : null,
    pending_cancellation_date: g.pending_cancellation_date,
    last_activity_at: g.last_activity_at,
    last_activity_editor: g.last_activity_editor,
    last_authenticated_at: g.last_authenticated_at,
    updated_at: g.created_at,
    plan_type: g.plan_type,
  };
}

/** One row of the enterprise seat list: an org seat or an enterprise grant. */
export type EnterpriseSeatRow = { kind: "org"; seat: SeatRec } | { kind: "enterprise"; grant: EnterpriseGrantRec };

export function enterpriseSeatRowJson(v: View, e: EnterpriseState, row: EnterpriseSeatRow): Record<string, unknown> {
  return row.kind === "org" ? seatJson(v, row.seat) : enterpriseGrantJson(v, e, row.grant);
}
