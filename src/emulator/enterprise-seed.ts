// The enterprise part of a seed, loaded into the state and written back by snapshot().
import { firstOfNextMonth } from "./clock.js";
import { EnterpriseState } from "./enterprise-state.js";
import { grantKey } from "./enterprise-records.js";
import { stableId } from "./ids.js";
import type { EmulatorState } from "./state.js";
import { key, seatFieldsFromSeed } from "./state-records.js";
import type { SeedEnterprise, SeedSeat } from "./types.js";

export function loadEnterpriseSeed(s: EmulatorState, seed: SeedEnterprise): EnterpriseState {
  const e = new EnterpriseState(s, {
    slug: seed.slug,
    id: seed.id ?? stableId(`enterprise:${seed.slug}`),
    name: seed.name ?? seed.slug,
    seat_management_setting: seed.seat_management_setting ?? "assign_selected",
    plan_type: seed.plan_type ?? "business",
    created_at: "2020-01-01T00:00:00Z",
  });
  const known = (login: string, where: string): string => {
    if (!s.user(login)) throw new Error(`seed: enterprise ${where} "${login}" is not listed in members or users`);
    return key(login);
  };
  for (const login of seed.members ?? []) e.extraMembers.add(known(login, "member"));
  for (const t of seed.teams ?? []) {
    const team = e.createTeam({ name: t.name, ...(t.description !== undefined ? { description: t.description } : {}) });
    team.members = [...new Set((t.members ?? []).map((m) => known(m, `team "${team.slug}" member`)))];
    const outside = team.members.filter((k) => !e.isMember(k));
    if (outside.length) throw new Error(`seed: enterprise team "${team.slug}" lists non-members of the enterprise: ${outside.join(", ")}`);
  }
  for (const name of seed.copilot_teams ?? []) {
    const team = e.team(name);
    if (!team) throw new Error(`seed: enterprise copilot_teams lists unknown team "${name}"`);
    e.copilotTeams.add(team.id);
  }
  for (const seat of seed.seats ?? []) seedGrant(s, e, seat, known(seat.login, "seat"));
  e.syncTeamGrants();
  s.nextBillingCycle ??= firstOfNextMonth(s.now());
  return e;
}

function seedGrant(s: EmulatorState, e: EnterpriseState, seat: SeedSeat, k: string): void {
  let teamId: number | null = null;
  if (seat.assigning_team) {
    const team = e.team(seat.assigning_team);
    if (!team) throw new Error(`seed: enterprise seat for "${seat.login}" names unknown enterprise team "${seat.assigning_team}"`);
    teamId = team.id;
    // A live team grant means the team is assigned and the person is on it.
    if (!seat.pending_cancellation_date) {
      e.copilotTeams.add(team.id);
      if (!team.members.includes(k)) team.members.push(k);
    }
  }
  e.grants.set(grantKey(k, teamId), {
    key: k,
    teamId,
    ...seatFieldsFromSeed(seat, e.rec.plan_type),
  });
  s.changed();
}

export function snapshotEnterprise(s: EmulatorState, e: EnterpriseState): SeedEnterprise {
  const loginOf = (k: string) => s.user(k)?.login ?? k;
  return {
    slug: e.rec.slug,
    id: e.rec.id,
    name: e.rec.name,
    seat_management_setting: e.rec.seat_management_setting,
    plan_type: e.rec.plan_type,
    members: [...e.extraMembers].map(loginOf),
    teams: e.teamList().map((t) => ({ name: t.name, ...(t.description !== null ? { description: t.description } : {}), members: t.members.map(loginOf) })),
    copilot_teams: [...e.copilotTeams].map((id) => e.teams.get(id)?.slug).filter((x): x is string => x !== undefined),
    seats: e.grantList().map((g) => {
      const out: SeedSeat = {
        login: loginOf(g.key),
        created_at: g.created_at,
        last_activity_at: g.last_activity_at,
        last_activity_editor: g.last_activity_editor,
        last_authenticated_at: g.last_authenticated_at,
        pending_cancellation_date: g.pending_cancellation_date,
        plan_type: g.plan_type,
      };
      const team = g.teamId === null ? undefined : e.teams.get(g.teamId);
      if (team) out.assigning_team = team.slug;
      return out;
    }),
  };
}
