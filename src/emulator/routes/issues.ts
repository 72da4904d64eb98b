// Issues: list (with GitHub's label, assignee, creator and state filters; pull requests are
// listed too, as on GitHub), create, get, update, and adding assignees. Issues and pull requests
// share one number sequence, and the label and comment routes (pulls.ts) accept either through
// `threadOf`. Who can be assigned: people with access to the repository (every org member, unless
// the seed lists the repository's collaborators: EmulatorState.hasRepoAccess); GitHub answers 422
// for anyone else on create and update, and silently skips them when adding assignees.
import { ApiError, notFound, validationFailed } from "../errors.js";
import { json, type Handler, type RequestContext } from "../handler.js";
import { actorFor } from "../identities.js";
import { issueJson } from "../issue-json.js";
import { paginate } from "../paginate.js";
import type { IssueRec, PullRec, RepoState } from "../repos.js";
import type { Router } from "../router.js";
import { repoOf } from "./repo-common.js";

const MAX_BODY_CHARS = 65536;

function issueNumber(ctx: RequestContext): number {
  const raw = ctx.params.issue_number!;
  return /^\d+$/.test(raw) ? Number(raw) : NaN;
}

/** The issue or pull request with `{issue_number}` (labels and comments work on both). */
export function threadOf(ctx: RequestContext, r: RepoState): IssueRec | PullRec {
  const n = issueNumber(ctx);
  const pr = r.pulls.find((p) => p.number === n);
  if (pr) {
    r.refreshPull(pr);
    return pr;
  }
  const issue = r.issues.find((i) => i.number === n);
  if (!issue) throw notFound();
  return issue;
}

function issueOf(ctx: RequestContext, r: RepoState): IssueRec {
  const issue = r.issues.find((i) => i.number === issueNumber(ctx));
  if (!issue) throw notFound();
  return issue;
}

/** A PR as the issues list shows it: the issue fields plus `pull_request`. */
function pullAsIssue(ctx: RequestContext, r: RepoState, p: PullRec): Record<string, unknown> {
  const rec: IssueRec = { ...p, state_reason: null, assignees: [] };
  const html = `${ctx.base}/${r.fullName}/pull/${p.number}`;
  return {
    ...issueJson(ctx, r, rec),
    html_url: html,
    pull_request: { url: `${ctx.base}/repos/${r.fullName}/pulls/${p.number}`, html_url: html, diff_url: `${html}.diff`, patch_url: `${html}.patch`, merged_at: p.merged_at },
  };
}

function labelIds(ctx: RequestContext, r: RepoState, raw: unknown): number[] {
  if (!Array.isArray(raw)) throw new ApiError(422, `Invalid request.\n\nFor 'properties/labels', ${JSON.stringify(raw)} is not an array.`);
  return raw.map((item, i) => {
    const name = typeof item === "string" ? item : typeof item === "object" && item !== null && typeof (item as { name?: unknown }).name === "string" ? (item as { name: string }).name : undefined;
    if (name === undefined || name.trim() === "") throw new ApiError(422, `Invalid request.\n\nFor 'items/${i}', ${JSON.stringify(item)} is not a valid label.`);
    let label = r.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
    if (!label) {
      label = { id: ctx.state.newId(), name, color: "ededed", description: null };
      r.labels.push(label);
    }
    return label.id;
  });
}

function assignable(ctx: RequestContext, r: RepoState, raw: unknown, strict: boolean): string[] {
  if (!Array.isArray(raw) || raw.some((l) => typeof l !== "string")) throw new ApiError(422, `Invalid request.\n\nFor 'properties/assignees', ${JSON.stringify(raw)} is not an array of strings.`);
  const out: string[] = [];
  for (const login of raw as string[]) {
    if (!ctx.state.hasRepoAccess(r, login)) {
      if (strict) throw validationFailed({ resource: "Issue", field: "assignees", code: "invalid", value: login });
      continue;
    }
    const shown = ctx.state.user(login)!.login;
    if (!out.includes(shown)) out.push(shown);
  }
  return out;
}

function stringField(body: Record<string, unknown>, name: string, nullable = false): string | null | undefined {
  const v = body[name];
  if (v === undefined || (nullable && v === null)) return v as undefined | null;
  if (typeof v !== "string") throw new ApiError(422, `Invalid request.\n\nFor 'properties/${name}', ${JSON.stringify(v)} is not a string.`);
  if (v.length > MAX_BODY_CHARS) throw validationFailed({ resource: "Issue", field: name, code: "custom", message: `${name} is too long (maximum is ${MAX_BODY_CHARS} characters)` });
  return v;
}

function objectBody(ctx: RequestContext): Record<string, unknown> {
  const b = ctx.body ?? {};
  if (typeof b !== "object" || b === null || Array.isArray(b)) throw new ApiError(400, "Problems parsing JSON");
  return b as Record<string, unknown>;
}

const listIssues: Handler = (ctx) => {
  const r = repoOf(ctx);
  const q = (k: string) => ctx.query.get(k) ?? undefined;
  const state = q("state") ?? "open";
  if (!["open", "closed", "all"].includes(state)) throw validationFailed({ resource: "Issue", field: "state", code: "invalid", value: state });
  const sort = q("sort") ?? "created";
  if (!["created", "updated", "comments"].includes(sort)) throw validationFailed({ resource: "Issue", field: "sort", code: "invalid", value: sort });
  const direction = q("direction") ?? "desc";
  const wanted = (q("labels") ?? "").split(",").map((l) => l.trim().toLowerCase()).filter(Boolean);
  const assignee = q("assignee");
  const creator = q("creator")?.toLowerCase();
  const since = q("since");
  const nameOf = (id: number) => r.labels.find((l) => l.id === id)?.name.toLowerCase();
  for (const p of r.pulls) r.refreshPull(p);
  type Row = { rec: IssueRec | PullRec; assignees: string[]; json: () => Record<string, unknown> };
  const rows: Row[] = [
    ...r.issues.map((i): Row => ({ rec: i, assignees: i.assignees, json: () => issueJson(ctx, r, i) })),
    ...r.pulls.map((p): Row => ({ rec: p, assignees: [], json: () => pullAsIssue(ctx, r, p) })),
  ].filter(({ rec, assignees }) => {
    if (state !== "all" && rec.state !== state) return false;
    const names = rec.labels.map(nameOf);
    if (!wanted.every((w) => names.includes(w))) return false;
    if (assignee === "none" && assignees.length) return false;
    if (assignee === "*" && !assignees.length) return false;
    if (assignee && assignee !== "none" && assignee !== "*" && !assignees.some((a) => a.toLowerCase() === assignee.toLowerCase())) return false;
    if (creator && rec.user.toLowerCase() !== creator) return false;
    return !since || rec.updated_at >= since;
  });
  const comments = (n: number) => r.comments.filter((c) => c.issue === n).length;
  const key = (x: Row) => (sort === "updated" ? x.rec.updated_at : sort === "comments" ? String(comments(x.rec.number)).padStart(10, "0") : x.rec.created_at) + String(x.rec.number).padStart(10, "0");
  rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  if (direction === "desc") rows.reverse();
  const { items, headers } = paginate(ctx, rows);
  return json(200, items.map((x) => x.json()), headers);
};

const createIssue: Handler = (ctx) => {
  const r = repoOf(ctx);
  const body = objectBody(ctx);
  const title = body.title;
  if (title === undefined) throw new ApiError(422, `Invalid request.\n\n"title" wasn't supplied.`);
  if ((typeof title !== "string" && typeof title !== "number") || String(title).trim() === "") throw validationFailed({ resource: "Issue", field: "title", code: "missing_field" });
  const text = stringField(body, "body") ?? null;
  // Validate everything before creating anything (labels are created only once all is valid).
  const assignees = body.assignees === undefined ? [] : assignable(ctx, r, body.assignees, true);
  const labels = body.labels === undefined ? [] : labelIds(ctx, r, body.labels);
  const now = ctx.state.nowIso();
  const issue: IssueRec = {
    number: r.nextNumber++,
    id: ctx.state.newId(),
    title: String(title),
    body: text,
    state: "open",
    state_reason: null,
    user: actorFor(ctx.state, ctx.token).login,
    labels: [...new Set(labels)],
    assignees,
    created_at: now,
    updated_at: now,
    closed_at: null,
  };
  r.issues.push(issue);
  return json(201, issueJson(ctx, r, issue), { location: `${ctx.base}/repos/${r.fullName}/issues/${issue.number}` });
};

const getIssue: Handler = (ctx) => {
  const r = repoOf(ctx);
  const n = issueNumber(ctx);
  const pr = r.pulls.find((p) => p.number === n);
  if (pr) return json(200, pullAsIssue(ctx, r, pr));
  return json(200, issueJson(ctx, r, issueOf(ctx, r)));
};

const REASONS = ["completed", "not_planned", "duplicate", "reopened"] as const;

const updateIssue: Handler = (ctx) => {
  const r = repoOf(ctx);
  const issue = issueOf(ctx, r);
  const body = objectBody(ctx);
  const title = stringField(body, "title", true);
  if (title !== undefined && (title === null || title.trim() === "")) throw validationFailed({ resource: "Issue", field: "title", code: "missing_field" });
  const text = stringField(body, "body", true);
  const state = body.state;
  if (state !== undefined && state !== "open" && state !== "closed") throw new ApiError(422, `Invalid request.\n\nFor 'properties/state', ${JSON.stringify(state)} is not one of ["open", "closed"].`);
  const reason = body.state_reason;
  if (reason !== undefined && reason !== null && !REASONS.includes(reason as (typeof REASONS)[number])) {
    throw new ApiError(422, `Invalid request.\n\nFor 'properties/state_reason', ${JSON.stringify(reason)} is not one of ${JSON.stringify(REASONS)}.`);
  }
  const assignees = body.assignees === undefined ? undefined : assignable(ctx, r, body.assignees, true);
  const labels = body.labels === undefined ? undefined : labelIds(ctx, r, body.labels);
  const now = ctx.state.nowIso();
  if (title !== undefined && title !== null) issue.title = title;
  if (text !== undefined) issue.body = text;
  if (assignees) issue.assignees = assignees;
  if (labels) issue.labels = [...new Set(labels)];
  if (state !== undefined && state !== issue.state) {
    issue.state = state;
    issue.closed_at = state === "closed" ? now : null;
    issue.state_reason = state === "closed" ? ((reason as IssueRec["state_reason"]) ?? "completed") : "reopened";
  }
  issue.updated_at = now;
  return json(200, issueJson(ctx, r, issue));
};

const addAssignees: Handler = (ctx) => {
  const r = repoOf(ctx);
  const issue = issueOf(ctx, r);
  const body = objectBody(ctx);
  for (const login of body.assignees === undefined ? [] : assignable(ctx, r, body.assignees, false)) {
    if (!issue.assignees.some((a) => a.toLowerCase() === login.toLowerCase())) issue.assignees.push(login);
  }
  issue.updated_at = ctx.state.nowIso();
  return json(201, issueJson(ctx, r, issue));
};

export function registerIssues(r: Router<Handler>): void {
  r.add("GET", "/repos/{owner}/{repo}/issues", listIssues)
    .add("POST", "/repos/{owner}/{repo}/issues", createIssue)
    .add("GET", "/repos/{owner}/{repo}/issues/{issue_number}", getIssue)
    .add("PATCH", "/repos/{owner}/{repo}/issues/{issue_number}", updateIssue)
    .add("POST", "/repos/{owner}/{repo}/issues/{issue_number}/assignees", addAssignees);
}
