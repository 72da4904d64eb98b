// Plans restricted to a set of logins, as pure functions around `plan()`.
//
// The restricted plan is DEFINED as the full plan (every seat, every member) with only the
// entries about those logins kept: their add, re-add and cancel, what is blocked or kept for
// them. Team-level entries (assigning or unassigning a team, a team missing on GitHub) are not
// about one login and are left to the full plan (`seats plan --full`, the nightly drift run).
//
// The incremental path computes the same value from far less data: the model and the snapshot
// are both narrowed to the logins (their member files; their seats and org membership, read one
// by one), `plan()` runs on that, and the result is restricted the same way. The two agree when
// `partialIsExact` holds (test/plan/incremental.property.test.ts checks it on random repos and
// states); when it does not, the caller reads everything and restricts the full plan.
import { loginKey } from "../model/logins.js";
import type { SeatModel, TeamDecl } from "../model/types.js";
import type { Seat, Snapshot } from "../github/read.js";
import { planChecksum, teamsChecksum } from "./canonical.js";
import { guard } from "./guards.js";
import { teamGrantedLogins, teamGrantedSlugs } from "./scope.js";
import type { Change, Plan } from "./types.js";

/** Seat actions that target one login; everything else in a plan is team-level. */
const LOGIN_ACTIONS: ReadonlySet<Change["action"]> = new Set(["add", "readd", "cancel"]);

export type LoginSet = ReadonlySet<string>;

/** Login keys of `logins`. */
export function loginSet(logins: Iterable<string>): LoginSet {
  return new Set([...logins].map(loginKey));
}

/** Seat counts and declared holders of the whole org and repo, which a restricted plan reports as they are. */
export interface RestrictContext {
  current_seats: number;
  pending_seats: number;
  /** Distinct seat holders the whole repo declares (`declaredHolders`). */
  declared: number;
  max_removal_ratio: number;
  min_seats_for_ratio?: number;
  force?: boolean;
  /** The touched (team folder, login) pairs: the team half keeps only their entries. */
  pairs?: readonly TeamLogin[];
}

/** A member file the change touches, as (team folder, login); `deleted` when it is gone in the head. */
export interface TeamLogin {
  team: string;
  login: string;
  deleted: boolean;
}

const pairKey = (team: string, login: string) => `${team.toLowerCase()}/${loginKey(login)}`;

/** The (folder, login) pairs of touched member files, judged against the head model. */
export function touchedPairs(files: readonly string[], model: Pick<SeatModel, "teams">): TeamLogin[] {
  const present = new Set(model.teams.flatMap((t) => t.members.map((m) => m.file)));
  return files.map((f) => {
    const [, team, name] = f.split("/") as [string, string, string];
    return { team, login: name.slice(0, -".yaml".length), deleted: !present.has(f) };
  });
}

/**
 * Distinct logins the repo declares a seat for, as the planner counts them: member files of
 * `copilot: users` teams, and members of `copilot: team` teams and the teams nested under them.
 */
export function declaredHolders(model: Pick<SeatModel, "teams">): number {
  const granted = teamGrantedSlugs(model.teams);
  const counted = model.teams.filter((t) => t.copilot === "users" || granted.has(t.slug.toLowerCase()));
  // One folder holds one file per login (the duplicate-member rule refuses two spellings), so a
  // single counted team needs no set: at 100,000 members that is most of an incremental plan's CPU.
  if (counted.length === 1) return counted[0]!.members.length;
  const keys = new Set<string>();
  for (const t of counted) for (const m of t.members) keys.add(loginKey(m.login));
  return keys.size;
}

/**
 * Current and pending seats from the billing summary (`seat_breakdown`, read by the preflight),
 * else from the seat list. Both the incremental and the paged path use this, so a restricted
 * plan reports the same counts whichever way its data was read.
 */
export function seatCounts(snapshot: Pick<Snapshot, "settings" | "seats">): { current_seats: number; pending_seats: number } {
  const b = snapshot.settings.seat_breakdown;
  if (b && Number.isFinite(b.total) && Number.isFinite(b.pending_cancellation)) {
    return { current_seats: Math.max(0, b.total - b.pending_cancellation), pending_seats: b.pending_cancellation };
  }
  const pending = snapshot.seats.filter((s) => s.pending_cancellation_date).length;
  return { current_seats: snapshot.seats.length - pending, pending_seats: pending };
}

/** The model with only the logins' member files, and without team-granted teams (see partialIsExact). */
export function restrictModel(model: Pick<SeatModel, "teams">, logins: LoginSet): Pick<SeatModel, "teams"> {
  const granted = teamGrantedSlugs(model.teams);
  const teams: TeamDecl[] = model.teams
    .filter((t) => !granted.has(t.slug.toLowerCase()))
    .map((t) => ({ ...t, members: t.members.filter((m) => logins.has(loginKey(m.login))) }));
  return { teams };
}

/** What the incremental reader learns about the logins, taken from a full snapshot (tests, benchmarks). */
export interface PartialState {
  snapshot: Snapshot;
  /** Login key → copilot: team teams (slugs) it is a GitHub member of; only for logins asked about. */
  teamMemberships: Map<string, string[]>;
  /** Touched pairs whose login is a GitHub member of the pair's team. */
  pairMembers: Set<string>;
  pairs: readonly TeamLogin[];
}

/** The touched teams as the partial read sees them: each with the touched logins that are members. */
export function pairTeams(pairs: readonly TeamLogin[], pairMembers: ReadonlySet<string>): Snapshot["teams"] {
  const bySlug = new Map<string, string[]>();
  for (const p of pairs) {
    const list = bySlug.get(p.team) ?? [];
    if (pairMembers.has(pairKey(p.team, p.login)) && !list.includes(p.login)) list.push(p.login);
    bySlug.set(p.team, list);
  }
  return [...bySlug.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([slug, members]) => ({ slug, exists: true, members: members.sort() }));
}

export function partialFromFull(full: Snapshot, logins: LoginSet, teamSlugs: readonly string[], askTeamsFor: LoginSet, pairs: readonly TeamLogin[] = []): PartialState {
  const pairMembers = new Set(
    pairs.filter((p) => full.teams.some((t) => t.exists && t.slug.toLowerCase() === p.team.toLowerCase() && t.members.some((m) => loginKey(m) === loginKey(p.login)))).map((p) => pairKey(p.team, p.login)),
  );
  const teamMemberships = new Map<string, string[]>();
  for (const k of askTeamsFor) {
    const slugs = full.teams.filter((t) => teamSlugs.some((s) => s.toLowerCase() === t.slug.toLowerCase()) && t.members.some((m) => loginKey(m) === k)).map((t) => t.slug);
    teamMemberships.set(k, slugs);
  }
  return {
    snapshot: {
      org: full.org,
      settings: full.settings,
      seats: full.seats.filter((s) => logins.has(loginKey(s.login))),
      members: full.members.filter((m) => logins.has(loginKey(m))),
      teams: pairTeams(pairs, pairMembers),
    },
    teamMemberships,
    pairMembers,
    pairs,
  };
}

/**
 * Logins whose `copilot: team` memberships the partial read must check: every touched login. A
 * hand-added member of such a team holds (or will hold, or loses with `pulumi up`) a seat through
 * it, whatever the member files say; the check is one request per login and team, and none in a
 * repo without `copilot: team` teams.
 */
export function loginsNeedingTeamCheck(_model: Pick<SeatModel, "teams">, logins: LoginSet): Set<string> {
  return new Set(logins);
}

/**
 * Why the partial state cannot stand in for the full one, or undefined when it can:
 * - a login is declared in a team-granted team: its seat depends on the whole team;
 * - a seat of the logins is granted through a team: unassigning that team is a team-level change
 *   whose effect on the login depends on every other holder of that team;
 * - a login is a GitHub member of a `copilot: team` team: its seat then depends on the team's
 *   assignment and on what `pulumi up` does to the team;
 * - the billing summary has no seat counts: the removal guard needs the org's current seats.
 */
export function partialIsExact(model: Pick<SeatModel, "teams">, logins: LoginSet, partial: PartialState): string | undefined {
  if (!partial.snapshot.settings.seat_breakdown) return "the Copilot billing summary has no seat counts";
  const grantedLogins = teamGrantedLogins(model);
  for (const k of logins) if (grantedLogins.has(k)) return `${k} is a member of a copilot: team team`;
  const teamSeat = partial.snapshot.seats.find((s: Seat) => s.assigning_team);
  if (teamSeat) return `${teamSeat.login}'s seat is granted through team "${teamSeat.assigning_team}"`;
  for (const [k, slugs] of partial.teamMemberships) if (slugs.length) return `${k} is a GitHub member of team "${slugs[0]}" (copilot: team)`;
  // Whether `pulumi up` removes a member depends on the team's whole declared list (an empty one
  // leaves GitHub's members alone), which the partial read does not have.
  const orgMembers = new Set(partial.snapshot.members.map(loginKey));
  const leaving = partial.pairs.find((p) => partial.pairMembers.has(pairKey(p.team, p.login)) && (p.deleted || !orgMembers.has(loginKey(p.login))));
  if (leaving) return `${leaving.login} may leave team "${leaving.team}" on GitHub`;
  return undefined;
}

/**
 * Only the entries about `logins`, with the summary, safety rails and checksum of what is left.
 * The rails are the planner's (guards.ts), applied to what this plan would do against the whole
 * org's counts. The team half (what `pulumi up` changes) keeps the entries of the touched
 * (team folder, login) pairs: the touched people joining or leaving the teams whose files changed.
 */
export function restrictPlan(p: Plan, logins: LoginSet, ctx: RestrictContext): Plan {
  const inScope = (login: string) => logins.has(loginKey(login));
  const changes = p.changes.filter((c) => LOGIN_ACTIONS.has(c.action) && inScope(c.target));
  const blocked = p.blocked.filter((b) => b.kind !== "team_missing" && inScope(b.target));
  const kept = p.kept.filter((k) => inScope(k.login));
  const count = (a: Change["action"]) => changes.filter((c) => c.action === a).length;
  const cancels = count("cancel");
  const summary = {
    ...p.summary,
    current_seats: ctx.current_seats,
    pending_seats: ctx.pending_seats,
    declared: ctx.declared,
    adds: count("add"),
    readds: count("readd"),
    cancels,
    team_adds: 0,
    team_removes: 0,
    blocked: blocked.length,
    kept: kept.length,
    removals: cancels,
  };
  const safety = guard(
    { declared: ctx.declared, current: ctx.current_seats, removals: cancels, grants: summary.adds + summary.readds },
    { max_removal_ratio: ctx.max_removal_ratio, ...(ctx.min_seats_for_ratio !== undefined ? { min_seats_for_ratio: ctx.min_seats_for_ratio } : {}) },
    ctx.force ?? false,
  );
  const keys = new Set((ctx.pairs ?? []).map((x) => pairKey(x.team, x.login)));
  const section = {
    changes: p.teams.changes.filter((c) => c.login !== undefined && keys.has(pairKey(c.team, c.login))),
    left_out: p.teams.left_out.filter((l) => keys.has(pairKey(l.team, l.login))),
  };
  const teams = { ...section, checksum: teamsChecksum(p.org, section) };
  const body = { version: p.version, org: p.org, summary, changes, blocked, kept, teams };
  return { ...p, ...body, safety, checksum: planChecksum(body) };
}
