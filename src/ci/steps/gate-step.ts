// `seats ci gate`: the approval decision for the `seats/approval` check, computed by trusted code
// on the PR's data with live facts (reviews, commits, org and admin-team membership, the plan).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../../errors.js";
import { hasErrors } from "../../model/findings.js";
import { sameLogin } from "../../model/logins.js";
import { baseAdmins, reviewPullRequest } from "../../validate/pr-review.js";
import { isMultiOrg } from "../../plan/orgs.js";
import { changedFiles, checkBase } from "../../validate/git-changes.js";
import { validateRepo } from "../../validate/validate.js";
import { approvingTeams, isOrgMember } from "../admins.js";
import { clientFromEnv, shaFromEnv } from "../actions-io.js";
import { isPlanChecksum } from "../checksum.js";
import { decideGate, membershipOrgs } from "../gate.js";
import { approversOfPull, authorOfPull, botLoginFromEnv } from "./pr-steps.js";
import type { Step } from "./context.js";

/** The plan JSON, read only for what the gate needs (its checksum and blocked entries). */
interface PlanView {
  checksum?: unknown;
  blocked?: { target?: unknown; reason?: unknown }[];
  teams?: { checksum?: unknown; changes?: unknown[]; left_out?: { login?: unknown; reason?: unknown }[] };
}

export function readPlan(file: string | undefined): PlanView | undefined {
  if (!file || !existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as PlanView;
  } catch {
    return undefined;
  }
}

export function blockedReasons(plan: PlanView | undefined, login: string): string[] {
  const blocked = (plan?.blocked ?? []).filter((b) => typeof b.target === "string" && sameLogin(b.target, login)).map((b) => String(b.reason ?? "blocked"));
  // Left out of a team (not an org member): `pulumi up` would not add them, so nothing to approve.
  const leftOut = (plan?.teams?.left_out ?? []).filter((l) => typeof l.login === "string" && sameLogin(l.login, login)).map((l) => String(l.reason ?? "left out of the team"));
  return [...new Set([...blocked, ...leftOut])];
}

export const gateStep: Step = {
  name: "gate",
  summary: "decide the seats/approval check of a PR (trusted code, PR data in --dir)",
  usage:
    "flags: --plan <plan.json> --out <gate.json>\n" +
    "env: PR_NUMBER, HEAD_SHA, BASE_SHA, PR_AUTHOR, PR_AUTHOR_TYPE, HEAD_REF, HEAD_REPO, SEATS_BOT_APP_SLUG,\n" +
    "     GITHUB_REPOSITORY, GITHUB_TOKEN (pull requests: read), SEATS_ORG_TOKEN (org members: read; of every org of orgs:)\n" +
    "outputs: conclusion, auto_merge",
  async run(ctx) {
    const out = ctx.flag("out");
    if (!out) throw new UsageError("--out <file> is required (the decision, for seats ci publish)");
    const head = shaFromEnv(ctx.env, "HEAD_SHA");
    const base = shaFromEnv(ctx.env, "BASE_SHA");
    const repoClient = clientFromEnv(ctx.env);
    const orgClient = clientFromEnv(ctx.env, { org: true });
    const plan = readPlan(ctx.flag("plan") && path.resolve(ctx.flag("plan")!));
    const planOk = isPlanChecksum(plan?.checksum);

    const { model, findings } = validateRepo(ctx.dir);
    const { policy } = model;
    const org = policy.org;
    const who = await authorOfPull(repoClient, ctx.env, botLoginFromEnv(ctx.env));
    const approvers = await approversOfPull(repoClient, ctx.env, [ctx.env.PR_AUTHOR ?? "", who.author ?? ""], head);
    const admins = baseAdmins(ctx.dir, base);
    // Several orgs (`orgs:`): an owner team of any of them approves, and a self-add needs
    // membership of the org of each team it touches.
    const orgs = isMultiOrg(policy) ? policy.orgs : org ? [org] : [];
    const teamApprovals = new Set<string>();
    if (approvers.length) for (const o of orgs) for (const t of await approvingTeams(orgClient, o, admins, approvers)) teamApprovals.add(t);

    let refusal: string | undefined;
    if (who.author && org) {
      if (isMultiOrg(policy)) checkBase(ctx.dir, base);
      const needed = isMultiOrg(policy) ? membershipOrgs(model, changedFiles(ctx.dir, base).map((c) => c.file)) : [org];
      let outside: string | undefined;
      for (const o of needed) if (!outside && !(await isOrgMember(orgClient, o, who.author))) outside = o;
      if (outside) {
        refusal = `${who.author} is not a member of the organization ${outside} (open enrollment is for org members)`;
      } else {
        const blocked = blockedReasons(plan, who.author);
        if (blocked.length) refusal = `the plan blocks ${who.author}'s seat (${blocked.join("; ")})`;
      }
    }
    const { review } = reviewPullRequest(ctx.dir, {
      author: who.author ?? "",
      base,
      approvedBy: approvers,
      teamApprovals,
      openEnrollmentRefusal: refusal,
      hasErrors: hasErrors(findings),
    });
    const decision = decideGate({
      planOk,
      validationErrors: findings.filter((f) => f.severity === "error").length,
      review,
      author: who.author,
      authorWhy: who.why,
      openEnrollmentRefusal: refusal,
      approvers,
    });
    writeFileSync(path.resolve(out), `${JSON.stringify({ head, base, author: who.author ?? null, why: who.why, approvers, decision, review }, null, 2)}\n`);
    ctx.io.out(`${decision.name}: ${decision.conclusion}: ${decision.title}\n${decision.summary}`);
    ctx.output({ conclusion: decision.conclusion, auto_merge: String(decision.autoMerge) });
    return 0;
  },
};
