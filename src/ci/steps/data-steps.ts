// The PR as data: check that pr/ is GitHub's merge commit of exactly the checked head, and copy
// its seat data over the trusted checkout.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { UsageError, UserError } from "../../errors.js";
import { shaFromEnv } from "../actions-io.js";
import { overlayPrData } from "../overlay.js";
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
    const n = overlayPrData(prDir, ctx.dir);
    ctx.io.out(`copied ${n} seat data files from ${prFlag} (head ${head.slice(0, 7)} merged into ${base.slice(0, 7)})`);
    ctx.output({ base });
    return 0;
  },
};
