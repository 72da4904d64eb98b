// The approval gate (`seats/approval` check run), as a pure decision over what trusted code found
// out: the plan, validation, the review of every changed file (src/validate/review.ts, run with
// the approvals and live facts) and who the change is by. GitHub's required approvals do not
// reliably count a GitHub App's review, so the pipeline does not approve anything: this check is
// the required one, and it passes only when
// - the plan exists and validation found no errors, and
// - every changed file is allowed: an org member's own file in an `enrollment: open` team, or a
//   change the file's owners (the team's maintainers per the base branch, or an admin) approved,
//   with an admin's approval for policies/, new teams and every `_team.yaml`.
import { loginKey } from "../model/logins.js";
import type { SeatModel } from "../model/types.js";
import { isMultiOrg, teamOrg } from "../plan/orgs.js";
import type { Review } from "../validate/review.js";
import { APPROVAL_CHECK } from "./plan-check.js";
import { plural } from "../text.js";

/**
 * The orgs an author's open-enrollment self-add needs them to be a member of: the policy's org;
 * with several orgs (`orgs:`), the org of each team the change touches (a seat in a team is a
 * seat in that team's org), in `orgs:` order; the policy's org when it touches no team.
 */
export function membershipOrgs(model: Pick<SeatModel, "teams" | "policy">, changedFiles: readonly string[]): string[] {
  const { policy } = model;
  if (!isMultiOrg(policy)) return [policy.org];
  const slugs = new Set(changedFiles.flatMap((f) => /^seats\/([^/]+)\//.exec(f)?.[1] ?? []));
  const touched = new Set(model.teams.filter((t) => slugs.has(t.slug)).map((t) => loginKey(teamOrg(t, policy))));
  const orgs = policy.orgs.filter((o) => touched.has(loginKey(o)));
  return orgs.length ? orgs : [policy.org];
}

export interface GateInput {
  planOk: boolean;
  /** Validation errors of the files (schema, cross-file rules), not counting the review's own. */
  validationErrors: number;
  review: Review;
  /** Who the change is by, and why (src/ci/author.ts); undefined when nobody. */
  author: string | undefined;
  authorWhy: string;
  /** Set when open enrollment was refused for the author (the reason is in the review items). */
  openEnrollmentRefusal: string | undefined;
  approvers: readonly string[];
}

export interface GateDecision {
  name: typeof APPROVAL_CHECK;
  conclusion: "success" | "failure" | "action_required";
  title: string;
  summary: string;
  /** Merge as soon as every required check passes: a self-service change to open teams. */
  autoMerge: boolean;
}

export function decideGate(g: GateInput): GateDecision {
  const lines: string[] = [`Change by: ${g.authorWhy}.`];
  if (g.approvers.length) lines.push(`Approved at this commit by: ${g.approvers.join(", ")}.`);
  const decision = (conclusion: GateDecision["conclusion"], title: string, autoMerge = false): GateDecision => ({
    name: APPROVAL_CHECK,
    conclusion,
    title,
    summary: lines.join("\n"),
    autoMerge,
  });
  if (!g.planOk) {
    lines.push("", "There is no plan for this commit (see the `seats/plan` check): nothing can be approved until one exists.");
    return decision("failure", "No plan for this commit");
  }
  if (g.validationErrors > 0) {
    lines.push("", `Validation found ${plural(g.validationErrors, "error")} (the \`validate\` check lists them with their fix).`);
    return decision("failure", "Validation failed");
  }
  if (g.openEnrollmentRefusal) lines.push("", `Open enrollment does not apply: ${g.openEnrollmentRefusal}.`);
  const waiting: string[] = [];
  const rows = g.review.items.map((i) => {
    const ownerOk = i.allowed && (i.approvers.length === 0 || i.approved);
    const adminOk = !i.needsAdmin || i.adminApproved;
    const ok = ownerOk && adminOk;
    if (!ownerOk) waiting.push(`\`${i.file}\`: one of ${i.approvers.join(", ")}`);
    if (!adminOk) waiting.push(`\`${i.file}\`: an admin (CODEOWNERS \`*\` owners)`);
    return `| ${ok ? "✅" : "⏳"} | \`${i.file}\` | ${i.change} | ${i.reason.replace(/\|/g, "\\|")} |`;
  });
  if (rows.length) lines.push("", "| | file | change | rule |", "|---|---|---|---|", ...rows);
  else lines.push("", "No file changes.");
  if (waiting.length) {
    lines.push("", "Waiting for an approving review, at this commit, from:", ...waiting.map((w) => `- ${w}`));
    lines.push("", "A review re-runs this check.");
    return decision("action_required", `Waiting for ${plural(waiting.length, "approval")}`);
  }
  if (g.review.autoApprove) {
    lines.push("", "Self-service change to `enrollment: open` teams by an org member: no approval needed; it merges when every required check passes.");
    return decision("success", "Self-service: no approval needed", true);
  }
  return decision("success", g.approvers.length ? "Approved" : "No approval needed");
}
