// `team-simple`, `team`, `team-full` and `copilot-seat-details`.
import { nodeId } from "../ids.js";
import type { SeatRec, TeamRec } from "../state.js";
import { orgSimpleJson, userByKey } from "./people.js";
import type { View } from "./view.js";

function teamOrganizationJson(v: View): Record<string, unknown> {
  const o = v.state.org;
  return {
    ...orgSimpleJson(v),
    name: o.login,
    is_verified: false,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    html_url: `${v.base}/${o.login}`,
    created_at: o.created_at,
    updated_at: o.created_at,
    archived_at: null,
    type: "Organization",
  };
}

function teamUrls(v: View, t: TeamRec): Record<string, string> {
  const api = `${v.base}/organizations/${v.state.org.id}/team/${t.id}`;
  return {
    url: api,
    html_url: `${v.base}/orgs/${v.state.org.login}/teams/${t.slug}`,
    members_url: `${api}/members{/member}`,
    repositories_url: `${api}/repos`,
  };
}

/** `team-simple` (used for `parent`). */
export function teamSimpleJson(v: View, t: TeamRec): Record<string, unknown> {
  return {
    id: t.id,
    node_id: nodeId("Team", t.id),
    ...teamUrls(v, t),
    name: t.name,
    slug: t.slug,
    description: t.description,
    privacy: t.privacy,
    notification_setting: t.notification_setting,
    permission: t.permission,
    type: "organization",
    organization_id: v.state.org.id,
  };
}

/** `team` (lists, `assigning_team`, `requested_teams`). */
export function teamJson(v: View, t: TeamRec): Record<string, unknown> {
  const parent = t.parentId === null ? undefined : v.state.teams.get(t.parentId);
  return { ...teamSimpleJson(v, t), parent: parent ? teamSimpleJson(v, parent) : null };
}

/** `team-full` (get, create, update). */
export function teamFullJson(v: View, t: TeamRec): Record<string, unknown> {
  const parent = t.parentId === null ? undefined : v.state.teams.get(t.parentId);
  return {
    ...teamSimpleJson(v, t),
    parent: parent ? teamSimpleJson(v, parent) : null,
    members_count: v.state.deepMembers(t).size,
    repos_count: 0,
    created_at: t.created_at,
    updated_at: t.updated_at,
    organization: teamOrganizationJson(v),
  };
}

/** `copilot-seat-details`: additionalProperties is false, so exactly these keys. */
export function seatJson(v: View, seat: SeatRec): Record<string, unknown> {
  const team = v.state.assigningTeam(seat);
  return {
    created_at: seat.created_at,
    assignee: userByKey(v, seat.key),
    organization: orgSimpleJson(v),
    assigning_team: team ? teamJson(v, team) : null,
    pending_cancellation_date: seat.pending_cancellation_date,
    last_activity_at: seat.last_activity_at,
    last_activity_editor: seat.last_activity_editor,
    last_authenticated_at: seat.last_authenticated_at,
    updated_at: seat.created_at,
    plan_type: seat.plan_type,
  };
}
