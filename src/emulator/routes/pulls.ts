// Pull requests, review requests, labels and comments (labels and comments on issues too).
import { validateBody, type BodySpec } from "../body.js";
import { ApiError, notFound, validationFailed } from "../errors.js";
import { json, type Handler, type RequestContext } from "../handler.js";
import { actorFor } from "../identities.js";
import { pagedJson } from "../paginate.js";
import type { PullRec, RepoState } from "../repos.js";
import { commentJson, fullRepositoryJson, labelJson, pullJson, pullSimpleJson } from "../representations.js";
import type { Router } from "../router.js";
import { threadOf } from "./issues.js";
import { repoOf } from "./repo-common.js";

function pullOf(ctx: RequestContext, r: RepoState, param: string): PullRec {
  const raw = ctx.params[param]!;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  const pr = r.pulls.find((p) => p.number === n);
  if (!pr) throw notFound();
  r.refreshPull(pr);
  return pr;
}

const getRepo: Handler = (ctx) => json(200, fullRepositoryJson(ctx, repoOf(ctx)));

function enumQuery(ctx: RequestContext, name: string, allowed: string[], dflt: string): string {
  const v = ctx.query.get(name) ?? dflt;
  if (!allowed.includes(v)) throw validationFailed({ resource: "PullRequest", field: name, code: "invalid", value: v });
  return v;
}

const listPulls: Handler = (ctx) => {
  const r = repoOf(ctx);
  const state = enumQuery(ctx, "state", ["open", "closed", "all"], "open");
  const sort = enumQuery(ctx, "sort", ["created", "updated", "popularity", "long-running"], "created");
  const direction = enumQuery(ctx, "direction", ["asc", "desc"], sort === "created" ? "desc" : "asc");
  const head = ctx.query.get("head");
  const base = ctx.query.get("base");
  // GitHub only honours `head` as `owner:branch`; a bare branch name is silently ignored and
  // every PR is returned (see e.g. community discussion 24354). Reproduce that, so code that
  // forgets the owner fails here as it would on GitHub.
  let headFilter: { owner: string; branch: string } | undefined;
  if (head && head.includes(":")) {
    const i = head.indexOf(":");
    headFilter = { owner: head.slice(0, i).toLowerCase(), branch: head.slice(i + 1) };
  }
  for (const p of r.pulls) r.refreshPull(p);
  const key = (p: PullRec) => (sort === "updated" ? p.updated_at : p.created_at) + String(p.number).padStart(10, "0");
  const list = r.pulls
    .filter((p) => state === "all" || p.state === state)
    .filter((p) => !headFilter || (headFilter.owner === r.owner.toLowerCase() && p.headRef === headFilter.branch))
    .filter((p) => !base || p.baseRef === base)
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  if (direction === "desc") list.reverse();
  return pagedJson(ctx, list, (p) => pullSimpleJson(ctx, r, p));
};

const CREATE_SPEC: BodySpec = {
  title: { type: "string" },
  head: { type: "string" },
  head_repo: { type: "string" },
  base: { type: "string" },
  body: { type: "string" },
  maintainer_can_modify: { type: "boolean" },
  draft: { type: "boolean" },
  issue: { type: "integer" },
};

/** GitHub caps issue and pull request bodies (and comments) at 65,536 characters. */
const MAX_BODY_CHARS = 65536;

function checkBodyLength(body: string | undefined): void {
  if (body !== undefined && body.length > MAX_BODY_CHARS) {
    throw validationFailed({ resource: "PullRequest", field: "body", code: "custom", message: `body is too long (maximum is ${MAX_BODY_CHARS} characters)` });
  }
}

const createPull: Handler = (ctx) => {
  const r = repoOf(ctx);
  const body = validateBody<{ title?: string; head: string; head_repo?: string; base: string; body?: string; maintainer_can_modify?: boolean; draft?: boolean; issue?: number }>(
    ctx.body,
    CREATE_SPEC,
    ["head", "base"],
  );
  if (body.issue !== undefined) throw validationFailed({ resource: "PullRequest", field: "issue", code: "invalid", message: "The emulator does not model issues; pass a title" });
  if (body.title === undefined || body.title.trim() === "") throw validationFailed({ resource: "PullRequest", field: "title", code: "missing_field" });
  checkBodyLength(body.body);
  let headBranch = body.head;
  if (headBranch.includes(":")) {
    const [owner, branch] = [headBranch.slice(0, headBranch.indexOf(":")), headBranch.slice(headBranch.indexOf(":") + 1)];
    if (owner.toLowerCase() !== r.owner.toLowerCase()) throw validationFailed({ resource: "PullRequest", field: "head", code: "invalid" });
    headBranch = branch;
  }
  if (body.head_repo !== undefined && body.head_repo.toLowerCase() !== r.fullName.toLowerCase()) {
    throw validationFailed({ resource: "PullRequest", field: "head_repo", code: "invalid" });
  }
  const headSha = r.branchSha(headBranch);
  const baseSha = r.branchSha(body.base);
  const errors = [];
  if (!baseSha) errors.push({ resource: "PullRequest", field: "base", code: "invalid" as const });
  if (!headSha) errors.push({ resource: "PullRequest", field: "head", code: "invalid" as const });
  if (errors.length) throw validationFailed(...errors);
  for (const p of r.pulls) r.refreshPull(p);
  if (r.pulls.some((p) => p.state === "open" && p.headRef === headBranch && p.baseRef === body.base)) {
    throw validationFailed({ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${r.owner}:${headBranch}.` });
  }
  if (r.commitsBetween(baseSha!, headSha!).length === 0) {
    throw validationFailed({ resource: "PullRequest", code: "custom", message: `No commits between ${body.base} and ${headBranch}` });
  }
  const now = ctx.state.nowIso();
  const pr: PullRec = {
    number: r.nextNumber++,
    id: ctx.state.newId(),
    title: body.title,
    body: body.body ?? null,
    state: "open",
    headRef: headBranch,
    baseRef: body.base,
    headSha: headSha!,
    baseSha: baseSha!,
    user: actorFor(ctx.state, ctx.token).login,
    draft: body.draft ?? false,
    maintainer_can_modify: body.maintainer_can_modify ?? false,
    labels: [],
    requested_reviewers: [],
    requested_teams: [],
    created_at: now,
    updated_at: now,
    closed_at: null,
    merged_at: null,
    merge_commit_sha: null,
    merged_by: null,
  };
  r.pulls.push(pr);
  return json(201, pullJson(ctx, r, pr), { location: `${ctx.base}/repos/${r.fullName}/pulls/${pr.number}` });
};

const getPull: Handler = (ctx) => {
  const r = repoOf(ctx);
  return json(200, pullJson(ctx, r, pullOf(ctx, r, "pull_number")));
};

const UPDATE_SPEC: BodySpec = {
  title: { type: "string" },
  body: { type: "string" },
  state: { type: "string", enum: ["open", "closed"] },
  base: { type: "string" },
  maintainer_can_modify: { type: "boolean" },
};

const updatePull: Handler = (ctx) => {
  const r = repoOf(ctx);
  const pr = pullOf(ctx, r, "pull_number");
  const body = validateBody<{ title?: string; body?: string; state?: "open" | "closed"; base?: string; maintainer_can_modify?: boolean }>(ctx.body, UPDATE_SPEC, [], false);
  if (body.base !== undefined && !r.branchSha(body.base)) throw validationFailed({ resource: "PullRequest", field: "base", code: "invalid" });
  if (body.title !== undefined && body.title.trim() === "") throw validationFailed({ resource: "PullRequest", field: "title", code: "missing_field" });
  checkBodyLength(body.body);
  if (body.state === "open" && pr.state === "closed") {
    if (pr.merged_at) throw validationFailed({ resource: "PullRequest", code: "custom", message: "Cannot reopen a merged pull request" });
    if (!r.branchSha(pr.headRef)) throw validationFailed({ resource: "PullRequest", code: "custom", message: `The ${pr.headRef} branch has been deleted` });
    if (r.pulls.some((p) => p !== pr && p.state === "open" && p.headRef === pr.headRef && p.baseRef === (body.base ?? pr.baseRef))) {
      throw validationFailed({ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${r.owner}:${pr.headRef}.` });
    }
  }
  const now = ctx.state.nowIso();
  if (body.title !== undefined) pr.title = body.title;
  if (body.body !== undefined) pr.body = body.body;
  if (body.base !== undefined) pr.baseRef = body.base;
  if (body.maintainer_can_modify !== undefined) pr.maintainer_can_modify = body.maintainer_can_modify;
  if (body.state && body.state !== pr.state) {
    pr.state = body.state;
    pr.closed_at = body.state === "closed" ? now : null;
  }
  pr.updated_at = now;
  r.refreshPull(pr);
  return json(200, pullJson(ctx, r, pr));
};

const requestReviewers: Handler = (ctx) => {
  const r = repoOf(ctx);
  const pr = pullOf(ctx, r, "pull_number");
  const body = validateBody<{ reviewers?: string[]; team_reviewers?: string[] }>(ctx.body, { reviewers: { type: "string[]" }, team_reviewers: { type: "string[]" } }, [], true);
  if (body.reviewers === undefined && body.team_reviewers === undefined) throw new ApiError(422, `Invalid request.\n\n"reviewers" wasn't supplied.`);
  const reviewers = body.reviewers ?? [];
  if (reviewers.some((l) => l.toLowerCase() === pr.user.toLowerCase())) throw new ApiError(422, "Review cannot be requested from pull request author.");
  const teams = (body.team_reviewers ?? []).map((slug) => ctx.state.teamBySlug(slug));
  // Collaborators: people with access to the repository (EmulatorState.hasRepoAccess).
  if (reviewers.some((l) => !ctx.state.hasRepoAccess(r, l)) || teams.some((t) => t === undefined)) {
    throw new ApiError(422, `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${r.fullName} repository.`);
  }
  if (pr.state !== "open") throw new ApiError(422, "Reviews may only be requested on open pull requests.");
  for (const l of reviewers) {
    const login = ctx.state.user(l)!.login;
    if (!pr.requested_reviewers.some((x) => x.toLowerCase() === login.toLowerCase())) pr.requested_reviewers.push(login);
  }
  for (const t of teams) if (!pr.requested_teams.includes(t!.id)) pr.requested_teams.push(t!.id);
  pr.updated_at = ctx.state.nowIso();
  return json(201, pullSimpleJson(ctx, r, pr));
};

const addLabels: Handler = (ctx) => {
  const r = repoOf(ctx);
  const pr = threadOf(ctx, r);
  const raw = ctx.body;
  // The body is {labels: [...]} (or, still accepted, a bare array); items are names or {name}.
  const list = Array.isArray(raw) ? raw : (raw as { labels?: unknown } | undefined)?.labels;
  if (raw === undefined || (!Array.isArray(raw) && (typeof raw !== "object" || raw === null))) throw new ApiError(422, `Invalid request.\n\n"labels" wasn't supplied.`);
  if (!Array.isArray(list)) throw new ApiError(422, `Invalid request.\n\nFor 'properties/labels', ${JSON.stringify(list ?? null)} is not an array.`);
  if (list.length === 0) throw new ApiError(422, `Invalid request.\n\nFor 'properties/labels', [] should have at least 1 item(s).`);
  const names = list.map((item, i) => {
    const name = typeof item === "string" ? item : typeof item === "object" && item !== null && typeof (item as { name?: unknown }).name === "string" ? (item as { name: string }).name : undefined;
    if (name === undefined || name.trim() === "") throw new ApiError(422, `Invalid request.\n\nFor 'items/${i}', ${JSON.stringify(item)} is not a valid label.`);
    return name;
  });
  for (const name of names) {
    let label = r.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
    if (!label) {
      label = { id: ctx.state.newId(), name, color: "ededed", description: null };
      r.labels.push(label);
    }
    if (!pr.labels.includes(label.id)) pr.labels.push(label.id);
  }
  pr.updated_at = ctx.state.nowIso();
  return json(200, pr.labels.map((id) => labelJson(ctx, r, id)));
};

// GitHub answers with the labels left on the issue, and 404 "Label does not exist" when the
// label is not on it (whether or not the repository has it). Names match case-insensitively.
const removeLabel: Handler = (ctx) => {
  const r = repoOf(ctx);
  const thread = threadOf(ctx, r);
  const name = ctx.params.name!.toLowerCase();
  const at = thread.labels.findIndex((id) => r.labels.find((l) => l.id === id)?.name.toLowerCase() === name);
  if (at < 0) throw new ApiError(404, "Label does not exist");
  thread.labels.splice(at, 1);
  thread.updated_at = ctx.state.nowIso();
  return json(200, thread.labels.map((id) => labelJson(ctx, r, id)));
};

const listLabels: Handler = (ctx) => {
  const r = repoOf(ctx);
  const pr = threadOf(ctx, r);
  return pagedJson(ctx, pr.labels, (id) => labelJson(ctx, r, id));
};

const createComment: Handler = (ctx) => {
  const r = repoOf(ctx);
  const pr = threadOf(ctx, r);
  const body = validateBody<{ body: string }>(ctx.body, { body: { type: "string" } }, ["body"]);
  if (body.body.trim() === "") throw validationFailed({ resource: "IssueComment", field: "body", code: "missing_field" });
  if (body.body.length > 65536) throw validationFailed({ resource: "IssueComment", field: "body", code: "custom", message: "body is too long (maximum is 65536 characters)" });
  const now = ctx.state.nowIso();
  const c = { id: ctx.state.newId(), issue: pr.number, body: body.body, user: actorFor(ctx.state, ctx.token).login, created_at: now, updated_at: now };
  r.comments.push(c);
  return json(201, commentJson(ctx, r, c.id), { location: `${ctx.base}/repos/${r.fullName}/issues/comments/${c.id}` });
};

const listComments: Handler = (ctx) => {
  const r = repoOf(ctx);
  const pr = threadOf(ctx, r);
  const since = ctx.query.get("since");
  const comments = r.comments.filter((c) => c.issue === pr.number && (!since || c.updated_at >= since));
  return pagedJson(ctx, comments, (c) => commentJson(ctx, r, c.id));
};

const updateComment: Handler = (ctx) => {
  const r = repoOf(ctx);
  const id = Number(ctx.params.comment_id);
  const c = r.comments.find((x) => x.id === id);
  if (!c) throw notFound();
  const body = validateBody<{ body: string }>(ctx.body, { body: { type: "string" } }, ["body"]);
  if (body.body.trim() === "") throw validationFailed({ resource: "IssueComment", field: "body", code: "missing_field" });
  c.body = body.body;
  c.updated_at = ctx.state.nowIso();
  return json(200, commentJson(ctx, r, c.id));
};

export function registerPulls(r: Router<Handler>): void {
  r.add("GET", "/repos/{owner}/{repo}", getRepo)
    .add("GET", "/repos/{owner}/{repo}/pulls", listPulls)
    .add("POST", "/repos/{owner}/{repo}/pulls", createPull)
    .add("GET", "/repos/{owner}/{repo}/pulls/{pull_number}", getPull)
    .add("PATCH", "/repos/{owner}/{repo}/pulls/{pull_number}", updatePull)
    .add("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", requestReviewers)
    .add("GET", "/repos/{owner}/{repo}/issues/{issue_number}/labels", listLabels)
    .add("POST", "/repos/{owner}/{repo}/issues/{issue_number}/labels", addLabels)
    .add("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", removeLabel)
    .add("GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments", listComments)
    .add("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", createComment)
    .add("PATCH", "/repos/{owner}/{repo}/issues/comments/{comment_id}", updateComment);
}
