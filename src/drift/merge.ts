// `seats import --merge`: the drift's adoption files written into a checkout (never replacing a
// file), so a person can adopt hand-granted seats locally instead of through the drift PR.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { utcDay } from "../dates.js";
import { UsageError } from "../errors.js";
import type { Auth, GitHubClient } from "../github/client.js";
import { readSeatFileText } from "../model/yaml-source.js";
import { livePlan } from "../plan/live.js";
import { checkSeveralOrgsCredentials } from "../plan/orgs-live.js";
import { loadValidModel } from "../validate/validate.js";
import { detectDrift } from "./detect.js";

export async function mergeDrift(client: GitHubClient, auth: Auth, dir: string, seatTeam: string): Promise<{ written: string[]; skipped: string[] }> {
  const model = loadValidModel(dir);
  checkSeveralOrgsCredentials(auth, model.policy);
  const team = model.teams.find((t) => t.slug === seatTeam);
  if (team && team.copilot !== "users") throw new UsageError(`--seat-team ${seatTeam} is copilot: ${team.copilot}; adopted seats need a copilot: users team`);
  const { plan, renames } = await livePlan(client, model, { force: true });
  const drift = detectDrift(model, plan, { seatTeam, today: utcDay(new Date()), textOf: (f) => readSeatFileText(dir, f) }, renames);
  const written: string[] = [];
  const skipped: string[] = [];
  for (const [rel, content] of drift.adoption) {
    const abs = path.join(dir, rel);
    if (content === null) {
      // The old name of a renamed account's file (its new file is written next to it).
      rmSync(abs, { force: true });
      written.push(`${rel} (deleted)`);
      continue;
    }
    if (existsSync(abs)) {
      skipped.push(rel);
      continue;
    }
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    written.push(rel);
  }
  return { written, skipped };
}
