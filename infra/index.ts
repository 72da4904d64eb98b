// Entry module of the Pulumi program (Pulumi.yaml: `main: infra/`). Top-level side effects only:
// find the seat repo, load the validated model (the same one `seats validate` checks; this
// program never parses YAML), build the provider, declare the teams, export the stack outputs.
// Everything with logic lives in the modules it imports.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as pulumi from "@pulumi/pulumi";
import { UserError } from "../src/errors.js";
import { loadValidModel } from "../src/validate/validate.js";
import { keptFromPlanFile, resolveLeftOut } from "./org-members.js";
import { defineSeatTeams } from "./program.js";
import { createGitHubProviders, readGitHubConfig, resolveProviderSettings, settingsPerOrg } from "./provider.js";
import { tuneForLargePrograms, withoutPromiseStackTraces } from "./runtime-tuning.js";
import { resolveSeatsDir } from "./seats-dir.js";

tuneForLargePrograms();

/** User errors end the run with their message only (pulumi.RunError), not a stack trace. */
function userFacing<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof UserError) throw new pulumi.RunError(err.message);
    throw err;
  }
}

// The project root is where Pulumi.yaml lives. The language host passes it; without one (test
// mocks) @pulumi/pulumi 3.248 returns the placeholder "rootDirectory", so only an absolute path
// is trusted, else the parent of this folder (which is where Pulumi.yaml sits).
const reported = pulumi.runtime.getRootDirectory();
const root = path.isAbsolute(reported) ? reported : path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const project = pulumi.getProject();

const seats = userFacing(() =>
  resolveSeatsDir({
    env: process.env.SEATS_DIR,
    seatsConfig: new pulumi.Config("seats").get("dir"),
    projectConfig: new pulumi.Config(project).get("dir"),
    root,
    project,
  }),
);
if (!existsSync(seats.dir) || !statSync(seats.dir).isDirectory()) {
  throw new pulumi.RunError(
    `the seat repo ${seats.dir} (from ${seats.source}) does not exist; ` +
      "point SEATS_DIR or `pulumi config set seats:dir <path>` at the folder holding seats/ and policies/",
  );
}

const model = userFacing(() => loadValidModel(seats.dir));
const { settings, warnings } = userFacing(() =>
  resolveProviderSettings(readGitHubConfig(new pulumi.Config("github")), process.env, model.policy.org),
);
for (const w of warnings) void pulumi.log.warn(w);
// One provider per managed org (`orgs:`); the first org's is the one a single-org stack always had.
const providers = createGitHubProviders(userFacing(() => settingsPerOrg(settings, model.policy.orgs, process.env)), model.policy.org);
const provider = providers.get(model.policy.org.toLowerCase())!;
const leftOut = await resolveLeftOut(model, process.env, settings).catch((err: unknown) => {
  if (err instanceof UserError) throw new pulumi.RunError(err.message);
  throw err;
});
// The last check before revocation travels in the verified plan (seats apply's dry run).
const kept = process.env.SEATS_PLAN ? userFacing(() => keptFromPlanFile(process.env.SEATS_PLAN!)) : new Map<string, string[]>();
const apiUrl = process.env.GITHUB_API_URL;
const program = userFacing(() => withoutPromiseStackTraces(() => defineSeatTeams(model, { provider, providers, leftOut, kept, ...(apiUrl ? { apiUrl } : {}) })));

/** The GitHub organization the teams live in. */
export const org = program.outputs.org;
/** Every declared team slug, sorted. */
export const teamSlugs = program.outputs.teamSlugs;
/** Declared team slug → GitHub team id. */
export const teamIds = program.outputs.teamIds;
/** Declared team slug → { id, slug, name, copilot, parent, members }. */
export const teams = program.outputs.teams;
/** Folder slugs of the enterprise teams (GitHub slug `ent:<slug>`). */
export const enterpriseTeamSlugs = program.outputs.enterpriseTeamSlugs;
