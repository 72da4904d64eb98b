// `--base`, `--base-repo` and `--full` of `seats plan` / `seats apply`: which plan to compute
// (docs/plan-apply.md, "Incremental plans"). Shared so the dry run of apply is the plan exactly.
import path from "node:path";
import { UsageError } from "../errors.js";
import type { GitHubClient } from "../github/client.js";
import type { EtagCache } from "../github/etag-cache.js";
import type { SeatRow, Snapshot } from "../model/live-state.js";
import type { SeatModel } from "../model/types.js";
import { livePlan } from "../plan/live.js";
import { scopeOfChanges } from "../plan/scope.js";
import { describeScope, scopedPlan, type PlanScope } from "../plan/scoped.js";
import type { Rename } from "../plan/renames.js";
import type { Plan } from "../plan/types.js";
import { changedFiles, checkBase } from "../validate/git-changes.js";
import { boolOpt, type CommandContext, stringOpt } from "./command.js";

export const SCOPE_OPTIONS = {
  base: { type: "string" },
  "base-repo": { type: "string" },
  full: { type: "boolean" },
} as const;

export const SCOPE_HELP = `  --base <git-ref>     plan only what changed since this commit: the logins whose member files
                       were added, edited or deleted, read one by one when that costs fewer
                       requests than paging. A change to policies/policy.yaml, to a _team.yaml or
                       to a copilot: team team gives a full plan. The line before the plan says
                       which was chosen and what it cost.
  --base-repo <dir>    the git checkout in which --base is resolved and its changes listed
                       (default: --dir); the workflows pass the PR's merge commit checkout
  --full               every seat and member, whatever changed (the nightly drift run)`;

export interface ComputedPlan {
  plan: Plan;
  scope?: PlanScope;
  /** The live state read (partial for an incremental plan). */
  snapshot: Snapshot;
  /** Every seat row read, where it is held (several orgs, enterprise billing): the last check's. */
  rows?: SeatRow[];
  /** Renamed accounts matched by their member files' ids (shown with the plan, outside its checksum). */
  renames: Rename[];
}

/** The plan the flags ask for, with a line saying how it was read. */
export async function computePlan(ctx: CommandContext, client: GitHubClient, model: SeatModel, force: boolean, etags?: EtagCache): Promise<ComputedPlan> {
  // Validation is done and a plan locates nothing in the files: the parsed sources (every file's
  // YAML tree, most of the memory at 100,000 member files) can go before the full read starts.
  model.sources.clear();
  const res = await choosePlan(ctx, client, model, force);
  if (etags) {
    etags.save();
    ctx.io.out(`Conditional requests: ${etags.hits} of ${etags.conditional} answered 304 Not Modified (not counted against the rate limit).`);
  }
  return res;
}

async function choosePlan(ctx: CommandContext, client: GitHubClient, model: SeatModel, force: boolean): Promise<ComputedPlan> {
  const base = stringOpt(ctx, "base");
  const baseRepoFlag = stringOpt(ctx, "base-repo");
  if (boolOpt(ctx, "full") && base !== undefined) throw new UsageError("--full and --base exclude each other: --full plans everything, --base only what changed");
  if (baseRepoFlag !== undefined && base === undefined) throw new UsageError("--base-repo needs --base <git-ref>");
  if (base === undefined) return livePlan(client, model, { force });
  const repo = baseRepoFlag === undefined ? ctx.dir : path.resolve(baseRepoFlag);
  checkBase(repo, base);
  const changes = changedFiles(repo, base);
  const scope = scopeOfChanges(changes, model);
  // Blocked entries from files this change touches are the ones that fail an apply.
  const res = await scopedPlan(client, model, scope, { force, changedFiles: changes.map((c) => c.file) });
  ctx.io.out(describeScope(res.scope, base));
  return res;
}
