// `seats report` output: Markdown with Mermaid charts (GitHub renders them in a job summary, an
// issue or a PR), JSON (the whole report), and CSV (one row per seat holder, for a spreadsheet).
import { NO_TEAM, type SeatReport, SEAT_STATES, STATE_LABELS, type Totals } from "./data.js";

export const REPORT_FORMATS = ["markdown", "json", "csv"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function usd(n: number): string {
  return `$${n.toLocaleString("en-US", { minimumFractionDigits: n % 1 ? 2 : 0, maximumFractionDigits: 2 })}`;
}

/** A Markdown table cell: no pipe or line break can break the table. */
function cell(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");
}

/** A Mermaid string literal (Mermaid has no escape for `"`, so it becomes `'`). */
function mq(s: string): string {
  return `"${s.replace(/"/g, "'").replace(/[\r\n]+/g, " ")}"`;
}

function totalsRow(label: string, t: Totals): string {
  return `| ${cell(label)} | ${t.seats} | ${t.active_7} | ${t.active_30} | ${t.idle} | ${t.never_used} | ${t.pending} | ${usd(t.monthly_cost_usd)} |`;
}

const TABLE_HEAD = (unit: string) => [`| | ${unit} | active 7 days | active 30 days | idle | never used | pending | monthly cost |`, "|---|---:|---:|---:|---:|---:|---:|---:|"];

function generated(r: SeatReport): string {
  return `Generated ${r.generated_at.slice(0, 16).replace("T", " ")} UTC.`;
}

/** The heading and tables of one org's report: seats, per team. */
function singleOrgHead(r: SeatReport): string[] {
  const t = r.totals;
  return [
    `## Copilot seats in ${cell(r.org)}`,
    "",
    `${t.seats} seat${t.seats === 1 ? "" : "s"}, ${usd(t.monthly_cost_usd)} a month at ${usd(r.usd_per_seat_month)} per seat ` +
      `(seats pending cancellation are not counted in the monthly cost). ${generated(r)}`,
    "",
    ...TABLE_HEAD("seats"),
    totalsRow("**all**", t),
    ...r.teams.map((row) => totalsRow(row.team, row)),
  ];
}

/** Several orgs: people once (billed once), then each org's seats and its teams. */
function orgsHead(r: SeatReport, orgs: NonNullable<SeatReport["orgs"]>): string[] {
  const t = r.totals;
  const seats = orgs.reduce((n, o) => n + o.seats, 0);
  return [
    `## Copilot seats in ${orgs.map((o) => cell(o.org)).join(", ")}`,
    "",
    `${t.seats} ${t.seats === 1 ? "person holds" : "people hold"} ${seats} seat${seats === 1 ? "" : "s"} in ${orgs.length} organizations, ` +
      `${usd(t.monthly_cost_usd)} a month at ${usd(r.usd_per_seat_month)} per seat (a person seated by several organizations of one enterprise is billed once; ` +
      `seats pending cancellation are not counted in the monthly cost). ${generated(r)}`,
    "",
    ...TABLE_HEAD("people"),
    totalsRow("**all**", t),
    "",
    "A person counts once, by their latest activity in any organization (pending: every seat of theirs is); " +
      "their monthly cost is one seat, however many organizations seat them (GitHub bills them once, through one of those organizations). " +
      "Each organization's row below shows the seats it grants and what they would cost alone.",
    "",
    ...TABLE_HEAD("seats"),
    ...orgs.flatMap((o) => [totalsRow(`**${o.org}**`, o), ...r.teams.filter((row) => row.org === o.org).map((row) => totalsRow(row.team, row))]),
  ];
}

export function renderMarkdown(r: SeatReport): string {
  const t = r.totals;
  const lines: string[] = [
    ...(r.orgs ? orgsHead(r, r.orgs) : singleOrgHead(r)),
    "",
    "Active 30 days includes the 7-day ones; idle means used once but not in the last 30 days.",
    "",
  ];
  if (t.seats) {
    const activeOlder = t.active_30 - t.active_7;
    const slices: [string, number][] = [
      [STATE_LABELS.active_7, t.active_7],
      [STATE_LABELS.active_30, activeOlder],
      [STATE_LABELS.idle, t.idle],
      [STATE_LABELS.never_used, t.never_used],
      [STATE_LABELS.pending, t.pending],
    ];
    lines.push("```mermaid", `pie showData title ${r.orgs ? "People" : "Seats"} by activity`, ...slices.filter(([, n]) => n > 0).map(([l, n]) => `  ${mq(l)} : ${n}`), "```", "");
  }
  const teams = r.teams.filter((row) => row.seats > 0);
  if (teams.length) {
    lines.push(
      "```mermaid",
      "xychart-beta",
      `  title "Seats per team"`,
      // Several orgs: each has its own "(no team)" bar, which the label must tell apart.
      `  x-axis [${teams.map((row) => mq(row.team === NO_TEAM && row.org ? `${NO_TEAM} ${row.org}` : row.team)).join(", ")}]`,
      `  y-axis "Seats"`,
      `  bar [${teams.map((row) => row.seats).join(", ")}]`,
      "```",
      "",
    );
  }
  lines.push("### Savings from reclaims", "");
  if (!r.savings.length) {
    lines.push("No reclaim has been merged yet.", "");
  } else {
    const last = r.savings.at(-1)!;
    const removed = r.reclaims.reduce((n, e) => n + e.logins.length, 0);
    lines.push(
      `Reclaims have removed ${removed} seat${removed === 1 ? "" : "s"}: ${usd(last.run_rate_usd)} a month, ${usd(last.saved_to_date_usd)} saved so far.`,
      "",
      "| month | seats reclaimed | their monthly savings | run rate | saved to date |",
      "|---|---:|---:|---:|---:|",
      ...r.savings.map((m) => `| ${m.month} | ${m.reclaimed} | ${usd(m.savings_usd)} | ${usd(m.run_rate_usd)} | ${usd(m.saved_to_date_usd)} |`),
      "",
      "```mermaid",
      "xychart-beta",
      `  title "Monthly savings from reclaims (USD)"`,
      `  x-axis [${r.savings.map((m) => mq(m.month)).join(", ")}]`,
      `  y-axis "USD per month"`,
      `  bar [${r.savings.map((m) => m.run_rate_usd).join(", ")}]`,
      "```",
      "",
    );
  }
  return lines.join("\n");
}

/** RFC 4180 field; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs it. */
export function csvField(v: string | number | null): string {
  if (v === null) return "";
  let s = String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_COLUMNS = ["login", "team", "state", "last_activity_at", "last_activity_editor", "created_at", "pending_cancellation_date", "idle_days", "monthly_cost_usd"] as const;

export function renderCsv(r: SeatReport): string {
  // Several orgs: one more column, the orgs where the person holds a seat (space-separated).
  const orgs = r.orgs ? ["orgs"] : [];
  const rows = r.holders.map((h) => [...CSV_COLUMNS.map((c) => csvField(h[c])), ...(r.orgs ? [csvField((h.orgs ?? []).join(" "))] : [])].join(","));
  return [[...CSV_COLUMNS, ...orgs].join(","), ...rows].join("\r\n") + "\r\n";
}

export function renderJson(r: SeatReport): string {
  return `${JSON.stringify({ ...r, states: SEAT_STATES.map((s) => ({ state: s, label: STATE_LABELS[s] })) }, null, 2)}\n`;
}

export function renderReport(r: SeatReport, format: ReportFormat): string {
  return format === "json" ? renderJson(r) : format === "csv" ? renderCsv(r) : renderMarkdown(r);
}
