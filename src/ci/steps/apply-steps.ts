// Steps of seats-apply: wait for the applies before this one (or, in seats-plan, for every apply
// in flight), and find the reviewed plan this run must apply.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { defaultOwners } from "../../codeowners/parse.js";
import { UsageError, UserError } from "../../errors.js";
import { listAll } from "../../github/read.js";
import { loadValidModel } from "../../validate/validate.js";
import { isAdmin } from "../admins.js";
import { clientFromEnv, optionalEnv, repoFromEnv, requireEnv, shaFromEnv } from "../actions-io.js";
import { parseChecksum } from "../checksum.js";
import { type CheckRunLike, PLAN_CHECK, reviewedFromChecks } from "../plan-check.js";
import { mergedPullFor, type PullLike } from "../pulls.js";
import { waitForRuns } from "../runs.js";
import type { Step } from "./context.js";

function intEnv(env: NodeJS.ProcessEnv, name: string, dflt: number): number {
  const v = optionalEnv(env, name);
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v)) throw new UsageError(`${name} must be a whole number (got "${v}")`);
  return Number(v);
}

export const waitRunsStep: Step = {
  name: "wait-runs",
  summary: "wait until the runs of --workflow have finished (with --older: only those started before this run)",
  usage:
    "flags: --workflow <file.yml> [--older]\n" +
    "env: GITHUB_REPOSITORY, GITHUB_TOKEN (actions: read), GITHUB_RUN_ID + GITHUB_RUN_NUMBER (with --older),\n" +
    "     SEATS_POLL_INTERVAL_MS (default 15000), SEATS_WAIT_TIMEOUT_MS (default 3 hours)",
  async run(ctx) {
    const workflow = ctx.flag("workflow");
    if (!workflow) throw new UsageError("--workflow <file.yml> is required");
    const { owner, repo } = repoFromEnv(ctx.env);
    const mine = ctx.bool("older")
      ? { id: intEnv(ctx.env, "GITHUB_RUN_ID", 0), runNumber: intEnv(ctx.env, "GITHUB_RUN_NUMBER", 0) }
      : undefined;
    if (mine && (!mine.id || !mine.runNumber)) throw new UsageError("--older needs GITHUB_RUN_ID and GITHUB_RUN_NUMBER (set by Actions)");
    const waited = await waitForRuns(clientFromEnv(ctx.env), {
      owner,
      repo,
      workflow,
      ...(mine ? { mine } : {}),
      intervalMs: intEnv(ctx.env, "SEATS_POLL_INTERVAL_MS", 15_000),
      timeoutMs: intEnv(ctx.env, "SEATS_WAIT_TIMEOUT_MS", 3 * 3_600_000),
      log: (line) => ctx.io.out(line),
    });
    ctx.io.out(waited.length ? `waited for ${waited.map((r) => `#${r.run_number}`).join(", ")}; going ahead` : `no ${workflow} run in the way; going ahead`);
    return 0;
  },
};

const RECOVER =
  "nothing was applied. To recover, look at the plan of the default branch as it is now (the dry run of a seats-apply run, or `npx seats plan`), " +
  "then run seats-apply from the Actions tab with that plan's checksum (docs/workflows.md, \"When an apply is refused\")";

/** CODEOWNERS `*` owners of the checkout (the default branch: this workflow never runs elsewhere). */
function admins(dir: string): string[] {
  for (const rel of [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"]) {
    const file = path.join(dir, rel);
    if (existsSync(file)) return defaultOwners(readFileSync(file, "utf8")) ?? [];
  }
  return [];
}

export const reviewedPlanStep: Step = {
  name: "reviewed-plan",
  summary: "the checksum seats-apply must enforce: the merged PR's seats/plan check run, or an (admin's) dispatch input",
  usage:
    "env: GITHUB_EVENT_NAME, GITHUB_REPOSITORY, COMMIT_SHA, DEFAULT_BRANCH, SEATS_BOT_APP_ID, GITHUB_TOKEN (checks and pull requests: read);\n" +
    "     dispatch: INPUT_CHECKSUM, INPUT_FORCE, GITHUB_ACTOR, GITHUB_TRIGGERING_ACTOR, SEATS_ORG_TOKEN (org members: read, for the admin check)\n" +
    "outputs: checksum, teams_checksum, force, pr",
  async run(ctx) {
    const env = ctx.env;
    const { owner, repo } = repoFromEnv(env);
    if (env.GITHUB_EVENT_NAME === "workflow_dispatch") {
      const raw = (env.INPUT_CHECKSUM ?? "").trim();
      const checksum = raw ? parseChecksum(raw, "the checksum input") : "";
      const force = env.INPUT_FORCE === "true";
      if (!checksum || force) {
        // Every refused apply prints the current checksum, so "a checksum" is no barrier; applying
        // whatever is computed now, or lifting the removal guard, is an admin's call.
        // A re-run keeps GITHUB_ACTOR (who dispatched) but is started by GITHUB_TRIGGERING_ACTOR:
        // both must be admins, or anyone could re-run an admin's dispatch.
        const actors = [...new Set([requireEnv(env, "GITHUB_ACTOR"), optionalEnv(env, "GITHUB_TRIGGERING_ACTOR")].filter((a): a is string => !!a))];
        const org = loadValidModel(ctx.dir).policy.org;
        const owners = admins(ctx.dir);
        const client = clientFromEnv(env, { org: true });
        for (const actor of actors) {
          if (!(await isAdmin(client, org, owners, actor))) {
            throw new UserError(
              `${actor} is not an admin (CODEOWNERS \`*\` owners: ${owners.join(", ") || "none"}): ${force ? "`force`" : "an empty checksum"} needs an admin; ` +
                "pass the checksum of a plan you reviewed, without force",
            );
          }
        }
        ctx.io.out(`${actors.join(" and ")} ${actors.length > 1 ? "are admins" : "is an admin"}: ${checksum ? "applying with force" : "applying the plan as computed now"}`);
      }
      ctx.output({ checksum, teams_checksum: "", force: String(force), pr: "" });
      return 0;
    }
    const sha = shaFromEnv(env, "COMMIT_SHA");
    const defaultBranch = requireEnv(env, "DEFAULT_BRANCH");
    const appIdRaw = requireEnv(env, "SEATS_BOT_APP_ID");
    if (!/^\d+$/.test(appIdRaw.trim())) throw new UsageError(`SEATS_BOT_APP_ID must be the PR-bot App's numeric id (got "${appIdRaw}")`);
    const appId = Number(appIdRaw);
    const client = clientFromEnv(env);
    const prs = await listAll<PullLike>(client, "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls", { owner, repo, commit_sha: sha });
    const pr = mergedPullFor(prs, sha, defaultBranch);
    if (!pr) throw new UserError(`commit ${sha.slice(0, 7)} was not merged through a pull request into ${defaultBranch}, so no plan was reviewed; ${RECOVER}`);
    const runs = await listAll<CheckRunLike>(
      client,
      "GET /repos/{owner}/{repo}/commits/{ref}/check-runs",
      { owner, repo, ref: pr.head.sha, check_name: PLAN_CHECK, app_id: appId, filter: "all" },
      (data) => ((data as { check_runs?: CheckRunLike[] }).check_runs ?? []),
    );
    const r = reviewedFromChecks(runs, { appId, headSha: pr.head.sha, pr: pr.number, recover: RECOVER });
    if (!r.ok) throw new UserError(r.error);
    ctx.io.out(`applying the plan reviewed on #${pr.number} (head ${pr.head.sha.slice(0, 7)}, checksum ${r.checksum})`);
    if (r.teams) ctx.io.out(`team changes reviewed with checksum ${r.teams} (checked before \`pulumi up\`)`);
    ctx.output({ checksum: r.checksum, teams_checksum: r.teams ?? "", force: "false", pr: String(pr.number) });
    return 0;
  },
};
