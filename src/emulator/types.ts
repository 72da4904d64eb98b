// Public types of the GitHub API emulator (src/emulator): the seed format and the handle that
// `startEmulator` returns. The CLI (`seats emulator`), the demo, the benchmarks and every
// integration test use only these.
import type { Identity } from "./tokens.js";
import type { CiControl, CiSeed } from "./ci-state.js";

export type { CiControl, CiSeed } from "./ci-state.js";

export type SeatManagementSetting = "assign_all" | "assign_selected" | "disabled" | "unconfigured";

export interface SeedUser {
  login: string;
  /** Numeric id; derived deterministically from the login when omitted. */
  id?: number;
  /** Org role when the user is an org member. */
  role?: "admin" | "member";
  /**
   * Org members only: `false` for a private (concealed) membership. GraphQL's
   * `User.organization` does not show it to a GitHub App installation token (`auth_as: app`, or a
   * token of an App), while the REST membership check does. Default `true`.
   */
  public?: boolean;
}

export interface SeedTeamMember {
  login: string;
  role?: "member" | "maintainer";
  /** Informational in snapshots: `pending` while the person has not accepted the org invitation. */
  state?: "active" | "pending";
}

export interface SeedTeam {
  name: string;
  /** Derived from `name` the way GitHub does when omitted. */
  slug?: string;
  description?: string;
  privacy?: "closed" | "secret";
  /** Slug of the parent team. */
  parent?: string;
  members?: (string | SeedTeamMember)[];
}

export interface SeedSeat {
  /** Direct (selected_users) seat for this login … */
  login: string;
  /** … or, when set, a seat granted through this team's selected_teams assignment. */
  assigning_team?: string;
  created_at: string;
  last_activity_at?: string | null;
  last_activity_editor?: string | null;
  last_authenticated_at?: string | null;
  pending_cancellation_date?: string | null;
  plan_type?: "business" | "enterprise" | "unknown";
}

export interface SeedRepo {
  /** `owner/name`. */
  full_name: string;
  default_branch?: string;
  /** Files on the default branch, path → UTF-8 content. */
  files?: Record<string, string>;
  /**
   * Who has access (and so can be assigned issues and asked for reviews) when the org's base
   * permission gives members none: org owners and these logins (members or outside
   * collaborators). Unset: every org member, as with a base permission of read or more.
   */
  collaborators?: string[];
}

/** A GitHub App and its installations (for App authentication: routes/apps.ts). */
export interface SeedApp {
  /** The App ID (GITHUB_APP_ID). */
  id: number;
  /** Its slug; its commits and reviews appear as `<slug>[bot]` (default `app-<id>`). */
  slug?: string;
  name?: string;
  /** The App's client ID (Iv1.…); an App JWT may name it as `iss` instead of the ID. */
  client_id?: string;
  /** PEM public key of the App's private key (`openssl rsa -in app.pem -pubout`). */
  public_key?: string;
  /** Installations that may mint tokens (without a key or installations, tokens come from `tokens:`). */
  installations?: {
    /** GITHUB_APP_INSTALLATION_ID. */
    id: number;
    /** Granted permissions (default: members read, organization_copilot_seat_management write). */
    permissions?: Record<string, "read" | "write" | "admin">;
    /** Repository names the installation may access (default: all). */
    repositories?: string[];
  }[];
}

/**
 * The org's enterprise (GitHub Enterprise Cloud): enterprise teams and enterprise-granted Copilot
 * seats, served at /enterprises/{slug}/... (enterprise-state.ts has the rules).
 */
export interface SeedEnterprise {
  slug: string;
  id?: number;
  name?: string;
  /** The enterprise's Copilot access setting (default assign_selected). */
  seat_management_setting?: SeatManagementSetting;
  plan_type?: "business" | "enterprise";
  /** Enterprise members who are not org members (each must be listed in `users`). */
  members?: string[];
  /** Enterprise teams; their slug is `ent:` + the slug of the name. */
  teams?: { name: string; description?: string; members?: string[] }[];
  /** Enterprise teams (slug or name) assigned Copilot through selected_enterprise_teams. */
  copilot_teams?: string[];
  /** Enterprise grants: direct (selected_users), or through `assigning_team` (an enterprise team). */
  seats?: SeedSeat[];
}

export interface SeedOrgSettings {
  login: string;
  id?: number;
  seat_management_setting?: SeatManagementSetting;
  plan_type?: "business" | "enterprise";
  /** The suggestions-matching-public-code policy; `unconfigured` makes every seat write a 422 (GitHub's documented case). Default `block`. */
  public_code_suggestions?: "allow" | "block" | "unconfigured";
}

/**
 * One organization of a seed: the main one (the seed's top level) or another served by the same
 * emulator (`other_orgs:`), each with its own members, teams, Copilot seats and billing cycle, at
 * /orgs/{its login}/…. Users are GitHub-wide: a login listed in two orgs is one account (one id);
 * repositories, the viewer, tokens and the enterprise are the main org's.
 */
export interface SeedOrg {
  org: SeedOrgSettings;
  /** Org members. */
  members: (string | SeedUser)[];
  /** Users who exist on GitHub but are not org members. */
  users?: (string | SeedUser)[];
  teams?: SeedTeam[];
  /** Team slugs assigned Copilot through selected_teams; their members hold seats. */
  copilot_teams?: string[];
  seats?: SeedSeat[];
  /** Start of the next billing cycle (YYYY-MM-DD), used for pending_cancellation_date. */
  next_billing_cycle?: string;
  /** Users invited to the org who have not accepted yet (`state: pending` memberships). */
  pending_members?: string[];
}

/** `tokens` and `required_checks` (see ci-state.ts) are optional. */
export interface EmulatorSeed extends CiSeed, SeedOrg {
  repos?: SeedRepo[];
  /** The login the token belongs to (default: the first admin member). */
  viewer?: string;
  /**
   * What the token belongs to (default "user"). With a user token, GitHub makes the creator a
   * maintainer of every team it creates; a GitHub App installation token does not.
   */
  auth_as?: "user" | "app";
  /** GitHub Apps that may exchange a JWT for an installation token. */
  apps?: SeedApp[];
  enterprise?: SeedEnterprise;
  /** More organizations on the same server (several orgs managed by one repo). */
  other_orgs?: SeedOrg[];
}

export interface FaultConfig {
  /** Added latency per request, in ms. */
  latencyMs?: number;
  /** Probability (0..1) that a request gets a 502/503 instead of being served (never half-applied). */
  errorRate?: number;
  /** Probability (0..1) of a secondary rate limit (403 or 429 with retry-after). */
  secondaryRateLimitRate?: number;
  /** retry-after seconds sent with secondary rate limits (default 1). */
  retryAfterSeconds?: number;
  /** Probability (0..1) that the connection is destroyed before the request is served. */
  dropRate?: number;
  /**
   * Probability (0..1) that the request IS served (a write is applied) and the connection is then
   * destroyed before the response: the client sees a network error for a write that happened,
   * and its retry meets the result (422 "Reference already exists", "A pull request already exists").
   */
  lostResponseRate?: number;
  /**
   * Probability (0..1) that the request is never answered and never served: the connection stays
   * open until the client gives up (a hung proxy or server; per-request timeouts must end it).
   */
  stallRate?: number;
  /** Stop injecting after this many faults (e.g. 1: "the first matching request fails"). */
  maxFaults?: number;
  /** Only requests whose `METHOD /path` matches get faults (default: all). */
  match?: RegExp | string;
  /** Deterministic randomness for reproducible fault runs. */
  seed?: number;
}

export interface RequestLogEntry {
  method: string;
  /** Path without query string, e.g. /orgs/acme/copilot/billing/seats */
  path: string;
  /** Route template, e.g. GET /orgs/{org}/copilot/billing/seats */
  route: string;
  status: number;
  /** The parsed JSON body of a mutating request (what the client sent), when it had one. */
  body?: unknown;
  /** True when a fault produced the response. */
  fault?: boolean;
}

export interface RequestLog {
  readonly entries: readonly RequestLogEntry[];
  /** Number of requests, optionally filtered by method and/or route template (`GET /orgs/{org}/members`). */
  count(filter?: { method?: string; route?: string; mutating?: boolean; status?: number }): number;
  /** Per-route counts: `{ "GET /orgs/{org}/members": 3, ... }`. */
  byRoute(): Record<string, number>;
  reset(): void;
}

export interface StartOptions {
  /** A seed object, or a path to a seed file (JSON or YAML). */
  seed?: EmulatorSeed | string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The emulator's clock (activity dates, created_at of new seats). Default: real time. */
  now?: () => Date;
  faults?: FaultConfig;
  /** Load state from this file if it exists, and persist every change to it. */
  stateFile?: string;
  /** Require an Authorization header (default true), like GitHub for these endpoints. */
  requireAuth?: boolean;
  /**
   * OAuth apps the web flow (/login/oauth/*) accepts; none: any client id with any non-empty
   * secret (the demo needs no registration).
   */
  oauthApps?: { client_id: string; client_secret: string }[];
}

export interface RunningEmulator {
  /** Base URL to use as GITHUB_API_URL / --api-url (no trailing slash). */
  url: string;
  log: RequestLog;
  setFaults(faults: FaultConfig | undefined): void;
  /** Test and demo hooks into the state (e.g. record Copilot activity, advance the clock). */
  control: EmulatorControl;
  close(): Promise<void>;
}

export interface EmulatorControl {
  setNow(now: Date): void;
  /** Record Copilot activity for a login (what an IDE would do), on its seat in `org` (default: the main org). */
  recordActivity(login: string, at: Date, editor?: string, org?: string): void;
  /** Snapshot of the state as a seed (for assertions and persistence). */
  snapshot(): EmulatorSeed;
  /** Files on a branch of a repo (path → content), read back from the git store. */
  readBranch(fullName: string, branch: string): Record<string, string> | undefined;
  /** Merge an open PR (fast-forward the base to the head commit), like pressing the button. */
  mergePull(fullName: string, number: number): void;
  /** A pending invitee accepts the org invitation (their pending team memberships activate). */
  acceptInvitation(login: string): void;
  /** The user changes their username: same id, new login everywhere (user-rename.ts). */
  renameUser(from: string, to: string): void;
  /** Current time on the emulator's clock. */
  now(): Date;
  /** Tokens the emulator issued (App installation tokens, …), with what each was issued for. */
  issuedTokens(): { token: string; identity: Identity; expiresAt: Date }[];
  /** Identities, required checks and Actions runs (ci-state.ts). */
  ci: CiControl;
}
