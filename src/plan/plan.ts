// plan(model, snapshot, policy) → Plan: the team and Copilot seat diff, as a pure function of
// data (no Octokit, no clock, no file system). In named phases, each in its own module:
//   0. project   (project.ts)  the team changes `pulumi up` makes, and the state after them;
//   1. holders   (model/seat-holders.ts) who the files say holds a seat, and why;
//   2. teams     (phase-teams.ts) selected_teams: assign `copilot: team` teams, unassign the rest;
//   3. users     (phase-users.ts) selected_users: add, re-add, cancel; blocked and kept entries;
//   4. guards    (guards.ts) max_removal_ratio (--force overrides; only from min_seats_for_ratio
//                seats on), an empty declared set, never zero seats.
// The seat phases see the projected state, so a plan computed on the PR (before `pulumi up`)
// and one computed on merge (after it) agree, checksum included (docs/plan-apply.md).
import { activeSeat, type Snapshot } from "../model/live-state.js";
import { compareLogins } from "../model/logins.js";
import { seatHoldersByKey } from "../model/seat-holders.js";
import type { ResolvedPolicy, SeatModel } from "../model/types.js";
import { planChecksum } from "./canonical.js";
import { guard } from "./guards.js";
import { teamAssignments } from "./phase-teams.js";
import { userChanges } from "./phase-users.js";
import { projectTeams } from "./project.js";
import { ACTIONS, type Change, type Plan } from "./types.js";

export interface PlanOptions {
  /** Override the max_removal_ratio guard (never the empty-set or zero-seats guards). */
  force?: boolean;
  /**
   * Files the change touches (repo-relative), when known (`--base`): blocked entries caused by
   * one of them are marked `introduced`; only those make apply exit 1.
   */
  changedFiles?: readonly string[];
}

type PlanPolicy = Pick<ResolvedPolicy, "file" | "seats"> & Partial<Pick<ResolvedPolicy, "teams">>;

export function plan(model: Pick<SeatModel, "teams">, live: Snapshot, policy: PlanPolicy, opts: PlanOptions = {}): Plan {
  const projection = projectTeams(model, live, { teams: policy.teams ?? { invite_non_members: false } });
  const snapshot = projection.snapshot;
  const holders = seatHoldersByKey(model);
  const teams = teamAssignments(model, snapshot, policy, holders);
  const users = userChanges(model, snapshot, policy, holders, teams);

  const changes: Change[] = [...teams.changes, ...users.changes];
  const order = new Map<string, number>(ACTIONS.map((a, i) => [a, i]));
  changes.sort((a, b) => order.get(a.action)! - order.get(b.action)! || compareLogins(a.target, b.target));
  for (const c of changes) c.sources = [...new Set(c.sources)].sort();
  const blocked = [...teams.blocked, ...users.blocked].sort(
    (a, b) => compareLogins(a.target, b.target) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || ((a.team ?? "") < (b.team ?? "") ? -1 : 1),
  );
  if (opts.changedFiles) {
    const touched = new Set(opts.changedFiles);
    for (const b of blocked) b.introduced = b.sources.some((f) => touched.has(f));
  }
  const kept = [...teams.kept, ...users.kept].sort((a, b) => compareLogins(a.login, b.login));

  const count = (a: string) => changes.filter((c) => c.action === a).length;
  const cancels = count("cancel");
  const removals = cancels + changes.reduce((n, c) => n + (c.action === "remove_team" ? (c.logins?.length ?? 0) : 0), 0);
  const current = snapshot.seats.filter((s) => activeSeat(s)).length;
  const summary = {
    current_seats: current,
    pending_seats: snapshot.seats.length - current,
    declared: holders.size,
    adds: count("add"),
    readds: count("readd"),
    cancels,
    team_adds: count("add_team"),
    team_removes: count("remove_team"),
    blocked: blocked.length,
    kept: kept.length,
    removals,
  };
  const safety = guard(
    { declared: holders.size, current, removals, grants: summary.adds + summary.readds + summary.team_adds },
    policy.seats,
    opts.force ?? false,
  );
  const body = { version: 1 as const, org: live.org, summary, changes, blocked, kept, teams: projection.teams };
  return { ...body, safety, checksum: planChecksum(body) };
}

/** True when the plan has nothing to send (seats or teams). */
export function isEmptyPlan(p: Plan): boolean {
  return p.changes.length === 0 && (p.teams?.changes.length ?? 0) === 0;
}

/** Blocked entries that fail an apply: the ones this change introduced, or all when that is unknown. */
export function failingBlocked(p: Plan): Plan["blocked"] {
  return p.blocked.filter((b) => b.introduced !== false);
}
