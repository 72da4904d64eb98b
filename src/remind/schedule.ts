// schedule: who gets a reminder before their seat is reclaimed, and which open reminders close.
// Pure: seats, model, policy, now and the open reminder issues in; one list of actions out.
//
// Rules (README, "Reminders"; docs/lifecycle.md):
// - a seat is reminded when it is not reclaimable yet (classify keeps it as "active") and its
//   idle time (since the last activity, or since created_at when never used) is more than
//   `inactivity.remind_days` (exact instant arithmetic, as reclaim uses), or when every one of the
//   person's seat-granting member files carries an `expires` date within `expiryNoticeDays`;
// - exempt, pending-cancellation, new and undeclared seats are never reminded;
// - one open reminder per person: a second one (a duplicate left by a lost response) is closed;
// - an open reminder closes when the person is active again (or the seat was renewed), exempted,
//   or the seat is being reclaimed (pending cancellation, gone, or its member file removed).
//   While the seat is reclaimable but the reclaim PR is not merged yet, the reminder stays open.
import { loginKey } from "../model/logins.js";
import type { ResolvedPolicy, SeatModel } from "../model/types.js";
import { classify, type ReclaimSeat, type SeatDecision } from "../reclaim/classify.js";
import { DAY_MS, parseInstant, utcDate } from "../reclaim/time.js";

/** Expiry reminders start this many days before a member file's `expires` date (by default). */
export const DEFAULT_EXPIRY_NOTICE_DAYS = 14;

export type ReminderKind = "idle" | "expiry";

/** What a reminder says; everything in it is stable from day to day while nothing changes. */
export interface Reminder {
  login: string;
  kind: ReminderKind;
  /** UTC date from which the seat is reclaimable unless something changes. */
  reclaim_on: string;
  last_activity_at: string | null;
  created_at: string;
  /** The latest `expires` of the person's member files, when every one has one. */
  expires: string | null;
  teams: string[];
  files: string[];
}

/** An open reminder issue, as read back from GitHub. */
export interface OpenReminder {
  number: number;
  login: string;
  title: string;
  body: string;
  /** Comment count on the issue (a closing comment may already be there after a failed run). */
  comments: number;
}

export type CloseReason = "active" | "exempt" | "reclaimed" | "duplicate";

export interface ScheduleResult {
  /** Reminders to open (nobody has an open one). */
  create: Reminder[];
  /** Open reminders whose wanted content is `reminder` (the caller updates them when it changed). */
  keep: { issue: OpenReminder; reminder: Reminder }[];
  /** Open reminders to close, with why. */
  close: { issue: OpenReminder; reason: CloseReason; detail: string }[];
  /** Open reminders of people whose seat is reclaimable now: left open, the reclaim PR lists them. */
  reclaimable: OpenReminder[];
}

export type SchedulePolicy = Pick<ResolvedPolicy, "inactivity">;

export interface ScheduleOptions {
  expiryNoticeDays?: number;
  /** Where seats are held, for the closing comment (default "this organization"; several orgs name them). */
  where?: string;
}

/** The instant from which the seat is reclaimable for idleness (strictly after this instant). */
function idleDeadline(d: SeatDecision, policy: SchedulePolicy): number | undefined {
  const created = parseInstant(d.created_at);
  const idleSince = parseInstant(d.last_activity_at) ?? created;
  if (idleSince === undefined || created === undefined) return undefined;
  return Math.max(idleSince + policy.inactivity.days * DAY_MS, created + policy.inactivity.new_seat_grace_days * DAY_MS);
}

/** Why a kept seat is reminded, or undefined when it is not. */
export function reminderFor(d: SeatDecision, policy: SchedulePolicy, now: Date, opts: ScheduleOptions = {}): Reminder | undefined {
  if (d.reclaim || d.reason !== "active") return undefined;
  const nowMs = now.getTime();
  const created = parseInstant(d.created_at);
  const idleSince = parseInstant(d.last_activity_at) ?? created;
  const deadline = idleDeadline(d, policy);
  const idle = idleSince !== undefined && nowMs - Math.min(idleSince, nowMs) > policy.inactivity.remind_days * DAY_MS;
  const noticeDays = opts.expiryNoticeDays ?? DEFAULT_EXPIRY_NOTICE_DAYS;
  const today = utcDate(nowMs);
  const expiring = d.expires !== null && d.expires > today && d.expires <= utcDate(nowMs + noticeDays * DAY_MS);
  if (!idle && !expiring) return undefined;
  // Reclaimable "more than N days" after idleSince: from the day after the deadline instant when
  // it falls exactly on midnight, else from the deadline's own date (reclaim runs nightly).
  const idleOn = deadline === undefined ? undefined : utcDate(deadline + 1);
  const byIdle = idle ? idleOn : undefined;
  const byExpiry = expiring ? d.expires! : undefined;
  const kind: ReminderKind = byExpiry !== undefined && (byIdle === undefined || byExpiry <= byIdle) ? "expiry" : "idle";
  return {
    login: d.login,
    kind,
    reclaim_on: (kind === "expiry" ? byExpiry : byIdle)!,
    last_activity_at: d.last_activity_at,
    created_at: d.created_at,
    expires: d.expires,
    teams: d.teams,
    files: [],
  };
}

export function schedule(
  seats: readonly ReclaimSeat[],
  model: Pick<SeatModel, "teams">,
  policy: SchedulePolicy,
  now: Date,
  open: readonly OpenReminder[],
  opts: ScheduleOptions = {},
): ScheduleResult {
  const { decisions } = classify(seats, model, policy, now);
  const byLogin = new Map(decisions.map((d) => [loginKey(d.login), d]));
  const result: ScheduleResult = { create: [], keep: [], close: [], reclaimable: [] };

  // One open reminder per person: the oldest stays, later ones are duplicates.
  const openBy = new Map<string, OpenReminder>();
  for (const issue of [...open].sort((a, b) => a.number - b.number)) {
    const k = loginKey(issue.login);
    const first = openBy.get(k);
    if (first) result.close.push({ issue, reason: "duplicate", detail: `a duplicate of #${first.number}` });
    else openBy.set(k, issue);
  }

  for (const d of decisions) {
    const k = loginKey(d.login);
    const issue = openBy.get(k);
    const want = reminderFor(d, policy, now, opts);
    if (want) {
      const files = seatFiles(model, k);
      const reminder = { ...want, files };
      if (issue) result.keep.push({ issue, reminder });
      else result.create.push(reminder);
      continue;
    }
    if (!issue) continue;
    if (d.reclaim) {
      result.reclaimable.push(issue);
      continue;
    }
    result.close.push(closeFor(d, issue));
  }
  // Open reminders of people who hold no seat any more: the seat ended.
  for (const [k, issue] of openBy) {
    if (!byLogin.has(k)) result.close.push({ issue, reason: "reclaimed", detail: `you no longer hold a Copilot seat in ${opts.where ?? "this organization"}` });
  }
  result.close.sort((a, b) => a.issue.number - b.issue.number);
  return result;
}

function closeFor(d: SeatDecision, issue: OpenReminder): ScheduleResult["close"][number] {
  switch (d.reason) {
    case "exempt":
      return { issue, reason: "exempt", detail: d.detail };
    case "pending-cancellation":
      return { issue, reason: "reclaimed", detail: `your seat was cancelled (${d.detail})` };
    case "undeclared":
      return { issue, reason: "reclaimed", detail: "your member file was removed from the seat repository" };
    case "new-seat":
      return { issue, reason: "active", detail: "your seat was renewed" };
    default:
      return { issue, reason: "active", detail: d.last_activity_at ? `GitHub saw you use Copilot on ${d.last_activity_at.slice(0, 10)}` : d.detail };
  }
}

function seatFiles(model: Pick<SeatModel, "teams">, key: string): string[] {
  return model.teams
    .filter((t) => t.copilot !== "none")
    .flatMap((t) => t.members.filter((m) => loginKey(m.login) === key).map((m) => m.file))
    .sort();
}
