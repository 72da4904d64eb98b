// The emulator's in-memory model of one organization: users, members, teams, Copilot seats and
// repositories, with the lookups and cached views every route uses. The domain rules live in
// modules by concern: seat-lifecycle.ts (seats, billing cycle, team-granted seats), team-ops.ts
// (org membership and teams), state-persistence.ts (seed, `--state` file, snapshot). HTTP shapes
// live in representations/ and the route modules.
import { addMonths, isoDay, isoTime } from "./clock.js";
import { notFound } from "./errors.js";
import { stableId } from "./ids.js";
import type { EnterpriseState } from "./enterprise-state.js";
import type { RepoState } from "./repos.js";
import * as seats from "./seat-lifecycle.js";
import { loadPersisted, loadSeed, snapshot, toPersisted } from "./state-persistence.js";
import { key, type MemberRec, type OrgRec, type PersistedState, type SeatRec, type TeamMemberRec, type TeamRec, type UserRec } from "./state-records.js";
import * as teams from "./team-ops.js";
import type { EmulatorSeed } from "./types.js";

export { COPILOT_422_CANCEL_USERS, COPILOT_422_USERS, DEFAULT_EDITOR } from "./state-records.js";
export type { MemberRec, OrgRec, PersistedState, SeatRec, TeamMemberRec, TeamRec, UserRec } from "./state-records.js";

export class EmulatorState {
  org!: OrgRec;
  viewer!: string;
  /** A GitHub App token creates teams without making anyone a maintainer; a user token does not. */
  authAs: "user" | "app" = "user";
  nextBillingCycle!: string;
  /** Users are GitHub-wide: every org of one emulator shares this map (and the ids taken). */
  readonly users: Map<string, UserRec>;
  readonly members = new Map<string, MemberRec>();
  readonly teams = new Map<number, TeamRec>();
  /** Teams assigned Copilot through selected_teams. */
  readonly copilotTeams = new Set<number>();
  readonly seats = new Map<string, SeatRec>();
  readonly repos = new Map<string, RepoState>();
  /** The org's enterprise, when the seed has one (enterprise-state.ts). */
  enterprise: EnterpriseState | undefined;
  /** The next id newId() hands out (persisted). */
  nextId = 1000;
  /** User ids taken (two logins whose derived ids collide get distinct ids). */
  readonly usedUserIds: Set<number>;
  /** The other organizations this server serves (`other_orgs:`), by lower-cased login. */
  readonly otherOrgs = new Map<string, EmulatorState>();
  /**
   * Derived views (sorted seat list, team closures, the billing-cycle roll for a day) cached until
   * the next change. A page of 100 seats must not cost a sort of all 100,000: GitHub answers a page
   * in constant time, and the read benchmarks measure the client's concurrency, not this server.
   */
  readonly memo = new Map<string, unknown>();

  /** Drops cached views; the server calls it after every mutating request, control after every hook. */
  changed(): void {
    this.memo.clear();
  }

  cached<T>(k: string, compute: () => T): T {
    if (this.memo.has(k)) return this.memo.get(k) as T;
    const v = compute();
    this.memo.set(k, v);
    return v;
  }

  /**
   * `main`: the state of the server's main org, when this is one of its other orgs: users and
   * ids (team ids are GitHub-wide too) come from there.
   */
  constructor(
    readonly clock: () => Date,
    readonly main?: EmulatorState,
  ) {
    this.users = main?.users ?? new Map();
    this.usedUserIds = main?.usedUserIds ?? new Set();
  }

  now(): Date {
    return this.clock();
  }

  nowIso(): string {
    return isoTime(this.clock());
  }

  newId(): number {
    return this.main ? this.main.newId() : this.nextId++;
  }

  /** The state of the org `login` serves (this one or one of `otherOrgs`); undefined for an unknown org. */
  orgState(login: string): EmulatorState | undefined {
    return key(login) === key(this.org.login) ? this : this.otherOrgs.get(key(login));
  }

  /** An empty state for another org of this server (filled by the seed or the state file). */
  newOtherOrg(): EmulatorState {
    return new EmulatorState(this.clock, this);
  }

  /** This org and every other one, the main org first. */
  allOrgs(): EmulatorState[] {
    return [this, ...this.otherOrgs.values()];
  }

  // ---------------------------------------------------------------- construction and persistence

  static fromSeed(seed: EmulatorSeed, clock: () => Date): EmulatorState {
    const s = new EmulatorState(clock);
    loadSeed(s, seed);
    return s;
  }

  static fromPersisted(p: PersistedState, clock: () => Date): EmulatorState {
    const s = new EmulatorState(clock);
    loadPersisted(s, p);
    return s;
  }

  toPersisted(): PersistedState {
    return toPersisted(this);
  }

  /** The state as a seed (for assertions; repos keep only the default branch's files). */
  snapshot(): EmulatorSeed {
    return snapshot(this);
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

  /**
   * Whether `login` has access to `repo`, which GitHub requires of assignees and reviewers: every
   * active member, unless the repository lists its collaborators (then owners and those listed).
   */
  hasRepoAccess(repo: RepoState, login: string): boolean {
    const k = key(login);
    if (!repo.collaborators) return this.isActiveMember(k);
    const m = this.members.get(k);
    return (m?.state === "active" && m.role === "admin") || (repo.collaborators.includes(k) && this.users.has(k));
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

  rollBillingCycle(): boolean {
    return seats.rollBillingCycle(this);
  }

  coveringTeam(k: string): TeamRec | undefined {
    return seats.coveringTeam(this, k);
  }

  assigningTeam(seat: SeatRec): TeamRec | undefined {
    return seats.assigningTeam(this, seat);
  }

  syncTeamSeats(): void {
    seats.syncTeamSeats(this);
  }

  addSeatsForUsers(logins: string[]): number {
    return seats.addSeatsForUsers(this, logins);
  }

  cancelSeatsForUsers(logins: string[]): number {
    return seats.cancelSeatsForUsers(this, logins);
  }

  addSeatsForTeams(names: string[]): number {
    return seats.addSeatsForTeams(this, names);
  }

  cancelSeatsForTeams(names: string[]): number {
    return seats.cancelSeatsForTeams(this, names);
  }

  recordActivity(login: string, at: Date, editor?: string): void {
    seats.recordActivity(this, login, at, editor);
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

  // ---------------------------------------------------------------- org membership and teams

  setMembership(login: string, role: "admin" | "member"): MemberRec {
    return teams.setMembership(this, login, role);
  }

  acceptInvitation(login: string): void {
    teams.acceptInvitation(this, login);
  }

  removeMember(login: string): void {
    teams.removeMember(this, login);
  }

  createTeam(input: Parameters<typeof teams.createTeam>[1]): TeamRec {
    return teams.createTeam(this, input);
  }

  updateTeam(team: TeamRec, input: Parameters<typeof teams.updateTeam>[2]): TeamRec {
    return teams.updateTeam(this, team, input);
  }

  deleteTeam(team: TeamRec): void {
    teams.deleteTeam(this, team);
  }

  setTeamMembership(team: TeamRec, login: string, role: "member" | "maintainer"): TeamMemberRec {
    return teams.setTeamMembership(this, team, login, role);
  }

  removeTeamMembership(team: TeamRec, login: string): void {
    teams.removeTeamMembership(this, team, login);
  }

  viewerSignature(): { name: string; email: string } {
    const login = this.viewer;
    const id = this.user(login)?.id ?? 0;
    return { name: login, email: `${id}+${login}@users.noreply.github.com` };
  }
}
