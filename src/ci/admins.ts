// Who counts as an admin: the owners on CODEOWNERS' `*` line of the default branch (`@login` or
// `@org/team`). Offline only listed logins are known; with a token that may read the org's teams,
// membership of an owner team is checked live (`GET /orgs/{org}/teams/{team}/memberships/{user}`).
import { httpStatus, type GitHubClient } from "../github/client.js";
import { sameLogin } from "../model/logins.js";

/** `org/team` owners (lowercased, without `@`) whose org is `org`. */
export function ownerTeams(owners: readonly string[], org: string): string[] {
  return owners
    .filter((o) => o.startsWith("@") && o.includes("/"))
    .map((o) => o.slice(1).toLowerCase())
    .filter((t) => sameLogin(t.slice(0, t.indexOf("/")), org));
}

export async function isTeamMember(client: GitHubClient, org: string, team: string, login: string): Promise<boolean> {
  try {
    const { data } = await client.request("GET /orgs/{org}/teams/{team_slug}/memberships/{username}", { org, team_slug: team, username: login });
    return data.state === "active";
  } catch (err) {
    if (httpStatus(err) === 404) return false;
    throw err;
  }
}

/** The owner teams (`org/team`) that at least one of `logins` is an active member of. */
export async function approvingTeams(client: GitHubClient, org: string, owners: readonly string[], logins: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const t of ownerTeams(owners, org)) {
    const slug = t.slice(t.indexOf("/") + 1);
    for (const login of logins) {
      if (await isTeamMember(client, org, slug, login)) {
        out.add(t);
        break;
      }
    }
  }
  return out;
}

export async function isAdmin(client: GitHubClient, org: string, owners: readonly string[], login: string): Promise<boolean> {
  if (owners.some((o) => o.startsWith("@") && !o.includes("/") && sameLogin(o.slice(1), login))) return true;
  return (await approvingTeams(client, org, owners, [login])).size > 0;
}

/** `GET /orgs/{org}/members/{user}`: 204 member, 404 not (302 would mean the token cannot see members). */
export async function isOrgMember(client: GitHubClient, org: string, login: string): Promise<boolean> {
  try {
    const res = await client.request("GET /orgs/{org}/members/{username}", { org, username: login });
    return (res.status as number) === 204;
  } catch (err) {
    const status = httpStatus(err);
    if (status === 404) return false;
    throw err;
  }
}
