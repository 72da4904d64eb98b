// Steps of the issue-form request and the doctor dispatch.
import { existsSync, readFileSync } from "node:fs";
import { UsageError, UserError } from "../../errors.js";
import { loadValidModel } from "../../validate/validate.js";
import { clientFromEnv, readEvent, repoFromEnv, requireEnv, prNumberFromEnv } from "../actions-io.js";
import { tokenKind } from "../../github/token-kind.js";
import { READ_SECRET } from "../credentials.js";
import { formatProbe, probesFor, ROLES, type Role, runProbes, SCOPES_PROBE, writeScopes } from "../doctor.js";
import { type IssueLike, requestFromIssue } from "../issue-form.js";
import { requestReply } from "../request-reply.js";
import type { Step } from "./context.js";

export const issueFormStep: Step = {
  name: "issue-form",
  summary: "read a Copilot seat issue form: team, reason, and the issue author's login",
  usage: "env: GITHUB_EVENT_PATH (issues)\noutputs: team, reason, login; or error",
  async run(ctx) {
    const event = readEvent<{ issue?: IssueLike }>(ctx.env);
    const r = requestFromIssue(event.issue ?? {});
    if ("error" in r) {
      ctx.output({ error: r.error });
      throw new UserError(r.error);
    }
    ctx.output({ team: r.team, reason: r.reason, login: r.login });
    return 0;
  },
};

export const requestReplyStep: Step = {
  name: "request-reply",
  summary: "answer a seat-request issue with the PR link or the error",
  usage: "env: ISSUE_NUMBER, OUTCOME (success|failure), OUTPUT_FILE, FORM_ERROR, GITHUB_REPOSITORY, GITHUB_TOKEN (issues: write)",
  async run(ctx) {
    const { owner, repo } = repoFromEnv(ctx.env);
    const issue_number = prNumberFromEnv(ctx.env, "ISSUE_NUMBER");
    const file = ctx.env.OUTPUT_FILE;
    const output = file && existsSync(file) ? readFileSync(file, "utf8") : "";
    const body = requestReply({ ok: ctx.env.OUTCOME === "success", output, ...(ctx.env.FORM_ERROR ? { formError: ctx.env.FORM_ERROR } : {}) });
    await clientFromEnv(ctx.env, { allowWrites: true }).request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner, repo, issue_number, body });
    return 0;
  },
};

export const doctorStep: Step = {
  name: "doctor",
  summary: "probe the endpoints one App's token must reach (ro, bot or rw) and say which permission is missing",
  usage: "flags: --as ro|bot|rw\nenv: GITHUB_REPOSITORY, GITHUB_TOKEN (the App's token, or the environment's enterprise token), DEFAULT_BRANCH",
  async run(ctx) {
    const role = ctx.flag("as") as Role | undefined;
    if (!role || !ROLES.includes(role)) throw new UsageError(`--as must be one of ${ROLES.join(", ")}`);
    const { owner, repo } = repoFromEnv(ctx.env);
    const { policy } = loadValidModel(ctx.dir);
    // Every org of `orgs:` (each named when there are several) and the enterprise's seat list.
    const scope = { orgs: policy.orgs, enterprise: policy.enterprise };
    const probes = probesFor(role, policy.org, owner, repo, requireEnv(ctx.env, "DEFAULT_BRANCH"), scope);
    // A read token that is an owner's classic token: its scopes must only read.
    const classic = ["classic", "oauth"].includes(tokenKind(ctx.env.GITHUB_TOKEN?.trim() ?? ""));
    if (role === "ro" && classic) probes.push(SCOPES_PROBE);
    const results = await runProbes(clientFromEnv(ctx.env), probes);
    for (const r of results) ctx.io.out(formatProbe(r));
    const failed = results.filter((r) => r.status === undefined || r.status >= 300).length;
    if (failed) throw new UserError(`${failed} of ${results.length} probes failed for the ${role} App; fix its permissions (docs/workflows.md, "Three GitHub Apps"; the enterprise tokens' scopes: docs/enterprise.md)`);
    const writes = role === "ro" ? [...new Set(results.flatMap((r) => writeScopes(r.scopes)))] : [];
    if (writes.length) {
      throw new UserError(
        `the read token carries ${writes.join(", ")}, which can change seats, teams or the org; replace it with a classic token of read:org (and read:enterprise) only, in every environment that holds ${READ_SECRET} (docs/enterprise.md, "Credentials per job")`,
      );
    }
    ctx.io.out(`all ${results.length} probes passed for the ${role} App`);
    return 0;
  },
};
