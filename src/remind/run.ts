// The reminder job: read → schedule (pure) → write, one person at a time.
//
//   1. every seat (the seat reader pages at per_page=100), one per person as reclaim reads them
//      (src/reclaim/read-state.ts: with several orgs, a person idle in every org where they hold
//      a seat is one idle seat, and active in any is active), and the open reminder issues (one
//      labelled, paged list: its cost follows the number of reminders, not the org size);
//   2. schedule (schedule.ts);
//   3. with --confirm: open each new reminder (one POST with labels and assignee; when GitHub
//      refuses the assignee, once more without it: the body @-mentions the person either way),
//      update a reminder whose text changed, close the others with a comment; then the webhook
//      digest, with any an earlier run could not deliver (outbox.ts). Each person's writes are
//      isolated: a failure is reported and the rest go on.
//
// Idempotent: a reminder is found by the marker in its body, so re-running never opens a second
// one; a create whose answer was lost is looked up before it is sent again (issue creation has
// no natural key GitHub could refuse a duplicate on); a close whose comment landed but whose
// state change did not is finished without a second comment.
import { UserError } from "../errors.js";
import { httpStatus, type GitHubClient } from "../github/client.js";
import { listAll } from "../github/read.js";
import type { SeatModel } from "../model/types.js";
import { errorMessage } from "../apply/apply.js";
import { postWebhook } from "../notify/webhook.js";
import type { ReclaimSeat } from "../reclaim/classify.js";
import { isMultiOrg } from "../plan/orgs.js";
import { readPersonSeats, seatsReadText } from "../reclaim/read-state.js";
import { digestsToSend, type Intent, intentOf, OUTBOX_TITLE, outboxBody, outboxDigests, outboxIntent, recoveredDigest, undelivered } from "./outbox.js";
import { CLOSE_MARKER, closeComment, digestText, REMINDER_LABEL, reminderBody, type ReminderContext, reminderLogin, type RemindOutcome, reminderTitle } from "./render.js";
import { type OpenReminder, type Reminder, schedule, type ScheduleOptions, type ScheduleResult } from "./schedule.js";

export interface RemindTarget {
  owner: string;
  repo: string;
  base: string;
}

export interface RemindOptions extends ScheduleOptions {
  model: SeatModel;
  now: Date;
  target: RemindTarget;
  confirm: boolean;
  label?: string;
  portalUrl?: string;
  webhook?: URL;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /**
   * Seats already read (readPersonSeats: with SEATS_REPO_TOKEN the seats are read with another
   * client than the one that writes the issues); otherwise read from GitHub with `client`.
   */
  seats?: { seats: readonly ReclaimSeat[]; from: string };
}

export interface RemindReport extends RemindOutcome {
  plan: ScheduleResult;
  /** Open reminders whose text would change (dry run) or changed. */
  toUpdate: Reminder[];
  /** Digests an earlier run could not deliver, waiting in the outbox issue(s). */
  pendingDigests: number;
  /** `resent`: earlier digests sent with this one; `keptIn`: the outbox issue holding it now. */
  webhook?: { sent: boolean; error?: string; resent?: number; keptIn?: number };
}

/** An open outbox issue (outbox.ts), the digests it holds, and the intent of a run under way or stopped. */
interface OutboxIssue {
  number: number;
  digests: string[];
  intent?: Intent;
}

interface IssueRow {
  number: number;
  title: string;
  body?: string | null;
  comments?: number;
  updated_at?: string;
  pull_request?: unknown;
}

/** The open issues carrying the label: reminders (by their marker) and the digest outbox. */
async function listReminderIssues(client: GitHubClient, t: RemindTarget, label: string, since?: string): Promise<{ reminders: OpenReminder[]; outbox: OutboxIssue[] }> {
  const rows = await listAll<IssueRow>(client, "GET /repos/{owner}/{repo}/issues", { owner: t.owner, repo: t.repo, labels: label, state: "open", ...(since ? { since } : {}) });
  const issues = rows.filter((i) => !i.pull_request);
  return {
    reminders: issues.flatMap((i) => {
      const login = reminderLogin(i.body);
      return login ? [{ number: i.number, login, title: i.title, body: i.body ?? "", comments: i.comments ?? 0 }] : [];
    }),
    outbox: issues.flatMap((i) => {
      const digests = outboxDigests(i.body);
      const intent = outboxIntent(i.body);
      return digests ? [{ number: i.number, digests, ...(intent ? { intent } : {}) }] : [];
    }),
  };
}

/** Open reminder issues carrying the label and a marker (pull requests and other issues ignored). */
export async function listOpenReminders(client: GitHubClient, t: RemindTarget, label: string, since?: string): Promise<OpenReminder[]> {
  return (await listReminderIssues(client, t, label, since)).reminders;
}

function context(opts: RemindOptions): ReminderContext {
  const { policy } = opts.model;
  return {
    repo: `${opts.target.owner}/${opts.target.repo}`,
    base: opts.target.base,
    inactivityDays: policy.inactivity.days,
    remindDays: policy.inactivity.remind_days,
    usdPerSeatMonth: policy.pricing.usd_per_seat_month,
    ...(opts.portalUrl ? { portalUrl: opts.portalUrl } : {}),
  };
}

export async function runRemind(client: GitHubClient, opts: RemindOptions): Promise<RemindReport> {
  const log = opts.log ?? (() => {});
  const { model, target: t } = opts;
  const label = opts.label ?? REMINDER_LABEL;
  const startedAt = new Date().toISOString();
  const read = opts.seats ?? (await readPersonSeats(client, model));
  const { seats, from } = read;
  const { reminders: open, outbox } = await listReminderIssues(client, t, label);
  log(`read ${seatsReadText(read)} and ${open.length} open reminder${open.length === 1 ? "" : "s"}`);
  const plan = schedule(seats, model, model.policy, opts.now, open, isMultiOrg(model.policy) ? { where: `any of ${from}`, ...opts } : opts);
  const ctx = context(opts);
  const toUpdate = plan.keep.filter(({ issue, reminder }) => issue.title !== reminderTitle(reminder) || issue.body !== reminderBody(reminder, ctx)).map((k) => k.reminder);
  // Waiting digests: those the chat refused, and those of runs stopped before their webhook,
  // told from what their intent set out to do and what is open now (outbox.ts).
  const recovered = outbox.flatMap((o) => (o.intent ? (recoveredDigest(o.intent, open, ctx.repo) ?? []) : []));
  const pending = digestsToSend([...outbox.flatMap((o) => o.digests), ...recovered], undefined);
  const report: RemindReport = { plan, toUpdate, pendingDigests: pending.length, created: [], updated: [], closed: [], failed: [] };
  if (!opts.confirm) return report;

  const base = { owner: t.owner, repo: t.repo };
  const stopped = () => opts.signal?.aborted === true;
  const fail = (login: string, action: string, err: unknown) => {
    const error = errorMessage(err);
    report.failed.push({ login, action, error });
    log(`  FAIL  ${action} ${login}: ${error}`);
  };

  // Before the first write that a digest reports: what this run sets out to do, so that a run
  // stopped before its webhook still has its digest sent by the next one.
  let kept = outbox.map((o) => o.number);
  // An intent in the outbox (this run's, or a stopped run's now told as text) must not outlive the run.
  let rewrite = outbox.some((o) => o.intent);
  if (opts.webhook && (plan.create.length || plan.close.length)) {
    rewrite = true;
    const intent = intentOf(opts.now.toISOString(), plan.create, plan.close);
    try {
      kept = [await keepInOutbox(client, t, label, kept, outboxBody(pending, intent)), ...kept.slice(1)];
    } catch (err) {
      log(`warning: the digest could not be recorded before the writes (a run stopped before the webhook would lose it): ${errorMessage(err)}`);
    }
  }

  for (const r of plan.create) {
    if (stopped()) break;
    try {
      await createReminder(client, t, r, label, ctx, startedAt);
      report.created.push(r);
      log(`  opened reminder for ${r.login} (${r.kind}, ${r.reclaim_on})`);
    } catch (err) {
      fail(r.login, "open", err);
    }
  }
  for (const { issue, reminder } of plan.keep) {
    if (stopped()) break;
    if (!toUpdate.includes(reminder)) continue;
    try {
      await client.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { ...base, issue_number: issue.number, title: reminderTitle(reminder), body: reminderBody(reminder, ctx) });
      report.updated.push(reminder);
    } catch (err) {
      fail(reminder.login, `update #${issue.number}`, err);
    }
  }
  for (const c of plan.close) {
    if (stopped()) break;
    try {
      await closeReminder(client, t, c.issue, closeComment(c.reason, c.detail), c.reason === "duplicate" ? "not_planned" : "completed");
      report.closed.push({ issue: c.issue, reason: c.reason });
      log(`  closed reminder #${c.issue.number} for ${c.issue.login} (${c.reason})`);
    } catch (err) {
      fail(c.issue.login, `close #${c.issue.number}`, err);
    }
  }
  if (stopped()) throw new UserError(`stopped after ${report.created.length} opened, ${report.updated.length} updated and ${report.closed.length} closed reminders; re-run \`seats remind --confirm\` to finish`);

  if (opts.webhook) {
    const current = report.created.length || report.closed.length || report.failed.length ? digestText(report, ctx.repo) : undefined;
    const webhook = await deliverDigest(client, opts, label, { kept, pending, rewrite }, current);
    if (webhook) report.webhook = webhook;
    if (webhook?.error) log(`warning: ${webhook.error}`);
  }
  return report;
}

/** Writes `body` into the first outbox issue, or opens one; its number. */
async function keepInOutbox(client: GitHubClient, t: RemindTarget, label: string, kept: readonly number[], body: string): Promise<number> {
  const base = { owner: t.owner, repo: t.repo };
  if (kept[0] !== undefined) {
    await client.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { ...base, issue_number: kept[0], body });
    return kept[0];
  }
  const { data } = await client.request("POST /repos/{owner}/{repo}/issues", { ...base, title: OUTBOX_TITLE, body, labels: [label] });
  return data.number;
}

/**
 * Sends this run's digest and those waiting (outbox.ts) in one POST. Delivered: the outbox
 * issues are closed. Not delivered: this run's digest joins the outbox (one issue, created or
 * updated), so the next run sends it again; a digest already there stays there.
 */
async function deliverDigest(
  client: GitHubClient,
  opts: RemindOptions,
  label: string,
  box: { kept: readonly number[]; pending: readonly string[]; rewrite: boolean },
  current: string | undefined,
): Promise<RemindReport["webhook"]> {
  const { kept, pending } = box;
  const digests = digestsToSend(pending, current);
  const base = { owner: opts.target.owner, repo: opts.target.repo };
  const closeAll = async () => {
    for (const n of kept) await client.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { ...base, issue_number: n, state: "closed", state_reason: "completed" });
  };
  if (!digests.length || !opts.webhook) {
    // An intent whose run did nothing: nothing to send, nothing to keep (a failed close is
    // retried by the next run, which finds the same empty outbox).
    if (box.rewrite) await closeAll().catch(() => undefined);
    return undefined;
  }
  const error = await postWebhook(opts.webhook, { text: digests.join("\n\n"), summary: "Copilot seat reminders" }, opts.signal);
  if (!error) {
    try {
      await closeAll();
    } catch (err) {
      return { sent: true, resent: pending.length, error: `the digest was delivered, but its outbox issue could not be closed (the next run sends it again): ${errorMessage(err)}` };
    }
    return { sent: true, resent: pending.length };
  }
  // Nothing new to keep: the outbox already holds exactly these digests (no write).
  if (!current && !box.rewrite) return { sent: false, error, keptIn: kept[0]! };
  try {
    // What waits from now on: plain digests, the intent done with (a recovered digest is kept as text).
    return { sent: false, error, keptIn: await keepInOutbox(client, opts.target, label, kept, outboxBody(digests.map((d) => (d === current ? undelivered(d, opts.now) : d)))) };
  } catch (err) {
    return { sent: false, error: `${error}; the digest could not be kept for the next run either: ${errorMessage(err)}` };
  }
}

/**
 * Opens one reminder. The POST is not retried blindly: when its answer is lost (a dropped
 * connection, a 5xx after GitHub may have created it), the open reminders touched since the run
 * started are listed first, and the create is sent again only when none is there.
 */
async function createReminder(client: GitHubClient, t: RemindTarget, r: Reminder, label: string, ctx: ReminderContext, since: string): Promise<void> {
  const params = { owner: t.owner, repo: t.repo, title: reminderTitle(r), body: reminderBody(r, ctx), labels: [label], request: { retries: 0 } };
  const send = async () => {
    try {
      await client.request("POST /repos/{owner}/{repo}/issues", { ...params, assignees: [r.login] });
    } catch (err) {
      // The person cannot be assigned (not a collaborator): the body's @-mention notifies them.
      if (httpStatus(err) !== 422) throw err;
      await client.request("POST /repos/{owner}/{repo}/issues", params);
    }
  };
  try {
    await send();
  } catch (err) {
    const status = httpStatus(err);
    if (status !== undefined && status < 500) throw err;
    const landed = (await listOpenReminders(client, t, label, since)).some((i) => i.login.toLowerCase() === r.login.toLowerCase());
    if (!landed) await send();
  }
}

/**
 * Comments (unless a closing comment is already there) and closes. Like the create, the comment
 * is not retried blindly: after a lost answer the comments are read before it is sent again.
 */
async function closeReminder(client: GitHubClient, t: RemindTarget, issue: OpenReminder, body: string, reason: "completed" | "not_planned"): Promise<void> {
  const base = { owner: t.owner, repo: t.repo, issue_number: issue.number };
  const commented = async () =>
    (await listAll<{ body?: string }>(client, "GET /repos/{owner}/{repo}/issues/{issue_number}/comments", base)).some((c) => c.body?.startsWith(CLOSE_MARKER));
  if (issue.comments === 0 || !(await commented())) {
    try {
      await client.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...base, body, request: { retries: 0 } });
    } catch (err) {
      const status = httpStatus(err);
      if (status !== undefined && status < 500) throw err;
      if (!(await commented())) await client.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...base, body });
    }
  }
  await client.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { ...base, state: "closed", state_reason: reason });
}
