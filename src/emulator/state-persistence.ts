// Construction and persistence of the emulator's state: a seed (the format tests and the demo
// write), the `--state` file (which also keeps git objects, PRs and ids), and the snapshot back
// to a seed that tests assert on.
import { teamSlug } from "../model/logins.js";
import { firstOfNextMonth } from "./clock.js";
import { stableId } from "./ids.js";
import { loadEnterpriseSeed, snapshotEnterprise } from "./enterprise-seed.js";
import { EnterpriseState } from "./enterprise-state.js";
import { RepoState } from "./repos.js";
import type { EmulatorState } from "./state.js";
import { key, seatFieldsFromSeed, type PersistedState, type TeamRec, type UserRec } from "./state-records.js";
import type { EmulatorSeed, SeedOrg, SeedSeat, SeedTeam, SeedUser } from "./types.js";

/** Fills a fresh state from a seed (EmulatorState.fromSeed). */
export function loadSeed(s: EmulatorState, seed: EmulatorSeed): void {
  const now = s.now();
  s.org = {
    login: seed.org.login,
    id: seed.org.id ?? stableId(`org:${seed.org.login}`),
    seat_management_setting: seed.org.seat_management_setting ?? "assign_selected",
    plan_type: seed.org.plan_type ?? "business",
    ...(seed.org.public_code_suggestions ? { public_code_suggestions: seed.org.public_code_suggestions } : {}),
    created_at: "2020-01-01T00:00:00Z",
  };
  s.nextBillingCycle = seed.next_billing_cycle ?? firstOfNextMonth(now);
  s.authAs = seed.auth_as ?? "user";
  const asUser = (u: string | SeedUser): SeedUser => (typeof u === "string" ? { login: u } : u);
  for (const u of [...seed.members, ...(seed.users ?? [])].map(asUser)) s.addUser(u.login, u.id);
  for (const u of seed.members.map(asUser)) s.members.set(key(u.login), { role: u.role ?? "member", state: "active", ...(u.public === false ? { concealed: true } : {}) });
  for (const login of seed.pending_members ?? []) {
    s.addUser(login);
    s.members.set(key(login), { role: "member", state: "pending" });
  }
  const firstAdmin = seed.members.map(asUser).find((u) => u.role === "admin");
  const viewer = seed.viewer ?? firstAdmin?.login;
  if (!viewer) throw new Error("seed: set `viewer` or give one member `role: admin` (the token's owner)");
  s.viewer = requireUser(s, viewer, "viewer").login;
  seedTeams(s, seed.teams ?? []);
  for (const slug of seed.copilot_teams ?? []) {
    const team = s.teamBySlug(slug);
    if (!team) throw new Error(`seed: copilot_teams lists unknown team "${slug}"`);
    s.copilotTeams.add(team.id);
  }
  for (const seat of seed.seats ?? []) seedSeat(s, seat);
  s.syncTeamSeats();
  for (const o of seed.other_orgs ?? []) loadOtherOrg(s, o);
  if (seed.enterprise) s.enterprise = loadEnterpriseSeed(s, seed.enterprise);
  for (const repo of seed.repos ?? []) {
    const [owner, name] = repo.full_name.split("/");
    if (!owner || !name) throw new Error(`seed: repo full_name must be owner/name (got "${repo.full_name}")`);
    const created = RepoState.create(s.newId(), owner, name, repo.default_branch ?? "main", repo.files ?? {}, s.viewerSignature(), now);
    if (repo.collaborators) created.collaborators = repo.collaborators.map((l) => key(requireUser(s, l, `${repo.full_name} collaborator`).login));
    s.repos.set(key(repo.full_name), created);
  }
}

/**
 * Another org on the same server: a state of its own for members, teams, seats and billing,
 * sharing the main org's users (one account, one id, in every org), viewer and token owner.
 */
function loadOtherOrg(main: EmulatorState, o: SeedOrg): void {
  if (main.orgState(o.org.login)) throw new Error(`seed: org "${o.org.login}" is listed twice`);
  const sub = main.newOtherOrg();
  // Only this org's own part of a seed: no repos, apps, enterprise or CI (they are the server's).
  const own: EmulatorSeed = { org: o.org, members: o.members, viewer: main.viewer, auth_as: main.authAs };
  for (const k of ["users", "teams", "copilot_teams", "seats", "next_billing_cycle", "pending_members"] as const) {
    if (o[k] !== undefined) (own as unknown as Record<string, unknown>)[k] = o[k];
  }
  loadSeed(sub, own);
  main.otherOrgs.set(key(o.org.login), sub);
}

function requireUser(s: EmulatorState, login: string, where: string): UserRec {
  const u = s.users.get(key(login));
  if (!u) throw new Error(`seed: ${where} "${login}" is not listed in members or users`);
  return u;
}

function seedTeams(s: EmulatorState, teams: SeedTeam[]): void {
  const now = s.nowIso();
  for (const t of teams) {
    const slug = t.slug ?? teamSlug(t.name);
    if (s.teamBySlug(slug)) throw new Error(`seed: duplicate team slug "${slug}"`);
    const rec: TeamRec = {
      id: s.newId(),
      name: t.name,
      slug,
      description: t.description ?? null,
      privacy: t.privacy ?? "closed",
      notification_setting: "notifications_enabled",
      permission: "pull",
      parentId: null,
      members: new Map(),
      created_at: now,
      updated_at: now,
    };
    for (const m of t.members ?? []) {
      const login = typeof m === "string" ? m : m.login;
      const role = typeof m === "string" ? "member" : (m.role ?? "member");
      requireUser(s, login, `team "${slug}" member`);
      rec.members.set(key(login), { role, state: s.members.get(key(login))?.state === "active" ? "active" : "pending" });
    }
    s.teams.set(rec.id, rec);
  }
  for (const t of teams) {
    if (!t.parent) continue;
    const child = s.teamBySlug(t.slug ?? teamSlug(t.name))!;
    const parent = s.teamBySlug(t.parent);
    if (!parent) throw new Error(`seed: team "${child.slug}" has unknown parent "${t.parent}"`);
    child.parentId = parent.id;
  }
}

function seedSeat(s: EmulatorState, seat: SeedSeat): void {
  const user = requireUser(s, seat.login, "seat");
  let teamId: number | null = null;
  if (seat.assigning_team) {
    const team = s.teamBySlug(seat.assigning_team);
    if (!team) throw new Error(`seed: seat for "${seat.login}" names unknown assigning_team "${seat.assigning_team}"`);
    teamId = team.id;
    // A team-granted seat means the team is assigned Copilot: all its members hold seats.
    if (!seat.pending_cancellation_date) s.copilotTeams.add(team.id);
  }
  s.seats.set(key(user.login), {
    key: key(user.login),
    direct: !seat.assigning_team && !seat.pending_cancellation_date,
    teamId,
    ...seatFieldsFromSeed(seat, s.org.plan_type),
  });
}

export function toPersisted(s: EmulatorState): PersistedState {
  return {
    emulator_state: 1,
    org: s.org,
    viewer: s.viewer,
    auth_as: s.authAs,
    next_billing_cycle: s.nextBillingCycle,
    next_id: s.nextId,
    users: [...s.users.values()],
    members: [...s.members.entries()],
    teams: [...s.teams.values()].map((t) => ({ ...t, members: [...t.members.entries()] })),
    copilot_teams: [...s.copilotTeams],
    seats: [...s.seats.values()],
    repos: [...s.repos.values()].map((r) => r.toPersisted()),
    ...(s.enterprise ? { enterprise: s.enterprise.toPersisted() } : {}),
    // Users live in the main org's record (shared); ids come from its next_id.
    ...(s.otherOrgs.size ? { other_orgs: [...s.otherOrgs.values()].map((o) => ({ ...toPersisted(o), users: [], repos: [] })) } : {}),
  };
}

/** Fills a fresh state from a `--state` file (EmulatorState.fromPersisted). */
export function loadPersisted(s: EmulatorState, p: PersistedState): void {
  if (p.emulator_state !== 1) throw new Error("state file: unknown format (expected emulator_state: 1)");
  s.org = p.org;
  s.viewer = p.viewer;
  s.authAs = p.auth_as;
  s.nextBillingCycle = p.next_billing_cycle;
  s.nextId = p.next_id;
  for (const u of p.users) {
    s.users.set(key(u.login), u);
    s.usedUserIds.add(u.id);
  }
  for (const [k, m] of p.members) s.members.set(k, m);
  for (const t of p.teams) s.teams.set(t.id, { ...t, members: new Map(t.members) });
  for (const id of p.copilot_teams) s.copilotTeams.add(id);
  for (const seat of p.seats) s.seats.set(seat.key, seat);
  for (const o of p.other_orgs ?? []) {
    const sub = s.newOtherOrg();
    loadPersisted(sub, o);
    s.otherOrgs.set(key(sub.org.login), sub);
  }
  if (p.enterprise) s.enterprise = EnterpriseState.fromPersisted(s, p.enterprise);
  for (const r of p.repos) {
    const repo = RepoState.fromPersisted(r);
    s.repos.set(key(`${repo.owner}/${repo.name}`), repo);
  }
}

/** The state as a seed (for assertions; repos keep only the default branch's files). */
export function snapshot(s: EmulatorState): EmulatorSeed {
  const loginOf = (k: string) => s.users.get(k)?.login ?? k;
  const teamSlugOf = (id: number | null) => (id === null ? undefined : s.teams.get(id)?.slug);
  const seed: EmulatorSeed = {
    org: { login: s.org.login, id: s.org.id, seat_management_setting: s.org.seat_management_setting, plan_type: s.org.plan_type, ...(s.org.public_code_suggestions ? { public_code_suggestions: s.org.public_code_suggestions } : {}) },
    members: [...s.members.entries()]
      .filter(([, m]) => m.state === "active")
      .map(([k, m]) => ({ login: loginOf(k), id: s.users.get(k)!.id, role: m.role, ...(m.concealed ? { public: false } : {}) })),
    pending_members: [...s.members.entries()].filter(([, m]) => m.state === "pending").map(([k]) => loginOf(k)),
    users: [...s.users.values()].filter((u) => !s.members.has(key(u.login))).map((u) => ({ login: u.login, id: u.id })),
    teams: [...s.teams.values()].map((t) => {
      const team: SeedTeam = {
        name: t.name,
        slug: t.slug,
        privacy: t.privacy,
        members: [...t.members.entries()].map(([k, m]) => ({ login: loginOf(k), role: m.role, ...(m.state === "pending" ? { state: "pending" as const } : {}) })),
      };
      if (t.description !== null) team.description = t.description;
      const parent = teamSlugOf(t.parentId);
      if (parent) team.parent = parent;
      return team;
    }),
    copilot_teams: [...s.copilotTeams].map((id) => s.teams.get(id)!.slug),
    seats: [...s.seats.values()].map((seat) => {
      const out: SeedSeat = {
        login: loginOf(seat.key),
        created_at: seat.created_at,
        last_activity_at: seat.last_activity_at,
        last_activity_editor: seat.last_activity_editor,
        last_authenticated_at: seat.last_authenticated_at,
        pending_cancellation_date: seat.pending_cancellation_date,
        plan_type: seat.plan_type,
      };
      const team = s.coveringTeam(seat.key) ?? (seat.direct ? undefined : s.teams.get(seat.teamId ?? -1));
      if (team) out.assigning_team = team.slug;
      return out;
    }),
    repos: [...s.repos.values()].map((r) => ({
      full_name: `${r.owner}/${r.name}`,
      default_branch: r.defaultBranch,
      files: r.readBranch(r.defaultBranch) ?? {},
      ...(r.collaborators ? { collaborators: r.collaborators.map(loginOf) } : {}),
    })),
    viewer: s.viewer,
    auth_as: s.authAs,
    next_billing_cycle: s.nextBillingCycle,
  };
  if (s.enterprise) seed.enterprise = snapshotEnterprise(s, s.enterprise);
  if (s.otherOrgs.size) {
    seed.other_orgs = [...s.otherOrgs.values()].map((o) => {
      const { org, members, pending_members, teams, copilot_teams, seats, next_billing_cycle } = snapshot(o);
      return { org, members, ...(pending_members ? { pending_members } : {}), ...(teams ? { teams } : {}), ...(copilot_teams ? { copilot_teams } : {}), ...(seats ? { seats } : {}), ...(next_billing_cycle ? { next_billing_cycle } : {}) };
    });
  }
  return seed;
}
