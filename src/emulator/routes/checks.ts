// Check runs (GitHub's "Checks" API): created by a GitHub App on a commit, updated only by that
// App, listed per commit with `check_name`, `status`, `app_id` and `filter` (latest|all).
import { validateBody, type BodySpec } from "../body.js";
import { CHECK_CONCLUSIONS, CHECK_STATUSES, ciState, type CheckRunRec, type CheckStatus } from "../ci-state.js";
import { ApiError, notFound, validationFailed } from "../errors.js";
import { json, type Handler, type RequestContext } from "../handler.js";
import { actorFor, appBy, appJson } from "../identities.js";
import { nodeId } from "../ids.js";
import { pagedJson } from "../paginate.js";
import type { RepoState } from "../repos.js";
import type { Router } from "../router.js";
import { evaluateAutoMerge } from "./merges.js";
import { repoOf, resolveCommitish } from "./repo-common.js";

const OUTPUT: BodySpec = { title: { type: "string" }, summary: { type: "string" }, text: { type: "string" } };
const SPEC: BodySpec = {
  name: { type: "string" },
  head_sha: { type: "string" },
  details_url: { type: "string" },
  external_id: { type: "string" },
  status: { type: "string", enum: CHECK_STATUSES },
  started_at: { type: "string" },
  conclusion: { type: "string", enum: CHECK_CONCLUSIONS },
  completed_at: { type: "string" },
  output: { type: "object", fields: OUTPUT, required: ["title", "summary"] },
};

interface Body {
  name?: string;
  head_sha?: string;
  details_url?: string;
  external_id?: string;
  status?: CheckStatus;
  started_at?: string;
  conclusion?: CheckRunRec["conclusion"];
  completed_at?: string;
  output?: { title: string; summary: string; text?: string };
}

/** GitHub's limit on output.summary and output.text. */
const OUTPUT_LIMIT = 65_535;

function appOfRequest(ctx: RequestContext) {
  const actor = actorFor(ctx.state, ctx.token);
  if (actor.kind !== "app") throw new ApiError(403, "You must authenticate via a GitHub App.");
  return actor.app;
}

function checkRunJson(ctx: RequestContext, r: RepoState, c: CheckRunRec): Record<string, unknown> {
  const url = `${ctx.base}/repos/${r.fullName}/check-runs/${c.id}`;
  const app = appBy(ctx.state, c.app_id)!;
  return {
    id: c.id,
    head_sha: c.head_sha,
    node_id: nodeId("CheckRun", c.id),
    external_id: c.external_id ?? "",
    url,
    html_url: `${ctx.base}/${r.fullName}/runs/${c.id}`,
    details_url: c.details_url ?? `${ctx.base}/${r.fullName}/runs/${c.id}`,
    status: c.status,
    conclusion: c.conclusion,
    started_at: c.started_at,
    completed_at: c.completed_at,
    output: { ...c.output, annotations_count: 0, annotations_url: `${url}/annotations` },
    name: c.name,
    check_suite: { id: c.suite_id },
    app: appJson(ctx, app),
    pull_requests: [],
  };
}

function apply(c: CheckRunRec, body: Body, now: string): void {
  if (body.name !== undefined) c.name = body.name;
  if (body.details_url !== undefined) c.details_url = body.details_url;
  if (body.external_id !== undefined) c.external_id = body.external_id;
  if (body.started_at !== undefined) c.started_at = body.started_at;
  if (body.output) c.output = { title: body.output.title, summary: body.output.summary, text: body.output.text ?? null };
  // "Providing conclusion will automatically set the status parameter to completed."
  if (body.conclusion !== undefined) {
    c.conclusion = body.conclusion;
    c.status = "completed";
  } else if (body.status !== undefined) c.status = body.status;
  if (c.status === "completed") c.completed_at = body.completed_at ?? c.completed_at ?? now;
}

function checkBody(body: Body, creating: boolean): void {
  if (creating && body.name !== undefined && body.name.trim() === "") throw validationFailed({ resource: "CheckRun", field: "name", code: "missing_field" });
  if (body.status === "completed" && body.conclusion === undefined && creating) {
    throw validationFailed({ resource: "CheckRun", field: "conclusion", code: "missing_field", message: "conclusion is required when status is completed" });
  }
  for (const part of ["summary", "text"] as const) {
    const v = body.output?.[part];
    if (v !== undefined && v.length > OUTPUT_LIMIT) throw validationFailed({ resource: "CheckRun", field: `output.${part}`, code: "custom", message: `${part} is too long (maximum is ${OUTPUT_LIMIT} characters)` });
  }
}

const create: Handler = (ctx) => {
  const r = repoOf(ctx);
  const app = appOfRequest(ctx);
  const body = validateBody<Body>(ctx.body, SPEC, ["name", "head_sha"]);
  checkBody(body, true);
  if (!/^[0-9a-f]{40}$/.test(body.head_sha!) || r.store.typeOf(body.head_sha!) !== "commit") {
    throw validationFailed({ resource: "CheckRun", field: "head_sha", code: "invalid", message: "No commit found for SHA: " + body.head_sha });
  }
  const s = ciState(ctx.state);
  const now = ctx.state.nowIso();
  const suite = s.checkRuns.find((c) => c.repo === r.fullName.toLowerCase() && c.head_sha === body.head_sha && c.app_id === app.id)?.suite_id ?? ctx.state.newId();
  const c: CheckRunRec = {
    id: ctx.state.newId(),
    repo: r.fullName.toLowerCase(),
    head_sha: body.head_sha!,
    name: body.name!,
    status: "queued",
    conclusion: null,
    external_id: null,
    details_url: null,
    started_at: now,
    completed_at: null,
    output: { title: null, summary: null, text: null },
    app_id: app.id,
    suite_id: suite,
  };
  apply(c, body, now);
  s.checkRuns.push(c);
  evaluateAutoMerge(ctx, r);
  return json(201, checkRunJson(ctx, r, c));
};

function runOf(ctx: RequestContext, r: RepoState): CheckRunRec {
  const id = Number(ctx.params.check_run_id);
  const c = ciState(ctx.state).checkRuns.find((x) => x.id === id && x.repo === r.fullName.toLowerCase());
  if (!c) throw notFound();
  return c;
}

const update: Handler = (ctx) => {
  const r = repoOf(ctx);
  const c = runOf(ctx, r);
  const app = appOfRequest(ctx);
  if (app.id !== c.app_id) throw new ApiError(403, "Invalid app_id: only the GitHub App that created a check run may update it.");
  const body = validateBody<Body>(ctx.body, SPEC, [], false);
  checkBody(body, false);
  apply(c, body, ctx.state.nowIso());
  evaluateAutoMerge(ctx, r);
  return json(200, checkRunJson(ctx, r, c));
};

const get: Handler = (ctx) => {
  const r = repoOf(ctx);
  return json(200, checkRunJson(ctx, r, runOf(ctx, r)));
};

/** The check runs of a commit: newest first; `filter=latest` (default) keeps the newest per App and name. */
export function checkRunsFor(ctx: RequestContext, r: RepoState, sha: string): CheckRunRec[] {
  return ciState(ctx.state)
    .checkRuns.filter((c) => c.repo === r.fullName.toLowerCase() && c.head_sha === sha)
    .sort((a, b) => b.id - a.id);
}

const listForRef: Handler = (ctx) => {
  const r = repoOf(ctx);
  const sha = resolveCommitish(r, ctx.params.ref!);
  if (!sha) throw new ApiError(422, `No commit found for SHA: ${ctx.params.ref}`);
  const filter = ctx.query.get("filter") ?? "latest";
  if (filter !== "latest" && filter !== "all") throw validationFailed({ resource: "CheckRun", field: "filter", code: "invalid", value: filter });
  const status = ctx.query.get("status");
  if (status !== null && !["queued", "in_progress", "completed"].includes(status)) throw validationFailed({ resource: "CheckRun", field: "status", code: "invalid", value: status });
  const name = ctx.query.get("check_name");
  const appId = ctx.query.get("app_id");
  let list = checkRunsFor(ctx, r, sha);
  if (filter === "latest") {
    const seen = new Set<string>();
    list = list.filter((c) => {
      const k = `${c.app_id}:${c.name}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }
  list = list.filter((c) => (name === null || c.name === name) && (status === null || c.status === status) && (appId === null || String(c.app_id) === appId));
  return pagedJson(ctx, list, (c) => checkRunJson(ctx, r, c), "check_runs");
};

export function registerChecks(router: Router<Handler>): void {
  router
    .add("POST", "/repos/{owner}/{repo}/check-runs", create)
    .add("GET", "/repos/{owner}/{repo}/check-runs/{check_run_id}", get)
    .add("PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}", update)
    .add("GET", "/repos/{owner}/{repo}/commits/{ref}/check-runs", listForRef);
}
