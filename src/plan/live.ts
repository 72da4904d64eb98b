// The I/O half of `seats plan`: read what the model needs from GitHub, then call the pure
// planner. Kept apart from plan.ts so the planner never imports Octokit.
import type { GitHubClient } from "../github/client.js";
import { readSnapshot, type ReadOptions, type Snapshot } from "../github/read.js";
import type { SeatRow } from "../model/live-state.js";
import type { SeatModel } from "../model/types.js";
import { liveEnterprisePlan } from "./enterprise-live.js";
import { isMultiOrg } from "./orgs.js";
import { liveOrgsPlan } from "./orgs-live.js";
import { plan, type PlanOptions } from "./plan.js";
import { teamSlugsToRead } from "./project.js";
import { findRenames, withRenames, type Rename } from "./renames.js";
import type { Plan } from "./types.js";

/**
 * Teams whose GitHub membership the plan needs: every declared team under its slug and its old
 * slugs, so the plan can show what `pulumi up` changes and project the state after it.
 */
export function teamsToRead(model: Pick<SeatModel, "teams">): string[] {
  return teamSlugsToRead(model);
}

export async function livePlan(
  client: GitHubClient,
  model: SeatModel,
  opts: PlanOptions & ReadOptions = {},
): Promise<{ snapshot: Snapshot; plan: Plan; renames: Rename[]; rows?: SeatRow[] }> {
  // Enterprise billing reads and plans the enterprise's assignments (docs/enterprise.md).
  if (model.policy.copilot.billing === "enterprise") return { ...(await liveEnterprisePlan(client, model, opts)), renames: [] };
  // Several orgs: each read and planned through its own endpoints, then combined (src/plan/orgs.ts).
  if (isMultiOrg(model.policy)) {
    const { reads, ...planned } = await liveOrgsPlan(client, model, opts);
    // Each org's seats, tagged with their org, for the last check (a person has a row per org).
    return { ...planned, rows: reads.flatMap((r) => r.snapshot.seats.map((s) => ({ ...s, org: r.org }))) };
  }
  const snapshot = await readSnapshot(client, { org: model.policy.org, teams: teamsToRead(model), ...(opts.concurrency ? { concurrency: opts.concurrency } : {}) });
  // A renamed account (matched by its member file's id) is planned under its current login.
  const renames = await findRenames(client, model, snapshot);
  return { snapshot, renames, plan: plan(withRenames(model, renames), snapshot, model.policy, { force: opts.force ?? false, ...(opts.changedFiles ? { changedFiles: opts.changedFiles } : {}) }) };
}
