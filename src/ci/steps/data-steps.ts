// The PR as data: check that pr/ is GitHub's merge commit of exactly the checked head, and copy
// its seat data over the trusted checkout.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { UsageError, UserError } from "../../errors.js";
import { shaFromEnv } from "../actions-io.js";
import { overlayPrData } from "../overlay.js";
import { prScopeRefusal } from "../pr-scope.js";
import { POLICY_FILE } from "../../model/types.js";
import type { Step } from "./context.js";

function revParse(dir: string, rev: string): string | undefined {
  try {
    return execFileSync("git", ["-C", dir, "rev-parse", "--verify", "--quiet", `${rev}^{commit}`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

export const overlayStep: Step = {
  name: "overlay",
  summary: "check that --pr is the merge commit of HEAD_SHA and copy its seat data over --dir",
  usage: "flags: --pr <dir> (GitHub's merge commit, fetch-depth 2)\nenv: HEAD_SHA\noutputs: base (the merge commit's first parent)",
  async run(ctx) {
    const prFlag = ctx.flag("pr");
    if (!prFlag) throw new UsageError("--pr <dir> is required (the PR's merge commit checked out as data)");
    const prDir = path.resolve(ctx.dir, prFlag);
    const head = shaFromEnv(ctx.env, "HEAD_SHA");
    const merged = revParse(prDir, "HEAD^2");
    if (merged !== head) {
      throw new UserError(`the merge commit in ${prFlag} is for ${merged?.slice(0, 7) ?? "nothing"}, not the checked head ${head.slice(0, 7)} (the PR moved, or GitHub has not merged it yet); its newer run will plan it`);
    }
    const base = revParse(prDir, "HEAD^1")!;
    const policyText = () => (existsSync(path.join(ctx.dir, POLICY_FILE)) ? readFileSync(path.join(ctx.dir, POLICY_FILE), "utf8") : undefined);
    const basePolicy = policyText();
    const n = overlayPrData(prDir, ctx.dir);
    // The orgs and enterprise read stay the default branch's (read once the overlay has refused
    // links; a refusal fails this step, so no later step reads the overlaid data).
    const refused = prScopeRefusal(basePolicy, policyText());
    if (refused) throw new UserError(refused);
    ctx.io.out(`copied ${n} seat data files from ${prFlag} (head ${head.slice(0, 7)} merged into ${base.slice(0, 7)})`);
    ctx.output({ base });
    return 0;
  },
};
