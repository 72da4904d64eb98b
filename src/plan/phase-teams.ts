// Phase 2 of plan(): team assignments (selected_teams). `copilot: team` teams are assigned (or
// re-assigned when declared members hold no seat); a team assigned on GitHub but declared with
// another mode, or not declared at all, is unassigned (or kept: enterprise teams, and
// `seats.unmanaged: keep`). Runs on the projected snapshot (project.ts).
import { activeSeat, isEnterpriseTeam, type Seat, type Snapshot } from "../model/live-state.js";
import { compareLogins, loginKey } from "../model/logins.js";
import { teamClosures, teamRoster, type SeatHolder } from "../model/seat-holders.js";
import type { ResolvedPolicy, SeatModel, TeamDecl } from "../model/types.js";
import { plural } from "./words.js";
import type { Blocked, Change, Kept } from "./types.js";

export interface TeamPhase {
  changes: Change[];
  blocked: Blocked[];
  kept: Kept[];
  /** Login keys decided here (the users phase leaves them alone). */
  handled: Set<string>;
  /** Lowercased declared slugs being assigned by this plan. */
  teamAdds: Set<string>;
  /** Login key → GitHub slug of the team being unassigned that granted their seat. */
  removedTeamOf: Map<string, string>;
  /** True when GitHub shows the declared team as assigned (an active seat through it). */
  assigned: (t: TeamDecl) => boolean;
}

export function teamAssignments(
  model: Pick<SeatModel, "teams">,
  snapshot: Snapshot,
  policy: Pick<ResolvedPolicy, "file" | "seats">,
  holders: ReadonlyMap<string, SeatHolder>,
): TeamPhase {
  const declOf = new Map<string, TeamDecl>(); // GitHub slug (old slugs too) → declared team
  for (const t of model.teams) declOf.set(t.slug.toLowerCase(), t);
  for (const t of model.teams) for (const old of t.previously) if (!declOf.has(old.toLowerCase())) declOf.set(old.toLowerCase(), t);
  const closures = teamClosures(model.teams);
  const ghTeams = new Map(snapshot.teams.map((t) => [t.slug.toLowerCase(), t]));
  const seats = new Map<string, Seat>(snapshot.seats.map((s) => [loginKey(s.login), s]));

  const grantedBy = new Map<string, Seat[]>(); // GitHub slug → active seats granted through it
  for (const s of snapshot.seats) {
    if (!activeSeat(s) || !s.assigning_team) continue;
    const k = s.assigning_team.toLowerCase();
    grantedBy.set(k, [...(grantedBy.get(k) ?? []), s]);
  }
  const assigned = (t: TeamDecl) => [...grantedBy.keys()].some((slug) => declOf.get(slug) === t);

  const out: TeamPhase = { changes: [], blocked: [], kept: [], handled: new Set(), teamAdds: new Set(), removedTeamOf: new Map(), assigned };

  for (const t of model.teams.filter((x) => x.copilot === "team" && !x.enterprise_team)) {
    const gh = ghTeams.get(t.slug.toLowerCase());
    if (!gh?.exists || gh.members.length === 0) continue; // nobody to grant a seat to yet
    const ghMembers = new Set(gh.members.map(loginKey));
    const roster = (closures.get(t.slug) ?? [t]).flatMap((x) => teamRoster(x));
    const seatless = [...new Set(roster.filter((r) => ghMembers.has(loginKey(r.login)) && !activeSeat(seats.get(loginKey(r.login)))).map((r) => r.login))].sort(compareLogins);
    if (!assigned(t) || seatless.length > 0) {
      out.teamAdds.add(t.slug.toLowerCase());
      out.changes.push({
        action: "add_team",
        target: t.slug,
        reason: assigned(t)
          ? `seats/${t.slug} is copilot: team and ${plural(seatless.length, "declared member")} (${seatless.join(", ")}) hold no active seat; re-assigning the team grants them`
          : `seats/${t.slug} is copilot: team; assigning the team grants a seat to each of its members on GitHub`,
        sources: [t.file],
      });
    }
    // Members on GitHub that the repo declares nowhere (a team whose roster is empty keeps its
    // GitHub members, docs/pulumi.md): the team grants them a seat nobody reviewed.
    for (const login of gh.members) {
      const k = loginKey(login);
      if (holders.has(k)) continue;
      out.blocked.push({
        kind: "team_granted",
        target: login,
        team: t.slug,
        reason: `${login} ${activeSeat(seats.get(k)) ? "holds" : "will get"} a seat through team "${t.slug}" but has no member file in seats/${t.slug}`,
        fix: `add seats/${t.slug}/${login}.yaml, or remove ${login} from team "${t.slug}" on GitHub`,
        sources: [t.file],
      });
      out.handled.add(k);
    }
  }

  for (const [slug, grants] of [...grantedBy.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const decl = declOf.get(slug);
    if (decl?.copilot === "team") continue;
    const ghSlug = grants[0]!.assigning_team!;
    const keep = (why: string) => {
      for (const s of grants) {
        if (holders.has(loginKey(s.login))) continue;
        out.kept.push({ login: s.login, reason: why });
        out.handled.add(loginKey(s.login));
      }
    };
    // The enterprise assigns this team; the org's selected_teams cannot unassign it (GitHub 422).
    if (isEnterpriseTeam(ghSlug) || decl?.enterprise_team) {
      keep(`seat granted by enterprise team "${ghSlug}", which only an enterprise owner can unassign`);
      continue;
    }
    if (!decl && policy.seats.unmanaged === "keep") {
      keep(`seat granted by team "${ghSlug}", which is declared nowhere (seats.unmanaged: keep)`);
      continue;
    }
    // Declared holders are re-added directly (or through their team) by the users phase.
    const losing = grants.filter((s) => !holders.has(loginKey(s.login)));
    for (const s of grants) out.removedTeamOf.set(loginKey(s.login), ghSlug);
    out.changes.push({
      action: "remove_team",
      target: ghSlug,
      reason: decl
        ? `seats/${decl.slug}/_team.yaml says copilot: ${decl.copilot}, but the team is assigned Copilot on GitHub`
        : `team "${ghSlug}" is assigned Copilot on GitHub but declared nowhere (seats.unmanaged: remove)`,
      sources: [decl ? decl.file : policy.file],
      logins: losing.map((s) => s.login).sort(compareLogins),
    });
    for (const s of losing) out.handled.add(loginKey(s.login));
  }
  return out;
}
