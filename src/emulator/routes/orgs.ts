// Organization members and memberships, and GET /rate_limit.
import { validateBody } from "../body.js";
import { ApiError, notFound } from "../errors.js";
import { json, noContent, type Handler, type RequestContext } from "../handler.js";
import { paginate } from "../paginate.js";
import { orgSimpleJson, userJson } from "../representations.js";
import type { Router } from "../router.js";

function enumParam(ctx: RequestContext, name: string, allowed: readonly string[], dflt: string): string {
  const v = ctx.query.get(name) ?? dflt;
  if (!allowed.includes(v)) {
    throw new ApiError(422, "Validation Failed", [{ resource: "Search", field: name, code: "invalid", value: v }]);
  }
  return v;
}

const listMembers: Handler = (ctx) => {
  ctx.state.checkOrg(ctx.params.org!);
  const role = enumParam(ctx, "role", ["all", "admin", "member"], "all");
  // 2FA is not modelled: every member is treated as having secure 2FA.
  const filter = enumParam(ctx, "filter", ["all", "2fa_disabled", "2fa_insecure"], "all");
  const members = filter === "all" ? ctx.state.activeMembersById(role as "all" | "admin" | "member") : [];
  const { items, headers } = paginate(ctx, members);
  return json(200, items.map((u) => userJson(ctx, u)), headers);
};

const checkMember: Handler = (ctx) => {
  ctx.state.checkOrg(ctx.params.org!);
  if (!ctx.state.isActiveMember(ctx.params.username!)) return { status: 404 };
  return noContent();
};

const removeMember: Handler = (ctx) => {
  ctx.state.checkOrg(ctx.params.org!);
  ctx.state.removeMember(ctx.params.username!);
  return noContent();
};

function membershipJson(ctx: RequestContext, login: string): Record<string, unknown> {
  const m = ctx.state.members.get(login.toLowerCase());
  const u = ctx.state.user(login);
  if (!m || !u) throw notFound();
  const orgUrl = `${ctx.base}/orgs/${ctx.state.org.login}`;
  return {
    url: `${orgUrl}/memberships/${u.login}`,
    state: m.state,
    role: m.role,
    direct_membership: true,
    organization_url: orgUrl,
    organization: orgSimpleJson(ctx),
    user: userJson(ctx, u),
    permissions: { can_create_repository: m.role === "admin" },
  };
}

const getMembership: Handler = (ctx) => {
  ctx.state.checkOrg(ctx.params.org!);
  return json(200, membershipJson(ctx, ctx.params.username!));
};

const setMembership: Handler = (ctx) => {
  ctx.state.checkOrg(ctx.params.org!);
  const body = validateBody<{ role?: "admin" | "member" }>(ctx.body, { role: { type: "string", enum: ["admin", "member"] } }, [], false);
  ctx.state.setMembership(ctx.params.username!, body.role ?? "member");
  return json(200, membershipJson(ctx, ctx.params.username!));
};

const deleteMembership: Handler = (ctx) => {
  ctx.state.checkOrg(ctx.params.org!);
  ctx.state.removeMember(ctx.params.username!);
  return noContent();
};

const rateLimit: Handler = (ctx) => {
  const reset = Math.floor(ctx.state.now().getTime() / 1000) + 3600;
  const r = (limit: number) => ({ limit, remaining: limit, reset, used: 0 });
  const core = r(5000);
  return json(200, {
    resources: { core, search: r(30), graphql: r(5000), integration_manifest: r(5000), code_search: r(10) },
    rate: core,
  });
};

export function registerOrgs(r: Router<Handler>): void {
  r.add("GET", "/orgs/{org}/members", listMembers)
    .add("GET", "/orgs/{org}/members/{username}", checkMember)
    .add("DELETE", "/orgs/{org}/members/{username}", removeMember)
    .add("GET", "/orgs/{org}/memberships/{username}", getMembership)
    .add("PUT", "/orgs/{org}/memberships/{username}", setMembership)
    .add("DELETE", "/orgs/{org}/memberships/{username}", deleteMembership)
    .add("GET", "/rate_limit", rateLimit);
}
