// Reads of a GitHub Enterprise Cloud enterprise: its Copilot seats and its enterprise teams.
// Reads page at 100 like every other listing (read.ts). The enterprise seat list has one seat
// object per grant (each org that assigns the person, each enterprise team, a direct enterprise
// assignment), and counts each person once in `total_seats`: so the page count comes from the
// Link header (rows, not people), and rel="next" is followed past it.
import { UserError } from "../errors.js";
import { compareLogins } from "../model/logins.js";
import { httpStatus, type GitHubClient } from "./client.js";
import { DEFAULT_READ_CONCURRENCY, linkLast, PER_PAGE, readAllPages, seatPageCount, toSeat, type PageResponse, type ReadOptions, type Seat } from "./read.js";

/** One grant of one person's enterprise seat. */
export interface EnterpriseGrant extends Seat {
  /** The org that assigns the seat; null for a grant of the enterprise itself (direct or an enterprise team). */
  organization: string | null;
}

/** A person holding an enterprise seat: billed once, whatever the number of grants. */
export interface EnterpriseSeatHolder {
  login: string;
  /** Sorted: org grants first (by org), then enterprise grants (direct, then teams by slug). */
  grants: EnterpriseGrant[];
  /** The latest activity over every grant (activity is the person's, not a grant's). */
  last_activity_at: string | null;
  /** True when every grant is pending cancellation (the seat leaves at the next billing cycle). */
  pending_cancellation: boolean;
}

export const enterpriseFixHint = (enterprise: string): string =>
  `check that \`enterprise\` in policies/policy.yaml ("${enterprise}") is the enterprise's slug (github.com/enterprises/<slug>), ` +
  `and that the token is a classic personal access token of an enterprise owner with manage_billing:copilot (reads: read:enterprise; ` +
  `enterprise teams: admin:enterprise); GitHub refuses fine-grained tokens and GitHub App tokens on the enterprise endpoints (docs/enterprise.md)`;

/** A 403/404 on an enterprise endpoint as something a person can act on. */
export function enterpriseError(err: unknown, enterprise: string, what: string): unknown {
  const status = httpStatus(err);
  if (status === 401) return new UserError(`GitHub rejected the credentials (401) reading ${what} of enterprise "${enterprise}": check GITHUB_TOKEN`);
  if (status === 403 || status === 404) return new UserError(`cannot read ${what} of enterprise "${enterprise}" (HTTP ${status}): ${enterpriseFixHint(enterprise)}`);
  return err;
}

function orgOf(raw: Record<string, unknown>): string | null {
  const o = raw.organization as { login?: unknown } | null | undefined;
  return o && typeof o.login === "string" ? o.login : null;
}

const grantSource = (g: EnterpriseGrant): string => (g.organization ? `0org:${g.organization.toLowerCase()}` : g.assigning_team ? `2team:${g.assigning_team.toLowerCase()}` : "1direct");

/** Every grant of the enterprise's seat list (`GET /enterprises/{e}/copilot/billing/seats`). */
export async function listEnterpriseGrants(client: GitHubClient, enterprise: string, opts: ReadOptions = {}): Promise<EnterpriseGrant[]> {
  let raw: Record<string, unknown>[];
  try {
    raw = await readAllPages<Record<string, unknown>>(
      (page) => client.request("GET /enterprises/{enterprise}/copilot/billing/seats", { enterprise, per_page: PER_PAGE, page }) as Promise<PageResponse>,
      (data) => ((data as { seats?: Record<string, unknown>[] }).seats ?? []),
      // total_seats counts people, not rows: it can only under-count pages; the Link header is exact.
      (first) => linkLast(first) ?? seatPageCount(first),
      opts.concurrency ?? DEFAULT_READ_CONCURRENCY,
    );
  } catch (err) {
    throw enterpriseError(err, enterprise, "Copilot seats");
  }
  // A row shifted across a page boundary while paging shows up twice: keep one per person and source.
  const unique = new Map<string, EnterpriseGrant>();
  for (const r of raw) {
    const seat = toSeat(r);
    if (!seat) continue;
    const grant: EnterpriseGrant = { ...seat, organization: orgOf(r) };
    unique.set(`${seat.login.toLowerCase()}\u0000${grantSource(grant)}`, grant);
  }
  return [...unique.values()].sort((a, b) => compareLogins(a.login, b.login) || (grantSource(a) < grantSource(b) ? -1 : grantSource(a) > grantSource(b) ? 1 : 0));
}

/** Grants grouped by person (pure): the unit the budget counts and reclaim removes. */
export function seatHolders(grants: readonly EnterpriseGrant[]): EnterpriseSeatHolder[] {
  const byLogin = new Map<string, EnterpriseSeatHolder>();
  for (const g of grants) {
    const k = g.login.toLowerCase();
    let h = byLogin.get(k);
    if (!h) byLogin.set(k, (h = { login: g.login, grants: [], last_activity_at: null, pending_cancellation: true }));
    h.grants.push(g);
    if (g.last_activity_at && (!h.last_activity_at || g.last_activity_at > h.last_activity_at)) h.last_activity_at = g.last_activity_at;
    if (!g.pending_cancellation_date) h.pending_cancellation = false;
  }
  for (const h of byLogin.values()) h.grants.sort((a, b) => (grantSource(a) < grantSource(b) ? -1 : grantSource(a) > grantSource(b) ? 1 : 0));
  return [...byLogin.values()].sort((a, b) => compareLogins(a.login, b.login));
}

export interface EnterpriseTeamSummary {
  id: number;
  /** `ent:<slug>`. */
  slug: string;
  name: string;
  description: string;
}

/** Every enterprise team (`GET /enterprises/{e}/teams`, per_page=100), sorted by slug. */
export async function listEnterpriseTeams(client: GitHubClient, enterprise: string, opts: ReadOptions = {}): Promise<EnterpriseTeamSummary[]> {
  try {
    const teams = await readAllPages<Record<string, unknown>>(
      (page) => client.request("GET /enterprises/{enterprise}/teams", { enterprise, per_page: PER_PAGE, page }) as Promise<PageResponse>,
      (data) => (Array.isArray(data) ? (data as Record<string, unknown>[]) : []),
      linkLast,
      opts.concurrency ?? DEFAULT_READ_CONCURRENCY,
    );
    const out = teams.flatMap((t) =>
      typeof t.slug === "string" && typeof t.id === "number"
        ? [{ id: t.id, slug: t.slug, name: typeof t.name === "string" ? t.name : t.slug, description: typeof t.description === "string" ? t.description : "" }]
        : [],
    );
    return [...new Map(out.map((t) => [t.slug.toLowerCase(), t])).values()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  } catch (err) {
    throw enterpriseError(err, enterprise, "teams");
  }
}

/** One enterprise team's members, sorted; undefined when the team does not exist (404). */
export async function listEnterpriseTeamMembers(client: GitHubClient, enterprise: string, slug: string, opts: ReadOptions = {}): Promise<string[] | undefined> {
  try {
    const logins = await readAllPages<string>(
      (page) =>
        client.request("GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships", { enterprise, "enterprise-team": slug, per_page: PER_PAGE, page }) as Promise<PageResponse>,
      (data) => (Array.isArray(data) ? data : []).flatMap((u: { login?: unknown }) => (typeof u?.login === "string" ? [u.login] : [])),
      linkLast,
      opts.concurrency ?? DEFAULT_READ_CONCURRENCY,
    );
    return [...new Map(logins.map((l) => [l.toLowerCase(), l])).values()].sort(compareLogins);
  } catch (err) {
    if (httpStatus(err) === 404) return undefined;
    throw enterpriseError(err, enterprise, `members of team "${slug}"`);
  }
}
