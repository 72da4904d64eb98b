// Writes to a GitHub Enterprise Cloud enterprise: Copilot seat assignments (the SeatWriter that
// apply batches, sending to the enterprise's selected_users / selected_enterprise_teams) and
// enterprise teams with their memberships. Memberships change through the bulk endpoints, at most
// MAX_BATCH logins a request, never one request per person. Dry run is the client's: a read-only
// client refuses every one of these requests before it leaves the process.
import type { GitHubClient } from "./client.js";
import { httpStatus } from "./client.js";
import { SEAT_WRITES, type SeatWriteKind, type SeatWriter } from "./write.js";

/** Logins per bulk membership request (the seat writes use apply's MAX_BATCH, the same 100). */
export const MEMBERSHIP_BATCH = 100;

export const ENTERPRISE_WRITE_ROUTES: Record<SeatWriteKind, string> = {
  add_users: "POST /enterprises/{enterprise}/copilot/billing/selected_users",
  cancel_users: "DELETE /enterprises/{enterprise}/copilot/billing/selected_users",
  add_teams: "POST /enterprises/{enterprise}/copilot/billing/selected_enterprise_teams",
  remove_teams: "DELETE /enterprises/{enterprise}/copilot/billing/selected_enterprise_teams",
};

/**
 * selected_enterprise_teams takes "enterprise team names"; the repo knows teams by slug
 * (`ent:<folder>`). Each slug is looked up once (one read per team, never per user) and its
 * current name sent; a team GitHub does not know is sent as its slug, so GitHub's 422 names it.
 */
function enterpriseTeamNames(client: GitHubClient, enterprise: string): (slugs: string[]) => Promise<string[]> {
  const names = new Map<string, Promise<string>>();
  const nameOf = (slug: string): Promise<string> => {
    let p = names.get(slug.toLowerCase());
    if (!p) {
      p = client.request("GET /enterprises/{enterprise}/teams/{team_slug}", { enterprise, team_slug: slug }).then(
        ({ data }) => (typeof data.name === "string" && data.name ? data.name : slug),
        (err: unknown) => {
          names.delete(slug.toLowerCase());
          if (httpStatus(err) === 404) return slug;
          throw err;
        },
      );
      names.set(slug.toLowerCase(), p);
    }
    return p;
  };
  return (slugs) => Promise.all(slugs.map(nameOf));
}

export function enterpriseSeatWriter(client: GitHubClient, enterprise: string): SeatWriter {
  const teamNames = enterpriseTeamNames(client, enterprise);
  return {
    routes: ENTERPRISE_WRITE_ROUTES,
    async write(kind, targets) {
      const w = SEAT_WRITES[kind];
      const teams = w.targets === "teams";
      const body = teams ? { selected_enterprise_teams: await teamNames(targets) } : { selected_usernames: targets };
      const res = await client.request(ENTERPRISE_WRITE_ROUTES[kind], { enterprise, ...body });
      const n = (res.data as Record<string, unknown> | undefined)?.[w.counter];
      // DELETE teams may answer 202 {message}: nothing counted yet.
      return { status: res.status, count: typeof n === "number" ? n : 0 };
    },
  };
}

export interface EnterpriseTeamFields {
  name: string;
  description?: string;
}

export interface EnterpriseTeamRecord {
  id: number;
  slug: string;
  name: string;
  description: string;
}

function teamRecord(data: unknown): EnterpriseTeamRecord {
  const d = data as Record<string, unknown>;
  return { id: Number(d.id), slug: String(d.slug), name: String(d.name), description: typeof d.description === "string" ? d.description : "" };
}

export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Enterprise teams and their memberships, one client, batched membership changes. */
export function enterpriseTeamWriter(client: GitHubClient, enterprise: string) {
  return {
    async create(fields: EnterpriseTeamFields): Promise<EnterpriseTeamRecord> {
      const { data } = await client.request("POST /enterprises/{enterprise}/teams", { enterprise, name: fields.name, description: fields.description ?? null });
      return teamRecord(data);
    },
    /** By slug or id (GitHub accepts either); undefined when the team does not exist. */
    async get(slugOrId: string): Promise<EnterpriseTeamRecord | undefined> {
      try {
        const { data } = await client.request("GET /enterprises/{enterprise}/teams/{team_slug}", { enterprise, team_slug: slugOrId });
        return teamRecord(data);
      } catch (err) {
        if (httpStatus(err) === 404) return undefined;
        throw err;
      }
    },
    /** A rename keeps the id (the slug follows the name), so memberships and seats stay. */
    async update(slugOrId: string, fields: Partial<EnterpriseTeamFields>): Promise<EnterpriseTeamRecord> {
      const { data } = await client.request("PATCH /enterprises/{enterprise}/teams/{team_slug}", { enterprise, team_slug: slugOrId, ...fields });
      return teamRecord(data);
    },
    async delete(slugOrId: string): Promise<void> {
      try {
        await client.request("DELETE /enterprises/{enterprise}/teams/{team_slug}", { enterprise, team_slug: slugOrId });
      } catch (err) {
        if (httpStatus(err) !== 404) throw err; // already gone is what we wanted
      }
    },
    /** Bulk add then bulk remove, MEMBERSHIP_BATCH logins a request; returns the requests sent. */
    async syncMembers(slugOrId: string, add: readonly string[], remove: readonly string[]): Promise<number> {
      let sent = 0;
      for (const usernames of chunked(add, MEMBERSHIP_BATCH)) {
        await client.request("POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/add", { enterprise, "enterprise-team": slugOrId, usernames });
        sent++;
      }
      for (const usernames of chunked(remove, MEMBERSHIP_BATCH)) {
        await client.request("POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/remove", { enterprise, "enterprise-team": slugOrId, usernames });
        sent++;
      }
      return sent;
    },
  };
}

export type EnterpriseTeamWriter = ReturnType<typeof enterpriseTeamWriter>;
