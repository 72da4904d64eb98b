// Merging a pull request: `PUT …/pulls/{n}/merge` (409 when `sha` is not the head, 405 when the PR
// cannot be merged: closed, conflicting, or a required check has not passed on the head), and
// auto-merge (`enablePullRequestAutoMerge`, GraphQL only), which GitHub refuses on a PR that could
// be merged right now ("clean status") and which merges by itself once the required checks pass.
import { validateBody } from "../body.js";
import { ciState, type AutoMergeRec } from "../ci-state.js";
import { ApiError } from "../errors.js";
import { json, type Handler, type RequestContext } from "../handler.js";
import { actorFor, actorSignature, appBy, type Actor } from "../identities.js";
import { nodeId } from "../ids.js";
import { MergeConflict, type PullRec, type RepoState } from "../repos.js";
import type { Router } from "../router.js";
import { checkRunsFor } from "./checks.js";
import { userLookups } from "./graphql-users.js";
import { repoOf } from "./repo-common.js";

const PASSING = new Set(["success", "neutral", "skipped"]);

/** Why the PR cannot be merged now (GitHub's wording), or undefined when it can. */
export function mergeBlocker(ctx: RequestContext, r: RepoState, pr: PullRec): string | undefined {
  if (pr.state !== "open") return "Pull Request is not mergeable";
  const runs = checkRunsFor(ctx, r, pr.headSha);
  for (const req of ciState(ctx.state).required.get(r.fullName.toLowerCase()) ?? []) {
    const app = req.app === undefined ? undefined : appBy(ctx.state, req.app);
    const latest = runs.find((c) => c.name === req.context && (req.app === undefined || c.app_id === app?.id));
    if (!latest || latest.status !== "completed" || !PASSING.has(latest.conclusion ?? "")) return `Required status check "${req.context}" is expected.`;
  }
  return undefined;
}

function doMerge(ctx: RequestContext, r: RepoState, pr: PullRec, by: Actor): string {
  try {
    const sha = r.merge(pr, by.login, actorSignature(ctx.state, by), ctx.state.now());
    // GitHub signs the merge commits it makes.
    ciState(ctx.state).signed.add(sha);
    ciState(ctx.state).autoMerge.delete(pr.id);
    return sha;
  } catch (err) {
    if (err instanceof MergeConflict) throw new ApiError(405, "Pull Request is not mergeable");
    throw err;
  }
}

const merge: Handler = (ctx) => {
  const r = repoOf(ctx);
  const n = /^\d+$/.test(ctx.params.pull_number!) ? Number(ctx.params.pull_number) : NaN;
  const pr = r.pulls.find((p) => p.number === n);
  if (!pr) throw new ApiError(404, "Not Found");
  r.refreshPull(pr);
  const body = validateBody<{ sha?: string; merge_method?: string }>(
    ctx.body,
    { commit_title: { type: "string" }, commit_message: { type: "string" }, sha: { type: "string" }, merge_method: { type: "string", enum: ["merge", "squash", "rebase"] } },
    [],
    false,
  );
  if (pr.state !== "open") throw new ApiError(405, "Pull Request is not mergeable");
  if (body.sha !== undefined && body.sha !== pr.headSha) throw new ApiError(409, "Head branch was modified. Review and try the merge again.");
  const blocker = mergeBlocker(ctx, r, pr);
  if (blocker) throw new ApiError(405, blocker);
  const sha = doMerge(ctx, r, pr, actorFor(ctx.state, ctx.token));
  return json(200, { sha, merged: true, message: "Pull Request successfully merged" });
};

/** Merges every PR whose auto-merge is armed and whose required checks now pass (after a check run changes). */
export function evaluateAutoMerge(ctx: RequestContext, r: RepoState): void {
  const armed = ciState(ctx.state).autoMerge;
  for (const pr of r.pulls) {
    const rec = armed.get(pr.id);
    if (!rec) continue;
    r.refreshPull(pr);
    // A push after auto-merge was enabled for a given head disables it, as on GitHub.
    if (pr.state !== "open" || pr.headSha !== rec.expectedHead) {
      armed.delete(pr.id);
      continue;
    }
    if (mergeBlocker(ctx, r, pr)) continue;
    try {
      doMerge(ctx, r, pr, rec.by);
    } catch {
      armed.delete(pr.id);
    }
  }
}

interface GraphqlBody {
  query?: unknown;
  variables?: Record<string, unknown>;
}

const gqlError = (message: string, type = "UNPROCESSABLE") => json(200, { data: null, errors: [{ type, path: ["enablePullRequestAutoMerge"], locations: [{ line: 2, column: 3 }], message }] });

/** `POST /graphql`: the one mutation the pipeline sends (enablePullRequestAutoMerge), and user lookups (graphql-users.ts). */
const graphql: Handler = (ctx) => {
  const body = (ctx.body ?? {}) as GraphqlBody;
  if (typeof body.query !== "string") throw new ApiError(400, "Problems parsing JSON");
  if (!/\benablePullRequestAutoMerge\b/.test(body.query)) {
    const users = userLookups(ctx, body.query);
    if (users) return users;
    return json(200, { errors: [{ message: "The emulator serves only the enablePullRequestAutoMerge mutation and user(login:) lookups over GraphQL." }] });
  }
  const v = body.variables ?? {};
  const query = body.query;
  // An input field is a `$variable` or an inline literal (`"…"` or an enum value).
  const fields = /\binput\s*:\s*\{([^}]*)\}/.exec(query)?.[1] ?? "";
  const input = (field: string): unknown => {
    const m = new RegExp(`\\b${field}\\s*:\\s*(?:\\$(\\w+)|"([^"]*)"|([A-Z_]+)\\b)`).exec(fields);
    return m ? (m[1] !== undefined ? v[m[1]] : (m[2] ?? m[3])) : undefined;
  };
  const id = input("pullRequestId");
  const method = String(input("mergeMethod") ?? "MERGE").toLowerCase();
  const head = input("expectedHeadOid");
  let found: { r: RepoState; pr: PullRec } | undefined;
  for (const r of ctx.state.repos.values()) {
    const pr = r.pulls.find((p) => nodeId("PullRequest", p.id) === id);
    if (pr) found = { r, pr };
  }
  if (!found) return gqlError(`Could not resolve to a node with the global id of '${String(id)}'`, "NOT_FOUND");
  const { r, pr } = found;
  r.refreshPull(pr);
  if (!["merge", "squash", "rebase"].includes(method)) return gqlError(`Unknown merge method ${method}`);
  if (pr.state !== "open") return gqlError("Pull request is closed");
  if (head !== undefined && head !== pr.headSha) return gqlError("The expected head oid does not match the head of the pull request");
  if (!mergeBlocker(ctx, r, pr)) return gqlError("Pull request Pull request is in clean status");
  const rec: AutoMergeRec = { method: method as AutoMergeRec["method"], by: actorFor(ctx.state, ctx.token), expectedHead: pr.headSha };
  ciState(ctx.state).autoMerge.set(pr.id, rec);
  return json(200, { data: { enablePullRequestAutoMerge: { clientMutationId: null } } });
};

export function registerMerges(router: Router<Handler>): void {
  router.add("PUT", "/repos/{owner}/{repo}/pulls/{pull_number}/merge", merge).add("POST", "/graphql", graphql);
}
