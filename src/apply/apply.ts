// apply(plan, writer): the only code that changes seats. Writes are batched (at most 100
// logins per selected_usernames request, never one request per user) and isolated: a batch
// that fails does not stop the others. When GitHub rejects a batch as a whole (422 and
// friends name no login), the batch is bisected to find the offending logins in O(k log n)
// requests instead of retrying every login alone; every failure is reported per login.
// A stopped run (SIGINT, SIGTERM, --timeout) sends no further batch and lists what it did not send.
import { Interrupted, interruption, UserError } from "../errors.js";
import { httpStatus } from "../github/client.js";
import { routeOf, WRITE_KIND_OF, type SeatWriteKind, type SeatWriter } from "../github/write.js";
import { ACTIONS, type Action, type Plan } from "../plan/types.js";

export const MAX_BATCH = 100;

export interface RequestOutcome {
  kind: SeatWriteKind;
  /** The org it was sent to; only in a plan of several orgs. */
  org?: string;
  /** Route template, e.g. `POST /orgs/{org}/copilot/billing/selected_users`. */
  route: string;
  targets: string[];
  ok: boolean;
  /** HTTP status GitHub answered with (undefined when no answer was received). */
  status?: number;
  /** seats_created / seats_cancelled, as GitHub answered, on success. */
  count?: number;
  error?: string;
  /** True when this request re-sent part of a rejected batch to find the offending logins. */
  bisect?: boolean;
  /**
   * The run was stopped while this request was out and no answer was read: GitHub may or may not
   * have applied it (the next plan shows which).
   */
  interrupted?: boolean;
}

/** A batch the run did not send, and why (stopped by a signal, or an org-wide refusal). */
export interface UnsentBatch {
  kind: SeatWriteKind;
  /** Only in a plan of several orgs. */
  org?: string;
  route: string;
  targets: string[];
  reason: string;
}

export interface TargetFailure {
  action: Action;
  target: string;
  /** Only in a plan of several orgs. */
  org?: string;
  status?: number;
  error: string;
}

export interface ApplyResult {
  requests: RequestOutcome[];
  /** Targets (logins or team slugs) that were applied. */
  applied: { action: Action; target: string; org?: string }[];
  failures: TargetFailure[];
  /** Batches never sent (their targets are in `failures` too, as "not sent: …"). */
  unsent: UnsentBatch[];
  /** Why the run stopped before its last batch (the Interrupted message), when it did. */
  interrupted?: string;
  ok: boolean;
}

export interface ApplyOptions {
  batchSize?: number;
  /**
   * Asked once, at the first 422: is the org itself now refusing every write (e.g. Copilot access
   * switched away from "specific members" mid-apply)? A reason aborts the remaining writes instead
   * of bisecting every batch down to single logins, since GitHub's 422 text is the same either way.
   */
  explainRejection?: (org?: string) => Promise<string | undefined>;
  /** Called after each request, for progress output. */
  onRequest?: (r: RequestOutcome) => void;
  /** The run's signal: once it fires no further batch is sent (the one on the wire is let finish). */
  signal?: AbortSignal;
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

type Target = { action: Action; target: string; org?: string };

/**
 * The plan's changes grouped by write kind, in execution order: unassigning a team must come
 * before the direct re-adds of its declared members, and every add before any cancel (a
 * half-applied run never leaves fewer seats than needed). ACTIONS is that order. In a plan of
 * several orgs each kind has one group per org (a request goes to one org), in `orgs` order:
 * every org's adds still come before any org's cancels.
 */
export function writeGroups(plan: Pick<Plan, "changes" | "orgs">): { kind: SeatWriteKind; org?: string; targets: Target[] }[] {
  const kinds = [...new Set(ACTIONS.map((a) => WRITE_KIND_OF[a]))];
  const orgs: (string | undefined)[] = plan.orgs ?? [undefined];
  return kinds.flatMap((kind) =>
    orgs.flatMap((org) => {
      const targets = plan.changes
        .filter((c) => WRITE_KIND_OF[c.action] === kind && c.org === org)
        .map((c): Target => (org === undefined ? { action: c.action, target: c.target } : { action: c.action, target: c.target, org }));
      // A single org keeps its (possibly empty) group per kind, as it always had.
      return org === undefined || targets.length ? [{ kind, ...(org === undefined ? {} : { org }), targets }] : [];
    }),
  );
}

/** `{ org }` of a batch (one org per batch), or nothing for a single org's plan. */
const orgOf = (batch: readonly Target[]): { org?: string } => (batch[0]?.org === undefined ? {} : { org: batch[0].org });

export async function applyPlan(plan: Plan, writer: SeatWriter, opts: ApplyOptions = {}): Promise<ApplyResult> {
  if (plan.safety.refusals.length) throw new UserError(plan.safety.refusals.join("\n"));
  const size = Math.max(1, Math.min(opts.batchSize ?? MAX_BATCH, MAX_BATCH));
  const { signal } = opts;

  const result: ApplyResult = { requests: [], applied: [], failures: [], unsent: [], ok: true };
  const record = (r: RequestOutcome) => {
    result.requests.push(r);
    opts.onRequest?.(r);
  };
  const notSent = (kind: SeatWriteKind, batch: Target[], reason: string) => {
    result.unsent.push({ kind, ...orgOf(batch), route: routeOf(writer, kind), targets: batch.map((b) => b.target), reason });
    for (const b of batch) result.failures.push({ ...b, error: `not sent: ${reason}` });
  };

  // Per org: one org refusing every write does not stop another org's writes.
  const asked = new Set<string>();
  const aborts = new Map<string, string>();
  const sendBatch = async (kind: SeatWriteKind, batch: Target[], bisect: boolean): Promise<void> => {
    const route = routeOf(writer, kind);
    const targets = batch.map((b) => b.target);
    if (signal?.aborted) {
      result.interrupted ??= interruption(signal).message;
      return notSent(kind, batch, result.interrupted);
    }
    const abort = aborts.get(batch[0]?.org ?? "");
    if (abort) return notSent(kind, batch, abort);
    const org = orgOf(batch);
    const extra = { ...org, ...(bisect ? { bisect } : {}) };
    try {
      const answer = await writer.write(kind, targets, org.org);
      record({ kind, route, targets, ok: true, status: answer.status, count: answer.count, ...extra });
      result.applied.push(...batch);
    } catch (err) {
      if (err instanceof Interrupted) {
        // Stopped while the request was out, before an answer was read: it may have applied.
        result.interrupted ??= err.message;
        const error = `no answer: ${err.message}; it may have been applied (run \`seats plan\` to see)`;
        record({ kind, route, targets, ok: false, error, interrupted: true, ...extra });
        for (const b of batch) result.failures.push({ ...b, error });
        return;
      }
      const status = httpStatus(err);
      const error = errorMessage(err);
      record({ kind, route, targets, ok: false, ...(status ? { status } : {}), error, ...extra });
      const k = org.org ?? "";
      if (status === 422 && !asked.has(k) && opts.explainRejection) {
        asked.add(k);
        const why = await opts.explainRejection(org.org).catch(() => undefined);
        if (why) aborts.set(k, why);
      }
      if (!aborts.has(k) && batch.length > 1 && status !== undefined && CONTENT_ERRORS.has(status)) {
        const mid = Math.ceil(batch.length / 2);
        await sendBatch(kind, batch.slice(0, mid), true);
        await sendBatch(kind, batch.slice(mid), true);
        return;
      }
      for (const b of batch) result.failures.push({ ...b, ...(status ? { status } : {}), error });
    }
  };

  for (const g of writeGroups(plan)) {
    for (const batch of chunk(g.targets, size)) await sendBatch(g.kind, batch, false);
  }
  result.ok = result.failures.length === 0;
  return result;
}
