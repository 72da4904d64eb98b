import { utcDay } from "../../dates.js";
import { UsageError, UserError } from "../../errors.js";
import { printable } from "../../printable.js";
import { type OrgState, readOrgState } from "../../import/org-state.js";
import { renderOrgsImport } from "../../import/orgs.js";
import { mapLimit } from "../../github/concurrency.js";
import { checkSeveralOrgsCredentials } from "../../plan/orgs-live.js";
import { readEnterpriseState, renderEnterpriseImport } from "../../import/enterprise.js";
import { type ImportResult, renderImport } from "../../import/render.js";
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
  help: `Usage: seats import [--dir <path>] [--org <login>]... [--seat-team <slug>] [--force] [--api-url <url>]

Reads the organization's teams (with parents, privacy, maintainers and direct members) and its
current Copilot seats, and writes seats/<team>/_team.yaml and seats/<team>/<login>.yaml so that
adoption starts from an empty plan. Writes policies/policy.yaml and the JSON Schemas the files
point at (policies/*.schema.json) only when they do not exist.

  a team assigned Copilot through selected_teams  → copilot: team
  a team whose every member holds a direct seat   → copilot: users
  any other team                                  → copilot: none
  direct seat holders in no such users team        → seats/<seat-team>/ (copilot: users)

Flags:
  --org <login>       the organization (default: org in policies/policy.yaml); repeat it for a
                      repo that manages several (\`orgs:\`; the first is \`org\`, every other org's
                      teams get \`org: <login>\`, its direct seat holders <seat-team>-<org>/)
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
    org: { type: "string", multiple: true },
    enterprise: { type: "string" },
    "seat-team": { type: "string" },
    force: { type: "boolean" },
    merge: { type: "boolean" },
  },
  async run(ctx) {
    if (boolOpt(ctx, "merge")) return mergeInto(ctx);
    // The target is checked before the organization is read, so a bad --dir costs no API calls.
    checkTargetDir(ctx.dir);
    const orgFlags = orgsOpt(ctx);
    if (orgFlags.length > 1) return importOrgs(ctx, orgFlags);
    const org = orgFlags[0] ?? existingOrg(ctx.dir);
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
    const orgFrom = orgFlags.length ? "--org" : "`org` in policies/policy.yaml";
    const state = await readOrgState(client, org, orgFrom).catch((err: unknown) => {
      throw githubFailure(err, SEAT_READ_PERMISSIONS);
    });
    const options = { seatTeam, today: utcDay(new Date()) };
    const result = enterprise ? renderEnterpriseImport(state, await readEnterpriseState(client, enterprise), options) : renderImport(state, options);
    return finishImport(ctx, `${org}${enterprise ? ` in enterprise ${enterprise}` : ""}`, result, enterprise ? [] : [state]);
  },
};

/** The --org values, in order (none when the flag is absent). */
function orgsOpt(ctx: CommandContext): string[] {
  const v = ctx.values.org;
  return (Array.isArray(v) ? v : typeof v === "string" ? [v] : []).filter((o): o is string => typeof o === "string");
}

/** Writes the import, says what it wrote, warns about each org's seat management, validates. */
function finishImport(ctx: CommandContext, what: string, result: ImportResult, states: readonly OrgState[]): number {
  const { written, keptPolicy, removed, schemas } = writeImport(ctx.dir, result.files, { force: boolOpt(ctx, "force") });
  ctx.io.out(
    `imported ${what}: ${result.counts.teams} team(s), ${result.counts.memberFiles} member file(s), ${result.counts.seats} seat(s); wrote ${written} file(s)` +
      (keptPolicy ? " (kept the existing policies/policy.yaml)" : ""),
  );
  if (schemas.length) ctx.io.out(`wrote the schemas the files refer to: ${schemas.join(", ")}`);
  for (const r of removed) ctx.io.out(`removed ${printable(r)} (not in the live organization's import)`);
  for (const n of result.notes) ctx.io.out(`note: ${n}`);
  for (const state of states) {
    if (state.seat_management_setting === "assign_selected") continue;
    ctx.io.err(
      `warning: ${state.org} has Copilot seat management set to "${state.seat_management_setting}"; seats plan and apply need "assign_selected" ` +
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
}

/** `--org a --org b`: one repo managing every org (src/import/orgs.ts), the first org as `org`. */
async function importOrgs(ctx: CommandContext, orgs: string[]): Promise<number> {
  for (const o of orgs) if (loginProblem(o, false, "org")) throw new UsageError(`--org ${JSON.stringify(o)} ${loginProblem(o, false, "org")}`);
  const twice = orgs.find((o, i) => orgs.findIndex((x) => x.toLowerCase() === o.toLowerCase()) !== i);
  if (twice) throw new UsageError(`--org ${twice} is given twice`);
  if (stringOpt(ctx, "enterprise") !== undefined) {
    throw new UsageError("--enterprise imports one org in enterprise billing; several orgs are imported in org billing (each org assigns its own seats): pass one --org with --enterprise");
  }
  const policyOrg = existingOrg(ctx.dir);
  if (policyOrg && policyOrg.toLowerCase() !== orgs[0]!.toLowerCase()) {
    throw new UserError(`policies/policy.yaml is for org ${policyOrg}, not ${orgs[0]}; give --org ${policyOrg} first, or fix the policy`);
  }
  const seatTeam = stringOpt(ctx, "seat-team") ?? "copilot-users";
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(seatTeam)) throw new UsageError(`--seat-team must be a team slug (lowercase, digits, dashes), got "${seatTeam}"`);
  const { client, auth } = githubClientFromContext(ctx);
  checkSeveralOrgsCredentials(auth, { orgs, copilot: { billing: "org" } }, "--org imports");
  const states = await mapLimit(orgs, 2, (o) => readOrgState(client, o, "--org")).catch((err: unknown) => {
    throw githubFailure(err, SEAT_READ_PERMISSIONS);
  });
  const result = renderOrgsImport(states, { seatTeam, today: utcDay(new Date()) });
  return finishImport(ctx, orgs.join(", "), result, states);
}

/** `--merge`: adopt the seats granted outside the repo, leaving every existing file as it is. */
async function mergeInto(ctx: CommandContext): Promise<number> {
  if (boolOpt(ctx, "force")) throw new UsageError("--merge keeps every existing file; it cannot be combined with --force");
  const seatTeam = stringOpt(ctx, "seat-team") ?? "copilot-users";
  const { client, auth } = githubClientFromContext(ctx);
  const { written, skipped } = await mergeDrift(client, auth, ctx.dir, seatTeam).catch((err: unknown) => {
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
