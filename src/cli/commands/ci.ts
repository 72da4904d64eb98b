// `seats ci <step>`: the pipeline's decisions (docs/workflows.md), run by the workflows as steps
// of the CLI, so they share its flags, typed errors and one exit path. Each step reads the
// environment its workflow step declares and writes step outputs to GITHUB_OUTPUT. A rejected
// step also prints an Actions `::error::` annotation, so the reason shows on the run's page.
import { UsageError, UserError } from "../../errors.js";
import { annotation } from "../../ci/actions-io.js";
import { stepContext } from "../../ci/steps/context.js";
import { STEPS } from "../../ci/steps/index.js";
import type { Command } from "../command.js";

const width = Math.max(...STEPS.map((s) => s.name.length));

export const ciCommand: Command = {
  name: "ci",
  summary: "the workflows' steps: plan records, approval gate, merges, apply order (docs/workflows.md)",
  help: `Usage: seats ci <step> [--dir <path>] [flags]

The steps of the seats workflows in .github/workflows/ (docs/workflows.md). They read what the
workflow step passes in its env: (never PR text in a shell line) and write step outputs to
GITHUB_OUTPUT; outside Actions they print name=value lines. --dir is the trusted checkout.

Steps:
${STEPS.map((s) => `  ${s.name.padEnd(width)}  ${s.summary}\n${s.usage.split("\n").map((l) => `  ${" ".repeat(width)}    ${l}`).join("\n")}`).join("\n")}

Exit codes: 0 done, 1 rejected (no reviewed plan, not an admin, a failed API call), 2 usage
(unknown step, missing environment variable or flag).`,
  options: {
    workflow: { type: "string" },
    older: { type: "boolean" },
    pr: { type: "string" },
    plan: { type: "string" },
    markdown: { type: "string" },
    preview: { type: "string" },
    gate: { type: "string" },
    out: { type: "string" },
    as: { type: "string" },
    write: { type: "boolean" },
  },
  allowPositionals: true,
  async run(ctx) {
    const [name, ...extra] = ctx.positionals;
    const step = STEPS.find((s) => s.name === name);
    if (!step) throw new UsageError(`${name ? `unknown step "${name}"` : "which step?"}; one of: ${STEPS.map((s) => s.name).join(", ")}`);
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
    try {
      return await step.run(stepContext(ctx.env, ctx.dir, ctx.io, ctx.values));
    } catch (err) {
      if ((err instanceof UserError || err instanceof UsageError) && ctx.env.GITHUB_ACTIONS === "true") {
        ctx.io.err(annotation("error", `seats ci ${step.name}: ${err.message}`));
      }
      throw err;
    }
  },
};
