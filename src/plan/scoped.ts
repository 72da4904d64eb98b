// The I/O half of an incremental plan (`seats plan --base <ref>`): the touched logins' plan,
// read at the cost of the change when that is cheaper than paging, by paging otherwise. Either
// way the plan is the same value (src/plan/restrict.ts), so the PR's plan and the merge's carry
// the same checksum whichever read each of them chose.
import type { GitHubClient } from "../github/client.js";
import { readLoginStates, loginReadCost } from "../github/read-logins.js";
import { checkSeatManagement, getCopilotSettings, PER_PAGE, readSnapshot, type ReadOptions, type Snapshot } from "../github/read.js";
import type { SeatRow } from "../model/live-state.js";
import type { SeatModel } from "../model/types.js";
import { livePlan, teamsToRead } from "./live.js";
import { isMultiOrg } from "./orgs.js";
import { orgsScopedPlan } from "./orgs-scoped.js";
import { plan, type PlanOptions } from "./plan.js";
import { findRenames, withRenames, type Rename } from "./renames.js";
import { declaredHolders, loginSet, loginsNeedingTeamCheck, pairTeams, partialIsExact, restrictModel, restrictPlan, seatCounts, touchedPairs, type LoginSet, type TeamLogin } from "./restrict.js";
import { followTouchedRenames, renamedLogins } from "./scoped-renames.js";
import type { Scope } from "./scope.js";
import type { Plan } from "./types.js";

/** How a plan was read, for the line `seats plan` prints and the `scope` field of `--json`. */
export interface PlanScope {
  /** `full`: every entry; `incremental`: the touched logins, read one by one; `paged`: the touched logins, read by paging. */
  mode: "full" | "incremental" | "paged";
  /** The touched logins (incremental and paged). */
  logins?: string[];
  /** Why a full or paged read was chosen. */
  reason?: string;
  /** Requests this run sent to GitHub for the plan. */
  requests: number;
  /** What paging every seat and member costs (page counts from the billing summary; members at least as many pages as seats). */
  paging_requests: number;
}

export interface ScopedResult {
  plan: Plan;
  scope: PlanScope;
  /** Renamed accounts the plan matched by their member files' ids (the files still say the old login). */
  renames: Rename[];
  /** The live state the plan was computed from (partial for an incremental plan: the touched logins). */
  snapshot: Snapshot;
  /** Every seat row read, where it is held, when `snapshot.seats` does not say (several orgs, enterprise billing). */
  rows?: SeatRow[];
}

/** Counts the requests a client sends from now on (retries included: they cost rate limit too). */
export function requestCounter(client: GitHubClient): { readonly count: number; stop(): void } {
  let count = 0;
  const before = () => {
    count++;
  };
  client.hook.before("request", before);
  return {
    get count() {
      return count;
    },
    stop: () => client.hook.remove("request", before),
  };
}

const pages = (n: number) => Math.max(1, Math.ceil(n / PER_PAGE));

/** Settings + seat pages + member pages (≥ seat pages: a seat needs org membership) + one page per team read. */
export function pagingCost(totalSeats: number, teams: number): number {
  return 1 + 2 * pages(totalSeats) + teams;
}

/** The full read, with the settings already fetched (and checked) by the caller. */
function pagedSnapshot(client: GitHubClient, model: SeatModel, settings: Snapshot["settings"], opts: ReadOptions): Promise<Snapshot> {
  return readSnapshot(client, { org: model.policy.org, teams: teamsToRead(model), preflight: false, ...opts }, settings);
}

/**
 * The plan of `scope`: a full plan for a `full` scope; otherwise the touched logins' plan, read
 * one login at a time when that costs fewer requests than paging (and the partial state is exact),
 * by paging when not.
 */
export async function scopedPlan(client: GitHubClient, model: SeatModel, scope: Scope, opts: PlanOptions & ReadOptions = {}): Promise<ScopedResult> {
  const counter = requestCounter(client);
  try {
    const force = opts.force ?? false;
    const changed = opts.changedFiles ? { changedFiles: opts.changedFiles } : {};
    const read: ReadOptions = opts.concurrency ? { concurrency: opts.concurrency } : {};
    // Enterprise billing reads the enterprise's grants, not the org's per-user seats: always in full.
    if (model.policy.copilot.billing === "enterprise") scope = { kind: "full", reason: "enterprise billing" };
    // Several orgs: the touched logins in every org, each org read as its own incremental plan.
    else if (isMultiOrg(model.policy) && scope.kind === "logins") return await orgsScopedPlan(client, model, scope, opts, scopedPlan);
    if (scope.kind === "full") {
      const { plan: p, snapshot, renames, rows } = await livePlan(client, model, { force, ...changed, ...read });
      return { plan: p, snapshot, renames, ...(rows ? { rows } : {}), scope: { mode: "full", reason: scope.reason, requests: counter.count, paging_requests: pagingCost(snapshot.seats.length, teamsToRead(model).length) } };
    }
    const org = model.policy.org;
    const settings = await getCopilotSettings(client, org);
    checkSeatManagement(org, settings);
    const touched = loginSet(scope.logins);
    // The teams a touched login's seat can come through (membership checks), and every team a full read lists.
    const copilotTeams = model.teams.filter((t) => t.copilot === "team").map((t) => t.slug);
    const askTeams = loginsNeedingTeamCheck(model, touched);
    const pairs = touchedPairs(scope.files, model);
    const paging = pagingCost(settings.seat_breakdown?.total ?? 0, teamsToRead(model).length);
    const perLogin = 1 + loginReadCost(scope.logins.length, askTeams.size * copilotTeams.length, pairs.length);
    const restrict = (p: Plan, snap: Snapshot, logins: LoginSet, teamPairs: readonly TeamLogin[]) =>
      restrictPlan(p, logins, {
        ...seatCounts(snap),
        declared: declaredHolders(model),
        max_removal_ratio: model.policy.seats.max_removal_ratio,
        min_seats_for_ratio: model.policy.seats.min_seats_for_ratio,
        force,
        pairs: teamPairs,
      });

    let reason: string | undefined;
    if (!settings.seat_breakdown) reason = "the Copilot billing summary has no seat counts";
    else if (perLogin > paging) reason = `reading ${scope.logins.length} logins one by one (up to ${perLogin} requests) costs more than paging (${paging})`;
    if (!reason) {
      const loginOpts = { org, settings, teams: copilotTeams, ...read };
      const read1 = await readLoginStates(client, { ...loginOpts, logins: scope.logins, askTeamsFor: askTeams, pairs });
      // A touched file whose login is nobody now but whose id is someone: that account, renamed.
      const t = await followTouchedRenames(client, model, scope.logins, pairs, read1, loginOpts);
      const partial = { ...t.read, pairs: t.pairs, snapshot: { ...t.read.snapshot, teams: pairTeams(t.pairs, t.read.pairMembers) } };
      reason = partialIsExact(t.model, t.touched, partial);
      if (!reason) {
        const p = restrict(plan(restrictModel(t.model, t.touched), partial.snapshot, model.policy, { force, ...changed }), partial.snapshot, t.touched, t.pairs);
        return { plan: p, snapshot: partial.snapshot, renames: t.renames, scope: { mode: "incremental", logins: t.logins, paging_requests: paging, requests: counter.count } };
      }
    }
    // Paging reads every member, so every renamed account is found as the full plan finds it.
    const snapshot = await pagedSnapshot(client, model, settings, read);
    const renames = await findRenames(client, model, snapshot);
    const logins = renamedLogins(scope.logins, renames);
    const renamedPairs = pairs.map((p) => ({ ...p, login: renamedLogins([p.login], renames)[0]! }));
    const p = restrict(plan(withRenames(model, renames), snapshot, model.policy, { force, ...changed }), snapshot, loginSet(logins), renamedPairs);
    return { plan: p, snapshot, renames, scope: { mode: "paged", logins, paging_requests: paging, reason, requests: counter.count } };
  } finally {
    counter.stop();
  }
}

/** One line for the terminal and the PR comment: what was planned and what it cost. */
export function describeScope(s: PlanScope, base?: string): string {
  const n = s.logins?.length ?? 0;
  const who = `${n} login${n === 1 ? "" : "s"} touched${base ? ` since ${base}` : ""}`;
  const cost = `${s.requests} request${s.requests === 1 ? "" : "s"}`;
  const names = (s.logins ?? []).slice(0, 10).join(", ") + (n > 10 ? ", …" : "");
  if (s.mode === "incremental") return `Incremental plan: ${who} (${names}); read in ${cost} (paging everything: ${s.paging_requests}).`;
  if (s.mode === "paged") return `Incremental plan: ${who}; read by paging (${cost}): ${s.reason}.`;
  return `Full plan${s.reason ? ` (${s.reason})` : ""}: read in ${cost}.`;
}
