// Teams and team memberships.
import { validateBody, type BodySpec } from "../body.js";
import { ApiError, notFound } from "../errors.js";
import { json, noContent, type Handler, type RequestContext } from "../handler.js";
import { paginate } from "../paginate.js";
import { teamFullJson, teamJson, userJson } from "../representations.js";
import type { Router } from "../router.js";
import type { TeamRec } from "../state.js";
import { compareStrings } from "../../text.js";

function team(ctx: RequestContext): TeamRec {
  ctx.state.checkOrg(ctx.params.org!);
  const t = ctx.state.teamBySlug(ctx.params.team_slug!);
  if (!t) throw notFound();
  return t;
}

const PRIVACY = { type: "string", enum: ["secret", "closed"] } as const;
const NOTIFY = { type: "string", enum: ["notifications_enabled", "notifications_disabled"] } as const;

const CREATE_SPEC: BodySpec = {
  name: { type: "string" },
  description: { type: "string" },
  maintainers: { type: "string[]" },
  repo_names: { type: "string[]" },
  privacy: PRIVACY,
  notification_setting: NOTIFY,
  permission: { type: "string", enum: ["pull", "push"] },
  parent_team_id: { type: "integer" },
  parent_team_slug: { type: "string" },
};

const UPDATE_SPEC: BodySpec = {
  name: { type: "string" },
  description: { type: "string" },
  privacy: PRIVACY,
  notification_setting: NOTIFY,
  permission: { type: "string", enum: ["pull", "push", "admin"] },
  parent_team_id: { type: "integer", nullable: true },
  parent_team_slug: { type: "string", nullable: true },
};

const list: Handler = (ctx) => {
  ctx.state.checkOrg(ctx.params.org!);
  const type = ctx.query.get("team_type") ?? "all";
  if (!["all", "enterprise", "organization"].includes(type)) {
    throw new ApiError(422, "Validation Failed", [{ resource: "Team", field: "team_type", code: "invalid", value: type }]);
  }
  const teams = type === "enterprise" ? [] : [...ctx.state.teams.values()].sort((a, b) => compareStrings(a.slug, b.slug));
  const { items, headers } = paginate(ctx, teams);
  return json(200, items.map((t) => teamJson(ctx, t)), headers);
};

const create: Handler = (ctx) => {
  ctx.state.checkOrg(ctx.params.org!);
  const body = validateBody<Parameters<typeof ctx.state.createTeam>[0]>(ctx.body, CREATE_SPEC, ["name"]);
  const t = ctx.state.createTeam(body);
  return json(201, teamFullJson(ctx, t), { location: `${ctx.base}/orgs/${ctx.state.org.login}/teams/${t.slug}` });
};

const get: Handler = (ctx) => json(200, teamFullJson(ctx, team(ctx)));

const update: Handler = (ctx) => {
  const t = team(ctx);
  const body = validateBody<Parameters<typeof ctx.state.updateTeam>[1]>(ctx.body, UPDATE_SPEC, [], false);
  return json(200, teamFullJson(ctx, ctx.state.updateTeam(t, body)));
};

const remove: Handler = (ctx) => {
  ctx.state.deleteTeam(team(ctx));
  return noContent();
};

const members: Handler = (ctx) => {
  const t = team(ctx);
  const role = ctx.query.get("role") ?? "all";
  if (!["member", "maintainer", "all"].includes(role)) {
    throw new ApiError(422, "Validation Failed", [{ resource: "TeamMember", field: "role", code: "invalid", value: role }]);
  }
  const list = [...ctx.state.deepMembers(t).entries()]
    .filter(([, m]) => role === "all" || m.role === role)
    .map(([k]) => ctx.state.user(k)!)
    .sort((a, b) => a.id - b.id);
  const { items, headers } = paginate(ctx, list);
  return json(200, items.map((u) => userJson(ctx, u)), headers);
};

function membershipJson(ctx: RequestContext, t: TeamRec, login: string, role: string, state: string): Record<string, unknown> {
  return { url: `${ctx.base}/organizations/${ctx.state.org.id}/team/${t.id}/memberships/${login}`, role, state };
}

const getMembership: Handler = (ctx) => {
  const t = team(ctx);
  const login = ctx.params.username!;
  const direct = t.members.get(login.toLowerCase());
  if (direct) return json(200, membershipJson(ctx, t, ctx.state.user(login)!.login, direct.role, direct.state));
  // Members of child teams count as members ("Team members will include the members of child teams").
  const deep = ctx.state.deepMembers(t).get(login.toLowerCase());
  if (deep) return json(200, membershipJson(ctx, t, ctx.state.user(login)!.login, deep.role, "active"));
  throw notFound();
};

const setMembership: Handler = (ctx) => {
  const t = team(ctx);
  const body = validateBody<{ role?: "member" | "maintainer" }>(ctx.body, { role: { type: "string", enum: ["member", "maintainer"] } }, [], false);
  const rec = ctx.state.setTeamMembership(t, ctx.params.username!, body.role ?? "member");
  return json(200, membershipJson(ctx, t, ctx.state.user(ctx.params.username!)!.login, rec.role, rec.state));
};

const removeMembership: Handler = (ctx) => {
  ctx.state.removeTeamMembership(team(ctx), ctx.params.username!);
  return noContent();
};

export function registerTeams(r: Router<Handler>): void {
  r.add("GET", "/orgs/{org}/teams", list)
    .add("POST", "/orgs/{org}/teams", create)
    .add("GET", "/orgs/{org}/teams/{team_slug}", get)
    .add("PATCH", "/orgs/{org}/teams/{team_slug}", update)
    .add("DELETE", "/orgs/{org}/teams/{team_slug}", remove)
    .add("GET", "/orgs/{org}/teams/{team_slug}/members", members)
    .add("GET", "/orgs/{org}/teams/{team_slug}/memberships/{username}", getMembership)
    .add("PUT", "/orgs/{org}/teams/{team_slug}/memberships/{username}", setMembership)
    .add("DELETE", "/orgs/{org}/teams/{team_slug}/memberships/{username}", removeMembership);
}
