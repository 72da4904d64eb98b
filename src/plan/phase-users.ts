// Phase 3 of plan(): per-user seats (selected_users). Declared holders without an active seat
// are added (or re-added when pending cancellation) unless their team grants it; undeclared
// direct seats are cancelled (or kept under `seats.unmanaged: keep`); declared non-members are
// blocked. Runs on the projected snapshot (project.ts), after the team phase.
import { activeSeat, PENDING_AFTER_TEAM_CHANGE, type Seat, type Snapshot } from "../model/live-state.js";
import { loginKey } from "../model/logins.js";
import type { SeatHolder } from "../model/seat-holders.js";
import type { ResolvedPolicy, SeatModel, TeamDecl } from "../model/types.js";
import type { TeamPhase } from "./phase-teams.js";
import type { Blocked, Change, Kept } from "./types.js";
import { sortUnique } from "./words.js";

export interface UserPhase {
  changes: Change[];
  blocked: Blocked[];
  kept: Kept[];
}

/** The files behind a holder's grants (a maintainer without a member file: the team's _team.yaml). */
function grantSources(h: SeatHolder, teams: ReadonlyMap<string, TeamDecl>): string[] {
  return sortUnique(h.grants.map((g) => g.member?.file ?? teams.get(g.kind === "team" ? g.via : g.team)?.file ?? `seats/${g.team}/_team.yaml`));
}

/** Who a declared non-member must join: one org, or (enterprise billing, several orgs) any of them. */
function notMemberOf(snapshot: Snapshot): string {
  const orgs = Object.keys(snapshot.membersByOrg ?? {});
  return orgs.length > 1 ? `any of the orgs ${orgs.join(", ")}` : `the ${snapshot.org} organization`;
}

/** The org to invite a declared non-member to: the org of the first team that declares them. */
function inviteTo(h: SeatHolder, teams: ReadonlyMap<string, TeamDecl>, snapshot: Snapshot): string {
  if (!snapshot.membersByOrg) return snapshot.org;
  const team = h.grants.map((g) => teams.get(g.team)).find((t) => t !== undefined);
  return team?.org ?? snapshot.org;
}

export function userChanges(
  model: Pick<SeatModel, "teams">,
  snapshot: Snapshot,
  policy: Pick<ResolvedPolicy, "file" | "seats">,
  holders: ReadonlyMap<string, SeatHolder>,
  teamPhase: TeamPhase,
): UserPhase {
  const out: UserPhase = { changes: [], blocked: [], kept: [] };
  const teamsBySlug = new Map(model.teams.map((t) => [t.slug, t]));
  const teamsByKey = new Map(model.teams.map((t) => [t.slug.toLowerCase(), t]));
  const orgMembers = new Set(snapshot.members.map(loginKey));
  const seats = new Map<string, Seat>(snapshot.seats.map((s) => [loginKey(s.login), s]));
  const ghTeams = new Map(snapshot.teams.map((t) => [t.slug.toLowerCase(), t]));
  const { handled, removedTeamOf, teamAdds, assigned } = teamPhase;

  for (const [k, h] of holders) {
    if (handled.has(k)) continue;
    const seat = seats.get(k);
    const active = activeSeat(seat);
    const losesTeamSeat = active?.assigning_team ? removedTeamOf.has(k) : false;
    if (active && !losesTeamSeat) continue; // holds a seat and keeps it
    const direct = h.grants.filter((g) => g.kind === "direct");
    // A team member whose team is (or is being) assigned gets the seat through the team.
    const coveredByTeam = h.grants.some((g) => {
      if (g.kind !== "team") return false;
      const gh = ghTeams.get(g.team.toLowerCase());
      const decl = teamsByKey.get(g.team.toLowerCase());
      return !!gh?.exists && !!decl && gh.members.some((m) => loginKey(m) === k) && (teamAdds.has(g.team.toLowerCase()) || assigned(decl));
    });
    if (coveredByTeam) continue;
    const files = grantSources(h, teamsBySlug);
    if (!orgMembers.has(k)) {
      out.blocked.push({
        kind: "not_org_member",
        target: h.login,
        reason: `${h.login} is declared in ${files.join(", ")} but is not a member of ${notMemberOf(snapshot)}, so GitHub cannot assign them a seat`,
        fix: `invite ${h.login} to ${inviteTo(h, teamsBySlug, snapshot)} (or fix the login in the file), then apply again`,
        sources: files,
      });
      continue;
    }
    // A team holder whose team is not assigned yet (it has no members on GitHub): the team's
    // assignment grants the seat once it has members; nothing to send per user.
    if (direct.length === 0) continue;
    if (losesTeamSeat) {
      out.changes.push({ action: "add", target: h.login, reason: `seat was granted by team "${removedTeamOf.get(k)}", which is being unassigned; declared in ${files.join(", ")}`, sources: files });
    } else if (seat?.pending_cancellation_date) {
      const when = seat.pending_cancellation_date === PENDING_AFTER_TEAM_CHANGE ? "ends with its team membership" : `is pending cancellation (leaves ${seat.pending_cancellation_date})`;
      out.changes.push({ action: "readd", target: h.login, reason: `seat ${when} but is declared in ${files.join(", ")}`, sources: files });
    } else {
      out.changes.push({ action: "add", target: h.login, reason: `declared in ${files.join(", ")}`, sources: files });
    }
  }

  // Files in copilot: none teams, to explain a cancel.
  const noneFiles = new Map<string, string[]>();
  for (const t of model.teams) if (t.copilot === "none") for (const m of t.members) noneFiles.set(loginKey(m.login), [...(noneFiles.get(loginKey(m.login)) ?? []), m.file]);
  for (const s of snapshot.seats) {
    const k = loginKey(s.login);
    if (!activeSeat(s) || holders.has(k) || handled.has(k) || s.assigning_team) continue;
    const none = noneFiles.get(k);
    const why = none
      ? `only declared in ${sortUnique(none).join(", ")} (copilot: none teams grant no seat)`
      : "declared nowhere (no member file in a team with copilot: users or team)";
    if (policy.seats.unmanaged === "keep") out.kept.push({ login: s.login, reason: `${why}; seats.unmanaged: keep` });
    else out.changes.push({ action: "cancel", target: s.login, reason: why, sources: sortUnique([...(none ?? []), policy.file]) });
  }
  return out;
}
