// The emulator's enterprise: its members, enterprise teams and the Copilot seats it grants.
// Rules (GitHub Enterprise Cloud's, as its REST docs describe them):
// - enterprise members are the active members of every org the server serves (the main org and
//   `other_orgs:`, all taken to belong to the enterprise) plus `extra_members`;
// - a seat is granted directly (selected_users) or by an enterprise team assigned Copilot
//   (selected_enterprise_teams); each grant is its own seat object in the enterprise seat list,
//   and a person is counted once in `total_seats` whatever the number of grants;
// - cancelling a grant sets it to pending cancellation at the next billing cycle; the person keeps
//   access through their other grants (another team, or the org), so cancelling a direct grant of
//   someone a team also covers is not an error (unlike the org endpoint);
// - a member added to an assigned team gets a seat; one removed from it loses that grant.
// Every mutation validates everything first, so a rejected request changes nothing.
import { teamSlug } from "../model/logins.js";
import { isoTime } from "./clock.js";
import { notFound, unprocessable, validationFailed } from "./errors.js";
import {
  ENTERPRISE_422_TEAMS,
  ENTERPRISE_422_USERS,
  grantKey,
  type EnterpriseGrantRec,
  type EnterpriseRec,
  type EnterpriseTeamRec,
  type PersistedEnterprise,
} from "./enterprise-records.js";
import type { EmulatorState } from "./state.js";
import { DEFAULT_EDITOR, key } from "./state-records.js";

export class EnterpriseState {
  readonly extraMembers = new Set<string>();
  readonly teams = new Map<number, EnterpriseTeamRec>();
  /** Enterprise teams assigned Copilot through selected_enterprise_teams. */
  readonly copilotTeams = new Set<number>();
  /** Keyed by grantKey(login, teamId). */
  readonly grants = new Map<string, EnterpriseGrantRec>();

  constructor(
    private readonly s: EmulatorState,
    readonly rec: EnterpriseRec,
  ) {}

  check(slug: string): void {
    if (key(slug) !== key(this.rec.slug)) throw notFound();
  }

  isMember(login: string): boolean {
    const k = key(login);
    return this.extraMembers.has(k) || this.s.allOrgs().some((o) => o.isActiveMember(k));
  }

  /** By slug (`ent:platform`) or id, as the `{enterprise-team}` path parameter allows. */
  team(slugOrId: string): EnterpriseTeamRec | undefined {
    const k = key(slugOrId);
    for (const t of this.teams.values()) if (t.slug === k || String(t.id) === k) return t;
    // selected_enterprise_teams names teams; accept the bare name and the slug without `ent:`.
    for (const t of this.teams.values()) if (key(t.name) === k || t.slug === `ent:${k}`) return t;
    return undefined;
  }

  requireTeam(slugOrId: string): EnterpriseTeamRec {
    const t = this.team(slugOrId);
    if (!t) throw notFound();
    return t;
  }

  teamList(): EnterpriseTeamRec[] {
    return [...this.teams.values()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  }

  /** Grants in list order (oldest first, then login, then direct before teams). */
  grantList(): EnterpriseGrantRec[] {
    return this.s.cached("enterpriseGrants", () =>
      [...this.grants.values()].sort((a, b) =>
        a.created_at !== b.created_at ? (a.created_at < b.created_at ? -1 : 1) : a.key !== b.key ? (a.key < b.key ? -1 : 1) : (a.teamId ?? -1) - (b.teamId ?? -1),
      ),
    );
  }

  grantsOf(login: string): EnterpriseGrantRec[] {
    const k = key(login);
    return this.grantList().filter((g) => g.key === k);
  }

  // ------------------------------------------------------------------ enterprise teams

  createTeam(input: { name: string; description?: string | null; organization_selection_type?: EnterpriseTeamRec["organization_selection_type"]; group_id?: string | null; notification_setting?: EnterpriseTeamRec["notification_setting"] }): EnterpriseTeamRec {
    const slug = this.slugFor(input.name, undefined);
    const now = this.s.nowIso();
    const team: EnterpriseTeamRec = {
      id: this.s.newId(),
      name: input.name,
      slug,
      description: input.description ?? null,
      organization_selection_type: input.organization_selection_type ?? "disabled",
      group_id: input.group_id ?? null,
      notification_setting: input.notification_setting ?? "notifications_enabled",
      members: [],
      created_at: now,
      updated_at: now,
    };
    this.teams.set(team.id, team);
    return team;
  }

  updateTeam(team: EnterpriseTeamRec, input: { name?: string; description?: string | null; organization_selection_type?: EnterpriseTeamRec["organization_selection_type"]; group_id?: string | null; notification_setting?: EnterpriseTeamRec["notification_setting"] }): EnterpriseTeamRec {
    const slug = input.name === undefined ? team.slug : this.slugFor(input.name, team.id);
    team.name = input.name ?? team.name;
    team.slug = slug;
    if (input.description !== undefined) team.description = input.description;
    if (input.organization_selection_type) team.organization_selection_type = input.organization_selection_type;
    if (input.group_id !== undefined) team.group_id = input.group_id;
    if (input.notification_setting) team.notification_setting = input.notification_setting;
    team.updated_at = this.s.nowIso();
    return team;
  }

  deleteTeam(team: EnterpriseTeamRec): void {
    this.teams.delete(team.id);
    this.copilotTeams.delete(team.id);
    this.syncTeamGrants();
  }

  private slugFor(name: string, selfId: number | undefined): string {
    const base = teamSlug(name);
    if (!name.trim() || !base) throw validationFailed({ resource: "EnterpriseTeam", code: "missing_field", field: "name" });
    const slug = `ent:${base}`;
    const clash = [...this.teams.values()].find((t) => t.id !== selfId && (t.slug === slug || key(t.name) === key(name)));
    if (clash) throw validationFailed({ resource: "EnterpriseTeam", code: "already_exists", field: "name", message: "Name must be unique for this enterprise" });
    return slug;
  }

  /** Adds enterprise members to a team; the users added (already-members included). */
  addMembers(team: EnterpriseTeamRec, logins: string[]): string[] {
    const unique = [...new Map(logins.map((l) => [key(l), l])).keys()];
    const unknown = unique.filter((k) => !this.s.user(k));
    if (unknown.length) throw unprocessable(`Could not resolve users: ${unknown.join(", ")}`);
    // Documented choice: an enterprise team holds enterprise members only; GitHub would not invite.
    const outside = unique.filter((k) => !this.isMember(k));
    if (outside.length) throw unprocessable(`Only enterprise members can join an enterprise team; not members of ${this.rec.slug}: ${outside.join(", ")}`);
    const have = new Set(team.members);
    for (const k of unique) if (!have.has(k)) team.members.push(k);
    team.updated_at = this.s.nowIso();
    this.syncTeamGrants();
    return unique;
  }

  /** Removes people from a team; the users removed (logins that were not members are skipped). */
  removeMembers(team: EnterpriseTeamRec, logins: string[]): string[] {
    const drop = new Set(logins.map(key));
    const removed = team.members.filter((k) => drop.has(k));
    team.members = team.members.filter((k) => !drop.has(k));
    if (removed.length) team.updated_at = this.s.nowIso();
    this.syncTeamGrants();
    return removed;
  }

  // ------------------------------------------------------------------ Copilot seats

  private requireAssignSelected(message: string): void {
    if (this.rec.seat_management_setting !== "assign_selected") throw unprocessable(message);
  }

  addUsers(logins: string[]): number {
    this.requireAssignSelected(ENTERPRISE_422_USERS);
    const unique = [...new Map(logins.map((l) => [key(l), l])).keys()];
    const outside = unique.filter((k) => !this.isMember(k));
    if (outside.length) throw unprocessable(`Copilot seats can only be assigned to enterprise members; not members of ${this.rec.slug}: ${outside.join(", ")}`);
    for (const k of unique) this.grant(k, null);
    return unique.length;
  }

  cancelUsers(logins: string[]): number {
    this.requireAssignSelected(ENTERPRISE_422_USERS);
    const unique = [...new Map(logins.map((l) => [key(l), l])).keys()];
    const unknown = unique.filter((k) => !this.s.user(k));
    if (unknown.length) throw unprocessable(`Could not resolve users: ${unknown.join(", ")}`);
    let cancelled = 0;
    for (const k of unique) {
      const g = this.grants.get(grantKey(k, null));
      if (g && this.cancel(g)) cancelled++;
    }
    return cancelled;
  }

  addTeams(names: string[]): number {
    this.requireAssignSelected(ENTERPRISE_422_TEAMS);
    const teams = this.resolve(names);
    const people = new Set<string>();
    for (const t of teams) {
      this.copilotTeams.add(t.id);
      for (const k of t.members) if (this.isMember(k)) people.add(k);
    }
    this.syncTeamGrants();
    return people.size;
  }

  cancelTeams(names: string[]): number {
    this.requireAssignSelected(ENTERPRISE_422_TEAMS);
    const teams = this.resolve(names);
    const ids = new Set(teams.map((t) => t.id));
    const before = [...this.grants.values()].filter((g) => g.teamId !== null && ids.has(g.teamId) && !g.pending_cancellation_date);
    for (const t of teams) this.copilotTeams.delete(t.id);
    this.syncTeamGrants();
    return before.filter((g) => g.pending_cancellation_date).length;
  }

  private resolve(names: string[]): EnterpriseTeamRec[] {
    const unknown = names.filter((n) => !this.team(n));
    if (unknown.length) throw unprocessable(`Could not resolve enterprise teams in ${this.rec.slug}: ${unknown.join(", ")}`);
    return [...new Map(names.map((n) => this.team(n)!).map((t) => [t.id, t])).values()];
  }

  private grant(k: string, teamId: number | null): void {
    const existing = this.grants.get(grantKey(k, teamId));
    if (existing) {
      existing.pending_cancellation_date = null;
      return;
    }
    // A person's activity is theirs, not a grant's: a new grant shows what the others know.
    // Direct lookups, not grantList(): a sort of every grant per new grant is quadratic at 100,000.
    const known = [null, ...this.teams.keys()].map((id) => this.grants.get(grantKey(k, id))).find((g) => g !== undefined) ?? this.s.seats.get(k);
    this.grants.set(grantKey(k, teamId), {
      key: k,
      teamId,
      created_at: this.s.nowIso(),
      last_activity_at: known?.last_activity_at ?? null,
      last_activity_editor: known?.last_activity_editor ?? null,
      last_authenticated_at: known?.last_authenticated_at ?? null,
      pending_cancellation_date: null,
      plan_type: this.rec.plan_type,
    });
    this.s.changed();
  }

  private cancel(g: EnterpriseGrantRec): boolean {
    if (g.pending_cancellation_date) return false;
    g.pending_cancellation_date = this.s.nextBillingCycle;
    return true;
  }

  /** Team grants follow team membership and assignment (members added later get a seat). */
  syncTeamGrants(): void {
    this.s.changed();
    const wanted = new Set<string>();
    for (const id of this.copilotTeams) {
      const t = this.teams.get(id);
      if (!t) continue;
      for (const k of t.members) {
        if (!this.isMember(k)) continue;
        wanted.add(grantKey(k, id));
        this.grant(k, id);
      }
    }
    for (const [gk, g] of this.grants) {
      if (g.teamId !== null && !wanted.has(gk)) this.cancel(g);
      if (g.teamId === null && !this.isMember(g.key)) this.cancel(g);
    }
  }

  /** Pending grants whose date has come stop being billed and leave the list. */
  roll(today: string): boolean {
    let changed = false;
    for (const [gk, g] of this.grants) {
      if (g.pending_cancellation_date && g.pending_cancellation_date <= today) {
        this.grants.delete(gk);
        changed = true;
      }
    }
    return changed;
  }

  /** Copilot activity is the person's: every grant of theirs shows it. Returns whether any had one. */
  recordActivity(login: string, at: Date, editor?: string): boolean {
    const mine = [...this.grants.values()].filter((g) => g.key === key(login));
    for (const g of mine) {
      g.last_activity_at = isoTime(at);
      g.last_activity_editor = editor ?? DEFAULT_EDITOR;
      g.last_authenticated_at = isoTime(at);
    }
    return mine.length > 0;
  }

  toPersisted(): PersistedEnterprise {
    return {
      enterprise: this.rec,
      extra_members: [...this.extraMembers],
      teams: [...this.teams.values()],
      copilot_teams: [...this.copilotTeams],
      grants: [...this.grants.values()],
    };
  }

  static fromPersisted(s: EmulatorState, p: PersistedEnterprise): EnterpriseState {
    const e = new EnterpriseState(s, p.enterprise);
    for (const k of p.extra_members) e.extraMembers.add(k);
    for (const t of p.teams) e.teams.set(t.id, t);
    for (const id of p.copilot_teams) e.copilotTeams.add(id);
    for (const g of p.grants) e.grants.set(grantKey(g.key, g.teamId), g);
    return e;
  }
}
