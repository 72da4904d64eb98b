// read: the only place that pages through GitHub (DESIGN). It returns plain, serializable
// values (no Octokit objects), so the planner and the reclaim classifier stay pure.
//
// Pagination: page 1 tells how many pages there are (`total_seats` for Copilot seats, the
// rel="last" Link for the member lists), and the rest are fetched with bounded concurrency.
// That is the minimum number of requests and, at 100,000 seats, ~10x less wall time than
// following rel="next" one page after another.
import { UserError } from "../errors.js";
import { compareLogins } from "../model/logins.js";
import { apiUrlOf, httpStatus, webUrlOf, type GitHubClient } from "./client.js";
import { hasNextLink, lastPageFromLink, mapLimit, remainingPages } from "./concurrency.js";

export const PER_PAGE = 100;
/** In-flight requests per listing; the throttling plugin caps the whole client at 10. */
export const DEFAULT_READ_CONCURRENCY = 8;

// The live-state types live in the model so the planner imports no Octokit; re-exported here
// for the readers that build them.
export type { CopilotSettings, Seat, SeatManagementSetting, Snapshot, TeamMembership } from "../model/live-state.js";
export { ENTERPRISE_TEAM_PREFIX, isEnterpriseTeam } from "../model/live-state.js";
import type { CopilotSettings, Seat, Snapshot, TeamMembership } from "../model/live-state.js";
import { ENTERPRISE_TEAM_PREFIX, isEnterpriseTeam } from "../model/live-state.js";

export interface ReadOptions {
  concurrency?: number;
}

export interface PageResponse {
  data: unknown;
  headers: Record<string, string | number | undefined>;
}

/**
 * Fetches page 1, then pages 2..last concurrently, then keeps following rel="next" from the last
 * page fetched: the count read from page 1 is a hint, not a promise (rows added while paging push
 * the list onto a page the count did not know about; a server may send no count at all). Pages past
 * the real end come back empty and cost nothing but the request.
 */
export async function readAllPages<T>(
  fetchPage: (page: number) => Promise<PageResponse>,
  extract: (data: unknown) => T[],
  lastPageOf: (first: PageResponse) => number | undefined,
  concurrency: number,
): Promise<T[]> {
  const first = await fetchPage(1);
  const items = extract(first.data);
  const last = lastPageOf(first) ?? 1;
  let tailLink = linkOf(first);
  let page = 1;
  if (last > 1) {
    // Rows are extracted as each page arrives, so a page's raw answer can be freed at once: at
    // 100,000 seats, holding every answer until the end would double the peak memory.
    const rest = await mapLimit(remainingPages(last), concurrency, async (p) => {
      const res = await fetchPage(p);
      return { rows: extract(res.data), link: linkOf(res) };
    });
    for (const r of rest) for (const row of r.rows) items.push(row);
    if (rest.length) tailLink = rest[rest.length - 1]!.link;
    page = last;
  }
  // Beyond the count (or with none): follow rel="next" one page at a time.
  while (hasNextLink(tailLink)) {
    const tail = await fetchPage(++page);
    tailLink = linkOf(tail);
    const more = extract(tail.data);
    for (const row of more) items.push(row);
    if (!more.length) break; // a server that keeps linking to empty pages must not loop forever
  }
  return items;
}

function linkOf(res: PageResponse): string | undefined {
  return res.headers.link === undefined ? undefined : String(res.headers.link);
}

/** The rel="last" page; 1 when there is no Link header (everything fit on one page). */
export const linkLast = (res: PageResponse): number | undefined => {
  const link = linkOf(res);
  if (!link) return 1;
  return lastPageFromLink(link);
};

/**
 * How many seat pages there are, judged from page 1: the Link header's rel="last", else
 * `total_seats` (the schema does not require it). When both are there the larger wins: an extra
 * page past the end is one cheap empty request, a missing one is a seat we never see.
 */
export function seatPageCount(first: PageResponse): number | undefined {
  const link = linkOf(first);
  const fromLink = link ? lastPageFromLink(link) : undefined;
  const data = first.data as { total_seats?: unknown; seats?: unknown };
  const rows = Array.isArray(data.seats) ? data.seats.length : 0;
  let fromTotal: number | undefined;
  if (typeof data.total_seats === "number" && Number.isFinite(data.total_seats) && data.total_seats >= 0) {
    // A server that caps pages below per_page pages by what it served.
    const size = rows > 0 && rows < PER_PAGE && data.total_seats > rows ? rows : PER_PAGE;
    fromTotal = Math.max(1, Math.ceil(data.total_seats / size));
  }
  if (fromLink !== undefined && fromTotal !== undefined) return Math.max(fromLink, fromTotal);
  return fromLink ?? fromTotal ?? (link ? undefined : 1);
}

/**
 * `GET /orgs/{org}/copilot/billing`, with errors a person can act on. `orgFrom` names where the
 * org came from, for the 403/404 message (`seats import --org` passes "--org").
 */
export async function getCopilotSettings(
  client: GitHubClient,
  org: string,
  // The login itself: with several orgs it may come from `orgs:`, not `org`.
  orgFrom = `\`${org}\` in policies/policy.yaml`,
): Promise<CopilotSettings> {
  try {
    const { data } = await client.request("GET /orgs/{org}/copilot/billing", { org });
    const d = data as unknown as Record<string, unknown>;
    return {
      seat_management_setting: String(d.seat_management_setting ?? "unconfigured"),
      plan_type: typeof d.plan_type === "string" ? d.plan_type : null,
      ...(typeof d.public_code_suggestions === "string" ? { public_code_suggestions: d.public_code_suggestions } : {}),
      seat_breakdown: (d.seat_breakdown as CopilotSettings["seat_breakdown"]) ?? null,
      settings_url: `${webUrlOf(apiUrlOf(client))}/organizations/${org}/settings/copilot/policies`,
    };
  } catch (err) {
    const status = httpStatus(err);
    if (status === 401) {
      throw new UserError(`GitHub rejected the credentials (401) reading ${org}'s Copilot settings: check GITHUB_TOKEN or the GitHub App variables`);
    }
    if (status === 403 || status === 404) {
      throw new UserError(
        `cannot read Copilot settings of organization "${org}" (HTTP ${status}): check that ${orgFrom} is right, ` +
          `that the org has Copilot Business or Enterprise, and that the token belongs to an org owner with ` +
          `"GitHub Copilot Business" org permission (fine-grained / GitHub App) or manage_billing:copilot + read:org (classic)`,
      );
    }
    if (status === 422) {
      throw new UserError(`GitHub says there is a problem with ${org}'s Copilot billing (422): fix the payment method in the org's billing settings`);
    }
    throw err;
  }
}

/** the README preflight: seats can only be managed per user/team under `assign_selected`. */
export function checkSeatManagement(org: string, settings: CopilotSettings): void {
  const url = settings.settings_url ?? `https://github.com/organizations/${org}/settings/copilot/policies`;
  if (settings.seat_management_setting === "assign_selected") {
    // GitHub refuses every seat assignment (422) until this policy is set (README, "Prerequisites").
    if (settings.public_code_suggestions !== "unconfigured") return;
    throw new UserError(
      `organization "${org}" has no policy for Copilot suggestions matching public code, and GitHub refuses every seat assignment until it has one: ` +
        `an owner must open ${url} (Copilot → Policies) and set "Suggestions matching public code" to Allowed or Blocked, then run this again`,
    );
  }
  throw new UserError(
    `organization "${org}" has Copilot seat management set to "${settings.seat_management_setting}", but seats as code needs ` +
      `"assign_selected": an owner must open ${url} (Copilot → Access) and choose "Enable for specific members / teams" ` +
      `(API: seat_management_setting: assign_selected), then run this again`,
  );
}



/**
 * `assigning_team` is `oneOf [team, enterprise-team]` (nullable). An enterprise team, or an org
 * team of `type: "enterprise"`, is reported as `ent:<slug>` (GitHub's own notation for enterprise
 * teams) so the planner never tries to unassign it through the org's selected_teams, which
 * GitHub refuses ("modify an enterprise team at the organization level").
 */
export function assigningTeamSlug(team: unknown): string | null {
  if (!team || typeof team !== "object") return null;
  const t = team as { slug?: unknown; type?: unknown; group_id?: unknown; node_id?: unknown };
  if (typeof t.slug !== "string" || t.slug === "") return null;
  // enterprise-team has group_id and no node_id/type; an org team always has node_id and type.
  const enterprise = t.type === "enterprise" || (t.type === undefined && "group_id" in t && !("node_id" in t));
  return enterprise && !isEnterpriseTeam(t.slug) ? `${ENTERPRISE_TEAM_PREFIX}${t.slug}` : t.slug;
}

export function toSeat(raw: Record<string, unknown>): Seat | undefined {
  const assignee = raw.assignee as { login?: unknown; type?: unknown } | null | undefined;
  if (!assignee || typeof assignee.login !== "string") return undefined; // null (nullable-simple-user), or a team assignee of old API versions
  // Old API versions also listed organization assignees (oneOf simple-user | team | organization):
  // an org login must never be planned as a user seat.
  if (assignee.type === "Organization") return undefined;
  const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
  return {
    login: assignee.login,
    assigning_team: assigningTeamSlug(raw.assigning_team),
    created_at: String(raw.created_at ?? ""),
    last_activity_at: str(raw.last_activity_at),
    last_activity_editor: str(raw.last_activity_editor),
    last_authenticated_at: str(raw.last_authenticated_at),
    pending_cancellation_date: str(raw.pending_cancellation_date),
    plan_type: str(raw.plan_type),
  };
}

/** Every billed seat (`GET /orgs/{org}/copilot/billing/seats`, per_page=100), sorted by login. */
export async function listAllSeats(client: GitHubClient, org: string, opts: ReadOptions = {}): Promise<Seat[]> {
  // Flattened page by page (a Seat is a fraction of GitHub's row, which embeds the whole user).
  const flat = await readAllPages<Seat>(
    (page) => client.request("GET /orgs/{org}/copilot/billing/seats", { org, per_page: PER_PAGE, page }) as Promise<PageResponse>,
    (data) => ((data as { seats?: Record<string, unknown>[] }).seats ?? []).flatMap((r) => toSeat(r) ?? []),
    (first) => seatPageCount(first),
    opts.concurrency ?? DEFAULT_READ_CONCURRENCY,
  );
  // A seat added or removed while paging can shift a row across a page boundary; keep one per login.
  const byLogin = new Map<string, Seat>();
  for (const seat of flat) byLogin.set(seat.login.toLowerCase(), seat);
  return [...byLogin.values()].sort((a, b) => compareLogins(a.login, b.login));
}

function loginsOf(data: unknown): string[] {
  return (Array.isArray(data) ? data : []).flatMap((u: { login?: unknown }) => (typeof u?.login === "string" ? [u.login] : []));
}

function uniqueSorted(logins: string[]): string[] {
  const m = new Map<string, string>();
  for (const l of logins) m.set(l.toLowerCase(), l);
  return [...m.values()].sort(compareLogins);
}

/** Every org member's login (`GET /orgs/{org}/members`, per_page=100), sorted case-insensitively. */
export async function listOrgMembers(client: GitHubClient, org: string, opts: ReadOptions = {}): Promise<string[]> {
  const logins = await readAllPages(
    (page) => client.request("GET /orgs/{org}/members", { org, per_page: PER_PAGE, page }) as Promise<PageResponse>,
    loginsOf,
    linkLast,
    opts.concurrency ?? DEFAULT_READ_CONCURRENCY,
  );
  return uniqueSorted(logins);
}

/** Members of one team (child teams included, as GitHub lists them); undefined when the team does not exist. */
export interface TeamMemberOptions extends ReadOptions {
  /** Only this role (`GET …/members?role=`); default every member. */
  role?: "member" | "maintainer";
}

export async function listTeamMembers(client: GitHubClient, org: string, slug: string, opts: TeamMemberOptions = {}): Promise<string[] | undefined> {
  try {
    const logins = await readAllPages(
      (page) =>
        client.request("GET /orgs/{org}/teams/{team_slug}/members", {
          org,
          team_slug: slug,
          per_page: PER_PAGE,
          page,
          ...(opts.role ? { role: opts.role } : {}),
        }) as Promise<PageResponse>,
      loginsOf,
      linkLast,
      opts.concurrency ?? DEFAULT_READ_CONCURRENCY,
    );
    return uniqueSorted(logins);
  } catch (err) {
    if (httpStatus(err) === 404) return undefined;
    throw err;
  }
}

/** One org team as `GET /orgs/{org}/teams` lists it (only the fields this project reads). */
export interface TeamSummary {
  slug: string;
  name: string;
  description: string;
  privacy: "closed" | "secret";
  /** Slug of the parent team, or null for a top-level team. */
  parent: string | null;
  /** `enterprise` for an enterprise team shown in the org (required in the schema; absent from older servers). */
  type: "organization" | "enterprise";
}

/** Every team of the org (`GET /orgs/{org}/teams`, per_page=100), sorted by slug. */
export async function listTeams(client: GitHubClient, org: string, opts: ReadOptions = {}): Promise<TeamSummary[]> {
  const raw = await readAllPages(
    (page) => client.request("GET /orgs/{org}/teams", { org, per_page: PER_PAGE, page }) as Promise<PageResponse>,
    (data) => (Array.isArray(data) ? (data as Record<string, unknown>[]) : []),
    linkLast,
    opts.concurrency ?? DEFAULT_READ_CONCURRENCY,
  );
  const bySlug = new Map<string, TeamSummary>();
  for (const t of raw) {
    if (typeof t.slug !== "string") continue;
    const parent = t.parent as { slug?: unknown } | null | undefined;
    bySlug.set(t.slug, {
      slug: t.slug,
      name: typeof t.name === "string" ? t.name : t.slug,
      description: typeof t.description === "string" ? t.description : "",
      privacy: t.privacy === "secret" ? "secret" : "closed",
      parent: typeof parent?.slug === "string" ? parent.slug : null,
      type: t.type === "enterprise" || isEnterpriseTeam(t.slug) ? "enterprise" : "organization",
    });
  }
  return [...bySlug.values()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

export interface SnapshotOptions extends ReadOptions {
  org: string;
  /** Team slugs whose members the plan needs (the `copilot: team` teams). */
  teams?: readonly string[];
  /** Check `assign_selected` before paging (default true). */
  preflight?: boolean;
}

/** Settings (+ preflight), then seats, org members and the requested teams' members in parallel. */
export async function readSnapshot(client: GitHubClient, opts: SnapshotOptions, known?: CopilotSettings): Promise<Snapshot> {
  const { org } = opts;
  const settings = known ?? (await getCopilotSettings(client, org));
  if (opts.preflight !== false) checkSeatManagement(org, settings);
  const slugs = [...new Set(opts.teams ?? [])].sort();
  const [seats, members, teams] = await Promise.all([
    listAllSeats(client, org, opts),
    listOrgMembers(client, org, opts),
    mapLimit(slugs, 4, async (slug): Promise<TeamMembership> => {
      const m = await listTeamMembers(client, org, slug, opts);
      return { slug, exists: m !== undefined, members: m ?? [] };
    }),
  ]);
  return { org, settings, seats, members, teams };
}

/**
 * Every item of one list endpoint, paged like the rest of this module (per_page=100, page 1 then
 * the others concurrently, then rel="next"). `route` is an Octokit route (`GET /repos/{owner}/…`);
 * `extract` picks the rows out of a page (the array itself, or `check_runs`, `workflow_runs`, …).
 * The pipeline's lookups (reviews, PR commits, check runs, workflow runs, comments) use it.
 */
export async function listAll<T>(
  client: GitHubClient,
  route: string,
  params: Record<string, unknown>,
  extract: (data: unknown) => T[] = (data) => (Array.isArray(data) ? (data as T[]) : []),
  opts: ReadOptions = {},
): Promise<T[]> {
  return readAllPages(
    (page) => client.request(route, { ...params, per_page: PER_PAGE, page }) as Promise<PageResponse>,
    extract,
    linkLast,
    opts.concurrency ?? DEFAULT_READ_CONCURRENCY,
  );
}
