// The numbers of `seats report` and of the portal's admin page (docs/portal.md): who holds a
// seat, how recently they used it, what that costs a month, per team, and what merged reclaims
// have saved over time. Pure: the seats, the model and the reclaim events come in as values, so
// the CLI (which reads git history and audit files) and the portal (which reads the API) share it.
import type { Seat } from "../github/read.js";
import type { SeatModel } from "../model/types.js";
import { DAY_MS, parseInstant } from "../reclaim/time.js";

/** How one seat is doing, in the order the report lists the states. */
export const SEAT_STATES = ["active_7", "active_30", "idle", "never_used", "pending"] as const;
export type SeatState = (typeof SEAT_STATES)[number];

export const STATE_LABELS: Record<SeatState, string> = {
  active_7: "active in the last 7 days",
  active_30: "active 8 to 30 days ago",
  idle: "idle more than 30 days",
  never_used: "never used",
  pending: "pending cancellation",
};

/** Seats with no team in the repo (granted outside it, or declared nowhere) are grouped here. */
export const NO_TEAM = "(no team)";

export interface SeatHolderRow {
  login: string;
  /** The team the seat is counted under (see `primaryTeam`). */
  team: string;
  state: SeatState;
  last_activity_at: string | null;
  last_activity_editor: string | null;
  created_at: string;
  pending_cancellation_date: string | null;
  /** Whole days since the last activity (or since the seat was created, when never used). */
  idle_days: number;
  monthly_cost_usd: number;
  /** With several orgs: the orgs where the person holds a seat (each bills it). */
  orgs?: string[];
}

export interface Totals {
  seats: number;
  /** Active in the last 7 days (a subset of active_30). */
  active_7: number;
  /** Active in the last 30 days, the 7-day ones included. */
  active_30: number;
  /** Used once, but not in the last 30 days. */
  idle: number;
  never_used: number;
  pending: number;
  /** Billed seats (every seat not pending cancellation) × the price. */
  monthly_cost_usd: number;
}

export interface TeamRow extends Totals {
  team: string;
  /** With several orgs (`orgs:`): the org the team belongs to; its row counts that org's seats. */
  org?: string;
}

/** With several orgs: one org's seats, as that org's seat list shows them (what they would cost alone). */
export interface OrgRow extends Totals {
  org: string;
}

/** Seats a merged reclaim PR removed (from the repository's history, confirmed by audit records). */
export interface ReclaimEvent {
  /** When the seats were reclaimed: the audit record's finish, else the commit's date. */
  at: string;
  logins: string[];
  /** `applied`: an audit record shows the cancellations succeeded; `merged`: history only. */
  source: "applied" | "merged";
  /** The commit (history) or the workflow run (audit) it came from. */
  ref: string;
}

export interface SavingsMonth {
  /** `YYYY-MM`. */
  month: string;
  /** Seats reclaimed in that month. */
  reclaimed: number;
  /** Monthly savings of the seats reclaimed that month. */
  savings_usd: number;
  /** Monthly savings of every seat reclaimed up to the end of that month (the run rate). */
  run_rate_usd: number;
  /** Sum of the run rates of the months before this one: what reclaims have saved so far. */
  saved_to_date_usd: number;
}

export interface SeatReport {
  generated_at: string;
  org: string;
  usd_per_seat_month: number;
  /**
   * Over every seat holder. With several orgs (`orgs`), a person counts once (`seats` is the
   * number of people, their state judged over all their seats) and `monthly_cost_usd` is what the
   * orgs bill: a seat in each org where the person holds one (src/report/orgs.ts).
   */
  totals: Totals;
  /** With several orgs: each org's seats, in `orgs:` order. */
  orgs?: OrgRow[];
  teams: TeamRow[];
  savings: SavingsMonth[];
  reclaims: ReclaimEvent[];
  holders: SeatHolderRow[];
}

export interface ReportInput {
  seats: readonly Seat[];
  model: Pick<SeatModel, "teams" | "policy">;
  now: Date;
  reclaims?: readonly ReclaimEvent[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The state of one seat at `now`; pending wins over activity (the seat is already leaving). */
export function seatState(seat: Pick<Seat, "last_activity_at" | "pending_cancellation_date">, now: number): SeatState {
  if (seat.pending_cancellation_date) return "pending";
  const last = parseInstant(seat.last_activity_at);
  if (last === undefined) return "never_used";
  const age = now - last;
  if (age <= 7 * DAY_MS) return "active_7";
  if (age <= 30 * DAY_MS) return "active_30";
  return "idle";
}

/**
 * The one team a seat is counted under, so per-team rows add up to the totals: the team that
 * assigns it (a `copilot: team` grant), else the first seat-granting team (by slug) holding the
 * person's member file, else the first `copilot: none` team declaring them, else NO_TEAM.
 */
export function primaryTeam(seat: Pick<Seat, "login" | "assigning_team">, model: Pick<SeatModel, "teams">): string {
  if (seat.assigning_team) return seat.assigning_team;
  const login = seat.login.toLowerCase();
  const holding = model.teams.filter((t) => t.members.some((m) => m.login.toLowerCase() === login));
  const granting = holding.find((t) => t.copilot !== "none");
  return (granting ?? holding[0])?.slug ?? NO_TEAM;
}

export function emptyTotals(): Totals {
  return { seats: 0, active_7: 0, active_30: 0, idle: 0, never_used: 0, pending: 0, monthly_cost_usd: 0 };
}

export function count(t: Totals, row: Pick<SeatHolderRow, "state" | "monthly_cost_usd">): void {
  t.seats++;
  if (row.state === "active_7") t.active_7++;
  if (row.state === "active_7" || row.state === "active_30") t.active_30++;
  if (row.state === "idle") t.idle++;
  if (row.state === "never_used") t.never_used++;
  if (row.state === "pending") t.pending++;
  t.monthly_cost_usd = round2(t.monthly_cost_usd + row.monthly_cost_usd);
}

/** Month by month from the first reclaim to `now`, months without a reclaim included. */
export function savingsByMonth(events: readonly ReclaimEvent[], price: number, now: Date): SavingsMonth[] {
  const perMonth = new Map<string, Set<string>>();
  // A login reclaimed twice (it came back and went idle again) counts each time it was reclaimed.
  for (const e of events) {
    const month = e.at.slice(0, 7);
    const set = perMonth.get(month) ?? new Set<string>();
    for (const l of e.logins) set.add(`${l.toLowerCase()}@${e.ref}`);
    perMonth.set(month, set);
  }
  const months = [...perMonth.keys()].sort();
  if (!months.length) return [];
  const last = now.toISOString().slice(0, 7);
  const out: SavingsMonth[] = [];
  let seats = 0;
  let saved = 0;
  for (let m = months[0]!; m <= (last > months.at(-1)! ? last : months.at(-1)!); m = nextMonth(m)) {
    const reclaimed = perMonth.get(m)?.size ?? 0;
    out.push({
      month: m,
      reclaimed,
      savings_usd: round2(reclaimed * price),
      run_rate_usd: round2((seats + reclaimed) * price),
      saved_to_date_usd: round2(saved),
    });
    // Seats reclaimed in a month stop being billed from the next cycle on.
    seats += reclaimed;
    saved += seats * price;
  }
  return out;
}

function nextMonth(m: string): string {
  const [y, mo] = m.split("-").map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
}

/**
 * The reclaim events without the people the last check before revocation kept (docs/lifecycle.md).
 * A login of a merged reclaim that no audit record shows cancelled, whose seat is still live, not
 * pending cancellation and older than the reclaim, was never cancelled: no saving (nor is a
 * merged reclaim whose apply has not run yet). A seat created after the reclaim is a new grant,
 * so the old one was saved; an audited cancellation ("applied") is a saving whatever came after.
 */
export function withoutKept(events: readonly ReclaimEvent[], seats: readonly Pick<Seat, "login" | "created_at" | "pending_cancellation_date">[]): ReclaimEvent[] {
  const live = new Map(seats.filter((s) => !s.pending_cancellation_date).map((s) => [s.login.toLowerCase(), s]));
  const out: ReclaimEvent[] = [];
  for (const e of events) {
    const at = parseInstant(e.at) ?? Infinity;
    const kept = (login: string) => {
      const s = live.get(login.toLowerCase());
      return e.source === "merged" && s !== undefined && (parseInstant(s.created_at) ?? -Infinity) < at;
    };
    const logins = e.logins.filter((l) => !kept(l));
    if (logins.length) out.push(logins.length === e.logins.length ? e : { ...e, logins });
  }
  return out;
}

/** One seat holder's row; `seats` is how many seats the orgs bill for them (one in a single org). */
export function holderRow(s: Seat, model: Pick<SeatModel, "teams">, now: number, price: number, seats = 1): SeatHolderRow {
  const state = seatState(s, now);
  const since = parseInstant(s.last_activity_at) ?? parseInstant(s.created_at) ?? now;
  return {
    login: s.login,
    team: primaryTeam(s, model),
    state,
    last_activity_at: s.last_activity_at,
    last_activity_editor: s.last_activity_editor,
    created_at: s.created_at,
    pending_cancellation_date: s.pending_cancellation_date,
    idle_days: Math.max(0, Math.floor((now - since) / DAY_MS)),
    // A pending seat is billed to the end of its cycle, but not in the monthly run rate.
    monthly_cost_usd: state === "pending" ? 0 : round2(price * seats),
  };
}

export const byLogin = (a: { login: string }, b: { login: string }) => a.login.toLowerCase().localeCompare(b.login.toLowerCase());

/**
 * Per-team totals of `rows` (each counted under its `team`). Every declared seat-granting team of
 * `teams` gets a row, even with no seats yet (a new team shows as 0). Most seats first.
 */
export function teamRows(teams: Pick<SeatModel, "teams">["teams"], rows: readonly Pick<SeatHolderRow, "team" | "state" | "monthly_cost_usd">[]): TeamRow[] {
  const byTeam = new Map<string, Totals>();
  for (const t of teams) if (t.copilot !== "none") byTeam.set(t.slug, emptyTotals());
  for (const row of rows) {
    const t = byTeam.get(row.team) ?? emptyTotals();
    count(t, row);
    byTeam.set(row.team, t);
  }
  return [...byTeam]
    .map(([team, t]) => ({ team, ...t }))
    .sort((a, b) => b.seats - a.seats || (a.team === NO_TEAM ? 1 : b.team === NO_TEAM ? -1 : a.team.localeCompare(b.team)));
}

/** The parts of a report that do not depend on how seats are counted. */
export function reportFrame(input: Pick<ReportInput, "model" | "now" | "reclaims" | "seats">): Pick<SeatReport, "generated_at" | "org" | "usd_per_seat_month" | "savings" | "reclaims"> {
  const price = input.model.policy.pricing.usd_per_seat_month;
  // Every org's seats: a person the last check kept anywhere is no saving.
  const reclaims = withoutKept(input.reclaims ?? [], input.seats).sort((a, b) => a.at.localeCompare(b.at));
  return { generated_at: input.now.toISOString(), org: input.model.policy.org, usd_per_seat_month: price, savings: savingsByMonth(reclaims, price, input.now), reclaims };
}

export function buildReport(input: ReportInput): SeatReport {
  const now = input.now.getTime();
  const price = input.model.policy.pricing.usd_per_seat_month;
  const holders = input.seats.map((s) => holderRow(s, input.model, now, price)).sort(byLogin);
  const totals = emptyTotals();
  for (const row of holders) count(totals, row);
  const { generated_at, org, usd_per_seat_month, savings, reclaims } = reportFrame(input);
  return { generated_at, org, usd_per_seat_month, totals, teams: teamRows(input.model.teams, holders), savings, reclaims, holders };
}
