// Canonical JSON (keys sorted at every level, no whitespace) and its sha256: the same plan
// always has the same checksum, whatever order its objects were built in.
import { createHash } from "node:crypto";
import type { Plan, TeamsPlan } from "./types.js";

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * The checksum covers what the seat apply sends and why: each change's action, target, source
 * files and (for a team unassignment) who loses the seat. Not the reasons' prose or counts, not
 * the blocked or kept entries (nothing is sent for them), not `safety` (--force changes it and
 * apply re-checks it live), not the summary, and not the team changes (`pulumi up` carries them
 * out between the PR's plan and the merge's). A reviewed plan stays applicable until what it
 * would send changes (docs/plan-apply.md).
 */
export function planChecksum(plan: Pick<Plan, "version" | "org" | "changes">): string {
  const { version, org } = plan;
  // `org` is set only in a plan of several orgs (undefined keys are left out of the canonical
  // JSON), so a single org's checksum is what it always was.
  const changes = plan.changes.map((c) => ({ action: c.action, target: c.target, sources: c.sources, logins: c.logins, org: c.org }));
  return sha256(canonicalJson({ version, org, changes }));
}

/** The team half's checksum (action, team, login, role, old slug, sources per change). */
export function teamsChecksum(org: string, teams: Pick<TeamsPlan, "changes" | "left_out">): string {
  const changes = teams.changes.map((c) => ({ action: c.action, team: c.team, login: c.login, role: c.role, from: c.from, sources: c.sources, org: c.org }));
  const leftOut = teams.left_out.map((l) => ({ login: l.login, team: l.team, org: l.org }));
  return sha256(canonicalJson({ org, teams: changes, left_out: leftOut }));
}
