// `seats ci credentials`: whether this job runs on the GitHub Apps or on the enterprise tokens of
// its environment (src/ci/credentials.ts). The workflow passes the secrets in this step's env
// (an `if:` cannot read secrets); the step says `app=true|false` and the App-token steps run only
// on `true`. What the repository needs is read from policies/policy.yaml and the _team.yaml files
// alone: an invalid repo needs nothing here, and `seats plan` reports it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { POLICY_FILE, SEATS_DIR, TEAM_FILE } from "../../model/types.js";
import { parsePolicyText } from "../../reclaim/objections.js";
import { chooseCredentials, READ_SECRET, WRITE_SECRET, type RepoNeeds } from "../credentials.js";
import type { Step } from "./context.js";

function enterpriseTeams(dir: string): string[] {
  const seats = path.join(dir, SEATS_DIR);
  if (!existsSync(seats)) return [];
  return readdirSync(seats, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(seats, d.name, TEAM_FILE)))
    .filter((d) => {
      try {
        return (parse(readFileSync(path.join(seats, d.name, TEAM_FILE), "utf8")) as { enterprise_team?: unknown } | null)?.enterprise_team === true;
      } catch {
        return false;
      }
    })
    .map((d) => d.name)
    .sort();
}

export function repoNeeds(dir: string): RepoNeeds {
  const file = path.join(dir, POLICY_FILE);
  const policy = existsSync(file) ? parsePolicyText(readFileSync(file, "utf8"), POLICY_FILE) : undefined;
  return { billing: policy?.copilot.billing ?? "org", orgs: policy?.orgs ?? [], enterpriseTeams: enterpriseTeams(dir) };
}

export const credentialsStep: Step = {
  name: "credentials",
  summary: "choose the job's credentials: its environment's enterprise tokens when set, else the GitHub Apps",
  usage:
    `flags: --write (seats-apply: the write token too)\n` +
    `env: ${READ_SECRET}, ${WRITE_SECRET} (with --write): the environment's secrets, never printed\n` +
    "outputs: app (true: mint the App tokens; false: the steps use the enterprise tokens)",
  async run(ctx) {
    const choice = chooseCredentials({ read: ctx.env[READ_SECRET], write: ctx.env[WRITE_SECRET], writes: ctx.bool("write"), needs: repoNeeds(ctx.dir) });
    ctx.io.out(choice.summary);
    ctx.output({ app: String(choice.app) });
    return 0;
  },
};
