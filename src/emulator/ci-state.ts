// State of the pipeline-facing parts of the emulator: check runs, pull request reviews, Actions
// workflow runs, required checks and auto-merge, and which commits GitHub signed. Kept beside
// EmulatorState (one record per state object) instead of inside it; it lives for the emulator
// process and is not written to a `--state` file.
import { addApp, registerToken, type Actor, type TokenIdentity } from "./identities.js";
import type { EmulatorState } from "./state.js";

export type CheckStatus = "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
export const CHECK_STATUSES: readonly CheckStatus[] = ["queued", "in_progress", "completed", "waiting", "requested", "pending"];
export const CHECK_CONCLUSIONS = ["action_required", "cancelled", "failure", "neutral", "success", "skipped", "stale", "timed_out"] as const;
export type CheckConclusion = (typeof CHECK_CONCLUSIONS)[number];

export interface CheckRunRec {
  id: number;
  repo: string;
  head_sha: string;
  name: string;
  status: CheckStatus;
  conclusion: CheckConclusion | null;
  external_id: string | null;
  details_url: string | null;
  started_at: string;
  completed_at: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  app_id: number;
  suite_id: number;
}

export interface ReviewRec {
  id: number;
  repo: string;
  pull: number;
  user: string;
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "PENDING" | "DISMISSED";
  body: string;
  commit_id: string;
  submitted_at: string | null;
}

export interface WorkflowRunRec {
  id: number;
  repo: string;
  /** Workflow file name, e.g. `seats-apply.yml`. */
  workflow: string;
  workflow_id: number;
  run_number: number;
  event: string;
  status: CheckStatus;
  conclusion: string | null;
  head_sha: string;
  head_branch: string;
  created_at: string;
  updated_at: string;
}

export interface RequiredCheck {
  context: string;
  /** Only a check run of this App (slug) counts, like a ruleset's "source" of a required check. */
  app?: string;
}

export interface AutoMergeRec {
  method: "merge" | "squash" | "rebase";
  by: Actor;
  expectedHead: string;
}

export interface CiState {
  checkRuns: CheckRunRec[];
  reviews: ReviewRec[];
  runs: WorkflowRunRec[];
  required: Map<string, RequiredCheck[]>;
  /** By pull request id. */
  autoMerge: Map<number, AutoMergeRec>;
  /** Commits GitHub signed (API commits with no author or committer given). */
  signed: Set<string>;
  workflowIds: Map<string, number>;
}

const states = new WeakMap<EmulatorState, CiState>();

export function ciState(state: EmulatorState): CiState {
  let s = states.get(state);
  if (!s) {
    s = { checkRuns: [], reviews: [], runs: [], required: new Map(), autoMerge: new Map(), signed: new Set(), workflowIds: new Map() };
    states.set(state, s);
  }
  return s;
}

export interface CiSeed {
  tokens?: Record<string, TokenIdentity>;
  /** Repository full name → the checks a merge into it needs. */
  required_checks?: Record<string, (string | RequiredCheck)[]>;
}

export function seedCi(state: EmulatorState, seed: CiSeed): void {
  for (const [token, identity] of Object.entries(seed.tokens ?? {})) registerToken(state, token, identity);
  for (const [repo, checks] of Object.entries(seed.required_checks ?? {})) {
    ciState(state).required.set(repo.toLowerCase(), checks.map((c) => (typeof c === "string" ? { context: c } : c)));
  }
}

export function workflowId(s: CiState, workflow: string): number {
  let id = s.workflowIds.get(workflow);
  if (id === undefined) {
    id = 161_000 + s.workflowIds.size;
    s.workflowIds.set(workflow, id);
  }
  return id;
}

/** Test and demo hooks (`control.ci`). */
export interface CiControl {
  /** A token acting as a user (`{login}`) or as a GitHub App's installation (`{app: slug}`). */
  registerToken(token: string, identity: TokenIdentity): void;
  addApp(app: { id: number; slug: string; name?: string }): void;
  /** The checks a merge into the repository's branches needs (GitHub's required status checks). */
  requireChecks(repo: string, checks: (string | RequiredCheck)[]): void;
  /** A workflow run, as GitHub creates one on a push or dispatch. Returns its id and run number. */
  addWorkflowRun(repo: string, run: { workflow: string; status?: CheckStatus; event?: string; head_sha?: string; head_branch?: string }): { id: number; run_number: number };
  setWorkflowRun(repo: string, id: number, status: CheckStatus, conclusion?: string | null): void;
}

export function ciControl(state: EmulatorState, changed: () => void): CiControl {
  const s = ciState(state);
  return {
    registerToken: (token, identity) => registerToken(state, token, identity),
    addApp: (app) => void addApp(state, app),
    requireChecks(repo, checks) {
      s.required.set(repo.toLowerCase(), checks.map((c) => (typeof c === "string" ? { context: c } : c)));
    },
    addWorkflowRun(repo, run) {
      const r = state.repos.get(repo.toLowerCase());
      if (!r) throw new Error(`unknown repository ${repo} (seed it under repos:)`);
      const now = state.nowIso();
      const number = s.runs.filter((x) => x.repo === r.fullName.toLowerCase() && x.workflow === run.workflow).length + 1;
      const rec: WorkflowRunRec = {
        id: state.newId(),
        repo: r.fullName.toLowerCase(),
        workflow: run.workflow,
        workflow_id: workflowId(s, run.workflow),
        run_number: number,
        event: run.event ?? "push",
        status: run.status ?? "queued",
        conclusion: null,
        head_sha: run.head_sha ?? r.branchSha(r.defaultBranch) ?? "0".repeat(40),
        head_branch: run.head_branch ?? r.defaultBranch,
        created_at: now,
        updated_at: now,
      };
      s.runs.push(rec);
      changed();
      return { id: rec.id, run_number: rec.run_number };
    },
    setWorkflowRun(repo, id, status, conclusion) {
      const rec = s.runs.find((x) => x.id === id && x.repo === repo.toLowerCase());
      if (!rec) throw new Error(`${repo} has no workflow run ${id}`);
      rec.status = status;
      rec.conclusion = status === "completed" ? (conclusion ?? "success") : null;
      rec.updated_at = state.nowIso();
      changed();
    },
  };
}
