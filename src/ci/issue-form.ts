// Turns a "Copilot seat" issue (from .github/ISSUE_TEMPLATE/copilot-seat.yml) into the inputs of
// `seats request` (`seats ci issue-form`). The login is always the issue's author, never text from
// the form, so nobody can request a seat for someone else.
import { isValidLogin } from "../model/logins.js";

/** The form's field labels, as rendered into the issue body (`### Team`). */
export const FIELDS = { team: "Team", reason: "Reason" } as const;
export const MAX_REASON = 500;
const TEAM_SLUG = /^[a-z0-9][a-z0-9_-]{0,99}$/;

/** Sections of an issue-form body: `### Label` headings, each followed by its answer. */
export function parseIssueForm(body: string): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (current !== undefined) {
      const value = lines.join("\n").trim();
      out.set(current, value === "_No response_" ? "" : value);
    }
  };
  for (const line of body.replace(/\r\n/g, "\n").split("\n")) {
    const heading = /^###\s+(.+?)\s*$/.exec(line);
    if (heading) {
      flush();
      current = heading[1]!;
      lines = [];
    } else if (current !== undefined) lines.push(line);
  }
  flush();
  return out;
}

export interface SeatRequest {
  team: string;
  reason: string;
  login: string;
}

export interface IssueLike {
  body?: string | null;
  user?: { login?: string; type?: string } | null;
}

/** The request an issue asks for, or an error a person can act on. */
export function requestFromIssue(issue: IssueLike): SeatRequest | { error: string } {
  const login = issue.user?.login ?? "";
  if (issue.user?.type === "Bot") return { error: "seat requests must come from a person, not a bot account" };
  if (!isValidLogin(login, true)) return { error: `the issue author's login "${login}" is not a valid GitHub login` };
  const fields = parseIssueForm(issue.body ?? "");
  // Tolerate a copied team name: "@org/Platform", "seats/platform/", "Platform ".
  const team = (fields.get(FIELDS.team) ?? "")
    .trim()
    .replace(/^@[^/\s]+\//, "")
    .replace(/^seats\//, "")
    .replace(/\/+$/, "")
    .toLowerCase();
  if (!team) return { error: `the "${FIELDS.team}" field is empty: write the team's folder name under seats/, e.g. engineering` };
  if (!TEAM_SLUG.test(team)) {
    return { error: `"${team.slice(0, 60)}" is not a team slug: write the folder name under seats/ (lowercase letters, digits, - and _)` };
  }
  // One line, no control characters: it becomes a YAML value and a commit message line.
  const reason = (fields.get(FIELDS.reason) ?? "")
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!reason) return { error: `the "${FIELDS.reason}" field is empty: say why you need Copilot` };
  if (reason.length > MAX_REASON) return { error: `the reason is ${reason.length} characters long; keep it under ${MAX_REASON}` };
  return { team, reason, login };
}
