import { checkEnterpriseCredentials } from "../../plan/enterprise-live.js";
import { checkSeveralOrgsCredentials } from "../../plan/orgs-live.js";
import { loadValidModel } from "../../validate/validate.js";
import { boolOpt, type Command } from "../command.js";
import { GITHUB_HELP, githubClientFromContext, githubFailure, SEAT_READ_PERMISSIONS } from "../github-options.js";
import { emitPlan, planExtra, outputFlag, PLAN_OPTIONS } from "../plan-output.js";
import { computePlan, SCOPE_HELP } from "../plan-scope.js";

export const planCommand: Command = {
  name: "plan",
  summary: "show the Copilot seat diff between seats/ and GitHub (never changes anything)",
  help: `Usage: seats plan [--dir <path>] [--api-url <url>] [--json <file>] [--markdown <file>] [--force]
                  [--base <git-ref> [--base-repo <dir>] | --full]

Reads live GitHub state (Copilot settings, seats, org members, members of copilot: team teams)
and prints the seat diff with the reason and source file of each change. Never sends a
mutating request: the GitHub client refuses every non-GET.

Flags:
  --json <file>      write the plan as JSON, with its sha256 \`checksum\`
  --markdown <file>  write a PR-comment body (starts with <!-- seats-plan -->; under 65,536 characters)
  --force            show the plan as \`apply --force\` would see it (removal ratio guard off)
${SCOPE_HELP}

${GITHUB_HELP}

Exit codes: 0 plan computed (including "no changes"), 1 invalid repo, failed preflight or an
unsafe plan (removal guard), 2 usage error (bad flags, missing credentials).`,
  options: PLAN_OPTIONS,
  async run(ctx) {
    const files = { json: outputFlag(ctx, "json"), markdown: outputFlag(ctx, "markdown") };
    const { client, auth, etags } = githubClientFromContext(ctx, { allowWrites: false });
    const model = loadValidModel(ctx.dir);
    if (model.policy.copilot.billing === "enterprise") checkEnterpriseCredentials(auth);
    checkSeveralOrgsCredentials(auth, model.policy);
    const computed = await computePlan(ctx, client, model, boolOpt(ctx, "force"), etags).catch((err: unknown) => {
      throw githubFailure(err, SEAT_READ_PERMISSIONS);
    });
    const { plan } = computed;
    emitPlan(ctx, plan, files, planExtra(computed));
    return plan.safety.refusals.length ? 1 : 0;
  },
};
