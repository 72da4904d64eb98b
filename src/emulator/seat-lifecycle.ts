// Copilot seats of the org: billing-cycle roll, pending cancellation, team-granted seats kept in
// line with team membership, and the selected_users / selected_teams assignments. Every mutating
// function validates everything first and only then changes state, so a rejected request never
// half-applies.
import { addMonths, isoTime } from "./clock.js";
import { unprocessable } from "./errors.js";
import type { EmulatorState } from "./state.js";
import { COPILOT_422_CANCEL_USERS, COPILOT_422_USERS, DEFAULT_EDITOR, key, type SeatRec, type TeamRec } from "./state-records.js";

/**
 * Applies billing-cycle boundaries the clock has passed: seats pending cancellation stop being
 * billed (and leave the list) once their date is reached, and the next cycle moves forward.
 * Returns true when anything changed.
 */
export function rollBillingCycle(s: EmulatorState): boolean {
  const today = s.today();
  if (s.memo.has(`roll:${today}`)) return false;
  let changed = false;
  for (const [k, seat] of s.seats) {
    if (seat.pending_cancellation_date && seat.pending_cancellation_date <= today) {
      s.seats.delete(k);
      changed = true;
    }
  }
  if (s.enterprise?.roll(today)) changed = true;
  while (s.nextBillingCycle <= today) {
    s.nextBillingCycle = addMonths(s.nextBillingCycle, 1);
    changed = true;
  }
  if (changed) s.changed();
  s.memo.set(`roll:${today}`, true);
  return changed;
}

/** The first (by slug) Copilot-assigned team through which an active member holds a seat. */
export function coveringTeam(s: EmulatorState, k: string): TeamRec | undefined {
  if (!s.isActiveMember(k)) return undefined;
  const teams = [...s.copilotTeams]
    .map((id) => s.teams.get(id)!)
    .filter((t) => t && s.deepMembers(t).has(k))
    .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  return teams[0];
}

/** The team shown as `assigning_team` for a seat (null for a direct assignment). */
export function assigningTeam(s: EmulatorState, seat: SeatRec): TeamRec | undefined {
  const covering = s.coveringTeam(seat.key);
  if (covering) return covering;
  if (seat.direct || seat.teamId === null) return undefined;
  return s.teams.get(seat.teamId);
}

function newSeat(s: EmulatorState, k: string, direct: boolean, teamId: number | null): SeatRec {
  return {
    key: k,
    direct,
    teamId,
    created_at: s.nowIso(),
    last_activity_at: null,
    last_activity_editor: null,
    last_authenticated_at: null,
    pending_cancellation_date: null,
    plan_type: s.org.plan_type,
  };
}

function cancelSeat(s: EmulatorState, seat: SeatRec): boolean {
  seat.direct = false;
  if (seat.pending_cancellation_date) return false;
  seat.pending_cancellation_date = s.nextBillingCycle;
  return true;
}

/**
 * Keeps team-granted seats in line with team membership: every active member of a
 * Copilot-assigned team holds a (non-pending) seat, including members who joined later; a seat
 * that no longer has any grant (member left the team or the org) goes to pending cancellation.
 */
export function syncTeamSeats(s: EmulatorState): void {
  // Called right after membership or assignment changes: cached team closures are stale now.
  s.changed();
  const covered = new Map<string, number>();
  for (const id of s.copilotTeams) {
    const team = s.teams.get(id);
    if (!team) continue;
    for (const k of s.deepMembers(team).keys()) if (s.isActiveMember(k) && !covered.has(k)) covered.set(k, id);
  }
  for (const [k, teamId] of covered) {
    const seat = s.seats.get(k);
    if (!seat) s.seats.set(k, newSeat(s, k, false, teamId));
    else {
      seat.pending_cancellation_date = null;
      seat.teamId = s.coveringTeam(k)?.id ?? teamId;
    }
  }
  for (const seat of s.seats.values()) {
    if (covered.has(seat.key)) continue;
    if (!s.isActiveMember(seat.key)) seat.direct = false;
    if (!seat.direct) cancelSeat(s, seat);
  }
  // Org members are enterprise members: leaving the org can end enterprise-team grants too.
  s.enterprise?.syncTeamGrants();
}

function requireAssignSelected(s: EmulatorState, message: string): void {
  // GitHub's documented 422 cases: not "specific members", or no public code suggestions policy.
  if (s.org.seat_management_setting !== "assign_selected" || s.org.public_code_suggestions === "unconfigured") throw unprocessable(message);
}

export function addSeatsForUsers(s: EmulatorState, logins: string[]): number {
  requireAssignSelected(s, COPILOT_422_USERS);
  const unique = [...new Map(logins.map((l) => [key(l), l])).values()];
  const nonMembers = unique.filter((l) => !s.isActiveMember(l));
  if (nonMembers.length) {
    // Documented choice (GitHub's docs are silent): GitHub's UI would invite them; the API
    // is "for organization members", so the emulator refuses the whole request, changing nothing.
    throw unprocessable(
      `Copilot seats can only be assigned to organization members; not members of ${s.org.login}: ${nonMembers.join(", ")}`,
    );
  }
  for (const login of unique) {
    const k = key(login);
    const seat = s.seats.get(k);
    if (seat) {
      seat.direct = true;
      seat.pending_cancellation_date = null;
    } else s.seats.set(k, newSeat(s, k, true, null));
  }
  return unique.length;
}

export function cancelSeatsForUsers(s: EmulatorState, logins: string[]): number {
  requireAssignSelected(s, COPILOT_422_CANCEL_USERS);
  const unique = [...new Map(logins.map((l) => [key(l), l])).values()];
  const unknown = unique.filter((l) => !s.user(l));
  if (unknown.length) throw unprocessable(`Could not resolve users: ${unknown.join(", ")}`);
  const viaTeam = unique
    .map((l) => [l, s.coveringTeam(key(l))] as const)
    .filter(([, t]) => t !== undefined)
    .map(([l, t]) => `${l} (team ${t!.slug})`);
  if (viaTeam.length) {
    throw unprocessable(`A user's seat cannot be cancelled because it was assigned to them via a team: ${viaTeam.join(", ")}`);
  }
  let cancelled = 0;
  for (const login of unique) {
    const seat = s.seats.get(key(login));
    if (seat && cancelSeat(s, seat)) cancelled++;
  }
  return cancelled;
}

function resolveCopilotTeams(s: EmulatorState, names: string[]): TeamRec[] {
  const unknown = names.filter((n) => !s.teamByNameOrSlug(n));
  if (unknown.length) throw unprocessable(`Could not resolve teams in ${s.org.login}: ${unknown.join(", ")}`);
  return [...new Map(names.map((n) => s.teamByNameOrSlug(n)!).map((t) => [t.id, t])).values()];
}

export function addSeatsForTeams(s: EmulatorState, names: string[]): number {
  requireAssignSelected(s, COPILOT_422_USERS);
  const teams = resolveCopilotTeams(s, names);
  const members = new Set<string>();
  for (const t of teams) for (const k of s.deepMembers(t).keys()) if (s.isActiveMember(k)) members.add(k);
  for (const t of teams) s.copilotTeams.add(t.id);
  s.syncTeamSeats();
  // "new seats that were created and existing seats that were refreshed": every covered member.
  return members.size;
}

export function cancelSeatsForTeams(s: EmulatorState, names: string[]): number {
  requireAssignSelected(s, COPILOT_422_USERS);
  const teams = resolveCopilotTeams(s, names);
  const before = new Set([...s.seats.values()].filter((s) => !s.pending_cancellation_date).map((s) => s.key));
  for (const t of teams) s.copilotTeams.delete(t.id);
  s.syncTeamSeats();
  return [...before].filter((k) => s.seats.get(k)?.pending_cancellation_date).length;
}

export function recordActivity(s: EmulatorState, login: string, at: Date, editor?: string): void {
  const seat = s.seats.get(key(login));
  const viaEnterprise = s.enterprise?.recordActivity(login, at, editor) ?? false;
  if (!seat) {
    if (viaEnterprise) return;
    throw new Error(`recordActivity: ${login} holds no Copilot seat in ${s.org.login}${s.enterprise ? ` or ${s.enterprise.rec.slug}` : ""}`);
  }
  seat.last_activity_at = isoTime(at);
  seat.last_activity_editor = editor ?? DEFAULT_EDITOR;
  seat.last_authenticated_at = isoTime(at);
}
