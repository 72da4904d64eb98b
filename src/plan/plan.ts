// plan(model, snapshot, policy) → Plan: the Copilot seat diff, as a pure function of data
// (no Octokit, no clock, no file system). the README's plan rules, each in one place below:
//   desired = member files of `copilot: users` teams (direct seats)
//           + members of `copilot: team` teams and their child teams (through selected_teams);
//   a pending seat declared again is re-added, an undeclared one is left alone;
//   a team-granted seat is never cancelled per user (the plan names the granting team);
//   a declared non-member is blocked, and the rest still applies;
//   safety rails: max_removal_ratio (--force overrides), an empty declared set, never zero seats.
import { compareLogins, loginKey } from "../model/logins.js";
import type { ResolvedPolicy, SeatModel, TeamDecl } from "../model/types.js";
import { isEnterpriseTeam, type Seat, type Snapshot } from "../github/read.js";
import { planChecksum } from "./canonical.js";
import { ACTIONS, type Blocked, type Change, type Kept, type Plan } from "./types.js";

export interface PlanOptions {
  /** Override the max_removal_ratio guard (never the empty-set or zero-seats guards). */
  force?: boolean;
}

interface Want {
  login: string;
  /** Member files that declare it (in copilot: users teams for direct, copilot: team teams for team). */
  directFiles: string[];
  /** copilot: team teams (slugs, lowercased keys → declared slug) that grant it. */
  teams: string[];
  teamFiles: string[];
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function sortUnique(xs: Iterable<string>): string[] {
  return [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Team slug → itself and every team nested under it (GitHub lists child-team members as members). */
function descendants(teams: readonly TeamDecl[]): Map<string, TeamDecl[]> {
  const children = new Map<string, TeamDecl[]>();
  for (const t of teams) {
    if (!t.parent) continue;
    const k = t.parent.toLowerCase();
    children.set(k, [...(children.get(k) ?? []), t]);
  }
  const out = new Map<string, TeamDecl[]>();
  for (const t of teams) {
    const seen = new Set<string>();
    const stack = [t];
    const all: TeamDecl[] = [];
    while (stack.length) {
      const cur = stack.pop() as TeamDecl;
      if (seen.has(cur.slug.toLowerCase())) continue; // cycles are a validation error; do not loop
      seen.add(cur.slug.toLowerCase());
      all.push(cur);
      stack.push(...(children.get(cur.slug.toLowerCase()) ?? []));
    }
    out.set(t.slug.toLowerCase(), all);
  }
  return out;
}

export function plan(model: Pick<SeatModel, "teams">, snapshot: Snapshot, policy: ResolvedPolicy, opts: PlanOptions = {}): Plan {
  const teamsByKey = new Map<string, TeamDecl>();
  // A renamed team may still carry its old slug on GitHub until `pulumi up` runs.
  const teamByGithubSlug = new Map<string, TeamDecl>();
  for (const t of model.teams) {
    teamsByKey.set(t.slug.toLowerCase(), t);
    teamByGithubSlug.set(t.slug.toLowerCase(), t);
    for (const old of t.previously) if (!teamByGithubSlug.has(old.toLowerCase())) teamByGithubSlug.set(old.toLowerCase(), t);
  }
  const tree = descendants(model.teams);

  // --- desired -------------------------------------------------------------------------
  const wants = new Map<string, Want>();
  const want = (login: string): Want => {
    const k = loginKey(login);
    let w = wants.get(k);
    if (!w) wants.set(k, (w = { login, directFiles: [], teams: [], teamFiles: [] }));
    return w;
  };
  /** Logins with files only in copilot: none teams, to explain their cancel. */
  const noneFiles = new Map<string, string[]>();
  for (const t of model.teams) {
    if (t.copilot === "users") for (const m of t.members) want(m.login).directFiles.push(m.file);
    if (t.copilot === "none") for (const m of t.members) noneFiles.set(loginKey(m.login), [...(noneFiles.get(loginKey(m.login)) ?? []), m.file]);
    if (t.copilot === "team") {
      for (const sub of tree.get(t.slug.toLowerCase()) ?? [t]) {
        for (const m of sub.members) {
          const w = want(m.login);
          if (!w.teams.includes(t.slug)) w.teams.push(t.slug);
          w.teamFiles.push(m.file);
        }
      }
    }
  }

  const orgMembers = new Set(snapshot.members.map(loginKey));
  const seats = new Map<string, Seat>(snapshot.seats.map((s) => [loginKey(s.login), s]));
  const active = snapshot.seats.filter((s) => !s.pending_cancellation_date);
  const ghTeams = new Map(snapshot.teams.map((t) => [t.slug.toLowerCase(), t]));

  const changes: Change[] = [];
  const blocked: Blocked[] = [];
  const kept: Kept[] = [];
  const handled = new Set<string>(); // login keys already decided

  // --- team assignments (selected_teams) -----------------------------------------------------
  /** GitHub slug (lowercased) → active seat holders granted through it. */
  const grantedBy = new Map<string, Seat[]>();
  for (const s of active) {
    if (!s.assigning_team) continue;
    const k = s.assigning_team.toLowerCase();
    grantedBy.set(k, [...(grantedBy.get(k) ?? []), s]);
  }
  const teamAssigned = (t: TeamDecl) =>
    [...grantedBy.keys()].some((slug) => teamByGithubSlug.get(slug) === t);

  const teamAdds = new Set<string>(); // declared slugs being assigned
  for (const t of model.teams.filter((x) => x.copilot === "team")) {
    const gh = ghTeams.get(t.slug.toLowerCase());
    if (!gh || !gh.exists) {
      blocked.push({
        kind: "team_missing",
        target: t.slug,
        reason: `team "${t.slug}" (copilot: team) does not exist on GitHub yet, so it cannot be assigned Copilot`,
        fix: "run `pulumi up` (it creates the team and its memberships), then plan again",
        sources: [t.file],
      });
      continue;
    }
    const ghMembers = new Set(gh.members.map(loginKey));
    const declared = (tree.get(t.slug.toLowerCase()) ?? [t]).flatMap((x) => x.members);
    // Declared members who are team members on GitHub but hold no active seat.
    const seatless = declared.filter((m) => ghMembers.has(loginKey(m.login)) && !(seats.get(loginKey(m.login)) && !seats.get(loginKey(m.login))?.pending_cancellation_date));
    if (gh.members.length > 0 && (!teamAssigned(t) || seatless.length > 0)) {
      teamAdds.add(t.slug.toLowerCase());
      const lacking = sortUnique(seatless.map((m) => m.login)).sort(compareLogins);
      changes.push({
        action: "add_team",
        target: t.slug,
        reason: teamAssigned(t)
          ? `seats/${t.slug} is copilot: team and ${plural(lacking.length, "declared member")} (${lacking.join(", ")}) hold no active seat; re-assigning the team grants them`
          : `seats/${t.slug} is copilot: team; assigning the team grants a seat to each of its ${plural(gh.members.length, "member")} on GitHub`,
        sources: [t.file],
      });
    }
    for (const m of declared) {
      const k = loginKey(m.login);
      const w = wants.get(k);
      if (ghMembers.has(k) || (w && w.directFiles.length > 0) || !orgMembers.has(k)) continue;
      if (seats.get(k) && !seats.get(k)?.pending_cancellation_date) continue;
      blocked.push({
        kind: "not_team_member",
        target: m.login,
        team: t.slug,
        reason: `${m.login} is declared in seats/${m.team} but is not a member of team "${t.slug}" on GitHub yet, so the team assignment gives them no seat`,
        fix: "run `pulumi up` (it adds team members), then plan again",
        sources: [m.file],
      });
      handled.add(k);
    }
    // Team members on GitHub that the repo declares nowhere: the team grants (or will grant) them a seat.
    if (teamAssigned(t) || teamAdds.has(t.slug.toLowerCase())) {
      for (const login of gh.members) {
        const k = loginKey(login);
        if (wants.has(k)) continue;
        blocked.push({
          kind: "team_granted",
          target: login,
          team: t.slug,
          reason: `${login} ${seats.get(k) && !seats.get(k)?.pending_cancellation_date ? "holds" : "will get"} a seat through team "${t.slug}" but has no member file in seats/${t.slug}`,
          fix: `add seats/${t.slug}/${login}.yaml, or remove ${login} from team "${t.slug}" on GitHub (\`pulumi up\` does this)`,
          sources: [t.file],
        });
        handled.add(k);
      }
    }
  }

  /** Logins whose team seat goes away with a remove_team, and are not re-added below. */
  const removedTeamOf = new Map<string, string>(); // login key → GitHub slug
  for (const [slug, holders] of [...grantedBy.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const decl = teamByGithubSlug.get(slug);
    if (decl?.copilot === "team") continue;
    const ghSlug = holders[0]?.assigning_team ?? slug;
    if (isEnterpriseTeam(ghSlug)) {
      // The enterprise assigns this team; the org's selected_teams cannot unassign it (GitHub 422).
      for (const s of holders) {
        if (wants.has(loginKey(s.login))) continue;
        kept.push({ login: s.login, reason: `seat granted by enterprise team "${ghSlug}", which only an enterprise owner can unassign` });
        handled.add(loginKey(s.login));
      }
      continue;
    }
    if (!decl && policy.seats.unmanaged === "keep") {
      for (const s of holders) {
        if (wants.has(loginKey(s.login))) continue;
        kept.push({ login: s.login, reason: `seat granted by team "${ghSlug}", which is declared nowhere (seats.unmanaged: keep)` });
        handled.add(loginKey(s.login));
      }
      continue;
    }
    const losing = holders.filter((s) => {
      const w = wants.get(loginKey(s.login));
      return !w; // desired holders are re-added directly (or through their team) below
    });
    for (const s of holders) removedTeamOf.set(loginKey(s.login), ghSlug);
    changes.push({
      action: "remove_team",
      target: ghSlug,
      reason: decl
        ? `seats/${decl.slug}/_team.yaml says copilot: ${decl.copilot}, but the team is assigned Copilot on GitHub (${plural(holders.length, "seat")} through it)`
        : `team "${ghSlug}" is assigned Copilot on GitHub but declared nowhere (${plural(holders.length, "seat")} through it; seats.unmanaged: remove)`,
      sources: [decl ? decl.file : policy.file],
      logins: losing.map((s) => s.login).sort(compareLogins),
    });
    for (const s of losing) handled.add(loginKey(s.login));
  }

  // --- per user (selected_users) ---------------------------------------------------------
  for (const [k, w] of wants) {
    if (handled.has(k)) continue;
    const seat = seats.get(k);
    const activeSeat = seat && !seat.pending_cancellation_date ? seat : undefined;
    const losesTeamSeat = activeSeat?.assigning_team ? removedTeamOf.has(k) : false;
    if (activeSeat && !losesTeamSeat) continue; // holds a seat and keeps it
    // A team member whose team is (or is being) assigned gets the seat through the team.
    const coveredByTeam = w.teams.some((slug) => {
      const gh = ghTeams.get(slug.toLowerCase());
      const decl = teamsByKey.get(slug.toLowerCase());
      return !!gh?.exists && !!decl && gh.members.some((m) => loginKey(m) === k) && (teamAdds.has(slug.toLowerCase()) || teamAssigned(decl));
    });
    if (coveredByTeam) continue;
    if (w.directFiles.length === 0 && orgMembers.has(k)) continue; // team missing / not a team member yet: blocked above
    const files = sortUnique([...w.directFiles, ...w.teamFiles]);
    if (!orgMembers.has(k)) {
      blocked.push({
        kind: "not_org_member",
        target: w.login,
        reason: `${w.login} is declared in ${files.join(", ")} but is not a member of the ${snapshot.org} organization, so GitHub cannot assign them a seat`,
        fix: `invite ${w.login} to ${snapshot.org} (or fix the login in the file), then apply again`,
        sources: files,
      });
      continue;
    }
    if (losesTeamSeat) {
      changes.push({
        action: "add",
        target: w.login,
        reason: `seat was granted by team "${removedTeamOf.get(k)}", which is being unassigned; declared in ${files.join(", ")}`,
        sources: files,
      });
    } else if (seat?.pending_cancellation_date) {
      changes.push({
        action: "readd",
        target: w.login,
        reason: `seat is pending cancellation (leaves ${seat.pending_cancellation_date}) but is declared in ${files.join(", ")}`,
        sources: files,
      });
    } else {
      changes.push({ action: "add", target: w.login, reason: `declared in ${files.join(", ")}`, sources: files });
    }
  }

  for (const s of active) {
    const k = loginKey(s.login);
    if (wants.has(k) || handled.has(k) || s.assigning_team) continue;
    const none = noneFiles.get(k);
    const why = none
      ? `only declared in ${sortUnique(none).join(", ")} (copilot: none teams grant no seat)`
      : "declared nowhere (no member file in a team with copilot: users or team)";
    if (policy.seats.unmanaged === "keep") {
      kept.push({ login: s.login, reason: `${why}; seats.unmanaged: keep` });
    } else {
      changes.push({ action: "cancel", target: s.login, reason: why, sources: sortUnique([...(none ?? []), policy.file]) });
    }
  }

  // --- sort, count, guard ---------------------------------------------------------------
  const order = new Map<string, number>(ACTIONS.map((a, i) => [a, i]));
  changes.sort((a, b) => (order.get(a.action) as number) - (order.get(b.action) as number) || compareLogins(a.target, b.target));
  blocked.sort((a, b) => compareLogins(a.target, b.target) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || ((a.team ?? "") < (b.team ?? "") ? -1 : 1));
  kept.sort((a, b) => compareLogins(a.login, b.login));
  for (const c of changes) c.sources = sortUnique(c.sources);

  const count = (a: string) => changes.filter((c) => c.action === a).length;
  const cancels = count("cancel");
  const removals = cancels + changes.reduce((n, c) => n + (c.action === "remove_team" ? (c.logins?.length ?? 0) : 0), 0);
  const current = active.length;
  const summary = {
    current_seats: current,
    pending_seats: snapshot.seats.length - current,
    declared: wants.size,
    adds: count("add"),
    readds: count("readd"),
    cancels,
    team_adds: count("add_team"),
    team_removes: count("remove_team"),
    blocked: blocked.length,
    kept: kept.length,
    removals,
  };

  const ratio = current > 0 ? removals / current : 0;
  const max = policy.seats.max_removal_ratio;
  const refusals: string[] = [];
  if (wants.size === 0 && removals > 0) {
    refusals.push(
      `the repo declares no seat holders (no member file in a team with copilot: users or team); refusing to cancel ${removals} of ${current} seats. ` +
        `An empty seats/ is almost always a mistake (a bad checkout or a wrong --dir); --force does not override this`,
    );
  } else if (current > 0 && removals >= current && summary.adds + summary.readds + summary.team_adds === 0) {
    refusals.push(
      `refusing to cancel all ${current} seats: removing every Copilot seat cancels the organization's Copilot plan; --force does not override this`,
    );
  }
  const overRatio = current > 0 && ratio > max;
  if (overRatio && !opts.force) {
    refusals.push(`refusing to cancel ${removals} of ${current} seats (${pct(ratio)} > ${pct(max)}); pass --force to override`);
  }

  const body = { version: 1 as const, org: snapshot.org, summary, changes, blocked, kept };
  return {
    ...body,
    safety: { max_removal_ratio: max, removal_ratio: Number(ratio.toFixed(6)), forced: overRatio && !!opts.force, refusals },
    checksum: planChecksum(body),
  };
}

/** True when the plan has nothing to send. */
export function isEmptyPlan(p: Plan): boolean {
  return p.changes.length === 0;
}
