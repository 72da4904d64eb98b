// The audit record of one `seats apply` run (`--audit <file>`): when, who, against what, the
// plan, and each request's outcome. The workflow keeps it as an artifact. No credentials.
import type { Plan } from "../plan/types.js";
import type { ApplyResult, RequestOutcome, TargetFailure, UnsentBatch } from "./apply.js";

/** `interrupted`: stopped by SIGINT, SIGTERM or --timeout before its last batch (see `not_sent`). */
export type AuditOutcome = "applied" | "failed" | "refused" | "dry-run" | "nothing-to-do" | "interrupted";

export interface AuditRecord {
  version: 1;
  started_at: string;
  finished_at: string;
  mode: "apply" | "dry-run";
  actor: string | null;
  triggering_actor: string | null;
  run: {
    repository: string | null;
    workflow: string | null;
    run_id: string | null;
    run_attempt: string | null;
    sha: string | null;
    ref: string | null;
    url: string | null;
  };
  api_url: string;
  org: string;
  checksum: { plan: string; expected: string | null };
  forced: boolean;
  outcome: AuditOutcome;
  exit_code: number;
  plan: Plan;
  /** Each request sent, with the status and count GitHub answered. */
  requests: RequestOutcome[];
  failures: TargetFailure[];
  /** Batches never sent (the run was stopped, or the org refused every write). */
  not_sent: UnsentBatch[];
  /** Why the run stopped before sending anything, when it did. */
  error?: string;
}

export interface AuditInput {
  startedAt: Date;
  finishedAt: Date;
  env: NodeJS.ProcessEnv;
  apiUrl: string;
  plan: Plan;
  confirm: boolean;
  expectedChecksum?: string;
  result?: ApplyResult;
  exitCode: number;
  error?: string;
}

export function buildAudit(input: AuditInput): AuditRecord {
  const e = input.env;
  const v = (x: string | undefined) => (x && x.trim() ? x : null);
  const server = v(e.GITHUB_SERVER_URL) ?? "https://github.com";
  const runUrl = e.GITHUB_REPOSITORY && e.GITHUB_RUN_ID ? `${server}/${e.GITHUB_REPOSITORY}/actions/runs/${e.GITHUB_RUN_ID}` : null;
  const { result, plan } = input;
  const outcome = auditOutcome(input);
  return {
    version: 1,
    started_at: input.startedAt.toISOString(),
    finished_at: input.finishedAt.toISOString(),
    mode: input.confirm ? "apply" : "dry-run",
    actor: v(e.GITHUB_ACTOR) ?? v(e.USER) ?? v(e.USERNAME),
    triggering_actor: v(e.GITHUB_TRIGGERING_ACTOR),
    run: {
      repository: v(e.GITHUB_REPOSITORY),
      workflow: v(e.GITHUB_WORKFLOW),
      run_id: v(e.GITHUB_RUN_ID),
      run_attempt: v(e.GITHUB_RUN_ATTEMPT),
      sha: v(e.GITHUB_SHA),
      ref: v(e.GITHUB_REF),
      url: runUrl,
    },
    api_url: input.apiUrl,
    org: plan.org,
    checksum: { plan: plan.checksum, expected: input.expectedChecksum ?? null },
    forced: plan.safety.forced,
    outcome,
    exit_code: input.exitCode,
    plan,
    requests: result?.requests ?? [],
    failures: result?.failures ?? [],
    not_sent: result?.unsent ?? [],
    ...(input.error ? { error: input.error } : {}),
  };
}

export function auditOutcome(input: Pick<AuditInput, "error" | "confirm" | "result">): AuditOutcome {
  const { result } = input;
  if (input.error) return "refused";
  if (!input.confirm) return "dry-run";
  if (result?.interrupted) return "interrupted";
  if (!result || result.requests.length === 0) return result?.unsent.length ? "failed" : "nothing-to-do";
  return result.ok ? "applied" : "failed";
}
