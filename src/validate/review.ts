// What a PR author may change (`seats validate --author --base`, README), as a pure function of the changed
// files, the BASE version of the touched teams (so nobody can make themselves maintainer in the
// PR that relies on it), the admins and the logins that have already approved.
//
// - The author may add, edit or delete their own member files: seats/<team>/<author>.yaml.
//   A self-add or edit in an `enrollment: approval` team still needs a maintainer's review.
// - A maintainer of a team (per base) may change anything in that team's folder.
// - Anything else needs an approver: the team's maintainers (from base) for a team's files, the
//   admins (CODEOWNERS `*` owners of base) for policies/, new teams and everything outside seats/.
// - A `_team.yaml` change also needs an admin, whoever proposes it (docs/workflows.md, "Two layers").
import { finding, type Finding } from "../model/findings.js";
import { loginKey, sameLogin } from "../model/logins.js";
import type { Enrollment } from "../model/types.js";
import { fileLogin } from "./rules/login-matches-file.js";
import { compareStrings } from "../text.js";

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
  /**
   * CODEOWNERS team owners (`org/team`, lowercased) that one of the approvers belongs to, as the
   * trusted approval check found out live; offline (`seats validate`) nobody knows, so it is empty.
   */
  teamApprovals?: ReadonlySet<string>;
  /**
   * Why open enrollment does not apply to this author, as the trusted approval check found out
   * live (not an org member; the plan blocks their seat). Their own file in an open team then needs
   * a maintainer's approval like in an `enrollment: approval` team. Offline it is unknown.
   */
  openEnrollmentRefusal?: string | undefined;
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
  /**
   * The file also needs an admin's approval whoever changes it: a team's `_team.yaml` holds the
   * settings that cost money or remove review, and CODEOWNERS gives every one of them to the admins.
   */
  needsAdmin: boolean;
  /** One of `approvedBy` is an admin (only meaningful when `needsAdmin`). */
  adminApproved: boolean;
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

/**
 * Whether any of `approvedBy` is one of `approvers` (`login`, `@login`, an `@org/team` that the
 * trusted check saw an approver belong to, or `@org/<base team>` maintainers).
 */
function isApproved(approvers: readonly string[], approvedBy: readonly string[], baseTeams: ReadonlyMap<string, BaseTeam>, teamApprovals: ReadonlySet<string>): boolean {
  const by = new Set(approvedBy.map(loginKey));
  for (const a of approvers) {
    const token = a.startsWith("@") ? a.slice(1) : a;
    const slash = token.indexOf("/");
    if (slash < 0) {
      if (by.has(loginKey(token))) return true;
      continue;
    }
    if (teamApprovals.has(token.toLowerCase())) return true;
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
  const teamApprovals = input.teamApprovals ?? new Set<string>();
  // CODEOWNERS lists the admins next to every team's maintainers, so an admin may approve any
  // team's files (one approval for a PR that spans teams, such as the reclaim PR).
  const coOwners = admins.filter((a) => a.startsWith("@"));
  const teamApprovers = (base: BaseTeam): string[] => (base.maintainers.length ? [...new Set([...base.maintainers, ...coOwners])] : admins);
  const refusal = input.openEnrollmentRefusal;

  for (const c of [...input.changes].sort((a, b) => compareStrings(a.file, b.file))) {
    const member = MEMBER_PATH.exec(c.file);
    const slug = TEAM_PATH.exec(c.file)?.[1] ?? null;
    const base = slug !== null ? baseTeams.get(slug) : undefined;
    const isTeamFile = member !== null && member[2] === "_team.yaml";
    const isOwn = member !== null && !isTeamFile && sameLogin(fileLogin(c.file), author);
    const maintains = base?.maintainers.some((m) => sameLogin(m, author)) ?? false;
    let allowed: boolean;
    let approvers: string[];
    let reason: string;
    let needsReviewNote: string | undefined;

    if (isOwn && c.change === "deleted") {
      [allowed, approvers, reason] = [true, [], "the author removes their own member file"];
    } else if (isOwn && base?.enrollment === "open" && refusal === undefined) {
      [allowed, approvers, reason] = [true, [], `the author's own member file in team ${slug} (enrollment: open): no approval needed`];
    } else if (isOwn && base) {
      approvers = teamApprovers(base);
      allowed = true;
      reason =
        base.enrollment === "open"
          ? `the author's own member file in team ${slug} (enrollment: open), but ${refusal}: a maintainer must review it`
          : `the author's own member file in team ${slug} (enrollment: approval): a maintainer must review it`;
      needsReviewNote = reason;
    } else if (isOwn) {
      [allowed, approvers, reason] = [true, admins, `the author's own member file in team ${slug}, which is new in this PR: an admin must approve the new team`];
      needsReviewNote = reason;
    } else if (maintains) {
      [allowed, approvers, reason] = [true, [], `the author maintains team ${slug} (per the base ref)`];
      if (isTeamFile) reason += "; a _team.yaml change also needs an admin's approval (CODEOWNERS gives every _team.yaml to the admins)";
    } else if (base) {
      approvers = teamApprovers(base);
      allowed = false;
      reason = member && !isTeamFile
        ? `member file of \`${fileLogin(c.file)}\` in team ${slug}: only that person or a maintainer of ${slug} may change it`
        : `file of team ${slug}: only a maintainer of ${slug} may change it${isTeamFile ? ", and an admin must approve it too (CODEOWNERS)" : ""}`;
    } else if (slug !== null) {
      [allowed, approvers, reason] = [false, admins, `team ${slug} does not exist at the base ref: a new team needs an admin's approval`];
    } else {
      [allowed, approvers, reason] = [false, admins, "outside the team folders (policies, workflows, tooling): needs an admin's approval"];
    }

    const approved = approvers.length > 0 && isApproved(approvers, approvedBy, baseTeams, teamApprovals);
    if (!allowed && approved) allowed = true;
    // A new team's _team.yaml already names the admins as its approvers.
    const needsAdmin = isTeamFile && base !== undefined;
    const adminApproved = needsAdmin && isApproved(admins, approvedBy, baseTeams, teamApprovals);
    items.push({ file: c.file, change: c.change, owner: slug, allowed, approvers, reason, approved, needsAdmin, adminApproved });
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
    if (allowed && needsAdmin && !adminApproved) {
      findings.push(
        finding("review-needed", at, `${c.change} _team.yaml of team ${slug}: also needs an admin's approval (CODEOWNERS)`, `ask one of: ${admins.join(", ")} to approve the PR`, "warning"),
      );
    }
  }

  const selfService = items.length > 0 && own.every(Boolean);
  const touched = new Set(items.map((i) => i.owner));
  const autoApprove =
    selfService && refusal === undefined && !input.hasErrors && !findings.some((f) => f.severity === "error") &&
    [...touched].every((s) => s !== null && baseTeams.get(s)?.enrollment === "open");
  return { review: { author, items, selfService, autoApprove }, findings };
}
