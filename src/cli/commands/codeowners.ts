import { readCodeowners, writeCodeowners } from "../../codeowners/file.js";
import { ownerProblem, splitOwners } from "../../codeowners/owners.js";
import { CODEOWNERS_FILE } from "../../codeowners/render.js";
import { codeownersStatus } from "../../codeowners/status.js";
import { UsageError } from "../../errors.js";
import { hasErrors } from "../../model/findings.js";
import { codeownersCurrent } from "../../validate/rules/codeowners.js";
import { validateRepo, ValidationError } from "../../validate/validate.js";
import { boolOpt, type Command } from "../command.js";
import { plural } from "../../text.js";

export const codeownersCommand: Command = {
  name: "codeowners",
  summary: "generate .github/CODEOWNERS from every team's maintainers (--check: fail when stale)",
  help: `Usage: seats codeowners [--dir <path>] [--check] [--admins @org/team ...]

Writes ${CODEOWNERS_FILE} so that each team's maintainers (seats/<team>/_team.yaml) are
asked to approve changes to seats/<team>/, and the admins own everything else: policies/,
.github/, infra/ and every _team.yaml. The file is generated; do not edit it by hand.

The admins are the owners of the file's \`*\` line: the first run needs --admins, later runs
keep them. Pass --admins again to change them. Every owner needs write access to the
repository (GitHub ignores owners without it), so use org teams and members.

Flags:
  --check             write nothing; exit 1 when ${CODEOWNERS_FILE} is missing or out of date
  --admins <owners>   @org/team, @login or e-mail; repeat the flag or separate with commas

Examples:
  npx seats codeowners --admins @acme-corp/copilot-admins
  npx seats codeowners            # after editing a team's maintainers
  npx seats codeowners --check    # in CI

Exit codes: 0 written or up to date, 1 out of date (--check) or invalid seat files, 2 usage error.`,
  options: {
    check: { type: "boolean" },
    admins: { type: "string", multiple: true },
  },
  async run(ctx) {
    const raw = ctx.values.admins;
    const admins = splitOwners(Array.isArray(raw) ? raw.filter((v): v is string => typeof v === "string") : []);
    for (const a of admins) {
      const problem = ownerProblem(a);
      if (problem) throw new UsageError(`--admins: ${problem}`);
    }
    // Generating from a half-loaded model would silently drop a team; the file's own staleness
    // is what this command fixes, so that one finding does not block it.
    const { model, findings } = validateRepo(ctx.dir);
    const blocking = findings.filter((f) => f.rule !== codeownersCurrent.id);
    if (hasErrors(blocking)) throw new ValidationError(blocking);

    const committed = readCodeowners(ctx.dir);
    const status = codeownersStatus(model, committed, admins);
    if (status.kind === "missing" || status.kind === "no-admins") {
      const org = model.policy.org || "<org>";
      if (boolOpt(ctx, "check")) {
        // --check judges the committed file, so a missing or admin-less one is a rejection (1).
        ctx.io.err(
          `${CODEOWNERS_FILE} is ${status.kind === "missing" ? "missing" : "not generated (no `*` line names the admins)"}; ` +
            `run \`npx seats codeowners --admins @${org}/<admin-team>\` and commit it`,
        );
        return 1;
      }
      throw new UsageError(
        `${status.kind === "missing" ? `${CODEOWNERS_FILE} does not exist yet` : `${CODEOWNERS_FILE} has no \`*\` line naming the admins`}: ` +
          `pass --admins @${org}/<admin-team> (the owners of everything outside seats/<team>/)`,
      );
    }
    const teams = plural(model.teams.length, "team");
    if (status.kind === "current") {
      ctx.io.out(`${CODEOWNERS_FILE} is up to date (${teams}, admins ${status.admins.join(" ")})`);
      return 0;
    }
    if (boolOpt(ctx, "check")) {
      const d = status.diff;
      ctx.io.err(
        committed === undefined
          ? `${CODEOWNERS_FILE} is missing; run \`npx seats codeowners\` and commit it`
          : `${CODEOWNERS_FILE} is out of date at line ${d.line}:\n` +
              `  expected: ${d.expected ?? "(end of file)"}\n` +
              `  found:    ${d.actual ?? "(end of file)"}\n` +
              "run `npx seats codeowners` and commit the result",
      );
      return 1;
    }
    writeCodeowners(ctx.dir, status.expected);
    ctx.io.out(`wrote ${CODEOWNERS_FILE} (${teams}, admins ${status.admins.join(" ")})`);
    return 0;
  },
};
