// Org membership and teams: invitations, team create/update/delete with GitHub's nesting and
// privacy rules, and team memberships. Each change re-derives team-granted seats.
import { teamSlug } from "../model/logins.js";
import { notFound, unprocessable, validationFailed } from "./errors.js";
import type { EmulatorState } from "./state.js";
import { key, type MemberRec, type TeamMemberRec, type TeamRec } from "./state-records.js";

/** PUT /orgs/{org}/memberships/{username}: a new user is invited (pending) until they accept. */
export function setMembership(s: EmulatorState, login: string, role: "admin" | "member"): MemberRec {
  const user = s.user(login);
  if (!user) throw notFound();
  const k = key(login);
  const existing = s.members.get(k);
  if (existing) {
    existing.role = role;
    return existing;
  }
  const rec: MemberRec = { role, state: "pending" };
  s.members.set(k, rec);
  return rec;
}

/** A pending invitee accepts (what the person would do by email); team invitations activate too. */
export function acceptInvitation(s: EmulatorState, login: string): void {
  const m = s.members.get(key(login));
  if (!m || m.state !== "pending") throw new Error(`acceptInvitation: ${login} has no pending invitation to ${s.org.login}`);
  m.state = "active";
  for (const t of s.teams.values()) {
    const tm = t.members.get(key(login));
    if (tm) tm.state = "active";
  }
  s.syncTeamSeats();
}

export function removeMember(s: EmulatorState, login: string): void {
  const k = key(login);
  if (!s.members.has(k)) throw notFound();
  s.members.delete(k);
  for (const t of s.teams.values()) t.members.delete(k);
  s.syncTeamSeats();
}

export function createTeam(s: EmulatorState, input: {
  name: string;
  description?: string;
  maintainers?: string[];
  repo_names?: string[];
  privacy?: "secret" | "closed";
  notification_setting?: TeamRec["notification_setting"];
  permission?: string;
  parent_team_id?: number;
  parent_team_slug?: string;
}): TeamRec {
  const slug = teamSlug(input.name);
  if (!input.name.trim() || !slug) throw validationFailed({ resource: "Team", code: "missing_field", field: "name" });
  if ([...s.teams.values()].some((t) => t.slug === slug || key(t.name) === key(input.name))) {
    throw validationFailed({ resource: "Team", code: "custom", field: "name", message: "Name must be unique for this org" });
  }
  let parent: TeamRec | undefined;
  if (input.parent_team_id !== undefined) {
    parent = s.teams.get(input.parent_team_id);
    if (!parent) throw validationFailed({ resource: "Team", code: "invalid", field: "parent_team_id" });
  } else if (input.parent_team_slug !== undefined) {
    parent = s.teamBySlug(input.parent_team_slug);
    if (!parent) throw validationFailed({ resource: "Team", code: "invalid", field: "parent_team_slug" });
  }
  if (parent && input.privacy === "secret") {
    throw validationFailed({ resource: "Team", code: "custom", field: "privacy", message: "A team with a parent cannot be secret" });
  }
  if (parent && parent.privacy === "secret") {
    throw validationFailed({ resource: "Team", code: "custom", field: "parent_team_id", message: "A secret team cannot be a parent" });
  }
  const badMaintainers = (input.maintainers ?? []).filter((l) => !s.isActiveMember(l));
  if (badMaintainers.length) {
    throw validationFailed({ resource: "Team", code: "invalid", field: "maintainers", value: badMaintainers });
  }
  const badRepos = (input.repo_names ?? []).filter((r) => !s.repos.has(key(r.includes("/") ? r : `${s.org.login}/${r}`)));
  if (badRepos.length) throw validationFailed({ resource: "Team", code: "invalid", field: "repo_names", value: badRepos });
  const now = s.nowIso();
  const team: TeamRec = {
    id: s.newId(),
    name: input.name,
    slug,
    description: input.description ?? null,
    privacy: input.privacy ?? (parent ? "closed" : "secret"),
    notification_setting: input.notification_setting ?? "notifications_enabled",
    permission: input.permission ?? "pull",
    parentId: parent?.id ?? null,
    members: new Map(),
    created_at: now,
    updated_at: now,
  };
  // "When you create a new team, you automatically become a team maintainer" (user tokens only).
  if (s.authAs === "user") team.members.set(key(s.viewer), { role: "maintainer", state: "active" });
  for (const m of input.maintainers ?? []) team.members.set(key(m), { role: "maintainer", state: "active" });
  s.teams.set(team.id, team);
  s.syncTeamSeats();
  return team;
}

export function updateTeam(s: EmulatorState,
  team: TeamRec,
  input: {
    name?: string;
    description?: string;
    privacy?: "secret" | "closed";
    notification_setting?: TeamRec["notification_setting"];
    permission?: string;
    parent_team_id?: number | null;
    parent_team_slug?: string | null;
  },
): TeamRec {
  let slug = team.slug;
  if (input.name !== undefined) {
    slug = teamSlug(input.name);
    if (!input.name.trim() || !slug) throw validationFailed({ resource: "Team", code: "missing_field", field: "name" });
    const clash = [...s.teams.values()].find((t) => t.id !== team.id && (t.slug === slug || key(t.name) === key(input.name!)));
    if (clash) throw validationFailed({ resource: "Team", code: "custom", field: "name", message: "Name must be unique for this org" });
  }
  let parentId = team.parentId;
  if ("parent_team_id" in input && input.parent_team_id !== undefined) {
    if (input.parent_team_id === null) parentId = null;
    else {
      if (!s.teams.has(input.parent_team_id)) throw validationFailed({ resource: "Team", code: "invalid", field: "parent_team_id" });
      parentId = input.parent_team_id;
    }
  } else if ("parent_team_slug" in input && input.parent_team_slug !== undefined) {
    if (input.parent_team_slug === null) parentId = null;
    else {
      const p = s.teamBySlug(input.parent_team_slug);
      if (!p) throw validationFailed({ resource: "Team", code: "invalid", field: "parent_team_slug" });
      parentId = p.id;
    }
  }
  if (parentId !== null) {
    if (parentId === team.id || s.descendants(team).some((d) => d.id === parentId)) {
      throw validationFailed({ resource: "Team", code: "custom", field: "parent_team_id", message: "A team cannot be nested under itself or its descendants" });
    }
    if (s.teams.get(parentId)!.privacy === "secret") {
      throw validationFailed({ resource: "Team", code: "custom", field: "parent_team_id", message: "A secret team cannot be a parent" });
    }
  }
  const privacy = input.privacy ?? team.privacy;
  if (privacy === "secret" && (parentId !== null || s.children(team).length > 0)) {
    throw validationFailed({ resource: "Team", code: "custom", field: "privacy", message: "A nested team cannot be secret" });
  }
  team.name = input.name ?? team.name;
  team.slug = slug;
  if (input.description !== undefined) team.description = input.description;
  team.privacy = privacy;
  if (input.notification_setting) team.notification_setting = input.notification_setting;
  if (input.permission) team.permission = input.permission;
  team.parentId = parentId;
  team.updated_at = s.nowIso();
  s.syncTeamSeats();
  return team;
}

/** Deleting a parent team deletes its child teams too. */
export function deleteTeam(s: EmulatorState, team: TeamRec): void {
  for (const t of [team, ...s.descendants(team)]) {
    s.teams.delete(t.id);
    s.copilotTeams.delete(t.id);
  }
  s.syncTeamSeats();
}

/**
 * PUT team membership. An owner may add a non-member: GitHub invites them to the org and the
 * team membership stays pending until they accept.
 */
export function setTeamMembership(s: EmulatorState, team: TeamRec, login: string, role: "member" | "maintainer"): TeamMemberRec {
  const user = s.user(login);
  if (!user) throw notFound();
  const k = key(login);
  const existing = team.members.get(k);
  if (existing) {
    existing.role = role;
    return existing;
  }
  let state: TeamMemberRec["state"] = "active";
  if (!s.isActiveMember(k)) {
    if (s.members.get(key(s.viewer))?.role !== "admin") throw unprocessable("Only organization owners can add people who are not organization members");
    if (!s.members.has(k)) s.members.set(k, { role: "member", state: "pending" });
    state = "pending";
  }
  const rec = { role, state };
  team.members.set(k, rec);
  s.syncTeamSeats();
  return rec;
}

export function removeTeamMembership(s: EmulatorState, team: TeamRec, login: string): void {
  if (!team.members.delete(key(login))) throw notFound();
  s.syncTeamSeats();
}
