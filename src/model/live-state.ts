// What the planner knows about GitHub, as plain serializable data: the readers in src/github/
// build it, the planner (src/plan/) and reclaim read it, and none of them needs Octokit for it.

/** Prefix GitHub gives enterprise-team slugs; such teams cannot be (un)assigned at org level. */
export const ENTERPRISE_TEAM_PREFIX = "ent:";

/** True for the slug of a team managed by the enterprise. */
export function isEnterpriseTeam(slug: string): boolean {
  return slug.toLowerCase().startsWith(ENTERPRISE_TEAM_PREFIX);
}

/**
 * `pending_cancellation_date` of a seat in a *projected* snapshot (src/plan/project.ts) whose team
 * grant ends when `pulumi up` removes the membership: GitHub sets the real date (the end of the
 * billing cycle) only then.
 */
export const PENDING_AFTER_TEAM_CHANGE = "after-team-change";

export type SeatManagementSetting = "assign_all" | "assign_selected" | "disabled" | "unconfigured";

export interface CopilotSettings {
  seat_management_setting: SeatManagementSetting | string;
  plan_type: string | null;
  /** The "suggestions matching public code" policy: `allow`, `block`, or `unconfigured` (seat writes then fail). */
  public_code_suggestions?: string;
  seat_breakdown: {
    total: number;
    added_this_cycle: number;
    pending_cancellation: number;
    pending_invitation: number;
    active_this_cycle: number;
    inactive_this_cycle: number;
  } | null;
  /** Where an owner changes the setting, on the host the client talks to (github.com, GHE.com, the emulator). */
  settings_url?: string;
}

/** One billed Copilot seat, flattened from `copilot-seat-details`. */
export interface Seat {
  login: string;
  /** Slug of the team whose selected_teams assignment grants the seat (`ent:<slug>` for an enterprise team); null for a direct seat. */
  assigning_team: string | null;
  created_at: string;
  last_activity_at: string | null;
  last_activity_editor: string | null;
  last_authenticated_at: string | null;
  /** `YYYY-MM-DD` when the seat was cancelled and leaves at the next billing cycle. */
  pending_cancellation_date: string | null;
  plan_type: string | null;
}

/**
 * One seat of a person where it is held: `org` names the org (several orgs, or an org grant of
 * an enterprise seat); null is a grant of the enterprise itself (direct or an enterprise team);
 * absent is the org of policy.yaml (a single-org read, which carries no org).
 */
export type SeatRow = Seat & { org?: string | null };

export interface TeamMembership {
  slug: string;
  /** False when GitHub answered 404 (the team is declared but not created yet). */
  exists: boolean;
  /** Logins, sorted case-insensitively; includes members of child teams (GitHub's rule). */
  members: string[];
}

/** Live state the planner needs, as plain data (JSON-serializable). */
export interface Snapshot {
  org: string;
  settings: CopilotSettings;
  /** Sorted by login (case-insensitively). */
  seats: Seat[];
  /** Org member logins, sorted case-insensitively. */
  members: string[];
  /**
   * Only under enterprise billing with several orgs, where `members` is everyone in any managed
   * org (who can hold an enterprise seat): each org's members by lowercased org login, because an
   * org team can only hold members of its own org.
   */
  membersByOrg?: Record<string, string[]>;
  /** Members of the teams that were asked for, sorted by slug. */
  teams: TeamMembership[];
}

/** An active seat (not pending cancellation), or undefined. */
export function activeSeat(seat: Seat | undefined): Seat | undefined {
  return seat && !seat.pending_cancellation_date ? seat : undefined;
}
