// Targeted reads for an incremental plan: the live state of a few logins instead of paging
// through every seat and every member. Per login:
//   GET /orgs/{org}/members/{username}/copilot           its seat (404: none)
// for up to 100 logins at once, one GraphQL query of `user(login:) { organization(login:) }`:
// an org shown there is a member for sure, a login that is nobody's is no member; only the
// accounts it does not show as members (an outside collaborator, or a private membership the
// token may not see there) are checked one by one:
//   GET /orgs/{org}/members/{username}                   org membership (204 / 404)
// (A single login goes straight to that check: the query would save nothing, and octokit
// paces GraphQL requests one per second, as it paces writes.)
// and, only for logins the repo no longer declares a direct seat for, one
//   GET /orgs/{org}/teams/{team_slug}/memberships/{username}
// per `copilot: team` team (a hand-added team member gets a seat through the team).
import { compareLogins, loginKey } from "../model/logins.js";
import { httpStatus, type GitHubClient } from "./client.js";
import { mapLimit } from "./concurrency.js";
import { DEFAULT_READ_CONCURRENCY, toSeat, type CopilotSettings, type Seat, type Snapshot } from "./read.js";
import { LOGINS_PER_QUERY, lookupLogins } from "./user-lookup.js";

const errorText = (err: unknown) => {
  const status = httpStatus(err);
  return status ? `HTTP ${status}` : err instanceof Error ? err.message : String(err);
};

export interface LoginReadOptions {
  org: string;
  settings: CopilotSettings;
  /** Logins as the files spell them. */
  logins: readonly string[];
  /** `copilot: team` team slugs to check `askTeamsFor` against. */
  teams: readonly string[];
  /** Login keys whose team memberships are needed. */
  askTeamsFor: ReadonlySet<string>;
  /** Touched (team folder, login) pairs: is the login a member of that team? */
  pairs?: readonly { team: string; login: string }[];
  concurrency?: number;
  /** Told when the GraphQL batch is unusable and REST stands in for it. */
  warn?: (message: string) => void;
  signal?: AbortSignal;
}

export interface LoginStates {
  snapshot: Snapshot;
  teamMemberships: Map<string, string[]>;
  /** `team/loginKey` of the pairs whose login is an active member of the team. */
  pairMembers: Set<string>;
}

/**
 * The most requests readLoginStates sends for these options (the planner compares it with
 * paging): the REST membership checks count as if GraphQL showed nobody a member, so the
 * targeted read never costs more than the paging it was chosen over.
 */
export function loginReadCost(logins: number, teamChecks: number, pairs = 0): number {
  return 2 * logins + graphqlQueries(logins) + teamChecks + pairs;
}

/** GraphQL membership queries for `logins` logins: none for one login, else one per 100. */
const graphqlQueries = (logins: number) => (logins > 1 ? Math.ceil(logins / LOGINS_PER_QUERY) : 0);

/** A 404 (or a 422 for a pending invitation) is "no such thing"; anything else is an error. */
async function absentOn<T>(codes: number[], fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (codes.includes(httpStatus(err) ?? 0)) return undefined;
    throw err;
  }
}

/** One login's live seat (`GET /orgs/{org}/members/{username}/copilot`); undefined when there is none. */
export async function readSeatOf(client: GitHubClient, org: string, username: string): Promise<Seat | undefined> {
  // 422: GitHub's answer for a login with a pending org invitation (no seat yet).
  const res = await absentOn([404, 422], () => client.request("GET /orgs/{org}/members/{username}/copilot", { org, username }));
  return res ? toSeat(res.data as unknown as Record<string, unknown>) : undefined;
}

export async function readLoginStates(client: GitHubClient, opts: LoginReadOptions): Promise<LoginStates> {
  const { org } = opts;
  const limit = opts.concurrency ?? DEFAULT_READ_CONCURRENCY;
  type Job = () => Promise<void>;
  const seats: Seat[] = [];
  const members: string[] = [];
  const teamMemberships = new Map<string, string[]>();
  const jobs: Job[] = [];
  // Org membership: the GraphQL batch first (queued first, so the REST checks of the accounts
  // it did not show in the org can follow soonest), those checks once every job is done.
  const unproven: string[] = graphqlQueries(opts.logins.length) ? [] : [...opts.logins];
  if (graphqlQueries(opts.logins.length)) {
    jobs.push(async () => {
      // A server without a usable GraphQL API (an API stand-in, a proxy that only passes REST)
      // must not fail the plan: every login is then checked by REST, as a single login is.
      const accounts = await lookupLogins(client, opts.logins, org).catch((err: unknown) => {
        if (opts.signal?.aborted) throw err;
        opts.warn?.(`GraphQL membership lookup failed (${errorText(err)}); checking ${opts.logins.length} org memberships by REST instead`);
        return undefined;
      });
      if (!accounts) {
        unproven.push(...opts.logins);
        return;
      }
      for (const login of opts.logins) {
        const a = accounts.get(loginKey(login));
        if (a?.inOrg) members.push(login);
        else if (a) unproven.push(login);
      }
    });
  }
  for (const login of opts.logins) {
    jobs.push(async () => {
      const seat = await readSeatOf(client, org, login);
      if (seat) seats.push(seat);
    });
    const k = loginKey(login);
    if (!opts.askTeamsFor.has(k)) continue;
    teamMemberships.set(k, []);
    for (const slug of opts.teams) {
      jobs.push(async () => {
        const res = await absentOn([404], () =>
          client.request("GET /orgs/{org}/teams/{team_slug}/memberships/{username}", { org, team_slug: slug, username: login }),
        );
        // A pending team invitation is not a member in GitHub's member list either.
        if (res && (res.data as { state?: unknown }).state === "active") teamMemberships.get(k)!.push(slug);
      });
    }
  }
  const pairMembers = new Set<string>();
  for (const p of opts.pairs ?? []) {
    jobs.push(async () => {
      const res = await absentOn([404], () => client.request("GET /orgs/{org}/teams/{team_slug}/memberships/{username}", { org, team_slug: p.team, username: p.login }));
      if (res && (res.data as { state?: unknown }).state === "active") pairMembers.add(`${p.team.toLowerCase()}/${loginKey(p.login)}`);
    });
  }
  await mapLimit(jobs, limit, (job) => job());
  await mapLimit(unproven, limit, async (login) => {
    const res = await absentOn([404], () => client.request("GET /orgs/{org}/members/{username}", { org, username: login }));
    // 204: a member. (A 302 means the token's owner is no org member; the client follows it to the public check.)
    if (res && (res.status as number) === 204) members.push(login);
  });
  seats.sort((a, b) => compareLogins(a.login, b.login));
  members.sort(compareLogins);
  for (const slugs of teamMemberships.values()) slugs.sort();
  return { snapshot: { org, settings: opts.settings, seats, members, teams: [] }, teamMemberships, pairMembers };
}
