import { utcDay } from "../../dates.js";
import { UsageError, UserError } from "../../errors.js";
import { printable } from "../../printable.js";
import { readOrgState } from "../../import/org-state.js";
import { readEnterpriseState, renderEnterpriseImport } from "../../import/enterprise.js";
import { renderImport } from "../../import/render.js";
import { checkEnterpriseCredentials } from "../../plan/enterprise-live.js";
import { existingOrg, writeImport } from "../../import/write.js";
import { hasErrors } from "../../model/findings.js";
import { formatText } from "../../validate/format.js";
import { validateRepo } from "../../validate/validate.js";
import { boolOpt, type Command, type CommandContext, stringOpt } from "../command.js";
import { mergeDrift } from "../../drift/merge.js";
import { GITHUB_HELP, GITHUB_OPTIONS, githubClientFromContext, githubFailure, SEAT_READ_PERMISSIONS } from "../github-options.js";
import { statSync } from "node:fs";
import { loginProblem } from "../../model/logins.js";

export const importCommand: Command = {
  name: "import",
  dirIsRepo: false,
  summary: "write seats/ from the live organization (teams, members, current seats)",
  help: `Usage: seats import [--dir <path>] [--org <login>] [--seat-team <slug>] [--force] [--api-url <url>]

Reads the organization's teams (with parents, privacy, maintainers and direct members) and its
current Copilot seats, and writes seats/<team>/_team.yaml and seats/<team>/<login>.yaml so that
adoption starts from an empty plan. Writes policies/policy.yaml and the JSON Schemas the files
point at (policies/*.schema.json) only when they do not exist.

  a team assigned Copilot through selected_teams  → copilot: team
  a team whose every member holds a direct seat   → copilot: users
  any other team                                  → copilot: none
  direct seat holders in no such users team        → seats/<seat-team>/ (copilot: users)

Flags:
  --org <login>       the organization (default: org in policies/policy.yaml)
  --enterprise <slug> enterprise billing: seats from the enterprise's assignments, its enterprise
                      teams as folders with \`enterprise_team: true\` (docs/enterprise.md)
  --seat-team <slug>  team for direct seat holders not covered elsewhere (default copilot-users)
  --force             replace an existing seats/ (its README.md is kept; every other file that
                      is not part of the import is listed as removed)
  --merge             into an existing repo: write member files (under --seat-team) for the seats
                      GitHub has and the repo does not declare, and nothing else (adopts drift)

${GITHUB_HELP}

Only reads from GitHub. Exit codes: 0 written, 1 refused or invalid result, 2 usage error.`,
  options: {
    ...GITHUB_OPTIONS,
    org: { type: "string" },
    enterprise: { type: "string" },
    "seat-team": { type: "string" },
    force: { type: "boolean" },
    merge: { type: "boolean" },
  },
  async run(ctx) {
    if (boolOpt(ctx, "merge")) return mergeInto(ctx);
    // The target is checked before the organization is read, so a bad --dir costs no API calls.
    checkTargetDir(ctx.dir);
    const org = stringOpt(ctx, "org") ?? existingOrg(ctx.dir);
    if (org && loginProblem(org, false, "org")) throw new UsageError(`--org ${JSON.stringify(org)} ${loginProblem(org, false, "org")}`);
    if (!org) throw new UsageError("which organization? pass --org <login> (or create policies/policy.yaml with `org:`)");
    const policyOrg = existingOrg(ctx.dir);
    if (policyOrg && policyOrg.toLowerCase() !== org.toLowerCase()) {
      throw new UserError(`policies/policy.yaml is for org ${policyOrg}, not ${org}; fix --org or the policy`);
    }
    const seatTeam = stringOpt(ctx, "seat-team") ?? "copilot-users";
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(seatTeam)) throw new UsageError(`--seat-team must be a team slug (lowercase, digits, dashes), got "${seatTeam}"`);
    const enterprise = stringOpt(ctx, "enterprise");
    if (enterprise !== undefined && !/^[a-z0-9][a-z0-9-]*$/i.test(enterprise)) throw new UsageError(`--enterprise must be the enterprise's slug (github.com/enterprises/<slug>), got "${enterprise}"`);
    const { client, auth } = githubClientFromContext(ctx);
    if (enterprise) checkEnterpriseCredentials(auth);
    const orgFrom = stringOpt(ctx, "org") !== undefined ? "--org" : "`org` in policies/policy.yaml";
    const state = await readOrgState(client, org, orgFrom).catch((err: unknown) => {
      throw githubFailure(err, SEAT_READ_PERMISSIONS);
    });
    const options = { seatTeam, today: utcDay(new Date()) };
    const result = enterprise ? renderEnterpriseImport(state, await readEnterpriseState(client, enterprise), options) : renderImport(state, options);
    const { written, keptPolicy, removed, schemas } = writeImport(ctx.dir, result.files, { force: boolOpt(ctx, "force") });
    ctx.io.out(
      `imported ${org}${enterprise ? ` in enterprise ${enterprise}` : ""}: ${result.counts.teams} team(s), ${result.counts.memberFiles} member file(s), ${result.counts.seats} seat(s); wrote ${written} file(s)` +
        (keptPolicy ? " (kept the existing policies/policy.yaml)" : ""),
    );
    if (schemas.length) ctx.io.out(`wrote the schemas the files refer to: ${schemas.join(", ")}`);
    for (const r of removed) ctx.io.out(`removed ${printable(r)} (not in the live organization's import)`);
    for (const n of result.notes) ctx.io.out(`note: ${n}`);
    if (!enterprise && state.seat_management_setting !== "assign_selected") {
      ctx.io.err(
        `warning: ${org} has Copilot seat management set to "${state.seat_management_setting}"; seats plan and apply need "assign_selected" ` +
          `("Enable for specific members / teams"), so the first plan will refuse. An owner changes it at ${state.settings_url ?? "the org's Copilot settings"}`,
      );
    }
    const { findings } = validateRepo(ctx.dir);
    if (hasErrors(findings)) {
      ctx.io.err(findings.map(formatText).join("\n"));
      throw new UserError("the imported repo does not validate; fix the files above (see notes) before committing");
    }
    ctx.io.out("next: review the files, run `seats plan` (it should show no changes), and commit");
    return 0;
  },
};

/** `--merge`: adopt the seats granted outside the repo, leaving every existing file as it is. */
async function mergeInto(ctx: CommandContext): Promise<number> {
  if (boolOpt(ctx, "force")) throw new UsageError("--merge keeps every existing file; it cannot be combined with --force");
  const seatTeam = stringOpt(ctx, "seat-team") ?? "copilot-users";
  const { client } = githubClientFromContext(ctx);
  const { written, skipped } = await mergeDrift(client, ctx.dir, seatTeam).catch((err: unknown) => {
    throw githubFailure(err, SEAT_READ_PERMISSIONS);
  });
  for (const f of written) ctx.io.out(`wrote ${printable(f)}`);
  for (const f of skipped) ctx.io.out(`kept ${printable(f)} (exists)`);
  ctx.io.out(written.length ? `adopted ${written.length} file(s); review them, run \`seats plan\`, and commit` : "nothing to adopt: every seat on GitHub is declared");
  return 0;
}

/** --dir must be a folder, or not exist yet (it is made, with its parents). */
function checkTargetDir(dir: string): void {
  let st;
  try {
    st = statSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  if (!st.isDirectory()) throw new UsageError(`--dir ${dir} is not a folder; pass the folder to import into (it is created when missing)`);
}
