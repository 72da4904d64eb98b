// Who may call the enterprise endpoints. GitHub's docs: the enterprise-team endpoints and the
// enterprise Copilot writes accept classic personal access tokens (and OAuth tokens) only, not
// fine-grained tokens or GitHub App tokens; the enterprise seat list also accepts App tokens.
import type { EnterpriseState } from "../enterprise-state.js";
import { ApiError, notFound } from "../errors.js";
import type { RequestContext } from "../handler.js";
import { identityOf } from "../tokens.js";

export function enterpriseOf(ctx: RequestContext, opts: { appsAllowed?: boolean } = {}): EnterpriseState {
  const e = ctx.state.enterprise;
  if (!e) throw notFound();
  e.check(ctx.params.enterprise!);
  if (ctx.token?.startsWith("github_pat_")) throw new ApiError(403, "Resource not accessible by personal access token");
  if (!opts.appsAllowed && identityOf(ctx).kind === "installation") throw new ApiError(403, "Resource not accessible by integration");
  return e;
}
