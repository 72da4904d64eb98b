// classify: which Copilot seats are reclaimable, and why. Pure: seats, model, policy
// and `now` in, one decision per seat out; no clock, no I/O, no Octokit.
//
// A seat is reclaimable when it exists on GitHub, is not pending cancellation, is older than
// `new_seat_grace_days` (by created_at), its login is not exempt (an exemption holds through its
// `until` date, inclusive), and either its last activity (or, with none, its created_at) is more
// than `inactivity.days` before now, or its member files have expired.
//
// Choices the spec leaves open, made here once:
// - "more than N days" is exact instant arithmetic: now − t > N × 24 h (see time.ts).
// - "older than the grace period" likewise: now − created_at > grace × 24 h; exactly the grace
//   period old is still protected.
// - `expires` is reclaimable "from this date on": on the expires date itself (UTC).
// - A person with several seat-granting member files is expired only when every one of them
//   carries an `expires` that is today or earlier: one open-ended declaration still justifies
//   the seat.
// - A timestamp in the future (clock skew, bad data) counts as "now": never idle, still new.
// - Logins are compared case-insensitively; a seat is matched to member files by login.
import { compareLogins, loginKey } from "../model/logins.js";
import { seatHolders } from "../model/seat-holders.js";
import type { Seat } from "../model/live-state.js";
import type { MemberDecl, ResolvedPolicy, SeatModel, TeamDecl } from "../model/types.js";
import { dateOnly, moreThanDaysBefore, parseInstant, utcDate, wholeDaysBetween } from "./time.js";

/** The fields of a Copilot seat that reclaim reads (a subset of the seat reader's type). */
/**
 * The seat fields reclaim reads: the live-state `Seat` (src/model/live-state.ts), with the fields
 * older fixtures and servers may omit made optional.
 */
export type ReclaimSeat = Pick<Seat, "login" | "created_at"> &
  Partial<Pick<Seat, "assigning_team" | "last_activity_at" | "last_activity_editor" | "pending_cancellation_date" | "plan_type">>;

export type ReclaimReason =
  /** Used Copilot, but not for more than `inactivity.days`. */
  | "inactive"
  /** Never used Copilot, and the seat is more than `inactivity.days` old. */
  | "never-used"
  /** Every seat-granting member file has an `expires` date that is today or earlier. */
  | "expired"
  /** Not an org member any more (departed.ts): every member file goes, in every team. */
  | "left-org";

export type KeepReason =
  /** Used within `inactivity.days` (and not expired). */
  | "active"
  /** Younger than `new_seat_grace_days` by created_at. */
  | "new-seat"
  /** An `inactivity.exempt` entry whose `until` is today or later. */
  | "exempt"
  /** Already leaving at the end of the billing cycle; nothing to propose. */
  | "pending-cancellation"
  /** No member file in a team that grants seats: `seats apply` handles undeclared seats. */
  | "undeclared";

export interface SeatDecision {
  /** Login as GitHub shows it. */
  login: string;
  reclaim: boolean;
  reason: ReclaimReason | KeepReason;
  /** One sentence explaining the reason, with the numbers. */
  detail: string;
  /** Member files that reclaiming deletes (seat-granting teams only); empty when kept. */
  files: string[];
  /** Slugs of the seat-granting teams the login has member files in, sorted. */
  teams: string[];
  /** Team slug granting the seat on GitHub (selected_teams), if any. */
  assigning_team: string | null;
  /** True when some deleted file is in a `copilot: team` team (membership removal frees the seat). */
  team_mode: boolean;
  /** Those `copilot: team` teams, sorted. */
  team_mode_teams: string[];
  created_at: string;
  last_activity_at: string | null;
  last_activity_editor: string | null;
  /** Whole days since the last activity, or since created_at when there is none. */
  days_idle: number;
  /** The latest `expires` of the login's seat-granting files, when every one of them has one. */
  expires: string | null;
  /** The exemption that protects the seat, when reason is "exempt". */
  exemption?: { reason: string; until: string };
}

export interface ClassifyResult {
  /** One per seat, sorted by login (case-insensitively). */
  decisions: SeatDecision[];
  /** The reclaimable subset, same order. */
  reclaim: SeatDecision[];
}

export type ClassifyPolicy = Pick<ResolvedPolicy, "inactivity">;

/**
 * Member files by login key that grant a seat (the model's one definition, model/seat-holders.ts):
 * files in `copilot: users` teams, and files anywhere under a `copilot: team` team (a child team
 * of any mode included: GitHub counts its members as the parent's). `team` is the team that
 * grants the seat (for a nested file, the `copilot: team` ancestor). Maintainer-only grants have
 * no file and are not listed.
 */
export function seatGrantingFiles(model: Pick<SeatModel, "teams">): Map<string, { member: MemberDecl; team: TeamDecl }[]> {
  const bySlug = new Map(model.teams.map((t) => [t.slug, t]));
  const byLogin = new Map<string, { member: MemberDecl; team: TeamDecl }[]>();
  for (const h of seatHolders(model)) {
    const seen = new Set<string>();
    const list: { member: MemberDecl; team: TeamDecl }[] = [];
    for (const g of h.grants) {
      const team = bySlug.get(g.team);
      if (!g.member || !team || seen.has(`${g.member.file}\0${team.slug}`)) continue;
      seen.add(`${g.member.file}\0${team.slug}`);
      list.push({ member: g.member, team });
    }
    if (list.length) byLogin.set(loginKey(h.login), list);
  }
  return byLogin;
}

export function classify(
  seats: readonly ReclaimSeat[],
  model: Pick<SeatModel, "teams">,
  policy: ClassifyPolicy,
  now: Date,
): ClassifyResult {
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new TypeError("classify: `now` is not a valid date");
  const today = utcDate(nowMs);
  const { days, new_seat_grace_days: graceDays, exempt } = policy.inactivity;
  const files = seatGrantingFiles(model);

  const decisions = seats.map((seat): SeatDecision => {
    const key = loginKey(seat.login);
    const declared = (files.get(key) ?? []).slice().sort((a, b) => (a.member.file < b.member.file ? -1 : 1));
    const created = parseInstant(seat.created_at);
    const lastActivity = parseInstant(seat.last_activity_at);
    // Future timestamps count as now (never idle, still new).
    const createdMs = created === undefined ? undefined : Math.min(created, nowMs);
    const activityMs = lastActivity === undefined ? undefined : Math.min(lastActivity, nowMs);
    const idleSince = activityMs ?? createdMs;
    const allExpire = declared.length > 0 && declared.every((d) => d.member.expires !== undefined);
    const expires = allExpire
      ? declared.map((d) => dateOnly(d.member.expires!)).reduce((a, b) => (a > b ? a : b))
      : null;

    const base = {
      login: seat.login,
      teams: [...new Set(declared.map((d) => d.team.slug))].sort(),
      assigning_team: seat.assigning_team ?? null,
      created_at: seat.created_at,
      last_activity_at: seat.last_activity_at ?? null,
      last_activity_editor: seat.last_activity_editor ?? null,
      days_idle: idleSince === undefined ? 0 : wholeDaysBetween(idleSince, nowMs),
      expires,
    };
    const keep = (reason: KeepReason, detail: string, extra: Partial<SeatDecision> = {}): SeatDecision => ({
      ...base,
      reclaim: false,
      reason,
      detail,
      files: [],
      team_mode: false,
      team_mode_teams: [],
      ...extra,
    });
    const teamMode = [...new Set(declared.filter((d) => d.team.copilot === "team").map((d) => d.team.slug))].sort();
    const reclaim = (reason: ReclaimReason, detail: string): SeatDecision => ({
      ...base,
      reclaim: true,
      reason,
      detail,
      files: declared.map((d) => d.member.file),
      team_mode: teamMode.length > 0,
      team_mode_teams: teamMode,
    });

    if (seat.pending_cancellation_date) {
      return keep("pending-cancellation", `already pending cancellation (seat ends ${seat.pending_cancellation_date})`);
    }
    if (declared.length === 0) {
      return keep("undeclared", "no member file in a team that grants seats; `seats apply` handles undeclared seats");
    }
    if (createdMs === undefined) {
      // Without a creation date the grace period cannot be checked: keep, and say so.
      return keep("new-seat", `created_at "${seat.created_at}" is not a date; kept to be safe`);
    }
    if (!moreThanDaysBefore(createdMs, nowMs, graceDays)) {
      return keep("new-seat", `seat created ${utcDate(createdMs)}, within the ${graceDays}-day grace period for new seats`);
    }
    const exemption = exempt
      .filter((e) => loginKey(e.login) === key && dateOnly(e.until) >= today)
      .sort((a, b) => (a.until > b.until ? -1 : 1))[0];
    if (exemption) {
      return keep("exempt", `exempt until ${dateOnly(exemption.until)}: ${exemption.reason}`, {
        exemption: { reason: exemption.reason, until: dateOnly(exemption.until) },
      });
    }
    if (expires !== null && expires <= today) {
      return reclaim("expired", `member file${declared.length > 1 ? "s" : ""} expired on ${expires}`);
    }
    if (activityMs !== undefined) {
      if (moreThanDaysBefore(activityMs, nowMs, days)) {
        return reclaim("inactive", `no Copilot activity for ${base.days_idle} days (limit ${days})`);
      }
      return keep("active", `last Copilot activity ${base.days_idle} day${base.days_idle === 1 ? "" : "s"} ago`);
    }
    if (moreThanDaysBefore(createdMs, nowMs, days)) {
      return reclaim("never-used", `never used Copilot in the ${base.days_idle} days since the seat was created (limit ${days})`);
    }
    return keep("active", `not used yet, seat created ${base.days_idle} days ago (limit ${days})`);
  });

  decisions.sort((a, b) => compareLogins(a.login, b.login));
  return { decisions, reclaim: decisions.filter((d) => d.reclaim) };
}

/** Every member file to delete, sorted and unique. */
export function filesToDelete(decisions: readonly SeatDecision[]): string[] {
  return [...new Set(decisions.filter((d) => d.reclaim).flatMap((d) => d.files))].sort();
}
