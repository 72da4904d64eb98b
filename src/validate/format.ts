// Renderers for validation findings: text (`path:line:col: message`), GitHub Actions
// annotations, and JSON. One renderer per format; all pure. File names come from PR authors: in
// every format a control character in a path or message is shown escaped, so none can start a
// line of its own (a line starting with `::` is a workflow command in an Actions log).
import type { Finding } from "../model/findings.js";
import { printable } from "../printable.js";
import { plural } from "../text.js";

export type FindingFormat = "text" | "github" | "json";

export function formatText(f: Finding): string {
  return printable(`${f.file}:${f.line}:${f.col}: ${f.severity}: ${f.message}${f.fix ? `; fix: ${f.fix}` : ""} [${f.rule}]`);
}

/**
 * Workflow-command escaping (actions/toolkit `escapeData` / `escapeProperty`), after the other
 * control characters are made visible (the runner would print them raw).
 */
function escapeData(s: string): string {
  return s
    .replace(/%/g, "%25")
    .replace(/\r/g, "%0D")
    .replace(/\n/g, "%0A")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => printable(c));
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function formatGithub(f: Finding): string {
  const props = `file=${escapeProperty(f.file)},line=${f.line},col=${f.col},title=${escapeProperty(`seats validate: ${f.rule}`)}`;
  return `::${f.severity === "error" ? "error" : "warning"} ${props}::${escapeData(f.message + (f.fix ? `; fix: ${f.fix}` : ""))}`;
}

export function summaryLine(findings: readonly Finding[], files: number): string {
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  if (!findings.length) return `ok: ${plural(files, "file")} valid`;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(files, "file")}`;
}

/** The `--author --base` result, rendered with the findings (shape: src/validate/review.ts). */
export interface ReviewSummary {
  author: string;
  base: string;
  items: readonly {
    file: string;
    change: string;
    owner: string | null;
    allowed: boolean;
    approvers: readonly string[];
    reason: string;
  }[];
  selfService: boolean;
  autoApprove: boolean;
}

function formatReview(r: ReviewSummary): string[] {
  const lines = [printable(`review of ${plural(r.items.length, "changed file")} by ${r.author} against ${r.base}:`)];
  for (const i of r.items) {
    const who = i.approvers.length ? `; approvers: ${i.approvers.join(", ")}` : "";
    lines.push(printable(`  ${i.file} (${i.change}): ${i.allowed ? "allowed" : "NOT allowed"}: ${i.reason}${who}`));
  }
  lines.push(`  self-service: ${r.selfService ? "yes" : "no"}; auto-approve: ${r.autoApprove ? "yes" : "no"}`);
  return lines;
}

export function formatFindings(
  findings: readonly Finding[],
  format: FindingFormat,
  files: number,
  review?: ReviewSummary,
): string {
  if (format === "json") {
    const errors = findings.filter((f) => f.severity === "error").length;
    return JSON.stringify(
      { ok: errors === 0, errors, warnings: findings.length - errors, files, findings, ...(review ? { review } : {}) },
      null,
      2,
    );
  }
  const lines = findings.map(formatText);
  if (format === "github") lines.unshift(...findings.map(formatGithub));
  if (review) lines.push(...formatReview(review));
  lines.push(summaryLine(findings, files));
  return lines.join("\n");
}
