// The only writer to Copilot seat assignments: a narrow interface (docs/plan-apply.md) so
// apply's batching and error isolation are tested without Octokit, and one Octokit-backed
// implementation. Each call is one request; batching is apply's job.
//
// One vocabulary for the four writes: a plan's Action maps to one write kind, and the kind names
// everything else about the write (the route, the body field, the counter GitHub answers with).
// Progress lines, the audit record and the writer all use the kind and its route.
import type { Action } from "../plan/types.js";
import type { GitHubClient } from "./client.js";

export type SeatWriteKind = "add_users" | "cancel_users" | "add_teams" | "remove_teams";

export interface SeatWrite {
  /** The plan actions this write carries out (add and readd share one POST). */
  actions: readonly Action[];
  method: "POST" | "DELETE";
  path: "/orgs/{org}/copilot/billing/selected_users" | "/orgs/{org}/copilot/billing/selected_teams";
  /** `METHOD path`, as progress lines, the audit record and the emulator's request log name it. */
  route: string;
  /** The request body's list field. */
  field: "selected_usernames" | "selected_teams";
  /** The answer's counter. */
  counter: "seats_created" | "seats_cancelled";
  /** What the targets are, for messages. */
  targets: "logins" | "teams";
}

function write(actions: readonly Action[], method: SeatWrite["method"], users: boolean): SeatWrite {
  const path = users ? "/orgs/{org}/copilot/billing/selected_users" : "/orgs/{org}/copilot/billing/selected_teams";
  return {
    actions,
    method,
    path,
    route: `${method} ${path}`,
    field: users ? "selected_usernames" : "selected_teams",
    counter: method === "POST" ? "seats_created" : "seats_cancelled",
    targets: users ? "logins" : "teams",
  };
}

export const SEAT_WRITES: Record<SeatWriteKind, SeatWrite> = {
  add_teams: write(["add_team"], "POST", false),
  remove_teams: write(["remove_team"], "DELETE", false),
  add_users: write(["add", "readd"], "POST", true),
  cancel_users: write(["cancel"], "DELETE", true),
};

/** The write kind that carries out each plan action. */
export const WRITE_KIND_OF: Record<Action, SeatWriteKind> = {
  add_team: "add_teams",
  remove_team: "remove_teams",
  add: "add_users",
  readd: "add_users",
  cancel: "cancel_users",
};

/** What GitHub answered to one write: the HTTP status and its seats_created / seats_cancelled. */
export interface WriteAnswer {
  status: number;
  count: number;
}

export interface SeatWriter {
  /**
   * One request of `kind` for these logins or team slugs; throws on an HTTP error. `org`: the org
   * to send it to, in a plan of several orgs (default: the writer's own org).
   */
  write(kind: SeatWriteKind, targets: string[], org?: string): Promise<WriteAnswer>;
  /** The route each kind is sent to, when not the org's (`SEAT_WRITES[kind].route`); enterprise-write.ts has the enterprise's. */
  readonly routes?: Record<SeatWriteKind, string>;
}

/** The route a writer sends `kind` to, as progress lines and the audit record name it. */
export function routeOf(writer: Pick<SeatWriter, "routes">, kind: SeatWriteKind): string {
  return writer.routes?.[kind] ?? SEAT_WRITES[kind].route;
}

/**
 * The OpenAPI description documents `selected_teams` as "List of team names within the
 * organization", while the repo (and GitHub's seat list) identify teams by slug. Each slug is
 * looked up once (`GET /orgs/{org}/teams/{team_slug}`, one read per team, never per user) and the
 * team's current name is sent; a team GitHub does not know is sent as its slug, so GitHub's own
 * 422 reports it.
 */
function teamNameResolver(client: GitHubClient, org: string): (slugs: string[]) => Promise<string[]> {
  const names = new Map<string, Promise<string>>();
  const nameOf = (slug: string): Promise<string> => {
    let p = names.get(slug.toLowerCase());
    if (!p) {
      p = client.request("GET /orgs/{org}/teams/{team_slug}", { org, team_slug: slug }).then(
        ({ data }) => (typeof data.name === "string" && data.name ? data.name : slug),
        (err: unknown) => {
          names.delete(slug.toLowerCase()); // a transient failure must not stick
          if ((err as { status?: unknown })?.status === 404) return slug;
          throw err;
        },
      );
      names.set(slug.toLowerCase(), p);
    }
    return p;
  };
  return (slugs) => Promise.all(slugs.map(nameOf));
}

export function octokitSeatWriter(client: GitHubClient, defaultOrg: string): SeatWriter {
  const resolvers = new Map<string, (slugs: string[]) => Promise<string[]>>();
  const teamNames = (org: string, slugs: string[]) => {
    let r = resolvers.get(org.toLowerCase());
    if (!r) resolvers.set(org.toLowerCase(), (r = teamNameResolver(client, org)));
    return r(slugs);
  };
  return {
    async write(kind, targets, org = defaultOrg) {
      const w = SEAT_WRITES[kind];
      const values = w.targets === "teams" ? await teamNames(org, targets) : targets;
      // The route is one of four literal strings; Octokit's per-route typing cannot follow a
      // table lookup, so the answer is read through the counter the table names.
      const res = await client.request(w.route, { org, [w.field]: values });
      const data = res.data as Partial<Record<SeatWrite["counter"], unknown>>;
      const count = data[w.counter];
      return { status: res.status, count: typeof count === "number" ? count : 0 };
    },
  };
}
