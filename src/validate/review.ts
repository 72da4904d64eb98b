// What a PR author may change (SPEC §3 `--author --base`), as a pure function of the changed
// files, the BASE version of the touched teams (so nobody can make themselves maintainer in the
// PR that relies on it), the admins and the logins that have already approved.
//
// - The author may add, edit or delete their own member files: seats/<team>/<author>.yaml.
//   A self-add or edit in an `enrollment: approval` team still needs a maintainer's review.
// - A maintainer of a team (per base) may change anything in that team's folder.
// - Anything else needs an approver: the team's maintainers (from base) for a team's files, the
//   admins (CODEOWNERS `*` owners of base) for policies/, new teams and everything outside seats/.
import { finding, type Finding } from "../model/findings.js";
import { loginKey, sameLogin } from "../model/logins.js";
import type { Enrollment } from "../model/types.js";
import { fileLogin } from "./rules/login-matches-file.js";

export type ChangeKind = "added" | "modified" | "deleted";

export interface Change {
  /** Path relative to --dir, forward slashes. */
  file: string;
  change: ChangeKind;
}

/** A team as the base ref declares it. */
export interface BaseTeam {
  slug: string;
  maintainers: string[];
  enrollment: Enrollment;
}

export interface ReviewInput {
  author: string;
  changes: readonly Change[];
  /** Teams declared at the base ref, by slug. */
  baseTeams: ReadonlyMap<string, BaseTeam>;
  /** Who approves admin-owned files: CODEOWNERS owners (`@login`, `@org/team`), or a description. */
  admins: readonly string[];
  /** Logins that have approved the PR (`--approvers`). */
  approvedBy: readonly string[];
  /** Whether validation found errors (an auto-approval needs none). */
  hasErrors: boolean;
}

export interface ReviewItem {
  file: string;
  change: ChangeKind;
  /** Slug of the team folder the file is in, or null outside seats/<team>/. */
  owner: string | null;
  /** The change may be merged as far as authorship goes (possibly thanks to an approval). */
  allowed: boolean;
  /** Who must (or may) approve this file; empty when nobody needs to. */
  approvers: string[];
  reason: string;
  /** One of `approvedBy` satisfied this file's approvers. */
  approved: boolean;
}

export interface Review {
  author: string;
  items: ReviewItem[];
  /** Every change is the author's own member file. */
  selfService: boolean;
  /** Self-service, every touched team is `enrollment: open` (per base), and no errors. */
  autoApprove: boolean;
}

const MEMBER_PATH = /^seats\/([^/]+)\/([^/]+\.yaml)$/;
const TEAM_PATH = /^seats\/([^/]+)\//;

/** Whether any of `approvedBy` is one of `approvers` (`login`, `@login`, or `@org/<base team>` maintainers). */
function isApproved(approvers: readonly string[], approvedBy: readonly string[], baseTeams: ReadonlyMap<string, BaseTeam>): boolean {
  const by = new Set(approvedBy.map(loginKey));
  for (const a of approvers) {
    const token = a.startsWith("@") ? a.slice(1) : a;
    const slash = token.indexOf("/");
    if (slash < 0) {
      if (by.has(loginKey(token))) return true;
      continue;
    }
    // A CODEOWNERS team owner: offline we only know the maintainers of a team declared here.
    const team = baseTeams.get(token.slice(slash + 1).toLowerCase());
    if (team?.maintainers.some((m) => by.has(loginKey(m)))) return true;
  }
  return false;
}

export function reviewChanges(input: ReviewInput): { review: Review; findings: Finding[] } {
  const { author, baseTeams, approvedBy } = input;
  const findings: Finding[] = [];
  const items: ReviewItem[] = [];
  const own: boolean[] = [];
  const admins = [...input.admins];

  for (const c of [...input.changes].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const member = MEMBER_PATH.exec(c.file);
    const slug = TEAM_PATH.exec(c.file)?.[1] ?? null;
    const base = slug !== null ? baseTeams.get(slug) : undefined;
    const isOwn = member !== null && member[2] !== "_team.yaml" && sameLogin(fileLogin(c.file), author);
    const maintains = base?.maintainers.some((m) => sameLogin(m, author)) ?? false;
    let allowed: boolean;
    let approvers: string[];
    let reason: string;
    let needsReviewNote: string | undefined;

    if (isOwn && c.change === "deleted") {
      [allowed, approvers, reason] = [true, [], "the author removes their own member file"];
    } else if (isOwn && base?.enrollment === "open") {
      [allowed, approvers, reason] = [true, [], `the author's own member file in team ${slug} (enrollment: open): no approval needed`];
    } else if (isOwn && base) {
      approvers = base.maintainers.length ? [...base.maintainers] : admins;
      allowed = true;
      reason = `the author's own member file in team ${slug} (enrollment: approval): a maintainer must review it`;
      needsReviewNote = reason;
    } else if (isOwn) {
      [allowed, approvers, reason] = [true, admins, `the author's own member file in team ${slug}, which is new in this PR: an admin must approve the new team`];
      needsReviewNote = reason;
    } else if (maintains) {
      [allowed, approvers, reason] = [true, [], `the author maintains team ${slug} (per the base ref)`];
    } else if (base) {
      approvers = base.maintainers.length ? [...base.maintainers] : admins;
      allowed = false;
      reason = member && member[2] !== "_team.yaml"
        ? `member file of \`${fileLogin(c.file)}\` in team ${slug}: only that person or a maintainer of ${slug} may change it`
        : `file of team ${slug}: only a maintainer of ${slug} may change it`;
    } else if (slug !== null) {
      [allowed, approvers, reason] = [false, admins, `team ${slug} does not exist at the base ref: a new team needs an admin's approval`];
    } else {
      [allowed, approvers, reason] = [false, admins, "outside the team folders (policies, workflows, tooling): needs an admin's approval"];
    }

    const approved = approvers.length > 0 && isApproved(approvers, approvedBy, baseTeams);
    if (!allowed && approved) allowed = true;
    items.push({ file: c.file, change: c.change, owner: slug, allowed, approvers, reason, approved });
    own.push(isOwn);

    const at = { file: c.file, line: 1, col: 1 };
    const who = approvers.join(", ") || "a repository admin";
    if (!allowed) {
      findings.push(
        finding(
          "review-not-allowed",
          at,
          `${c.change} by \`${author}\`, who may only change their own member file (seats/<team>/${author}.yaml): ${reason}`,
          `get an approval from one of: ${who}; or limit the PR to your own member files`,
        ),
      );
    } else if (needsReviewNote && !approved) {
      findings.push(finding("review-needed", at, needsReviewNote, `ask one of: ${who} to approve the PR`, "warning"));
    }
  }

  const selfService = items.length > 0 && own.every(Boolean);
  const touched = new Set(items.map((i) => i.owner));
  const autoApprove =
    selfService && !input.hasErrors && !findings.some((f) => f.severity === "error") &&
    [...touched].every((s) => s !== null && baseTeams.get(s)?.enrollment === "open");
  return { review: { author, items, selfService, autoApprove }, findings };
}
