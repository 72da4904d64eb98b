// The PR-comment body. GitHub rejects comments over 65,536 characters, so rows are added
// until the budget is spent and an honest "… and N more" line says what was left out. The
// hidden marker lets the workflow find and update one sticky comment instead of adding more.
import { plural } from "../../text.js";
import type { Plan } from "../types.js";
import { currentSeats, describeTeamChange, inOrg, LABEL, losingAccess, summaryLine } from "./text.js";

export const PLAN_MARKER = "<!-- seats-plan -->";
/** GitHub's limit on an issue or PR comment body. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Escapes text for one Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ").replace(/</g, "&lt;");
}

export interface MarkdownOptions {
  /** Character budget (default: GitHub's comment limit). */
  limit?: number;
}

export function renderMarkdown(plan: Plan, opts: MarkdownOptions = {}): string {
  const limit = opts.limit ?? GITHUB_COMMENT_LIMIT;
  const s = plan.summary;
  const head: string[] = [
    PLAN_MARKER,
    `### Copilot seat plan for ${(plan.orgs ?? [plan.org]).map((o) => `\`${o}\``).join(", ")}`,
    "",
    plan.changes.length || plan.teams?.changes.length ? `**${summaryLine(plan)}**` : `**No changes**: GitHub matches \`seats/\`. ${s.blocked} blocked, ${s.kept} kept.`,
    ...plan.safety.refusals.map((r) => `\n> [!CAUTION]\n> ${cell(r)}`),
    "",
    `${currentSeats(s)} · ${s.pending_seats} pending cancellation · ${plural(s.declared, "declared holder")} · ${losingAccess(s)}`,
  ];
  const teamsSum = plan.teams?.changes.length ? ` · teams checksum \`${plan.teams.checksum}\`` : "";
  const foot = ["", `<sub>plan checksum \`${plan.checksum}\`${teamsSum} · apply with \`seats apply --confirm --checksum ${plan.checksum}\`</sub>`];

  type Section = { title: string; header: string[]; rows: string[]; noun: string };
  const sections: Section[] = [
    {
      title: "Changes",
      header: plan.orgs ? ["| | action | who / team | org | why | source |", "|---|---|---|---|---|---|"] : ["| | action | who / team | why | source |", "|---|---|---|---|---|"],
      rows: plan.changes.map((c, i) => {
        const extra = c.logins?.length ? ` (loses: ${c.logins.join(", ")})` : "";
        // Several orgs: a person's changes in every org under one name (the org column says where).
        const prev = plan.changes[i - 1];
        const again = c.org !== undefined && prev?.action === c.action && prev.target.toLowerCase() === c.target.toLowerCase();
        const who = again ? "〃" : `\`${cell(c.target)}\``;
        const org = c.org === undefined ? "" : ` \`${cell(c.org)}\` |`;
        return `| ${c.action === "cancel" || c.action === "remove_team" ? "➖" : c.action === "readd" ? "🔁" : "➕"} | ${LABEL[c.action]} | ${who} |${org} ${cell(c.reason + extra)} | ${c.sources.map((f) => `\`${cell(f)}\``).join("<br>")} |`;
      }),
      noun: "changes",
    },
    {
      title: "Teams (`pulumi up` makes these first)",
      header: ["| | change | why | source |", "|---|---|---|---|"],
      rows: (plan.teams?.changes ?? []).map(
        (c) => `| ${c.action === "remove_member" ? "➖" : c.action === "rename_team" ? "🔁" : "➕"} | ${cell(describeTeamChange(c) + inOrg(c))} | ${cell(c.reason)} | ${c.sources.map((f) => `\`${cell(f)}\``).join("<br>")} |`,
      ),
      noun: "team changes",
    },
    {
      title: "Left out of teams (not org members)",
      header: ["| who | team | why |", "|---|---|---|"],
      rows: (plan.teams?.left_out ?? []).map((l) => `| \`${cell(l.login)}\` | \`${cell(l.team)}\`${cell(inOrg(l))} | ${cell(l.reason)} |`),
      noun: "left-out logins",
    },
    {
      title: "Blocked (not applied; the rest still applies)",
      header: ["| who / team | why | fix |", "|---|---|---|"],
      rows: plan.blocked.map((b) => `| \`${cell(b.target)}\`${cell(inOrg(b))} | ${cell(b.reason)}${b.introduced === false ? " (not from this change)" : ""} | ${cell(b.fix)} |`),
      noun: "blocked entries",
    },
    {
      title: "Kept (`seats.unmanaged: keep`)",
      header: ["| who | why |", "|---|---|"],
      rows: plan.kept.map((k) => `| \`${cell(k.login)}\`${cell(inOrg(k))} | ${cell(k.reason)} |`),
      noun: "kept seats",
    },
  ];

  const out: string[] = [...head];
  let size = out.join("\n").length + foot.join("\n").length + 1;
  // Room for the "… and N more" lines of every section, so adding them never breaks the limit.
  const reserve = sections.length * 120;
  for (const sec of sections) {
    if (sec.rows.length === 0) continue;
    const intro = ["", `#### ${sec.title} (${sec.rows.length})`, "", ...sec.header];
    const introSize = intro.join("\n").length + 1;
    if (size + introSize + reserve > limit) {
      const line = `\n… and ${sec.rows.length} more ${sec.noun} (the full plan is in the \`seats plan --json\` output)`;
      out.push(line);
      size += line.length + 1;
      continue;
    }
    out.push(...intro);
    size += introSize;
    let shown = 0;
    for (const row of sec.rows) {
      if (size + row.length + 1 + reserve > limit) break;
      out.push(row);
      size += row.length + 1;
      shown++;
    }
    if (shown < sec.rows.length) {
      const line = `\n… and ${sec.rows.length - shown} more ${sec.noun} (the full plan is in the \`seats plan --json\` output)`;
      out.push(line);
      size += line.length + 1;
    }
  }
  out.push(...foot);
  return out.join("\n") + "\n";
}
