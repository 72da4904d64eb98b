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
  /** The org the change is sent to; only in a plan of several orgs (`Plan.orgs`). */
  org?: string;
}

/**
 * `team_missing` and `not_team_member` can no longer happen: seats are planned against the state
 * after `pulumi up` (src/plan/project.ts), where every declared team exists with its members. They
 * stay in the type so plans written by older versions still parse.
 */
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
  /** The org it concerns; only in a plan of several orgs. */
  org?: string;
  /**
   * True when a file this change touches causes the entry (only known with `--base`): only those
   * make `apply` exit 1; the others are warnings (a stale entry must not fail every apply).
   */
  introduced?: boolean;
}

/** A seat held on GitHub, declared nowhere, and left alone because of `seats.unmanaged: keep`. */
export interface Kept {
  login: string;
  reason: string;
  /** The org holding the seat; only in a plan of several orgs. */
  org?: string;
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
  /** Several orgs only: people holding a seat (not pending) in any org (`current_seats` counts seats). */
  current_people?: number;
  /** Several orgs only: people whose every current seat this plan removes (`removals` counts seats). */
  people_losing_access?: number;
}

export interface PlanSafety {
  /** `seats.max_removal_ratio` from the policy. */
  max_removal_ratio: number;
  /** removals / current_seats (0 when there are no seats). */
  removal_ratio: number;
  /** True when --force overrode the ratio guard. */
  forced: boolean;
  /** `seats.min_seats_for_ratio`: below this many current seats the ratio guard does not apply. */
  min_seats_for_ratio: number;
  /** Why the plan must not be applied; empty when it may. Every number is in the message. */
  refusals: string[];
  /** The same refusals as typed values (the numbers apart from the words). */
  unsafe: UnsafePlan[];
}

/** A typed refusal (octodns's `TooMuchChange`): the guard that fired and its numbers. */
export type UnsafePlan =
  | { kind: "empty_declared_set"; removals: number; current: number }
  | { kind: "all_seats"; current: number }
  | { kind: "removal_ratio"; removals: number; current: number; ratio: number; max: number };

/** What `pulumi up` does to teams, in the order it does it. */
export const TEAM_ACTIONS = ["create_team", "rename_team", "add_member", "invite_member", "remove_member"] as const;
export type TeamAction = (typeof TEAM_ACTIONS)[number];

export interface TeamChange {
  action: TeamAction;
  /** The declared team slug. */
  team: string;
  /** add_member / invite_member / remove_member: the login. */
  login?: string;
  /** add_member / invite_member: the role `pulumi up` gives. */
  role?: "member" | "maintainer";
  /** rename_team: the slug on GitHub now. */
  from?: string;
  reason: string;
  sources: string[];
  /** The org the team is in; only in a plan of several orgs. */
  org?: string;
}

/** A declared login `pulumi up` leaves out of a team because it is not an org member. */
export interface LeftOut {
  login: string;
  team: string;
  reason: string;
  sources: string[];
  /** The org the team is in; only in a plan of several orgs. */
  org?: string;
}

/** The team half of a plan (what `pulumi up` will do), computed from the same model. */
export interface TeamsPlan {
  changes: TeamChange[];
  left_out: LeftOut[];
  /**
   * sha256 of the team changes: checked before `pulumi up` on merge (it changes once `pulumi up`
   * has run, which is why the seat checksum does not include it).
   */
  checksum: string;
}

export interface Plan {
  version: 1;
  /** The org planned; with several orgs (`orgs:`), the first, and `orgs` lists them all. */
  org: string;
  /**
   * Only when policy.yaml manages more than one org: every org planned, in `orgs:` order. Each
   * change, blocked, kept and team entry then names its `org`, and the summary's `declared`
   * counts people (a person with seats in two orgs is one declared holder).
   */
  orgs?: string[];
  summary: PlanSummary;
  /** Sorted by ACTIONS order, then target (case-insensitively). */
  changes: Change[];
  blocked: Blocked[];
  kept: Kept[];
  /** Team changes `pulumi up` makes first; seat changes above are planned against their result. */
  teams: TeamsPlan;
  safety: PlanSafety;
  /**
   * sha256 of what the seat apply sends and why: each change's action, target, sources and the
   * logins it ends (src/plan/canonical.ts). Not the prose, counts, blocked or kept entries, nor
   * the team changes, so neither `pulumi up` nor unrelated seats move it.
   */
  checksum: string;
}
