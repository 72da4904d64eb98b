// render: the reclaim PR's title, body and closing comment, and the dry-run text. Pure.
//
// The body must stay under GitHub's 65,536-character limit however many seats are reclaimed:
// rows are added while they fit, and the rest is summed up in an honest "… and N more" line
// (the diff and `--json` always hold the full list). Mentions are capped too: a wall of hundreds
// of @-mentions trips GitHub's abuse detection, so past MAX_MENTIONS the body says how many were
// left out rather than pretending everyone was notified.
import type { SeatDecision } from "./classify.js";
import { dateOnly } from "./time.js";

/** GitHub rejects issue and PR bodies above 65,536 characters. */
export const GITHUB_BODY_LIMIT = 65_536;
/** What the renderer aims for: room for a human to edit the body without hitting the limit. */
export const DEFAULT_BODY_BUDGET = 60_000;
export const MAX_MENTIONS = 50;
/** Above this many rows the table sits in a collapsed section. */
export const COLLAPSE_ROWS = 25;
/** Hidden marker so people (and tools) can tell this PR's body was generated. */
export const BODY_MARKER = "<!-- seats-reclaim -->";

export interface RenderContext {
  /** Fixed branch of the PR, e.g. `seats/reclaim`. */
  branch: string;
  base: string;
  now: Date;
  usdPerSeatMonth: number;
  inactivityDays: number;
  graceDays: number;
  /** Notes to show above the table (e.g. exemptions carried over from the PR branch). */
  notes?: string[];
  /** Override for tests; defaults to DEFAULT_BODY_BUDGET (never above GITHUB_BODY_LIMIT). */
  maxChars?: number;
  maxMentions?: number;
  /** How many of the seats end on merge (default all); the savings count only these. */
  endingSeats?: number;
  /** The billing-cycle paragraph (billing.ts), shown under the savings. */
  timing?: string;
  /** The hidden, machine-readable evidence for the last check (last-check.ts). */
  evidence?: string;
}

const REASON_LABEL: Record<string, string> = {
  inactive: "inactive",
  "never-used": "never used",
  expired: "expired",
  "left-org": "left the organization",
};

export function formatUsd(amount: number): string {
  return `$${amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function monthlySavings(count: number, usdPerSeatMonth: number): number {
  return Math.round(count * usdPerSeatMonth * 100) / 100;
}

/** `ending`: how many of the seats really end on merge (default all; see limits.ts). */
export function renderTitle(reclaim: readonly SeatDecision[], usdPerSeatMonth: number, ending = reclaim.filter((d) => d.reason !== "left-org").length): string {
  const left = reclaim.filter((d) => d.reason === "left-org").length;
  const n = reclaim.length - left;
  const gone = `${left} ${left === 1 ? "person" : "people"} who left the organization`;
  if (n === 0 && left === 0) return "Restore the member files of people who kept their seat";
  if (n === 0) return `Remove the member files of ${gone}`;
  const saved = `${formatUsd(monthlySavings(ending, usdPerSeatMonth))}/month`;
  const also = left ? `; and ${gone}` : "";
  if (ending === n) return `Reclaim ${n} unused Copilot seat${n === 1 ? "" : "s"} (${saved}${also})`;
  return `Reclaim ${n} unused Copilot seat${n === 1 ? "" : "s"} (${ending} end, ${saved}${also})`;
}

/** Escape a value for one Markdown table cell (pipes, newlines, backticks are the risks). */
function cell(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ").replace(/`/g, "'");
}

export function renderRow(d: SeatDecision): string {
  const last = d.last_activity_at ? dateOnly(d.last_activity_at) : "never";
  const editor = d.last_activity_editor ? `\`${cell(d.last_activity_editor)}\`` : "";
  const why = `${REASON_LABEL[d.reason] ?? d.reason}: ${d.detail}`;
  return `| ${cell(d.login)} | ${cell(d.teams.join(", "))} | ${last} | ${editor} | ${d.days_idle} | ${cell(why)} |`;
}

export const TABLE_HEAD = ["| login | team(s) | last activity | editor | days idle | reason |", "|---|---|---|---|---:|---|"];

function objectSection(ctx: RenderContext, mentions: string): string[] {
  return [
    "### Still need your seat?",
    "",
    mentions,
    "",
    `- **Use Copilot** in your editor. Every run recomputes this PR from \`${ctx.base}\` and drops anyone GitHub has seen active again (activity can take a day to show up).`,
    `- **Or add an exemption** to \`policies/policy.yaml\` in this PR (push a commit to the \`${ctx.branch}\` branch) or on \`${ctx.base}\`. The next run keeps it, restores your file and removes you from this list:`,
    "",
    "  ```yaml",
    "  inactivity:",
    "    exempt:",
    "      - login: your-login",
    "        reason: on leave until September",
    `        until: ${exampleUntil(ctx.now)}`,
    "  ```",
    "",
    "Reviewers: please wait for the next run after an objection before merging.",
  ];
}

function exampleUntil(now: Date): string {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() + 3);
  return d.toISOString().slice(0, 10);
}

/** Who the PR tells: everyone but people who left the org (they can no longer see it). */
export function toMention(reclaim: readonly SeatDecision[]): SeatDecision[] {
  return reclaim.filter((d) => d.reason !== "left-org");
}

export function renderMentions(reclaim: readonly SeatDecision[], maxMentions = MAX_MENTIONS): string {
  const logins = toMention(reclaim).map((d) => `@${d.login}`);
  if (logins.length <= maxMentions) return `cc ${logins.join(" ")}`;
  const rest = logins.length - maxMentions;
  return `cc ${logins.slice(0, maxMentions).join(" ")}, and ${rest} more, mentioned in the comments below (${maxMentions} per comment, each with their rows)`;
}

/** The PR body: summary, savings, table (capped), how to object, and the team-mode note. */
export function renderBody(reclaim: readonly SeatDecision[], ctx: RenderContext): string {
  const budget = Math.min(ctx.maxChars ?? DEFAULT_BODY_BUDGET, GITHUB_BODY_LIMIT);
  const rowCount = reclaim.length;
  const n = reclaim.filter((d) => d.reason !== "left-org").length;
  const files = reclaim.reduce((sum, d) => sum + d.files.length, 0);
  const ending = ctx.endingSeats ?? n;
  const total = monthlySavings(ending, ctx.usdPerSeatMonth);
  const byReason = (r: string) => reclaim.filter((d) => d.reason === r).length;
  const teamModeTeams = [...new Set(reclaim.flatMap((d) => d.team_mode_teams))].sort();

  const head = [
    BODY_MARKER,
    ...(ctx.evidence ? [ctx.evidence] : []),
    `Generated by \`seats reclaim\` on ${ctx.now.toISOString().slice(0, 16).replace("T", " ")} UTC from the current \`${ctx.base}\`. ` +
      `It deletes ${files} member file${files === 1 ? "" : "s"} of ${n} Copilot seat${n === 1 ? "" : "s"} that \`policies/policy.yaml\` makes reclaimable ` +
      `(no activity for more than ${ctx.inactivityDays} days, or an \`expires\` date reached; seats younger than ${ctx.graceDays} days and exempt logins are never included).`,
    "",
    `**Monthly savings: ${formatUsd(total)}** (${ending} seat${ending === 1 ? "" : "s"} × ${formatUsd(ctx.usdPerSeatMonth)} per seat${ending === n ? "" : `; ${n - ending} of the ${n} do not end, see below`}). ` +
      `Inactive: ${byReason("inactive")}, never used: ${byReason("never-used")}, expired: ${byReason("expired")}` +
      (byReason("left-org") ? `; it also removes the member files of ${byReason("left-org")} people who left the organization (no seat, no savings).` : "."),
    ...(ctx.timing ? ["", ctx.timing] : []),
    "",
    "Merging goes through the usual path: `pulumi up` drops the team memberships, then `seats apply` cancels the seats " +
      "(cancelled seats stay usable until the end of the billing cycle). Nothing is cancelled before this PR is merged.",
  ];
  if (teamModeTeams.length) {
    head.push(
      "",
      `> [!NOTE]\n> Some of these seats come from \`copilot: team\` teams (${teamModeTeams.map((t) => `\`${cell(t)}\``).join(", ")}): ` +
        "the team as a whole holds the Copilot assignment, so the seat is reclaimed by removing the member file (and, for a maintainer, the `maintainers:` entry). The Pulumi program then removes the person from the team, which ends the seat.",
    );
  }
  for (const note of ctx.notes ?? []) head.push("", `> [!IMPORTANT]\n> ${note.replace(/\n/g, "\n> ")}`);
  // A long table is collapsed, so the summary and how to object stay in view.
  const collapse = rowCount > COLLAPSE_ROWS;
  if (collapse) head.push("", `<details><summary>The ${rowCount} rows</summary>`);
  head.push("", ...TABLE_HEAD);

  const tail = [...(collapse ? ["", "</details>"] : []), "", ...objectSection(ctx, renderMentions(reclaim, ctx.maxMentions ?? MAX_MENTIONS))];
  const join = (lines: string[]) => lines.join("\n");
  const fixed = join(head).length + join(tail).length + 2;

  const rows: string[] = [];
  let used = fixed;
  // Reserve room for the "… and N more" line so adding it never breaks the budget.
  const moreLine = (left: number) =>
    `\n… and ${left} more seat${left === 1 ? "" : "s"} not shown here (the body is capped below GitHub's ${GITHUB_BODY_LIMIT.toLocaleString("en-US")}-character limit): their rows are in the comments below, and every deleted file is in the diff.`;
  const reserve = moreLine(rowCount).length + 1;
  for (let i = 0; i < rowCount; i++) {
    const row = renderRow(reclaim[i]!);
    const isLast = i === rowCount - 1;
    if (used + row.length + 1 + (isLast ? 0 : reserve) > budget) break;
    rows.push(row);
    used += row.length + 1;
  }
  const left = rowCount - rows.length;
  const table = rows.join("\n") + (left > 0 ? `\n${moreLine(left)}` : "");
  return `${join(head)}\n${table}\n${join(tail)}`;
}

/** The comment left when an open reclaim PR is closed because nothing is reclaimable any more. */
export function renderCloseComment(now: Date, base: string): string {
  return (
    `Closing: as of ${now.toISOString().slice(0, 16).replace("T", " ")} UTC no seat is reclaimable on \`${base}\` ` +
    "(everyone listed has been active again, was exempted, or their file is already gone). " +
    "`seats reclaim` opens a new PR when seats become reclaimable again."
  );
}

/** What the dry run prints: the PR as it would be, and the files it would delete. */
export function renderDryRun(title: string, body: string, files: readonly string[], target: string, evidenceFile?: string): string {
  return [
    `Dry run: no pull request is created or changed (pass --confirm to open or update it).`,
    `Target: ${target}`,
    "",
    `Title: ${title}`,
    "",
    body,
    "",
    `Files deleted (${files.length}):`,
    ...files.map((f) => `  ${f}`),
    ...(evidenceFile ? ["", `File written: ${evidenceFile} (the last-check evidence, too big for the body)`] : []),
  ].join("\n");
}
