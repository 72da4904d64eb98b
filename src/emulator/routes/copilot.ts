// Copilot user management: billing details, seats, selected_users and
// selected_teams, and one member's seat.
import { validateBody } from "../body.js";
import { ApiError, notFound } from "../errors.js";
import { json, type Handler, type RequestContext } from "../handler.js";
import { paginate } from "../paginate.js";
import { seatJson } from "../representations.js";
import type { Router } from "../router.js";

function org(ctx: RequestContext): void {
  ctx.state.checkOrg(ctx.params.org!);
}

const billing: Handler = (ctx) => {
  org(ctx);
  const s = ctx.state;
  const seats = [...s.seats.values()];
  const cycleStart = s.cycleStart();
  const active = seats.filter((x) => x.last_activity_at && x.last_activity_at.slice(0, 10) >= cycleStart).length;
  return json(200, {
    seat_breakdown: {
      total: seats.length,
      added_this_cycle: seats.filter((x) => x.created_at.slice(0, 10) >= cycleStart).length,
      pending_invitation: 0,
      pending_cancellation: seats.filter((x) => x.pending_cancellation_date).length,
      active_this_cycle: active,
      inactive_this_cycle: seats.length - active,
    },
    seat_management_setting: s.org.seat_management_setting,
    ide_chat: "enabled",
    platform_chat: "enabled",
    cli: "enabled",
    public_code_suggestions: s.org.public_code_suggestions ?? "block",
    plan_type: s.org.plan_type,
  });
};

const listSeats: Handler = (ctx) => {
  org(ctx);
  const all = ctx.state.seatList();
  // The seats endpoint has its own per_page default of 50 (max 100).
  const { items, headers } = paginate(ctx, all, 50);
  return json(200, { total_seats: all.length, seats: items.map((s) => seatJson(ctx, s)) }, headers);
};

const USERS_SPEC = { selected_usernames: { type: "string[]", minItems: 1 } } as const;
const TEAMS_SPEC = { selected_teams: { type: "string[]", minItems: 1 } } as const;

const addUsers: Handler = (ctx) => {
  org(ctx);
  const body = validateBody<{ selected_usernames: string[] }>(ctx.body, USERS_SPEC, ["selected_usernames"]);
  return json(201, { seats_created: ctx.state.addSeatsForUsers(body.selected_usernames) });
};

const cancelUsers: Handler = (ctx) => {
  org(ctx);
  const body = validateBody<{ selected_usernames: string[] }>(ctx.body, USERS_SPEC, ["selected_usernames"]);
  return json(200, { seats_cancelled: ctx.state.cancelSeatsForUsers(body.selected_usernames) });
};

const addTeams: Handler = (ctx) => {
  org(ctx);
  const body = validateBody<{ selected_teams: string[] }>(ctx.body, TEAMS_SPEC, ["selected_teams"]);
  return json(201, { seats_created: ctx.state.addSeatsForTeams(body.selected_teams) });
};

const cancelTeams: Handler = (ctx) => {
  org(ctx);
  const body = validateBody<{ selected_teams: string[] }>(ctx.body, TEAMS_SPEC, ["selected_teams"]);
  return json(200, { seats_cancelled: ctx.state.cancelSeatsForTeams(body.selected_teams) });
};

const memberSeat: Handler = (ctx) => {
  org(ctx);
  const login = ctx.params.username!;
  const member = ctx.state.members.get(login.toLowerCase());
  if (member?.state === "pending") {
    throw new ApiError(422, "Copilot Business or Enterprise is not enabled for this organization or the user has a pending organization invitation.");
  }
  const seat = ctx.state.seats.get(login.toLowerCase());
  if (!seat) throw notFound();
  return json(200, seatJson(ctx, seat));
};

export function registerCopilot(r: Router<Handler>): void {
  r.add("GET", "/orgs/{org}/copilot/billing", billing)
    .add("GET", "/orgs/{org}/copilot/billing/seats", listSeats)
    .add("POST", "/orgs/{org}/copilot/billing/selected_users", addUsers)
    .add("DELETE", "/orgs/{org}/copilot/billing/selected_users", cancelUsers)
    .add("POST", "/orgs/{org}/copilot/billing/selected_teams", addTeams)
    .add("DELETE", "/orgs/{org}/copilot/billing/selected_teams", cancelTeams)
    .add("GET", "/orgs/{org}/members/{username}/copilot", memberSeat);
}
