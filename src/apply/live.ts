// The GitHub side of an apply run: the live plan, the seat writer (the org's, or the enterprise's
// with `copilot.billing: enterprise`), and the one settings read apply makes after an org-wide 422. Kept apart from run.ts so the sequence is tested with
// a fake writer and a fixed plan.
import { UserError } from "../errors.js";
import type { GitHubClient } from "../github/client.js";
import { checkSeatManagement, getCopilotSettings } from "../github/read.js";
import { enterpriseSeatWriter } from "../github/enterprise-write.js";
import { octokitSeatWriter } from "../github/write.js";
import { enterpriseOf } from "../plan/enterprise-live.js";
import type { SeatModel } from "../model/types.js";
import { livePlan } from "../plan/live.js";
import type { ApplyDeps } from "./run.js";

export function liveApplyDeps(client: GitHubClient, model: SeatModel, opts: { force?: boolean } = {}): ApplyDeps {
  const org = model.policy.org;
  const enterprise = model.policy.copilot.billing === "enterprise";
  return {
    readPlan: async () => (await livePlan(client, model, { force: opts.force ?? false })).plan,
    writer: enterprise ? enterpriseSeatWriter(client, enterpriseOf(model)) : octokitSeatWriter(client, org),
    // `rejectedIn`: the org of the rejected batch, in a plan of several orgs.
    explainRejection: async (rejectedIn = org) => {
      // The enterprise has no settings endpoint to explain a 422 with: bisect as usual.
      if (enterprise) return undefined;
      try {
        checkSeatManagement(rejectedIn, await getCopilotSettings(client, rejectedIn));
        return undefined;
      } catch (err) {
        return err instanceof UserError ? err.message : undefined;
      }
    },
  };
}
