// Pull request reviews, a PR's commits, and the PRs of a commit.
import { validateBody } from "../body.js";
import { ciState, type ReviewRec } from "../ci-state.js";
import { ApiError, DOCS, notFound } from "../errors.js";
import { json, type Handler, type Reply, type RequestContext } from "../handler.js";
import { actorFor, loginOfEmail } from "../identities.js";
import { nodeId } from "../ids.js";
import { pagedJson } from "../paginate.js";
import type { PullRec, RepoState } from "../repos.js";
import { pullSimpleJson, userByKey } from "../representations.js";
import type { Router } from "../router.js";
import { repoOf } from "./repo-common.js";

function pullOf(ctx: RequestContext, r: RepoState): PullRec {
  const raw = ctx.params.pull_number!;
  const pr = /^\d+$/.test(raw) ? r.pulls.find((p) => p.number === Number(raw)) : undefined;
  if (!pr) throw notFound();
  r.refreshPull(pr);
  return pr;
}

function reviewJson(ctx: RequestContext, r: RepoState, rv: ReviewRec): Record<string, unknown> {
  const pull = `${ctx.base}/repos/${r.fullName}/pulls/${rv.pull}`;
  const html = `${ctx.base}/${r.fullName}/pull/${rv.pull}#pullrequestreview-${rv.id}`;
  return {
    id: rv.id,
    node_id: nodeId("PullRequestReview", rv.id),
    user: userByKey(ctx, rv.user),
    body: rv.body,
    state: rv.state,
    html_url: html,
    pull_request_url: pull,
    _links: { html: { href: html }, pull_request: { href: pull } },
    ...(rv.submitted_at ? { submitted_at: rv.submitted_at } : {}),
    commit_id: rv.commit_id,
    author_association: ctx.state.isActiveMember(rv.user) ? "MEMBER" : "NONE",
  };
}

const listReviews: Handler = (ctx) => {
  const r = repoOf(ctx);
  const pr = pullOf(ctx, r);
  const me = actorFor(ctx.state, ctx.token).login.toLowerCase();
  // A pending review is visible to its author only.
  const list = ciState(ctx.state).reviews.filter((x) => x.repo === r.fullName.toLowerCase() && x.pull === pr.number && (x.state !== "PENDING" || x.user.toLowerCase() === me));
  return pagedJson(ctx, list, (x) => reviewJson(ctx, r, x));
};

/** GitHub's 422 for reviews (`validation-error-simple`: the errors are plain strings). */
function unprocessable(message: string): Reply {
  return { status: 422, body: { message: "Unprocessable Entity", errors: [message], documentation_url: DOCS, status: "422" } };
}

const EVENTS = { APPROVE: "APPROVED", REQUEST_CHANGES: "CHANGES_REQUESTED", COMMENT: "COMMENTED" } as const;

const createReview: Handler = (ctx) => {
  const r = repoOf(ctx);
  const pr = pullOf(ctx, r);
  const body = validateBody<{ commit_id?: string; body?: string; event?: keyof typeof EVENTS }>(
    ctx.body,
    { commit_id: { type: "string" }, body: { type: "string" }, event: { type: "string", enum: Object.keys(EVENTS) } },
    [],
    false,
  );
  const actor = actorFor(ctx.state, ctx.token);
  if (pr.state !== "open") return unprocessable("Pull request is closed");
  if (body.event === "APPROVE" && actor.login.toLowerCase() === pr.user.toLowerCase()) return unprocessable("Can not approve your own pull request");
  if ((body.event === "REQUEST_CHANGES" || body.event === "COMMENT") && !body.body?.trim()) return unprocessable(`Review Body is required when the event is ${body.event}`);
  const commit = body.commit_id ?? pr.headSha;
  if (r.store.typeOf(commit) !== "commit") return unprocessable("Commit id is not part of the pull request");
  const rv: ReviewRec = {
    id: ctx.state.newId(),
    repo: r.fullName.toLowerCase(),
    pull: pr.number,
    user: actor.login,
    state: body.event ? EVENTS[body.event] : "PENDING",
    body: body.body ?? "",
    commit_id: commit,
    submitted_at: body.event ? ctx.state.nowIso() : null,
  };
  ciState(ctx.state).reviews.push(rv);
  return json(200, reviewJson(ctx, r, rv));
};

function commitJson(ctx: RequestContext, r: RepoState, sha: string): Record<string, unknown> {
  const c = r.store.readCommit(sha);
  const api = `${ctx.base}/repos/${r.fullName}`;
  const person = (email: string) => {
    const login = loginOfEmail(ctx.state, email);
    return login ? userByKey(ctx, login) : null;
  };
  const signed = ciState(ctx.state).signed.has(sha);
  return {
    url: `${api}/commits/${sha}`,
    sha,
    node_id: nodeId("Commit", `${r.id}:${sha}`),
    html_url: `${ctx.base}/${r.fullName}/commit/${sha}`,
    comments_url: `${api}/commits/${sha}/comments`,
    commit: {
      url: `${api}/git/commits/${sha}`,
      author: c.author,
      committer: c.committer,
      message: c.message,
      comment_count: 0,
      tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
      verification: signed
        ? { verified: true, reason: "valid", signature: "-----BEGIN PGP SIGNATURE-----\n(emulated)\n-----END PGP SIGNATURE-----", payload: `tree ${c.tree}`, verified_at: c.committer.date }
        : { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
    },
    author: person(c.author.email),
    committer: person(c.committer.email),
    parents: c.parents.map((p) => ({ sha: p, url: `${api}/commits/${p}`, html_url: `${ctx.base}/${r.fullName}/commit/${p}` })),
  };
}

/** The PR's commits, oldest first (GitHub lists at most 250). */
function pullCommits(r: RepoState, pr: PullRec): string[] {
  const base = pr.state === "open" || !pr.merged_at ? pr.baseSha : (r.store.readCommit(pr.merge_commit_sha!).parents[0] ?? pr.baseSha);
  const shas = r.commitsBetween(base, pr.headSha);
  const date = (s: string) => r.store.readCommit(s).committer.date;
  return shas.reverse().sort((a, b) => (date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : 0)).slice(0, 250);
}

const listCommits: Handler = (ctx) => {
  const r = repoOf(ctx);
  const pr = pullOf(ctx, r);
  return pagedJson(ctx, pullCommits(r, pr), (sha) => commitJson(ctx, r, sha));
};

/** The PRs a commit belongs to: the one it merged, and the PRs whose commits include it. */
const pullsOfCommit: Handler = (ctx) => {
  const r = repoOf(ctx);
  const sha = ctx.params.commit_sha!;
  if (!/^[0-9a-f]{40}$/.test(sha) || r.store.typeOf(sha) !== "commit") throw new ApiError(422, `No commit found for SHA: ${sha}`);
  for (const p of r.pulls) r.refreshPull(p);
  const list = r.pulls.filter((p) => p.merge_commit_sha === sha || p.headSha === sha || (r.store.has(p.headSha) && pullCommits(r, p).includes(sha)));
  return pagedJson(ctx, list, (p) => pullSimpleJson(ctx, r, p));
};

export function registerReviews(router: Router<Handler>): void {
  router
    .add("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", listReviews)
    .add("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", createReview)
    .add("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/commits", listCommits)
    .add("GET", "/repos/{owner}/{repo}/commits/{commit_sha}/pulls", pullsOfCommit);
}
