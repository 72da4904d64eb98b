// Users by login and by numeric id: how a renamed account is found again (its id never changes)
// and how `seats` checks that a login exists.
import { notFound } from "../errors.js";
import { json, type Handler, type RequestContext } from "../handler.js";
import { userJson } from "../representations.js";
import type { Router } from "../router.js";
import type { UserRec } from "../state.js";

/** `public-user`: simple-user plus the profile fields GitHub always sends (null when unset). */
function publicUserJson(ctx: RequestContext, u: UserRec): Record<string, unknown> {
  return {
    ...userJson(ctx, u),
    name: null,
    company: null,
    blog: "",
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: "2020-01-01T00:00:00Z",
    updated_at: "2020-01-01T00:00:00Z",
  };
}

const byLogin: Handler = (ctx) => {
  const u = ctx.state.user(ctx.params.username!);
  if (!u) throw notFound();
  return json(200, publicUserJson(ctx, u));
};

const byId: Handler = (ctx) => {
  const id = Number(ctx.params.account_id);
  const u = Number.isInteger(id) ? [...ctx.state.users.values()].find((x) => x.id === id) : undefined;
  if (!u) throw notFound();
  return json(200, publicUserJson(ctx, u));
};

export function registerUsers(r: Router<Handler>): void {
  r.add("GET", "/users/{username}", byLogin).add("GET", "/user/{account_id}", byId);
}
