// `seats notice`: after an apply, tell the people whose seats the merged PR cancelled (README,
// "Commands"; docs/lifecycle.md). Logic in src/notify; this module parses flags and builds the
// clients: seats are read with GITHUB_TOKEN (org Copilot read), the PR is read and commented on
// with SEATS_REPO_TOKEN when set (in Actions, the job's own token), else with GITHUB_TOKEN.
import { UsageError } from "../../errors.js";
import { untilText } from "../../notify/notice.js";
import { runNotice } from "../../notify/notice-run.js";
import { isMultiOrg } from "../../plan/orgs.js";
import { checkSeveralOrgsCredentials } from "../../plan/orgs-live.js";
import { enterpriseOf } from "../../plan/enterprise-live.js";
import { webhookFromEnv, WEBHOOK_ENV } from "../../notify/webhook.js";
import { loadValidModel } from "../../validate/validate.js";
import { boolOpt, type Command, stringOpt } from "../command.js";
import { GITHUB_HELP, GITHUB_OPTIONS, githubClientFromContext, githubFailure, repoClientFromContext } from "../github-options.js";
import { requireRepoOption } from "../repo-flag.js";

export const noticeCommand: Command = {
  name: "notice",
  summary: "tell the people whose seats a merged PR cancelled (a PR comment and the webhook)",
  help: `Usage: seats notice [--dir <path>] [--repo <owner/name>] [--pr <n> | --sha <commit>] [--confirm]

After \`seats apply\` on a merge: finds the member files the merged PR deleted, and the people among
them whose seat GitHub now shows as pending cancellation (with several orgs, orgs: in
policy.yaml, each org's seat and its date); comments once on the PR, @-mentioning
them (50 per comment), with the date access ends, why, and how to get a seat again
(SEATS_PORTAL_URL, \`seats request\`, the issue form); then posts a digest to ${WEBHOOK_ENV}.
People an earlier notice on the PR told are left out, so a re-run tells nobody twice and a
failed run loses nobody; with a webhook the comment is posted marked as waiting for it, so a
digest the webhook refused, or that of a run stopped before it answered, is sent by a re-run
(README, "Commands"; docs/lifecycle.md).

Flags:
  --repo <owner/name>   the seat repository (default: GITHUB_REPOSITORY)
  --pr <n>              the merged PR (default: the one merged as --sha)
  --sha <commit>        the merge commit (default: GITHUB_SHA)
  --confirm             comment and post; without it the people are printed

Environment: SEATS_REPO_TOKEN (reads and comments on the PR), ${WEBHOOK_ENV}, SEATS_PORTAL_URL.

${GITHUB_HELP}

Exit codes: 0 success (also when nobody is affected), 1 a failed API call or webhook, 2 usage error.`,
  options: {
    repo: { type: "string" },
    pr: { type: "string" },
    sha: { type: "string" },
    confirm: { type: "boolean" },
    ...GITHUB_OPTIONS,
  },
  async run(ctx) {
    const confirm = boolOpt(ctx, "confirm");
    const { owner, repo } = requireRepoOption(ctx, "seats notice needs the repository");
    const prFlag = stringOpt(ctx, "pr");
    if (prFlag !== undefined && !/^\d{1,9}$/.test(prFlag)) throw new UsageError(`--pr must be a pull request number (got "${prFlag}")`);
    const sha = stringOpt(ctx, "sha") ?? ctx.env.GITHUB_SHA?.trim();
    if (prFlag === undefined && !sha) throw new UsageError("seats notice needs the merged PR: pass --pr <n> or --sha <merge commit> (GITHUB_SHA in Actions)");
    const webhook = webhookFromEnv(ctx.env);
    const { client: seatClient, auth: seatAuth } = githubClientFromContext(ctx);
    const client = repoClientFromContext(ctx, { allowWrites: confirm }) ?? githubClientFromContext(ctx, { allowWrites: confirm }).client;
    const model = loadValidModel(ctx.dir);
    checkSeveralOrgsCredentials(seatAuth, model.policy);
    const portalUrl = ctx.env.SEATS_PORTAL_URL?.trim() || undefined;
    const report = await runNotice(client, {
      org: model.policy.org,
      ...(isMultiOrg(model.policy) ? { orgs: model.policy.orgs } : {}),
      ...(model.policy.copilot.billing === "enterprise" ? { enterprise: enterpriseOf(model) } : {}),
      owner,
      repo,
      ...(prFlag !== undefined ? { pr: Number(prFlag) } : {}),
      ...(sha ? { sha } : {}),
      confirm,
      seatClient,
      ...(portalUrl ? { portalUrl } : {}),
      ...(webhook && confirm ? { webhook } : {}),
      log: (l) => ctx.io.err(l),
    }).catch((err: unknown) => {
      throw githubFailure(err, "the credentials need Copilot seat read on the org and pull requests write on --repo");
    });
    const who = report.affected.map((a) => `${a.login} (until ${untilText(a)})`).join(", ");
    const w = report.webhook;
    const earlier = w?.resent ? ` (with ${w.resent} told earlier whose digest had not gone out)` : "";
    const hook = !w ? "" : w.sent ? `; digest sent to the webhook${earlier}${w.error ? `; ${w.error}` : ""}` : `; ${w.error}${w.kept ? "; a re-run sends the digest again" : ""}`;
    if (!report.pull) ctx.io.out("Notice: no merged PR found; nobody to notify.");
    else if (!report.affected.length) ctx.io.out(`Notice: nobody new to notify for #${report.pull.number} (${report.removed.length} member file owner(s) removed)${hook}.`);
    else if (!confirm) ctx.io.out(`Dry run: would notify ${report.affected.length} on #${report.pull.number}: ${who}`);
    else ctx.io.out(`Notified ${report.affected.length} on #${report.pull.number} in ${report.comments} comment(s): ${who}${hook}`);
    return report.webhook?.error ? 1 : 0;
  },
};
