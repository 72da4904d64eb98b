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
}

export const WRITE_ROUTES: Record<SeatWriteKind, string> = {
  add_users: "POST /orgs/{org}/copilot/billing/selected_users",
  cancel_users: "DELETE /orgs/{org}/copilot/billing/selected_users",
  add_teams: "POST /orgs/{org}/copilot/billing/selected_teams",
  remove_teams: "DELETE /orgs/{org}/copilot/billing/selected_teams",
};

export function octokitSeatWriter(client: GitHubClient, org: string): SeatWriter {
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
      // The API documents "team names"; slugs are what the repo and GitHub's seat list use.
      const { data } = await client.request("POST /orgs/{org}/copilot/billing/selected_teams", { org, selected_teams: slugs });
      return data.seats_created;
    },
    async removeTeams(slugs) {
      const { data } = await client.request("DELETE /orgs/{org}/copilot/billing/selected_teams", { org, selected_teams: slugs });
      return data.seats_cancelled;
    },
  };
}
