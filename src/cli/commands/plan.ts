import { writeFileSync } from "node:fs";
import path from "node:path";
import { UsageError, UserError } from "../../errors.js";
import type { PlanScope } from "../../plan/scoped.js";
import { checkEnterpriseCredentials } from "../../plan/enterprise-live.js";
import { renderJson } from "../../plan/render/json.js";
import { renderMarkdown } from "../../plan/render/markdown.js";
import { renderText } from "../../plan/render/text.js";
import type { Plan } from "../../plan/types.js";
import { loadValidModel } from "../../validate/validate.js";
import { boolOpt, type Command, type CommandContext, stringOpt } from "../command.js";
import { computePlan, SCOPE_HELP, SCOPE_OPTIONS } from "../plan-scope.js";
import { GITHUB_HELP, GITHUB_OPTIONS, githubClientFromContext, githubFailure, SEAT_READ_PERMISSIONS } from "../github-options.js";

export const PLAN_OPTIONS = {
  ...GITHUB_OPTIONS,
  json: { type: "string" },
  markdown: { type: "string" },
  force: { type: "boolean" },
  ...SCOPE_OPTIONS,
} as const;

/** Writes a report file, creating nothing but the file; relative paths are from the working directory. */
export function writeReport(file: string, text: string): void {
  const abs = path.resolve(file);
  try {
    writeFileSync(abs, text);
  } catch (err) {
    throw new UserError(`cannot write ${file}: ${(err as Error).message}`);
  }
}

export function outputFlag(ctx: CommandContext, name: string): string | undefined {
  const v = stringOpt(ctx, name);
  if (v === "") throw new UsageError(`--${name} needs a file path`);
  return v;
}

/** Prints the plan and writes --json / --markdown; shared by plan and apply (so the dry run is identical). */
export function emitPlan(ctx: CommandContext, plan: Plan, scope?: PlanScope): void {
  ctx.io.out(renderText(plan));
  const json = outputFlag(ctx, "json");
  const md = outputFlag(ctx, "markdown");
  // `scope` says how the plan was read; it is outside the checksum (the plan is the same either way).
  if (json) writeReport(json, scope ? `${JSON.stringify({ ...plan, scope }, null, 2)}\n` : renderJson(plan));
  if (md) writeReport(md, renderMarkdown(plan));
}

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
    outputFlag(ctx, "json");
    outputFlag(ctx, "markdown");
    const { client, auth, etags } = githubClientFromContext(ctx, { allowWrites: false });
    const model = loadValidModel(ctx.dir);
    if (model.policy.copilot.billing === "enterprise") checkEnterpriseCredentials(auth);
    const { plan, scope } = await computePlan(ctx, client, model, boolOpt(ctx, "force"), etags).catch((err: unknown) => {
      throw githubFailure(err, SEAT_READ_PERMISSIONS);
    });
    emitPlan(ctx, plan, scope);
    return plan.safety.refusals.length ? 1 : 0;
  },
};
