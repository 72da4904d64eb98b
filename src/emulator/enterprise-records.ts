// Records of the emulator's enterprise (GitHub Enterprise Cloud): the enterprise itself, its
// enterprise teams, and the Copilot seats the enterprise grants directly (selected_users) or
// through enterprise teams (selected_enterprise_teams). Org-granted seats stay in the org's state;
// the enterprise seat list shows both, one seat object per granting org or enterprise team.
import type { SeatFields } from "./state-records.js";
import type { SeatManagementSetting } from "./types.js";

export interface EnterpriseRec {
  slug: string;
  id: number;
  name: string;
  /** The enterprise's Copilot access setting; writes need `assign_selected` (else 422). */
  seat_management_setting: SeatManagementSetting;
  plan_type: "business" | "enterprise";
  created_at: string;
}

export interface EnterpriseTeamRec {
  id: number;
  name: string;
  /** `ent:` + the slug GitHub derives from the name. */
  slug: string;
  description: string | null;
  organization_selection_type: "disabled" | "selected" | "all";
  group_id: string | null;
  notification_setting: "notifications_enabled" | "notifications_disabled";
  /** Lower-cased logins. */
  members: string[];
  created_at: string;
  updated_at: string;
}

/** One enterprise grant of one person: direct (teamId null) or through one enterprise team. */
export interface EnterpriseGrantRec extends SeatFields {
  /** Lower-cased login. */
  key: string;
  teamId: number | null;
}

export interface PersistedEnterprise {
  enterprise: EnterpriseRec;
  /** Enterprise members who are not members of the org (org members are enterprise members). */
  extra_members: string[];
  teams: EnterpriseTeamRec[];
  copilot_teams: number[];
  grants: EnterpriseGrantRec[];
}

export const grantKey = (login: string, teamId: number | null): string => `${login.toLowerCase()}#${teamId ?? "direct"}`;

export const ENTERPRISE_422_USERS =
  "Copilot is not enabled for this enterprise, billing has not been set up for this enterprise, a public code suggestions policy has not been set for this enterprise, or the enterprise's Copilot access setting is set to enable Copilot for all users or is unconfigured.";

export const ENTERPRISE_422_TEAMS =
  "Copilot Business is not enabled for this enterprise, billing has not been set up for this enterprise or a public code suggestions policy has not been set for this enterprise.";
