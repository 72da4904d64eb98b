// The live organization as `seats import` needs it: teams (with parent, privacy, direct members
// and maintainers) and the current Copilot seats. Reads only; pages at 100.
import type { GitHubClient } from "../github/client.js";
import { mapLimit } from "../github/concurrency.js";
import { getCopilotSettings, listAllSeats, listTeams, listTeamMembers, type Seat } from "../github/read.js";

export interface OrgTeam {
  slug: string;
  name: string;
  description: string;
  privacy: "closed" | "secret";
  parent: string | null;
  /** Direct members (not only inherited through a child team), sorted case-insensitively. */
  members: string[];
  maintainers: string[];
}

export interface OrgState {
  org: string;
  plan_type: string | null;
  /** Copilot seat management; plan and apply need `assign_selected`. */
  seat_management_setting: string;
  /** Where an owner changes it. */
  settings_url?: string;
  teams: OrgTeam[];
  seats: Seat[];
}

/** Concurrent team-member reads; each team costs two listings (all members, maintainers). */
const TEAM_CONCURRENCY = 4;

/** `orgFrom`: where the org name came from, for the "cannot read" message (e.g. "--org"). */
export async function readOrgState(client: GitHubClient, org: string, orgFrom?: string): Promise<OrgState> {
  const settings = await getCopilotSettings(client, org, orgFrom);
  const [allTeams, seats] = await Promise.all([listTeams(client, org), listAllSeats(client, org)]);
  // Enterprise teams show up in the org's list but are managed by the enterprise: neither the
  // Pulumi program nor selected_teams can manage them at org level, so they are not imported.
  const orgTeams = allTeams.filter((t) => t.type !== "enterprise");
  const teams = await mapLimit(orgTeams, TEAM_CONCURRENCY, async (t) => {
    const [all, maintainers] = await Promise.all([
      listTeamMembers(client, org, t.slug),
      listTeamMembers(client, org, t.slug, { role: "maintainer" }),
    ]);
    return {
      slug: t.slug,
      name: t.name,
      description: t.description,
      privacy: t.privacy,
      parent: t.parent,
      members: all ?? [],
      maintainers: maintainers ?? [],
    } satisfies OrgTeam;
  });
  return {
    org,
    plan_type: settings.plan_type,
    seat_management_setting: settings.seat_management_setting,
    ...(settings.settings_url ? { settings_url: settings.settings_url } : {}),
    teams: directMembersOnly(teams),
    seats,
  };
}

/**
 * GitHub lists a parent team's members including everyone in its child teams. The files (and
 * the Pulumi program's authoritative TeamMembers) declare direct members only, so a member who
 * is listed in a child team is attributed to the child. Someone who is a direct member of both
 * keeps their access to the parent through the child, so nobody loses access.
 */
export function directMembersOnly(teams: OrgTeam[]): OrgTeam[] {
  const descendants = (slug: string, seen = new Set<string>()): Set<string> => {
    const out = new Set<string>();
    for (const t of teams) {
      if (t.parent !== slug || seen.has(t.slug)) continue;
      seen.add(t.slug);
      for (const m of t.members) out.add(m.toLowerCase());
      for (const m of descendants(t.slug, seen)) out.add(m);
    }
    return out;
  };
  return teams.map((t) => {
    if (!teams.some((c) => c.parent === t.slug)) return t;
    const inChildren = descendants(t.slug);
    const maint = new Set(t.maintainers.map((m) => m.toLowerCase()));
    // Maintainers are always direct: GitHub does not inherit the maintainer role.
    const members = t.members.filter((m) => maint.has(m.toLowerCase()) || !inChildren.has(m.toLowerCase()));
    return { ...t, members };
  });
}
