// Enterprise Copilot seats (GitHub Enterprise Cloud): the seat list (one object per granting org
// or enterprise team, each person counted once in total_seats), selected_users and
// selected_enterprise_teams, and one person's seats.
import { validateBody } from "../body.js";
import { notFound } from "../errors.js";
import { json, type Handler, type RequestContext } from "../handler.js";
import { paginate } from "../paginate.js";
import { enterpriseSeatRowJson, type EnterpriseSeatRow } from "../representations.js";
import type { Router } from "../router.js";
import { enterpriseOf } from "./enterprise-access.js";

function seatRows(ctx: RequestContext): EnterpriseSeatRow[] {
  const s = ctx.state;
  const e = s.enterprise!;
  return s.cached("enterpriseSeatRows", () => {
    const rows: EnterpriseSeatRow[] = [...s.seatList().map((seat) => ({ kind: "org" as const, seat })), ...e.grantList().map((grant) => ({ kind: "enterprise" as const, grant }))];
    const at = (r: EnterpriseSeatRow) => (r.kind === "org" ? r.seat.created_at : r.grant.created_at);
    const who = (r: EnterpriseSeatRow) => (r.kind === "org" ? r.seat.key : r.grant.key);
    return rows.sort((a, b) => (at(a) !== at(b) ? (at(a) < at(b) ? -1 : 1) : who(a) < who(b) ? -1 : who(a) > who(b) ? 1 : 0));
  });
}

const listSeats: Handler = (ctx) => {
  const e = enterpriseOf(ctx, { appsAllowed: true });
  const rows = seatRows(ctx);
  const people = ctx.state.cached("enterpriseSeatPeople", () => new Set(rows.map((r) => (r.kind === "org" ? r.seat.key : r.grant.key))).size);
  const { items, headers } = paginate(ctx, rows, 50);
  return json(200, { total_seats: people, seats: items.map((r) => enterpriseSeatRowJson(ctx, e, r)) }, headers);
};

const USERS_SPEC = { selected_usernames: { type: "string[]", minItems: 1 } } as const;
const TEAMS_SPEC = { selected_enterprise_teams: { type: "string[]", minItems: 1 } } as const;

const addUsers: Handler = (ctx) => {
  const e = enterpriseOf(ctx);
  const body = validateBody<{ selected_usernames: string[] }>(ctx.body, USERS_SPEC, ["selected_usernames"]);
  return json(201, { seats_created: e.addUsers(body.selected_usernames) });
};

const cancelUsers: Handler = (ctx) => {
  const e = enterpriseOf(ctx);
  const body = validateBody<{ selected_usernames: string[] }>(ctx.body, USERS_SPEC, ["selected_usernames"]);
  return json(200, { seats_cancelled: e.cancelUsers(body.selected_usernames) });
};

const addTeams: Handler = (ctx) => {
  const e = enterpriseOf(ctx);
  const body = validateBody<{ selected_enterprise_teams: string[] }>(ctx.body, TEAMS_SPEC, ["selected_enterprise_teams"]);
  return json(201, { seats_created: e.addTeams(body.selected_enterprise_teams) });
};

const cancelTeams: Handler = (ctx) => {
  const e = enterpriseOf(ctx);
  const body = validateBody<{ selected_enterprise_teams: string[] }>(ctx.body, TEAMS_SPEC, ["selected_enterprise_teams"]);
  return json(200, { seats_cancelled: e.cancelTeams(body.selected_enterprise_teams) });
};

/** Wrapped `{total_seats, seats}`, unlike the org endpoint: a person may hold several grants. */
const memberSeats: Handler = (ctx) => {
  const e = enterpriseOf(ctx);
  const k = ctx.params.username!.toLowerCase();
  const rows = seatRows(ctx).filter((r) => (r.kind === "org" ? r.seat.key : r.grant.key) === k);
  if (!e.isMember(k) || rows.length === 0) throw notFound();
  return json(200, { total_seats: 1, seats: rows.map((r) => enterpriseSeatRowJson(ctx, e, r)) });
};

export function registerEnterpriseCopilot(r: Router<Handler>): void {
  r.add("GET", "/enterprises/{enterprise}/copilot/billing/seats", listSeats)
    .add("POST", "/enterprises/{enterprise}/copilot/billing/selected_users", addUsers)
    .add("DELETE", "/enterprises/{enterprise}/copilot/billing/selected_users", cancelUsers)
    .add("POST", "/enterprises/{enterprise}/copilot/billing/selected_enterprise_teams", addTeams)
    .add("DELETE", "/enterprises/{enterprise}/copilot/billing/selected_enterprise_teams", cancelTeams)
    .add("GET", "/enterprises/{enterprise}/members/{username}/copilot", memberSeats);
}
