// One `seats apply` run, in the order that makes "apply exactly what was reviewed" hold
// (docs/plan-apply.md): plan from live state → compare the checksum with the reviewed one →
// the planner's guards → stop here on a dry run → the last check → the batched writes → the
// audit record. The CLI only parses flags, prints and writes files; everything it prints comes
// from the report this returns, so the sequence is tested without a terminal.
import { interruption } from "../errors.js";
import { failingBlocked } from "../plan/plan.js";
import type { Plan } from "../plan/types.js";
import { applyPlan, type ApplyOptions, type ApplyResult, type RequestOutcome } from "./apply.js";
import { type AuditOutcome, type AuditRecord, buildAudit } from "./audit.js";
import type { SeatWriter } from "../github/write.js";

/** What a run reads and writes through; `liveApplyDeps` builds them from a GitHub client. */
export interface ApplyDeps {
  /** The plan from live state (livePlan in production). */
  readPlan(): Promise<Plan>;
  /** Only used with `confirm`. */
  writer: SeatWriter;
  /** See ApplyOptions.explainRejection. */
  explainRejection?: (org?: string) => Promise<string | undefined>;
}

export interface ApplyRunOptions {
  confirm: boolean;
  /** The reviewed plan's checksum (`--checksum`); any other plan is refused. */
  expectedChecksum?: string;
  /** The reviewed team changes' checksum (`--teams-checksum`, checked before `pulumi up`). */
  expectedTeamsChecksum?: string;
  /** The run's signal (SIGINT, SIGTERM, --timeout): no batch is sent after it fires. */
  signal?: AbortSignal;
  /** For the audit record: who ran it and against what. */
  env: NodeJS.ProcessEnv;
  apiUrl: string;
  now?: () => Date;
  batchSize?: number;
  /** The plan, as soon as it is known (the CLI prints it: the dry run is identical to `seats plan`). */
  onPlan?: (plan: Plan) => void;
  /** Called once, just before the first write is sent. */
  onWritesStart?: (plan: Plan) => void;
  /** Each request's outcome, as it comes back (progress output). */
  onRequest?: (r: RequestOutcome) => void;
  /**
   * The last check before the first write: called once, with --confirm, after the checksum and
   * every guard passed and only when there is something to send. A returned reason refuses the
   * run (nothing is sent, exit 1, the audit says "refused"); undefined lets it proceed.
   */
  lastCheck?: (plan: Plan) => Promise<string | undefined>;
  /**
   * The last check before revocation (docs/lifecycle.md): given the reviewed plan (its checksum
   * already matched), the plan to execute, e.g. without the cancellations of people active since
   * the reclaim PR's snapshot. Called after the guards, on a dry run too (so it shows what it
   * would skip).
   */
  narrow?: (plan: Plan) => Promise<Plan>;
}

export interface ApplyReport {
  plan: Plan;
  outcome: AuditOutcome;
  exitCode: 0 | 1;
  /** Why the run was refused before sending anything. */
  refusal?: string;
  /** The writes' outcome, when any were attempted. */
  result?: ApplyResult;
  /** What was (or would be) executed: the plan, narrowed by the last check. */
  executed: Plan;
  audit: AuditRecord;
}

export function checksumMismatch(plan: Pick<Plan, "checksum">, expected: string): string {
  return (
    `the plan differs from the reviewed one (checksum ${plan.checksum}, expected ${expected}): ` +
    "seats/ or GitHub changed since it was reviewed; run `seats plan` again, review it, and apply with the new checksum"
  );
}

export function teamsChecksumMismatch(plan: Pick<Plan, "teams">, expected: string): string {
  return (
    `the team changes differ from the reviewed ones (teams checksum ${plan.teams.checksum}, expected ${expected}): ` +
    "seats/ or the teams on GitHub changed since the plan was reviewed; run `seats plan` again and review it"
  );
}

/** The run, from plan to audit. Throws only when the plan cannot be read; every refusal is in the report. */
export async function runApply(deps: ApplyDeps, opts: ApplyRunOptions): Promise<ApplyReport> {
  const now = opts.now ?? (() => new Date());
  const startedAt = now();
  const plan = await deps.readPlan();
  opts.onPlan?.(plan);

  let executed = plan;
  const finish = (exitCode: 0 | 1, result?: ApplyResult, refusal?: string): ApplyReport => {
    const audit = buildAudit({
      startedAt,
      finishedAt: now(),
      env: opts.env,
      apiUrl: opts.apiUrl,
      plan,
      confirm: opts.confirm,
      ...(opts.expectedChecksum ? { expectedChecksum: opts.expectedChecksum } : {}),
      ...(result ? { result } : {}),
      exitCode,
      ...(refusal ? { error: refusal } : {}),
    });
    return { plan, executed, outcome: audit.outcome, exitCode, ...(refusal ? { refusal } : {}), ...(result ? { result } : {}), audit };
  };

  if (opts.expectedChecksum && opts.expectedChecksum !== plan.checksum) return finish(1, undefined, checksumMismatch(plan, opts.expectedChecksum));
  if (opts.expectedTeamsChecksum && opts.expectedTeamsChecksum !== plan.teams.checksum) return finish(1, undefined, teamsChecksumMismatch(plan, opts.expectedTeamsChecksum));
  if (plan.safety.refusals.length) return finish(1, undefined, plan.safety.refusals.join("\n"));
  if (opts.narrow) executed = await opts.narrow(plan);
  if (!opts.confirm) return finish(0);
  // Blocked entries this change introduced fail the run; ones that were there before are warnings.
  const blocked = failingBlocked(plan).length ? 1 : 0;
  if (executed.changes.length === 0) return finish(blocked);
  // Stopped while reading: nothing was sent, and nothing will be.
  if (opts.signal?.aborted) return finish(1, undefined, interruption(opts.signal).message);
  const last = await opts.lastCheck?.(executed);
  if (last) return finish(1, undefined, last);

  const applyOpts: ApplyOptions = {
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
    ...(opts.onRequest ? { onRequest: opts.onRequest } : {}),
    ...(deps.explainRejection ? { explainRejection: deps.explainRejection } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  opts.onWritesStart?.(executed);
  const result = await applyPlan(executed, deps.writer, applyOpts);
  return finish(result.ok && !blocked ? 0 : 1, result);
}
