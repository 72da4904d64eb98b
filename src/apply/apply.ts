// apply(plan, writer): the only code that changes seats. Writes are batched (at most 100
// logins per selected_usernames request, never one request per user) and isolated: a batch
// that fails does not stop the others. When GitHub rejects a batch as a whole (422 and
// friends name no login), the batch is bisected to find the offending logins in O(k log n)
// requests instead of retrying every login alone; every failure is reported per login.
import { UserError } from "../errors.js";
import { httpStatus } from "../github/client.js";
import type { SeatWriteKind, SeatWriter } from "../github/write.js";
import { WRITE_ROUTES } from "../github/write.js";
import type { Action, Plan } from "../plan/types.js";

export const MAX_BATCH = 100;

export interface RequestOutcome {
  kind: SeatWriteKind;
  /** Route template, e.g. `POST /orgs/{org}/copilot/billing/selected_users`. */
  route: string;
  targets: string[];
  ok: boolean;
  /** HTTP status of the final answer (undefined for network errors). */
  status?: number;
  /** seats_created / seats_cancelled on success. */
  count?: number;
  error?: string;
  /** True when this request re-sent part of a rejected batch to find the offending logins. */
  bisect?: boolean;
}

export interface TargetFailure {
  action: Action;
  target: string;
  status?: number;
  error: string;
}

export interface ApplyResult {
  requests: RequestOutcome[];
  /** Targets (logins or team slugs) that were applied. */
  applied: { action: Action; target: string }[];
  failures: TargetFailure[];
  ok: boolean;
}

export interface ApplyOptions {
  batchSize?: number;
  /**
   * Asked once, at the first 422: is the org itself now refusing every write (e.g. Copilot access
   * switched away from "specific members" mid-apply)? A reason aborts the remaining writes instead
   * of bisecting every batch down to single logins, since GitHub's 422 text is the same either way.
   */
  explainRejection?: () => Promise<string | undefined>;
  /** Called after each request, for progress output. */
  onRequest?: (r: RequestOutcome) => void;
}

/**
 * Statuses where GitHub refused the content of the batch, so a smaller batch may pass: 422 (a
 * non-member, a team-granted seat). A 404 is the org or endpoint being invisible to the token
 * (GitHub answers 404 instead of 403 for what you cannot see) and a 400 an unparsable body: the
 * same for every half, so bisecting would only multiply the failure by 2n-1 requests.
 */
const CONTENT_ERRORS = new Set([422]);

/** GitHub's message without the documentation URL; never includes request headers. */
export function errorMessage(err: unknown): string {
  const status = httpStatus(err);
  const body = (err as { response?: { data?: { message?: unknown } } })?.response?.data;
  const msg = typeof body?.message === "string" ? body.message : err instanceof Error ? err.message : String(err);
  const clean = msg.replace(/\s+-\s+https:\/\/docs\.github\.com\S*/g, "").trim();
  return status ? `HTTP ${status}: ${clean}` : clean;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

interface Group {
  kind: SeatWriteKind;
  /** Action per target (add and readd share one POST). */
  targets: { action: Action; target: string }[];
  send: (targets: string[]) => Promise<number>;
}

export async function applyPlan(plan: Plan, writer: SeatWriter, opts: ApplyOptions = {}): Promise<ApplyResult> {
  if (plan.safety.refusals.length) throw new UserError(plan.safety.refusals.join("\n"));
  const size = Math.max(1, Math.min(opts.batchSize ?? MAX_BATCH, MAX_BATCH));
  const pick = (...actions: Action[]) => plan.changes.filter((c) => actions.includes(c.action)).map((c) => ({ action: c.action, target: c.target }));
  // Order matters: unassigning a team must come before the direct re-adds of its declared
  // members, and every add before any cancel (a half-applied run never leaves fewer seats than needed).
  const groups: Group[] = [
    { kind: "add_teams", targets: pick("add_team"), send: (t) => writer.addTeams(t) },
    { kind: "remove_teams", targets: pick("remove_team"), send: (t) => writer.removeTeams(t) },
    { kind: "add_users", targets: pick("add", "readd"), send: (t) => writer.addUsers(t) },
    { kind: "cancel_users", targets: pick("cancel"), send: (t) => writer.cancelUsers(t) },
  ];

  const routes = writer.routes ?? WRITE_ROUTES;
  const result: ApplyResult = { requests: [], applied: [], failures: [], ok: true };
  const record = (r: RequestOutcome) => {
    result.requests.push(r);
    opts.onRequest?.(r);
  };

  let asked = false;
  let abort: string | undefined;
  const sendBatch = async (g: Group, batch: Group["targets"], bisect: boolean): Promise<void> => {
    const targets = batch.map((b) => b.target);
    if (abort) {
      for (const b of batch) result.failures.push({ action: b.action, target: b.target, error: `not sent: ${abort}` });
      return;
    }
    try {
      const count = await g.send(targets);
      record({ kind: g.kind, route: routes[g.kind], targets, ok: true, status: g.kind.startsWith("add") ? 201 : 200, count, ...(bisect ? { bisect } : {}) });
      result.applied.push(...batch);
    } catch (err) {
      const status = httpStatus(err);
      const error = errorMessage(err);
      record({ kind: g.kind, route: routes[g.kind], targets, ok: false, ...(status ? { status } : {}), error, ...(bisect ? { bisect } : {}) });
      if (status === 422 && !asked && opts.explainRejection) {
        asked = true;
        abort = await opts.explainRejection().catch(() => undefined);
      }
      if (!abort && batch.length > 1 && status !== undefined && CONTENT_ERRORS.has(status)) {
        const mid = Math.ceil(batch.length / 2);
        await sendBatch(g, batch.slice(0, mid), true);
        await sendBatch(g, batch.slice(mid), true);
        return;
      }
      for (const b of batch) result.failures.push({ action: b.action, target: b.target, ...(status ? { status } : {}), error });
    }
  };

  for (const g of groups) {
    for (const batch of chunk(g.targets, size)) await sendBatch(g, batch, false);
  }
  result.ok = result.failures.length === 0;
  return result;
}
