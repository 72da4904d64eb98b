// A finding is one problem in the seat repo, located at path:line:col (path relative to --dir,
// with forward slashes) with a message that says what is wrong and a fix that says what to do.
import { compareStrings } from "../text.js";

export type Severity = "error" | "warning";

export interface Finding {
  severity: Severity;
  /** Stable id of the check that produced it (e.g. `login-matches-file`), for filtering and docs. */
  rule: string;
  file: string;
  line: number;
  col: number;
  message: string;
  /** How to fix it, in one imperative sentence. */
  fix?: string;
}

export interface Location {
  file: string;
  line: number;
  col: number;
}

export function finding(
  rule: string,
  at: Location,
  message: string,
  fix?: string,
  severity: Severity = "error",
): Finding {
  return { severity, rule, file: at.file, line: at.line, col: at.col, message, ...(fix ? { fix } : {}) };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.col - b.col ||
    compareStrings(a.rule, b.rule) ||
    compareStrings(a.message, b.message)
  );
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}
