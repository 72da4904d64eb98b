// Actions workflow runs, listed per workflow (file name or id) with `status`, `event`, `branch`
// and `head_sha` filters, newest first. The emulator has no runner: runs are created and finished
// through `control.ci` (what GitHub does when a push or dispatch starts a workflow).
import { ciState, type WorkflowRunRec } from "../ci-state.js";
import { notFound, validationFailed } from "../errors.js";
import type { Handler, RequestContext } from "../handler.js";
import { nodeId } from "../ids.js";
import { pagedJson } from "../paginate.js";
import type { RepoState } from "../repos.js";
import { repositoryJson } from "../representations.js";
import type { Router } from "../router.js";
import { repoOf } from "./repo-common.js";

const STATUSES = ["completed", "action_required", "cancelled", "failure", "neutral", "skipped", "stale", "success", "timed_out", "in_progress", "queued", "requested", "waiting", "pending"];

function runJson(ctx: RequestContext, r: RepoState, w: WorkflowRunRec): Record<string, unknown> {
  const api = `${ctx.base}/repos/${r.fullName}/actions/runs/${w.id}`;
  const repo = repositoryJson(ctx, r);
  const commit = r.store.typeOf(w.head_sha) === "commit" ? r.store.readCommit(w.head_sha) : undefined;
  return {
    id: w.id,
    name: w.workflow.replace(/\.ya?ml$/, ""),
    node_id: nodeId("WorkflowRun", w.id),
    check_suite_id: w.id + 1,
    check_suite_node_id: nodeId("CheckSuite", w.id + 1),
    head_branch: w.head_branch,
    head_sha: w.head_sha,
    path: `.github/workflows/${w.workflow}`,
    display_title: w.workflow,
    run_number: w.run_number,
    run_attempt: 1,
    event: w.event,
    status: w.status,
    conclusion: w.conclusion,
    workflow_id: w.workflow_id,
    url: api,
    html_url: `${ctx.base}/${r.fullName}/actions/runs/${w.id}`,
    pull_requests: [],
    created_at: w.created_at,
    updated_at: w.updated_at,
    run_started_at: w.created_at,
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${ctx.base}/repos/${r.fullName}/check-suites/${w.id + 1}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    previous_attempt_url: null,
    workflow_url: `${ctx.base}/repos/${r.fullName}/actions/workflows/${w.workflow_id}`,
    head_commit: commit
      ? { id: w.head_sha, tree_id: commit.tree, message: commit.message, timestamp: commit.committer.date, author: { name: commit.author.name, email: commit.author.email }, committer: { name: commit.committer.name, email: commit.committer.email } }
      : null,
    repository: repo,
    head_repository: repo,
  };
}

const listRuns: Handler = (ctx) => {
  const r = repoOf(ctx);
  const s = ciState(ctx.state);
  const id = ctx.params.workflow_id!;
  const mine = s.runs.filter((w) => w.repo === r.fullName.toLowerCase());
  const byId = /^\d+$/.test(id) ? mine.find((w) => String(w.workflow_id) === id)?.workflow : id;
  // A workflow exists when its file is on the default branch or it has runs.
  const known = byId !== undefined && (mine.some((w) => w.workflow === byId) || r.readBranch(r.defaultBranch)?.[`.github/workflows/${byId}`] !== undefined);
  if (!known) throw notFound();
  const status = ctx.query.get("status");
  if (status !== null && !STATUSES.includes(status)) throw validationFailed({ resource: "WorkflowRun", field: "status", code: "invalid", value: status });
  const [event, branch, head] = ["event", "branch", "head_sha"].map((k) => ctx.query.get(k));
  const list = mine
    .filter((w) => w.workflow === byId)
    .filter((w) => status === null || w.status === status || w.conclusion === status)
    .filter((w) => (event === null || w.event === event) && (branch === null || w.head_branch === branch) && (head === null || w.head_sha === head))
    .sort((a, b) => b.id - a.id);
  return pagedJson(ctx, list, (w) => runJson(ctx, r, w), "workflow_runs");
};

export function registerActions(router: Router<Handler>): void {
  router.add("GET", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs", listRuns);
}
