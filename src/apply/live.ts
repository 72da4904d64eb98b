// The GitHub side of an apply run: the live plan, the Octokit seat writer, and the one settings
// read apply makes after an org-wide 422. Kept apart from run.ts so the sequence is tested with
// a fake writer and a fixed plan.
import { UserError } from "../errors.js";
import type { GitHubClient } from "../github/client.js";
import { checkSeatManagement, getCopilotSettings } from "../github/read.js";
import { octokitSeatWriter } from "../github/write.js";
import type { SeatModel } from "../model/types.js";
import { livePlan } from "../plan/live.js";
import type { ApplyDeps } from "./run.js";

export function liveApplyDeps(client: GitHubClient, model: SeatModel, opts: { force?: boolean } = {}): ApplyDeps {
  const org = model.policy.org;
  return {
    readPlan: async () => (await livePlan(client, model, { force: opts.force ?? false })).plan,
    writer: octokitSeatWriter(client, org),
    explainRejection: async () => {
      try {
        checkSeatManagement(org, await getCopilotSettings(client, org));
        return undefined;
      } catch (err) {
        return err instanceof UserError ? err.message : undefined;
      }
    },
  };
}
