// The Plan: a sorted, serializable value (octodns `Plan`). Everything a reviewer sees, apply
// executes and the audit records is here; nothing in it depends on the clock.

/** Execution order in apply: team assignments first (a team removal must precede the direct re-adds it triggers), then user adds, then cancels. */
export const ACTIONS = ["add_team", "remove_team", "add", "readd", "cancel"] as const;
export type Action = (typeof ACTIONS)[number];

export interface Change {
  action: Action;
  /** A login for add/readd/cancel; a team slug for add_team/remove_team. */
  target: string;
  /** Why, in one sentence a reviewer can check against the files. */
  reason: string;
  /** Files that cause the change (member files, _team.yaml, or policies/policy.yaml). */
  sources: string[];
  /** remove_team: seat holders who lose their seat with it (not re-added directly). */
  logins?: string[];
}

export type BlockedKind = "not_org_member" | "team_granted" | "team_missing" | "not_team_member";

/** A change the repo asks for that this tool cannot make; the rest of the plan still applies. */
export interface Blocked {
  kind: BlockedKind;
  /** Login, or team slug for team_missing. */
  target: string;
  /** For team_granted / not_team_member: the team involved. */
  team?: string;
  reason: string;
  /** What to do about it. */
  fix: string;
  sources: string[];
}

/** A seat held on GitHub, declared nowhere, and left alone because of `seats.unmanaged: keep`. */
export interface Kept {
  login: string;
  reason: string;
}

export interface PlanSummary {
  /** Seats on GitHub that are not pending cancellation. */
  current_seats: number;
  /** Seats on GitHub already pending cancellation. */
  pending_seats: number;
  /** Distinct logins the repo declares a seat for. */
  declared: number;
  adds: number;
  readds: number;
  cancels: number;
  team_adds: number;
  team_removes: number;
  blocked: number;
  kept: number;
  /** Current seats that lose access through this plan (cancels + seats of unassigned teams). */
  removals: number;
}

export interface PlanSafety {
  /** `seats.max_removal_ratio` from the policy. */
  max_removal_ratio: number;
  /** removals / current_seats (0 when there are no seats). */
  removal_ratio: number;
  /** True when --force overrode the ratio guard. */
  forced: boolean;
  /** Why the plan must not be applied; empty when it may. Every number is in the message. */
  refusals: string[];
}

export interface Plan {
  version: 1;
  org: string;
  summary: PlanSummary;
  /** Sorted by ACTIONS order, then target (case-insensitively). */
  changes: Change[];
  blocked: Blocked[];
  kept: Kept[];
  safety: PlanSafety;
  /** sha256 of the canonical JSON of everything above except `safety` (which depends on --force). */
  checksum: string;
}
