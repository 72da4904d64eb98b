// Records of the emulator's state (what state.ts holds and the `--state` file persists), and the
// 422 texts of the Copilot endpoints, shared by the state's modules.
import type { PersistedEnterprise } from "./enterprise-records.js";
import type { PersistedRepo } from "./repos.js";
import type { SeatManagementSetting } from "./types.js";


export interface UserRec {
  login: string;
  id: number;
}

export interface MemberRec {
  role: "admin" | "member";
  state: "active" | "pending";
  /** A private membership (seed `public: false`): GraphQL hides it from Apps (graphql-users.ts). */
  concealed?: boolean;
}

export interface TeamMemberRec {
  role: "member" | "maintainer";
  state: "active" | "pending";
}

export interface TeamRec {
  id: number;
  name: string;
  slug: string;
  description: string | null;
  privacy: "closed" | "secret";
  notification_setting: "notifications_enabled" | "notifications_disabled";
  permission: string;
  parentId: number | null;
  /** Keyed by lower-cased login. */
  members: Map<string, TeamMemberRec>;
  created_at: string;
  updated_at: string;
}

/** What GitHub shows of any billed seat: an org seat, or one enterprise grant. */
export interface SeatFields {
  created_at: string;
  last_activity_at: string | null;
  last_activity_editor: string | null;
  last_authenticated_at: string | null;
  pending_cancellation_date: string | null;
  plan_type: "business" | "enterprise" | "unknown";
}

export interface SeatRec extends SeatFields {
  /** Lower-cased login. */
  key: string;
  /** Assigned through selected_users (and not cancelled since). */
  direct: boolean;
  /** The team that last granted the seat (kept after a team cancellation for `assigning_team`). */
  teamId: number | null;
}

/** A seeded seat's fields, with the defaults a seed may leave out (an editor for a seat with activity). */
export function seatFieldsFromSeed(
  seat: Pick<SeatFields, "created_at"> & Partial<Omit<SeatFields, "created_at">>,
  planType: SeatFields["plan_type"],
): SeatFields {
  return {
    created_at: seat.created_at,
    last_activity_at: seat.last_activity_at ?? null,
    last_activity_editor: seat.last_activity_editor ?? (seat.last_activity_at ? DEFAULT_EDITOR : null),
    last_authenticated_at: seat.last_authenticated_at ?? seat.last_activity_at ?? null,
    pending_cancellation_date: seat.pending_cancellation_date ?? null,
    plan_type: seat.plan_type ?? planType,
  };
}

export interface OrgRec {
  login: string;
  id: number;
  seat_management_setting: SeatManagementSetting;
  plan_type: "business" | "enterprise";
  public_code_suggestions?: "allow" | "block" | "unconfigured";
  created_at: string;
}

export const DEFAULT_EDITOR = "vscode/1.99.3/copilot/1.312.0";

/** The whole state as JSON (the `--state` file). Unlike a seed it keeps git objects, PRs and ids. */
export interface PersistedState {
  emulator_state: 1;
  org: OrgRec;
  viewer: string;
  auth_as: "user" | "app";
  next_billing_cycle: string;
  next_id: number;
  users: UserRec[];
  members: [string, MemberRec][];
  teams: (Omit<TeamRec, "members"> & { members: [string, TeamMemberRec][] })[];
  copilot_teams: number[];
  seats: SeatRec[];
  repos: PersistedRepo[];
  enterprise?: PersistedEnterprise;
  /** The server's other orgs (`other_orgs:`), each with empty `users` and `repos` (the main org's). */
  other_orgs?: PersistedState[];
}

export const COPILOT_422_USERS =
  "Copilot Business or Enterprise is not enabled for this organization, billing has not been set up for this organization, a public code suggestions policy has not been set for this organization, or the organization's Copilot access setting is set to enable Copilot for all users or is unconfigured.";

export const COPILOT_422_CANCEL_USERS =
  "Copilot Business or Enterprise is not enabled for this organization, billing has not been set up for this organization, a public code suggestions policy has not been set for this organization, the seat management setting is set to enable Copilot for all users or is unconfigured, or a user's seat cannot be cancelled because it was assigned to them via a team.";

/** Logins and slugs are compared case-insensitively; maps are keyed by the lower-cased form. */
export const key = (login: string): string => login.toLowerCase();
