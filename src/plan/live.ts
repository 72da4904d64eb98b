// The I/O half of `seats plan`: read what the model needs from GitHub, then call the pure
// planner. Kept apart from plan.ts so the planner never imports Octokit.
import type { GitHubClient } from "../github/client.js";
import { readSnapshot, type ReadOptions, type Snapshot } from "../github/read.js";
import type { SeatModel } from "../model/types.js";
import { plan, type PlanOptions } from "./plan.js";
import { findRenames, withRenames, type Rename } from "./renames.js";
import type { Plan } from "./types.js";

/** Teams whose GitHub membership the plan needs: the ones assigned Copilot as a whole. */
export function teamsToRead(model: Pick<SeatModel, "teams">): string[] {
  return model.teams.filter((t) => t.copilot === "team").map((t) => t.slug);
}

export async function livePlan(
  client: GitHubClient,
  model: SeatModel,
  opts: PlanOptions & ReadOptions = {},
): Promise<{ snapshot: Snapshot; plan: Plan; renames: Rename[] }> {
  const snapshot = await readSnapshot(client, { org: model.policy.org, teams: teamsToRead(model), ...(opts.concurrency ? { concurrency: opts.concurrency } : {}) });
  // A renamed account (matched by its member file's id) is planned under its current login.
  const renames = await findRenames(client, model, snapshot);
  return { snapshot, renames, plan: plan(withRenames(model, renames), snapshot, model.policy, { force: opts.force ?? false }) };
}
