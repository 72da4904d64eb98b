// The loaded seat model: what `seats/` and `policies/` declare, with defaults applied.
// Field names follow the file formats (snake_case) so the schema-generated types in
// schema-types.ts stay the single source of truth; only derived fields are added here.
import type { Exemption, MemberFile, PolicyFile, TeamFile } from "./schema-types.js";
import type { YamlSource } from "./yaml-source.js";

export type { Exemption, MemberFile, PolicyFile, TeamFile };

export type CopilotMode = NonNullable<TeamFile["copilot"]>;
export type Enrollment = NonNullable<TeamFile["enrollment"]>;
export type Privacy = NonNullable<TeamFile["privacy"]>;

export interface ResolvedPolicy {
  org: string;
  /** Every organization this repo manages (`orgs:`, default `[org]`); `org` is the first. */
  orgs: string[];
  enterprise_managed_users: boolean;
  /** Enterprise slug (`enterprise:`); required for enterprise billing and enterprise teams. */
  enterprise?: string;
  copilot: { billing: "org" | "enterprise" };
  seats: {
    budget?: number;
    unmanaged: "remove" | "keep";
    max_removal_ratio: number;
    /** The removal-ratio guard applies only when at least this many seats exist. */
    min_seats_for_ratio: number;
  };
  teams: {
    /** false: declared non-members are left out of team memberships, so no merge invites anyone. */
    invite_non_members: boolean;
  };
  self_service: {
    /** When non-empty, a self-add needs membership of one of these GitHub teams (checked live). */
    eligible_teams: string[];
  };
  inactivity: {
    days: number;
    /** Idle for more than this many days: a reminder (default `days - 7`, never below 0). */
    remind_days: number;
    new_seat_grace_days: number;
    exempt: Exemption[];
  };
  pricing: { usd_per_seat_month: number };
  /** Path of policy.yaml relative to the repo root. */
  file: string;
}

export interface MemberDecl {
  login: string;
  reason: string;
  expires?: string;
  id?: number;
  /** Slug of the team folder holding this file. */
  team: string;
  /** Path relative to the repo root, e.g. `seats/platform/octocat.yaml`. */
  file: string;
}

export interface TeamDecl {
  /** The folder name (the slug GitHub derives from `name`). */
  slug: string;
  name: string;
  description: string;
  privacy: Privacy;
  parent?: string;
  maintainers: string[];
  copilot: CopilotMode;
  enrollment: Enrollment;
  previously: string[];
  /** The organization the team belongs to (`org:`, default the policy's `org`). */
  org?: string;
  /** An enterprise team (GitHub slug `ent:<slug>`), managed at the enterprise. */
  enterprise_team?: boolean;
  /** Path of `_team.yaml` relative to the repo root. */
  file: string;
  /** Member files in this folder, sorted by login (case-insensitively). */
  members: MemberDecl[];
}

export interface SeatModel {
  /** Absolute path of the repo holding `seats/` and `policies/`. */
  dir: string;
  policy: ResolvedPolicy;
  /** Sorted by slug. */
  teams: TeamDecl[];
  /** Every member file of every team, sorted by file path. */
  members: MemberDecl[];
  /** Parsed files by relative path, for locating values in later findings. */
  sources: Map<string, YamlSource>;
  /**
   * Slugs of team folders whose _team.yaml exists but was rejected (syntax or schema); the team
   * is left out of `teams`, and rules use this to avoid follow-on errors such as "parent not
   * declared". Optional so hand-built models in tests need not set it.
   */
  rejectedTeams?: string[];
  /**
   * `.github/CODEOWNERS` as committed (undefined: none) and whether the repo runs the seat-PR
   * workflow that relies on it; read by the loader so the rules never touch the disk. Optional
   * so hand-built models in tests need not set it (the CODEOWNERS rule then has nothing to check).
   */
  codeowners?: { committed: string | undefined; required: boolean };
}

export const POLICY_FILE = "policies/policy.yaml";
export const SEATS_DIR = "seats";
export const TEAM_FILE = "_team.yaml";
