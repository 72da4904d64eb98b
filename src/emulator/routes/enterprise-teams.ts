// Enterprise teams and their memberships (GitHub Enterprise Cloud), including the bulk
// add/remove endpoints a sync uses so that a team of any size costs one request per change set.
import { validateBody, type BodySpec } from "../body.js";
import type { EnterpriseTeamRec } from "../enterprise-records.js";
import type { EnterpriseState } from "../enterprise-state.js";
import { notFound } from "../errors.js";
import { json, noContent, type Handler, type RequestContext } from "../handler.js";
import { paginate } from "../paginate.js";
import { enterpriseTeamJson, userByKey } from "../representations.js";
import type { Router } from "../router.js";
import { enterpriseOf } from "./enterprise-access.js";

function teamOf(ctx: RequestContext): { e: EnterpriseState; t: EnterpriseTeamRec } {
  const e = enterpriseOf(ctx);
  return { e, t: e.requireTeam(ctx.params["enterprise-team"] ?? ctx.params.team_slug!) };
}

const NOTIFY = { type: "string", enum: ["notifications_enabled", "notifications_disabled"] } as const;
const SELECTION = { type: "string", enum: ["disabled", "selected", "all"] } as const;
const TEAM_SPEC: BodySpec = {
  name: { type: "string" },
  description: { type: "string", nullable: true },
  sync_to_organizations: { type: "string", enum: ["all", "disabled"] },
  organization_selection_type: SELECTION,
  group_id: { type: "string", nullable: true },
  notification_setting: NOTIFY,
};
const USERNAMES: BodySpec = { usernames: { type: "string[]" } };

type TeamBody = Parameters<EnterpriseState["createTeam"]>[0];

const list: Handler = (ctx) => {
  const e = enterpriseOf(ctx);
  const { items, headers } = paginate(ctx, e.teamList());
  return json(200, items.map((t) => enterpriseTeamJson(ctx, e, t)), headers);
};

const create: Handler = (ctx) => {
  const e = enterpriseOf(ctx);
  const body = validateBody<TeamBody>(ctx.body, TEAM_SPEC, ["name"]);
  return json(201, enterpriseTeamJson(ctx, e, e.createTeam(body)));
};

const get: Handler = (ctx) => {
  const { e, t } = teamOf(ctx);
  return json(200, enterpriseTeamJson(ctx, e, t));
};

const update: Handler = (ctx) => {
  const { e, t } = teamOf(ctx);
  const body = validateBody<Partial<TeamBody>>(ctx.body, TEAM_SPEC);
  return json(200, enterpriseTeamJson(ctx, e, e.updateTeam(t, body)));
};

const remove: Handler = (ctx) => {
  const { e, t } = teamOf(ctx);
  e.deleteTeam(t);
  return noContent();
};

const members: Handler = (ctx) => {
  const { t } = teamOf(ctx);
  const { items, headers } = paginate(ctx, [...t.members].sort());
  return json(200, items.map((k) => userByKey(ctx, k)), headers);
};

const bulkAdd: Handler = (ctx) => {
  const { e, t } = teamOf(ctx);
  const body = validateBody<{ usernames: string[] }>(ctx.body, USERNAMES, ["usernames"]);
  return json(200, e.addMembers(t, body.usernames).map((k) => userByKey(ctx, k)));
};

const bulkRemove: Handler = (ctx) => {
  const { e, t } = teamOf(ctx);
  const body = validateBody<{ usernames: string[] }>(ctx.body, USERNAMES, ["usernames"]);
  return json(200, e.removeMembers(t, body.usernames).map((k) => userByKey(ctx, k)));
};

const getMembership: Handler = (ctx) => {
  const { t } = teamOf(ctx);
  const k = ctx.params.username!.toLowerCase();
  if (!t.members.includes(k)) throw notFound();
  return json(200, userByKey(ctx, k));
};

const putMembership: Handler = (ctx) => {
  const { e, t } = teamOf(ctx);
  const [k] = e.addMembers(t, [ctx.params.username!]);
  return json(201, userByKey(ctx, k!));
};

const deleteMembership: Handler = (ctx) => {
  const { e, t } = teamOf(ctx);
  if (e.removeMembers(t, [ctx.params.username!]).length === 0) throw notFound();
  return noContent();
};

export function registerEnterpriseTeams(r: Router<Handler>): void {
  const team = "/enterprises/{enterprise}/teams/{enterprise-team}";
  r.add("GET", "/enterprises/{enterprise}/teams", list)
    .add("POST", "/enterprises/{enterprise}/teams", create)
    .add("GET", "/enterprises/{enterprise}/teams/{team_slug}", get)
    .add("PATCH", "/enterprises/{enterprise}/teams/{team_slug}", update)
    .add("DELETE", "/enterprises/{enterprise}/teams/{team_slug}", remove)
    .add("GET", `${team}/memberships`, members)
    .add("POST", `${team}/memberships/add`, bulkAdd)
    .add("POST", `${team}/memberships/remove`, bulkRemove)
    .add("GET", `${team}/memberships/{username}`, getMembership)
    .add("PUT", `${team}/memberships/{username}`, putMembership)
    .add("DELETE", `${team}/memberships/{username}`, deleteMembership);
}
