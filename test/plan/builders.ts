// Small builders for planner tests: a model, a snapshot and a policy as plain data.
import type { Seat, Snapshot, TeamMembership } from "../../src/github/read.js";
import { resolvePolicy, resolveTeam } from "../../src/model/load.js";
import type { CopilotMode, ResolvedPolicy, TeamDecl } from "../../src/model/types.js";
import { seat } from "../helpers/seat.js";

export { seat };

export function team(slug: string, copilot: CopilotMode, logins: string[], extra: Partial<TeamDecl> = {}): TeamDecl {
  return {
    ...resolveTeam(slug, { name: slug, copilot }),
    members: logins.map((login) => ({ login, reason: "work", team: slug, file: `seats/${slug}/${login}.yaml` })),
    ...extra,
  };
}

export function snapshot(parts: { seats?: Seat[]; members?: string[]; teams?: TeamMembership[] }): Snapshot {
  return {
    org: "acme",
    settings: { seat_management_setting: "assign_selected", plan_type: "business", seat_breakdown: null },
    seats: parts.seats ?? [],
    members: parts.members ?? [],
    teams: parts.teams ?? [],
  };
}

export function policy(seats: { unmanaged?: "remove" | "keep"; max_removal_ratio?: number } = {}): ResolvedPolicy {
  return resolvePolicy({ org: "acme", seats });
}

/** n logins: u000, u001, … */
export function logins(n: number, prefix = "u"): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, "0")}`);
}
