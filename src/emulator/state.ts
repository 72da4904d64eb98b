// The emulator's in-memory model of one organization: users, members, teams, Copilot seats and
// repositories. Domain rules live here (seat lifecycle, team-granted seats, billing cycles);
// HTTP shapes live in representations.ts and the route modules. Every mutating method validates
// everything first and only then changes state, so a rejected request never half-applies.
import { teamSlug } from "../model/logins.js";
import { addMonths, firstOfNextMonth, isoDay, isoTime } from "./clock.js";
import { notFound, unprocessable, validationFailed } from "./errors.js";
import { stableId } from "./ids.js";
import { RepoState, type PersistedRepo } from "./repos.js";
import type { EmulatorSeed, SeatManagementSetting, SeedSeat, SeedTeam, SeedUser } from "./types.js";

export interface UserRec {
  login: string;
  id: number;
}

export interface MemberRec {
  role: "admin" | "member";
  state: "active" | "pending";
}

export interface TeamMemberRec {
  role: "member" | "maintainer";
  state: "active" | "pending";
}

export interface TeamRec {
  id: number;
  name: string;
  slug: string;
  description: string | null;
  privacy: "closed" | "secret";
  notification_setting: "notifications_enabled" | "notifications_disabled";
  permission: string;
  parentId: number | null;
  /** Keyed by lower-cased login. */
  members: Map<string, TeamMemberRec>;
  created_at: string;
  updated_at: string;
}

export interface SeatRec {
  /** Lower-cased login. */
  key: string;
  /** Assigned through selected_users (and not cancelled since). */
  direct: boolean;
  /** The team that last granted the seat (kept after a team cancellation for `assigning_team`). */
  teamId: number | null;
  created_at: string;
  last_activity_at: string | null;
  last_activity_editor: string | null;
  last_authenticated_at: string | null;
  pending_cancellation_date: string | null;
  plan_type: "business" | "enterprise" | "unknown";
}

export interface OrgRec {
  login: string;
  id: number;
  seat_management_setting: SeatManagementSetting;
  plan_type: "business" | "enterprise";
  created_at: string;
}

export const DEFAULT_EDITOR = "vscode/1.99.3/copilot/1.312.0";

/** The whole state as JSON (the `--state` file). Unlike a seed it keeps git objects, PRs and ids. */
export interface PersistedState {
  emulator_state: 1;
  org: OrgRec;
  viewer: string;
  auth_as: "user" | "app";
  next_billing_cycle: string;
  next_id: number;
  users: UserRec[];
  members: [string, MemberRec][];
  teams: (Omit<TeamRec, "members"> & { members: [string, TeamMemberRec][] })[];
  copilot_teams: number[];
  seats: SeatRec[];
  repos: PersistedRepo[];
}

const key = (login: string): string => login.toLowerCase();

export class EmulatorState {
  org!: OrgRec;
  viewer!: string;
  /** A GitHub App token creates teams without making anyone a maintainer; a user token does not. */
  authAs: "user" | "app" = "user";
  nextBillingCycle!: string;
  readonly users = new Map<string, UserRec>();
  readonly members = new Map<string, MemberRec>();
  readonly teams = new Map<number, TeamRec>();
  /** Teams assigned Copilot through selected_teams. */
  readonly copilotTeams = new Set<number>();
  readonly seats = new Map<string, SeatRec>();
  readonly repos = new Map<string, RepoState>();
  private nextId = 1000;
  private readonly usedUserIds = new Set<number>();
  /**
   * Derived views (sorted seat list, team closures, the billing-cycle roll for a day) cached until
   * the next change. A page of 100 seats must not cost a sort of all 100,000: GitHub answers a page
   * in constant time, and the read benchmarks measure the client's concurrency, not this server.
   */
  private readonly memo = new Map<string, unknown>();

  /** Drops cached views; the server calls it after every mutating request, control after every hook. */
  changed(): void {
    this.memo.clear();
  }

  private cached<T>(k: string, compute: () => T): T {
    if (this.memo.has(k)) return this.memo.get(k) as T;
    const v = compute();
    this.memo.set(k, v);
    return v;
  }

  constructor(readonly clock: () => Date) {}

  now(): Date {
    return this.clock();
  }

  nowIso(): string {
    return isoTime(this.clock());
  }

  newId(): number {
    return this.nextId++;
  }

  // ---------------------------------------------------------------- construction and persistence

  static fromSeed(seed: EmulatorSeed, clock: () => Date): EmulatorState {
    const s = new EmulatorState(clock);
    const now = clock();
    s.org = {
      login: seed.org.login,
      id: seed.org.id ?? stableId(`org:${seed.org.login}`),
      seat_management_setting: seed.org.seat_management_setting ?? "assign_selected",
      plan_type: seed.org.plan_type ?? "business",
      created_at: "2020-01-01T00:00:00Z",
    };
    s.nextBillingCycle = seed.next_billing_cycle ?? firstOfNextMonth(now);
    s.authAs = seed.auth_as ?? "user";
    const asUser = (u: string | SeedUser): SeedUser => (typeof u === "string" ? { login: u } : u);
    for (const u of [...seed.members, ...(seed.users ?? [])].map(asUser)) s.addUser(u.login, u.id);
    for (const u of seed.members.map(asUser)) s.members.set(key(u.login), { role: u.role ?? "member", state: "active" });
    for (const login of seed.pending_members ?? []) {
      s.addUser(login);
      s.members.set(key(login), { role: "member", state: "pending" });
    }
    const firstAdmin = seed.members.map(asUser).find((u) => u.role === "admin");
    const viewer = seed.viewer ?? firstAdmin?.login;
    if (!viewer) throw new Error("seed: set `viewer` or give one member `role: admin` (the token's owner)");
    s.viewer = s.requireUser(viewer, "viewer").login;
    s.seedTeams(seed.teams ?? []);
    for (const slug of seed.copilot_teams ?? []) {
      const team = s.teamBySlug(slug);
      if (!team) throw new Error(`seed: copilot_teams lists unknown team "${slug}"`);
      s.copilotTeams.add(team.id);
    }
    for (const seat of seed.seats ?? []) s.seedSeat(seat);
    s.syncTeamSeats();
    for (const repo of seed.repos ?? []) {
      const [owner, name] = repo.full_name.split("/");
      if (!owner || !name) throw new Error(`seed: repo full_name must be owner/name (got "${repo.full_name}")`);
      s.repos.set(key(repo.full_name), RepoState.create(s.newId(), owner, name, repo.default_branch ?? "main", repo.files ?? {}, s.viewerSignature(), now));
    }
    return s;
  }

  private requireUser(login: string, where: string): UserRec {
    const u = this.users.get(key(login));
    if (!u) throw new Error(`seed: ${where} "${login}" is not listed in members or users`);
    return u;
  }

  private seedTeams(teams: SeedTeam[]): void {
    const now = this.nowIso();
    for (const t of teams) {
      const slug = t.slug ?? teamSlug(t.name);
      if (this.teamBySlug(slug)) throw new Error(`seed: duplicate team slug "${slug}"`);
      const rec: TeamRec = {
        id: this.newId(),
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
        this.requireUser(login, `team "${slug}" member`);
        rec.members.set(key(login), { role, state: this.members.get(key(login))?.state === "active" ? "active" : "pending" });
      }
      this.teams.set(rec.id, rec);
    }
    for (const t of teams) {
      if (!t.parent) continue;
      const child = this.teamBySlug(t.slug ?? teamSlug(t.name))!;
      const parent = this.teamBySlug(t.parent);
      if (!parent) throw new Error(`seed: team "${child.slug}" has unknown parent "${t.parent}"`);
      child.parentId = parent.id;
    }
  }

  private seedSeat(seat: SeedSeat): void {
    const user = this.requireUser(seat.login, "seat");
    let teamId: number | null = null;
    if (seat.assigning_team) {
      const team = this.teamBySlug(seat.assigning_team);
      if (!team) throw new Error(`seed: seat for "${seat.login}" names unknown assigning_team "${seat.assigning_team}"`);
      teamId = team.id;
      // A team-granted seat means the team is assigned Copilot: all its members hold seats.
      if (!seat.pending_cancellation_date) this.copilotTeams.add(team.id);
    }
    this.seats.set(key(user.login), {
      key: key(user.login),
      direct: !seat.assigning_team && !seat.pending_cancellation_date,
      teamId,
      created_at: seat.created_at,
      last_activity_at: seat.last_activity_at ?? null,
      last_activity_editor: seat.last_activity_editor ?? (seat.last_activity_at ? DEFAULT_EDITOR : null),
      last_authenticated_at: seat.last_authenticated_at ?? seat.last_activity_at ?? null,
      pending_cancellation_date: seat.pending_cancellation_date ?? null,
      plan_type: seat.plan_type ?? this.org.plan_type,
    });
  }

  addUser(login: string, id?: number): UserRec {
    const existing = this.users.get(key(login));
    if (existing) return existing;
    let uid = id ?? stableId(`user:${login}`);
    while (this.usedUserIds.has(uid)) uid++;
    this.usedUserIds.add(uid);
    const rec = { login, id: uid };
    this.users.set(key(login), rec);
    return rec;
  }

  toPersisted(): PersistedState {
    return {
      emulator_state: 1,
      org: this.org,
      viewer: this.viewer,
      auth_as: this.authAs,
      next_billing_cycle: this.nextBillingCycle,
      next_id: this.nextId,
      users: [...this.users.values()],
      members: [...this.members.entries()],
      teams: [...this.teams.values()].map((t) => ({ ...t, members: [...t.members.entries()] })),
      copilot_teams: [...this.copilotTeams],
      seats: [...this.seats.values()],
      repos: [...this.repos.values()].map((r) => r.toPersisted()),
    };
  }

  static fromPersisted(p: PersistedState, clock: () => Date): EmulatorState {
    if (p.emulator_state !== 1) throw new Error("state file: unknown format (expected emulator_state: 1)");
    const s = new EmulatorState(clock);
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
    for (const r of p.repos) {
      const repo = RepoState.fromPersisted(r);
      s.repos.set(key(`${repo.owner}/${repo.name}`), repo);
    }
    return s;
  }

  /** The state as a seed (for assertions; repos keep only the default branch's files). */
  snapshot(): EmulatorSeed {
    const loginOf = (k: string) => this.users.get(k)?.login ?? k;
    const teamSlugOf = (id: number | null) => (id === null ? undefined : this.teams.get(id)?.slug);
    const seed: EmulatorSeed = {
      org: { login: this.org.login, id: this.org.id, seat_management_setting: this.org.seat_management_setting, plan_type: this.org.plan_type },
      members: [...this.members.entries()]
        .filter(([, m]) => m.state === "active")
        .map(([k, m]) => ({ login: loginOf(k), id: this.users.get(k)!.id, role: m.role })),
      pending_members: [...this.members.entries()].filter(([, m]) => m.state === "pending").map(([k]) => loginOf(k)),
      users: [...this.users.values()].filter((u) => !this.members.has(key(u.login))).map((u) => ({ login: u.login, id: u.id })),
      teams: [...this.teams.values()].map((t) => {
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
      copilot_teams: [...this.copilotTeams].map((id) => this.teams.get(id)!.slug),
      seats: [...this.seats.values()].map((seat) => {
        const out: SeedSeat = {
          login: loginOf(seat.key),
          created_at: seat.created_at,
          last_activity_at: seat.last_activity_at,
          last_activity_editor: seat.last_activity_editor,
          last_authenticated_at: seat.last_authenticated_at,
          pending_cancellation_date: seat.pending_cancellation_date,
          plan_type: seat.plan_type,
        };
        const team = this.coveringTeam(seat.key) ?? (seat.direct ? undefined : this.teams.get(seat.teamId ?? -1));
        if (team) out.assigning_team = team.slug;
        return out;
      }),
      repos: [...this.repos.values()].map((r) => ({ full_name: `${r.owner}/${r.name}`, default_branch: r.defaultBranch, files: r.readBranch(r.defaultBranch) ?? {} })),
      viewer: this.viewer,
      auth_as: this.authAs,
      next_billing_cycle: this.nextBillingCycle,
    };
    return seed;
  }

  // ---------------------------------------------------------------- lookups

  checkOrg(org: string): void {
    if (key(org) !== key(this.org.login)) throw notFound();
  }

  user(login: string): UserRec | undefined {
    return this.users.get(key(login));
  }

  isActiveMember(login: string): boolean {
    return this.members.get(key(login))?.state === "active";
  }

  teamBySlug(slug: string): TeamRec | undefined {
    const k = key(slug);
    for (const t of this.teams.values()) if (t.slug === k) return t;
    return undefined;
  }

  /** selected_teams takes team *names* (spec); GitHub's exact matching is unverified, so accept names and slugs. */
  teamByNameOrSlug(name: string): TeamRec | undefined {
    const k = key(name);
    for (const t of this.teams.values()) if (t.slug === k || key(t.name) === k) return t;
    return undefined;
  }

  children(team: TeamRec): TeamRec[] {
    return [...this.teams.values()].filter((t) => t.parentId === team.id);
  }

  descendants(team: TeamRec): TeamRec[] {
    const out: TeamRec[] = [];
    const stack = this.children(team);
    while (stack.length) {
      const t = stack.pop()!;
      out.push(t);
      stack.push(...this.children(t));
    }
    return out;
  }

  /** Active members of a team including child teams ("Team members will include the members of child teams"). */
  deepMembers(team: TeamRec): Map<string, { role: "member" | "maintainer"; inherited: boolean }> {
    return this.cached(`deep:${team.id}`, () => this.computeDeepMembers(team));
  }

  private computeDeepMembers(team: TeamRec): Map<string, { role: "member" | "maintainer"; inherited: boolean }> {
    const out = new Map<string, { role: "member" | "maintainer"; inherited: boolean }>();
    for (const [k, m] of team.members) if (m.state === "active") out.set(k, { role: m.role, inherited: false });
    for (const child of this.descendants(team)) {
      for (const [k, m] of child.members) if (m.state === "active" && !out.has(k)) out.set(k, { role: m.role, inherited: true });
    }
    return out;
  }

  // ---------------------------------------------------------------- billing cycle and seats

  today(): string {
    return isoDay(this.now());
  }

  cycleStart(): string {
    return addMonths(this.nextBillingCycle, -1);
  }

  /**
   * Applies billing-cycle boundaries the clock has passed: seats pending cancellation stop being
   * billed (and leave the list) once their date is reached, and the next cycle moves forward.
   * Returns true when anything changed.
   */
  rollBillingCycle(): boolean {
    const today = this.today();
    if (this.memo.has(`roll:${today}`)) return false;
    let changed = false;
    for (const [k, seat] of this.seats) {
      if (seat.pending_cancellation_date && seat.pending_cancellation_date <= today) {
        this.seats.delete(k);
        changed = true;
      }
    }
    while (this.nextBillingCycle <= today) {
      this.nextBillingCycle = addMonths(this.nextBillingCycle, 1);
      changed = true;
    }
    if (changed) this.changed();
    this.memo.set(`roll:${today}`, true);
    return changed;
  }

  /** The first (by slug) Copilot-assigned team through which an active member holds a seat. */
  coveringTeam(k: string): TeamRec | undefined {
    if (!this.isActiveMember(k)) return undefined;
    const teams = [...this.copilotTeams]
      .map((id) => this.teams.get(id)!)
      .filter((t) => t && this.deepMembers(t).has(k))
      .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
    return teams[0];
  }

  /** The team shown as `assigning_team` for a seat (null for a direct assignment). */
  assigningTeam(seat: SeatRec): TeamRec | undefined {
    const covering = this.coveringTeam(seat.key);
    if (covering) return covering;
    if (seat.direct || seat.teamId === null) return undefined;
    return this.teams.get(seat.teamId);
  }

  private newSeat(k: string, direct: boolean, teamId: number | null): SeatRec {
    return {
      key: k,
      direct,
      teamId,
      created_at: this.nowIso(),
      last_activity_at: null,
      last_activity_editor: null,
      last_authenticated_at: null,
      pending_cancellation_date: null,
      plan_type: this.org.plan_type,
    };
  }

  private cancelSeat(seat: SeatRec): boolean {
    seat.direct = false;
    if (seat.pending_cancellation_date) return false;
    seat.pending_cancellation_date = this.nextBillingCycle;
    return true;
  }

  /**
   * Keeps team-granted seats in line with team membership: every active member of a
   * Copilot-assigned team holds a (non-pending) seat, including members who joined later; a seat
   * that no longer has any grant (member left the team or the org) goes to pending cancellation.
   */
  syncTeamSeats(): void {
    // Called right after membership or assignment changes: cached team closures are stale now.
    this.changed();
    const covered = new Map<string, number>();
    for (const id of this.copilotTeams) {
      const team = this.teams.get(id);
      if (!team) continue;
      for (const k of this.deepMembers(team).keys()) if (this.isActiveMember(k) && !covered.has(k)) covered.set(k, id);
    }
    for (const [k, teamId] of covered) {
      const seat = this.seats.get(k);
      if (!seat) this.seats.set(k, this.newSeat(k, false, teamId));
      else {
        seat.pending_cancellation_date = null;
        seat.teamId = this.coveringTeam(k)?.id ?? teamId;
      }
    }
    for (const seat of this.seats.values()) {
      if (covered.has(seat.key)) continue;
      if (!this.isActiveMember(seat.key)) seat.direct = false;
      if (!seat.direct) this.cancelSeat(seat);
    }
  }

  private requireAssignSelected(message: string): void {
    if (this.org.seat_management_setting !== "assign_selected") throw unprocessable(message);
  }

  addSeatsForUsers(logins: string[]): number {
    this.requireAssignSelected(COPILOT_422_USERS);
    const unique = [...new Map(logins.map((l) => [key(l), l])).values()];
    const nonMembers = unique.filter((l) => !this.isActiveMember(l));
    if (nonMembers.length) {
      // Documented choice (GitHub's docs are silent): GitHub's UI would invite them; the API
      // is "for organization members", so the emulator refuses the whole request, changing nothing.
      throw unprocessable(
        `Copilot seats can only be assigned to organization members; not members of ${this.org.login}: ${nonMembers.join(", ")}`,
      );
    }
    for (const login of unique) {
      const k = key(login);
      const seat = this.seats.get(k);
      if (seat) {
        seat.direct = true;
        seat.pending_cancellation_date = null;
      } else this.seats.set(k, this.newSeat(k, true, null));
    }
    return unique.length;
  }

  cancelSeatsForUsers(logins: string[]): number {
    this.requireAssignSelected(COPILOT_422_CANCEL_USERS);
    const unique = [...new Map(logins.map((l) => [key(l), l])).values()];
    const unknown = unique.filter((l) => !this.user(l));
    if (unknown.length) throw unprocessable(`Could not resolve users: ${unknown.join(", ")}`);
    const viaTeam = unique
      .map((l) => [l, this.coveringTeam(key(l))] as const)
      .filter(([, t]) => t !== undefined)
      .map(([l, t]) => `${l} (team ${t!.slug})`);
    if (viaTeam.length) {
      throw unprocessable(`A user's seat cannot be cancelled because it was assigned to them via a team: ${viaTeam.join(", ")}`);
    }
    let cancelled = 0;
    for (const login of unique) {
      const seat = this.seats.get(key(login));
      if (seat && this.cancelSeat(seat)) cancelled++;
    }
    return cancelled;
  }

  private resolveCopilotTeams(names: string[]): TeamRec[] {
    const unknown = names.filter((n) => !this.teamByNameOrSlug(n));
    if (unknown.length) throw unprocessable(`Could not resolve teams in ${this.org.login}: ${unknown.join(", ")}`);
    return [...new Map(names.map((n) => this.teamByNameOrSlug(n)!).map((t) => [t.id, t])).values()];
  }

  addSeatsForTeams(names: string[]): number {
    this.requireAssignSelected(COPILOT_422_USERS);
    const teams = this.resolveCopilotTeams(names);
    const members = new Set<string>();
    for (const t of teams) for (const k of this.deepMembers(t).keys()) if (this.isActiveMember(k)) members.add(k);
    for (const t of teams) this.copilotTeams.add(t.id);
    this.syncTeamSeats();
    // "new seats that were created and existing seats that were refreshed": every covered member.
    return members.size;
  }

  cancelSeatsForTeams(names: string[]): number {
    this.requireAssignSelected(COPILOT_422_USERS);
    const teams = this.resolveCopilotTeams(names);
    const before = new Set([...this.seats.values()].filter((s) => !s.pending_cancellation_date).map((s) => s.key));
    for (const t of teams) this.copilotTeams.delete(t.id);
    this.syncTeamSeats();
    return [...before].filter((k) => this.seats.get(k)?.pending_cancellation_date).length;
  }

  recordActivity(login: string, at: Date, editor?: string): void {
    const seat = this.seats.get(key(login));
    if (!seat) throw new Error(`recordActivity: ${login} holds no Copilot seat in ${this.org.login}`);
    seat.last_activity_at = isoTime(at);
    seat.last_activity_editor = editor ?? DEFAULT_EDITOR;
    seat.last_authenticated_at = isoTime(at);
  }

  /** Seats in list order (oldest first, then by login, a stable order for pagination). */
  seatList(): SeatRec[] {
    return this.cached("seatList", () =>
      [...this.seats.values()].sort((a, b) =>
        a.created_at !== b.created_at ? (a.created_at < b.created_at ? -1 : 1) : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
      ),
    );
  }

  /** Active org members with their user records, in id order (GET /orgs/{org}/members). */
  activeMembersById(role: "all" | "admin" | "member"): UserRec[] {
    return this.cached(`members:${role}`, () =>
      [...this.members.entries()]
        .filter(([, m]) => m.state === "active" && (role === "all" || m.role === role))
        .map(([k]) => this.user(k)!)
        .sort((a, b) => a.id - b.id),
    );
  }

  // ---------------------------------------------------------------- org membership

  /** PUT /orgs/{org}/memberships/{username}: a new user is invited (pending) until they accept. */
  setMembership(login: string, role: "admin" | "member"): MemberRec {
    const user = this.user(login);
    if (!user) throw notFound();
    const k = key(login);
    const existing = this.members.get(k);
    if (existing) {
      existing.role = role;
      return existing;
    }
    const rec: MemberRec = { role, state: "pending" };
    this.members.set(k, rec);
    return rec;
  }

  /** A pending invitee accepts (what the person would do by email); team invitations activate too. */
  acceptInvitation(login: string): void {
    const m = this.members.get(key(login));
    if (!m || m.state !== "pending") throw new Error(`acceptInvitation: ${login} has no pending invitation to ${this.org.login}`);
    m.state = "active";
    for (const t of this.teams.values()) {
      const tm = t.members.get(key(login));
      if (tm) tm.state = "active";
    }
    this.syncTeamSeats();
  }

  removeMember(login: string): void {
    const k = key(login);
    if (!this.members.has(k)) throw notFound();
    this.members.delete(k);
    for (const t of this.teams.values()) t.members.delete(k);
    this.syncTeamSeats();
  }

  // ---------------------------------------------------------------- teams

  createTeam(input: {
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
    if ([...this.teams.values()].some((t) => t.slug === slug || key(t.name) === key(input.name))) {
      throw validationFailed({ resource: "Team", code: "custom", field: "name", message: "Name must be unique for this org" });
    }
    let parent: TeamRec | undefined;
    if (input.parent_team_id !== undefined) {
      parent = this.teams.get(input.parent_team_id);
      if (!parent) throw validationFailed({ resource: "Team", code: "invalid", field: "parent_team_id" });
    } else if (input.parent_team_slug !== undefined) {
      parent = this.teamBySlug(input.parent_team_slug);
      if (!parent) throw validationFailed({ resource: "Team", code: "invalid", field: "parent_team_slug" });
    }
    if (parent && input.privacy === "secret") {
      throw validationFailed({ resource: "Team", code: "custom", field: "privacy", message: "A team with a parent cannot be secret" });
    }
    if (parent && parent.privacy === "secret") {
      throw validationFailed({ resource: "Team", code: "custom", field: "parent_team_id", message: "A secret team cannot be a parent" });
    }
    const badMaintainers = (input.maintainers ?? []).filter((l) => !this.isActiveMember(l));
    if (badMaintainers.length) {
      throw validationFailed({ resource: "Team", code: "invalid", field: "maintainers", value: badMaintainers });
    }
    const badRepos = (input.repo_names ?? []).filter((r) => !this.repos.has(key(r.includes("/") ? r : `${this.org.login}/${r}`)));
    if (badRepos.length) throw validationFailed({ resource: "Team", code: "invalid", field: "repo_names", value: badRepos });
    const now = this.nowIso();
    const team: TeamRec = {
      id: this.newId(),
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
    if (this.authAs === "user") team.members.set(key(this.viewer), { role: "maintainer", state: "active" });
    for (const m of input.maintainers ?? []) team.members.set(key(m), { role: "maintainer", state: "active" });
    this.teams.set(team.id, team);
    this.syncTeamSeats();
    return team;
  }

  updateTeam(
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
      const clash = [...this.teams.values()].find((t) => t.id !== team.id && (t.slug === slug || key(t.name) === key(input.name!)));
      if (clash) throw validationFailed({ resource: "Team", code: "custom", field: "name", message: "Name must be unique for this org" });
    }
    let parentId = team.parentId;
    if ("parent_team_id" in input && input.parent_team_id !== undefined) {
      if (input.parent_team_id === null) parentId = null;
      else {
        if (!this.teams.has(input.parent_team_id)) throw validationFailed({ resource: "Team", code: "invalid", field: "parent_team_id" });
        parentId = input.parent_team_id;
      }
    } else if ("parent_team_slug" in input && input.parent_team_slug !== undefined) {
      if (input.parent_team_slug === null) parentId = null;
      else {
        const p = this.teamBySlug(input.parent_team_slug);
        if (!p) throw validationFailed({ resource: "Team", code: "invalid", field: "parent_team_slug" });
        parentId = p.id;
      }
    }
    if (parentId !== null) {
      if (parentId === team.id || this.descendants(team).some((d) => d.id === parentId)) {
        throw validationFailed({ resource: "Team", code: "custom", field: "parent_team_id", message: "A team cannot be nested under itself or its descendants" });
      }
      if (this.teams.get(parentId)!.privacy === "secret") {
        throw validationFailed({ resource: "Team", code: "custom", field: "parent_team_id", message: "A secret team cannot be a parent" });
      }
    }
    const privacy = input.privacy ?? team.privacy;
    if (privacy === "secret" && (parentId !== null || this.children(team).length > 0)) {
      throw validationFailed({ resource: "Team", code: "custom", field: "privacy", message: "A nested team cannot be secret" });
    }
    team.name = input.name ?? team.name;
    team.slug = slug;
    if (input.description !== undefined) team.description = input.description;
    team.privacy = privacy;
    if (input.notification_setting) team.notification_setting = input.notification_setting;
    if (input.permission) team.permission = input.permission;
    team.parentId = parentId;
    team.updated_at = this.nowIso();
    this.syncTeamSeats();
    return team;
  }

  /** Deleting a parent team deletes its child teams too. */
  deleteTeam(team: TeamRec): void {
    for (const t of [team, ...this.descendants(team)]) {
      this.teams.delete(t.id);
      this.copilotTeams.delete(t.id);
    }
    this.syncTeamSeats();
  }

  /**
   * PUT team membership. An owner may add a non-member: GitHub invites them to the org and the
   * team membership stays pending until they accept.
   */
  setTeamMembership(team: TeamRec, login: string, role: "member" | "maintainer"): TeamMemberRec {
    const user = this.user(login);
    if (!user) throw notFound();
    const k = key(login);
    const existing = team.members.get(k);
    if (existing) {
      existing.role = role;
      return existing;
    }
    let state: TeamMemberRec["state"] = "active";
    if (!this.isActiveMember(k)) {
      if (this.members.get(key(this.viewer))?.role !== "admin") throw unprocessable("Only organization owners can add people who are not organization members");
      if (!this.members.has(k)) this.members.set(k, { role: "member", state: "pending" });
      state = "pending";
    }
    const rec = { role, state };
    team.members.set(k, rec);
    this.syncTeamSeats();
    return rec;
  }

  removeTeamMembership(team: TeamRec, login: string): void {
    if (!team.members.delete(key(login))) throw notFound();
    this.syncTeamSeats();
  }

  viewerSignature(): { name: string; email: string } {
    const login = this.viewer;
    const id = this.user(login)?.id ?? 0;
    return { name: login, email: `${id}+${login}@users.noreply.github.com` };
  }
}

export const COPILOT_422_USERS =
  "Copilot Business or Enterprise is not enabled for this organization, billing has not been set up for this organization, a public code suggestions policy has not been set for this organization, or the organization's Copilot access setting is set to enable Copilot for all users or is unconfigured.";

export const COPILOT_422_CANCEL_USERS =
  "Copilot Business or Enterprise is not enabled for this organization, billing has not been set up for this organization, a public code suggestions policy has not been set for this organization, the seat management setting is set to enable Copilot for all users or is unconfigured, or a user's seat cannot be cancelled because it was assigned to them via a team.";
