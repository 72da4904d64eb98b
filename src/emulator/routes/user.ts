// GET /user: who a token belongs to. The portal proves a sign-in (and a Bearer token on its API)
// with it. An installation token is not a user: GitHub answers 403.
import { ApiError } from "../errors.js";
import { json, type Handler } from "../handler.js";
import { userJson } from "../representations.js";
import type { Router } from "../router.js";
import { identityOf } from "../tokens.js";

const getUser: Handler = (ctx) => {
  const id = identityOf(ctx);
  if (id.kind !== "user") throw new ApiError(403, "Resource not accessible by integration");
  const u = ctx.state.user(id.login);
  if (!u) throw new ApiError(401, "Bad credentials");
  // GitHub's public-user shape (a token without the `user` scope sees no private fields).
  const profile = { name: u.login, company: null, blog: "", location: null, email: null, hireable: null, bio: null };
  const counts = { public_repos: 0, public_gists: 0, followers: 0, following: 0 };
  const body = { ...userJson(ctx, u), ...profile, ...counts, created_at: "2020-01-01T00:00:00Z", updated_at: "2020-01-01T00:00:00Z" };
  return json(200, body, id.kind === "user" && id.scopes ? { "x-oauth-scopes": id.scopes.join(", ") } : undefined);
};

export function registerUser(r: Router<Handler>): void {
  r.add("GET", "/user", getUser);
}
