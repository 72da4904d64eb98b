// The only writer to Copilot seat assignments: a narrow interface (DESIGN: narrow interfaces
// for effects) so apply's batching and error isolation are tested without Octokit, and one
// Octokit-backed implementation. Each call is one request; batching is apply's job.
import type { GitHubClient } from "./client.js";

export type SeatWriteKind = "add_users" | "cancel_users" | "add_teams" | "remove_teams";

export interface SeatWriter {
  /** POST selected_users; returns seats_created. */
  addUsers(logins: string[]): Promise<number>;
  /** DELETE selected_users; returns seats_cancelled. */
  cancelUsers(logins: string[]): Promise<number>;
  /** POST selected_teams; returns seats_created. */
  addTeams(slugs: string[]): Promise<number>;
  /** DELETE selected_teams; returns seats_cancelled. */
  removeTeams(slugs: string[]): Promise<number>;
  /** The routes this writer sends to (default WRITE_ROUTES, the org's; enterprise-write.ts has the enterprise's). */
  readonly routes?: Record<SeatWriteKind, string>;
}

export const WRITE_ROUTES: Record<SeatWriteKind, string> = {
  add_users: "POST /orgs/{org}/copilot/billing/selected_users",
  cancel_users: "DELETE /orgs/{org}/copilot/billing/selected_users",
  add_teams: "POST /orgs/{org}/copilot/billing/selected_teams",
  remove_teams: "DELETE /orgs/{org}/copilot/billing/selected_teams",
};

/**
 * The OpenAPI description documents `selected_teams` as "List of team names within the
 * organization", while the repo (and GitHub's seat list) identify teams by slug. Each slug is
 * looked up once (`GET /orgs/{org}/teams/{team_slug}`, one read per team, never per user) and the
 * team's current name is sent; a team GitHub does not know is sent as its slug, so GitHub's own
 * 422 reports it.
 */
export function teamNameResolver(client: GitHubClient, org: string): (slugs: string[]) => Promise<string[]> {
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

export function octokitSeatWriter(client: GitHubClient, org: string): SeatWriter {
  const teamNames = teamNameResolver(client, org);
  return {
    async addUsers(logins) {
      const { data } = await client.request("POST /orgs/{org}/copilot/billing/selected_users", { org, selected_usernames: logins });
      return data.seats_created;
    },
    async cancelUsers(logins) {
      const { data } = await client.request("DELETE /orgs/{org}/copilot/billing/selected_users", { org, selected_usernames: logins });
      return data.seats_cancelled;
    },
    async addTeams(slugs) {
      const { data } = await client.request("POST /orgs/{org}/copilot/billing/selected_teams", { org, selected_teams: await teamNames(slugs) });
      return data.seats_created;
    },
    async removeTeams(slugs) {
      const { data } = await client.request("DELETE /orgs/{org}/copilot/billing/selected_teams", { org, selected_teams: await teamNames(slugs) });
      return data.seats_cancelled;
    },
  };
}
