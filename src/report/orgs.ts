// The report of a repo that manages several orgs (`orgs:` in policy.yaml, docs/enterprise.md).
// Who holds Copilot, and what it costs, is counted per person: GitHub bills a person seated by
// several orgs of one enterprise once, so an idle person in two orgs costs one seat, and only
// removing both saves it (as reclaim counts it). The totals count each person once, their state
// judged over all their seats (active through any org is active, pending only when every seat
// is). Each org's row, and each team's (a team belongs to one org), counts that org's seats as
// its own seat list shows them, and what they would cost alone.
// Pure, like data.ts.
import { loginKey } from "../model/logins.js";
import { personSeats } from "../model/person-seats.js";
import type { Seat } from "../model/live-state.js";
import { orgModel } from "../plan/orgs.js";
import { byLogin, count, emptyTotals, holderRow, type OrgRow, type ReportInput, reportFrame, type SeatHolderRow, type SeatReport, teamRows } from "./data.js";

export interface OrgsReportInput extends Omit<ReportInput, "seats"> {
  /** Each org's seats, in `orgs:` order. */
  orgs: readonly { org: string; seats: readonly Seat[] }[];
}

export function buildOrgsReport(input: OrgsReportInput): SeatReport {
  const now = input.now.getTime();
  const price = input.model.policy.pricing.usd_per_seat_month;
  const { model } = input;

  // Per person: one row, billed once when any seat of theirs is not pending cancellation: GitHub
  // bills a person seated by several orgs of one enterprise once (the orgs of one repo are taken
  // to be one enterprise's, as reclaim's savings count them).
  const rows = input.orgs.flatMap(({ org, seats }) => seats.map((seat) => ({ org, seat })));
  // Grouped once: a filter per person would be quadratic at 100,000 seats.
  const byPerson = new Map<string, typeof rows>();
  for (const r of rows) {
    const k = loginKey(r.seat.login);
    byPerson.set(k, [...(byPerson.get(k) ?? []), r]);
  }
  const holders: SeatHolderRow[] = personSeats(rows.map((r) => r.seat)).map((person) => {
    const mine = byPerson.get(loginKey(person.login)) ?? [];
    const billed = mine.some((r) => !r.seat.pending_cancellation_date) ? 1 : 0;
    return { ...holderRow(person, model, now, price, billed), orgs: mine.map((r) => r.org) };
  });
  holders.sort(byLogin);
  const totals = emptyTotals();
  for (const h of holders) count(totals, h);

  // Per org and per team: that org's seats, each counted under the person's team in that org.
  const orgs: OrgRow[] = [];
  const teams = input.orgs.flatMap(({ org, seats }) => {
    const own = orgModel({ ...model, members: [] }, org);
    const seatRows = seats.map((s) => holderRow(s, own, now, price));
    const t = emptyTotals();
    for (const r of seatRows) count(t, r);
    orgs.push({ org, ...t });
    return teamRows(own.teams, seatRows).map((row) => ({ ...row, org }));
  });
  const { generated_at, org, usd_per_seat_month, savings, reclaims } = reportFrame({ ...input, seats: rows.map((r) => r.seat) });
  return { generated_at, org, usd_per_seat_month, totals, orgs, teams, savings, reclaims, holders };
}
