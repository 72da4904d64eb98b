// `seats validate --author --base`: gathers the changed files and the base versions of what the
// rules need (touched teams' _team.yaml, CODEOWNERS) through git, then runs the pure review.
import { defaultOwners } from "../codeowners/parse.js";
import type { Finding } from "../model/findings.js";
import { resolveTeam } from "../model/load.js";
import { checkSchema } from "../model/schemas.js";
import type { TeamFile } from "../model/types.js";
import { TEAM_FILE } from "../model/types.js";
import { parseYamlBytes } from "../model/yaml-source.js";
import { changedFiles, checkBase, fileAtBase } from "./git-changes.js";
import { type BaseTeam, type Review, reviewChanges } from "./review.js";

export interface PrReviewOptions {
  author: string;
  base: string;
  approvedBy: readonly string[];
  /** See ReviewInput.teamApprovals (the trusted approval check fills it in). */
  teamApprovals?: ReadonlySet<string>;
  /** See ReviewInput.openEnrollmentRefusal. */
  openEnrollmentRefusal?: string | undefined;
  hasErrors: boolean;
}

/** Where GitHub looks for CODEOWNERS, in its order. */
const CODEOWNERS_PATHS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];
const NO_ADMINS = "a repository admin (no CODEOWNERS `*` line at the base ref)";

export function reviewPullRequest(dir: string, opts: PrReviewOptions): { review: Review & { base: string }; findings: Finding[] } {
  checkBase(dir, opts.base);
  const changes = changedFiles(dir, opts.base);
  const slugs = new Set<string>();
  for (const c of changes) {
    const m = /^seats\/([^/]+)\//.exec(c.file);
    if (m) slugs.add(m[1]!);
  }
  const baseTeams = new Map<string, BaseTeam>();
  for (const slug of slugs) {
    const team = baseTeam(dir, opts.base, slug);
    if (team) baseTeams.set(slug, team);
  }
  const { review, findings } = reviewChanges({ ...opts, changes, baseTeams, admins: baseAdmins(dir, opts.base) });
  return { review: { ...review, base: opts.base }, findings };
}

/** The owners of CODEOWNERS' `*` line at the base ref (GitHub reads CODEOWNERS from the base), or a description when there are none. */
export function baseAdmins(dir: string, base: string): string[] {
  for (const p of CODEOWNERS_PATHS) {
    const text = fileAtBase(dir, base, p);
    if (text === undefined) continue;
    return defaultOwners(text.toString("utf8")) ?? [NO_ADMINS];
  }
  return [NO_ADMINS];
}

/** The team as the base ref declares it; a broken base file counts as a team with no maintainers. */
function baseTeam(dir: string, base: string, slug: string): BaseTeam | undefined {
  const file = `seats/${slug}/${TEAM_FILE}`;
  const bytes = fileAtBase(dir, base, file);
  if (bytes === undefined) return undefined;
  const { source } = parseYamlBytes(bytes, file);
  // An unreadable base file grants nothing: no maintainers, and a human approval (fail closed,
  // whatever the schema's default).
  if (!source || checkSchema("team", source).length) return { slug, maintainers: [], enrollment: "approval" };
  const { maintainers, enrollment } = resolveTeam(slug, source.value as unknown as TeamFile, file);
  return { slug, maintainers, enrollment };
}
