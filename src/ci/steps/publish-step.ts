// `seats ci publish`: with the PR-bot App's token, record what the plan job decided: the
// `seats/plan` check run (the reviewed plan), the `seats/approval` check run (the gate), the sticky
// comment for people, and, for a self-service change that passed, the merge at the checked head.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { listAll } from "../../github/read.js";
import { clientFromEnv, isCommitSha, optionalEnv, prNumberFromEnv, repoFromEnv, requireEnv, shaFromEnv } from "../actions-io.js";
import { isPlanChecksum } from "../checksum.js";
import { buildComment, type CommentLike, findStickyComment } from "../comment.js";
import type { GateDecision } from "../gate.js";
import { mergeMethod, mergeWhenReady } from "../merge.js";
import { APPROVAL_CHECK, type CheckRunBody, planCheckRun, truncate, CHECK_OUTPUT_LIMIT } from "../plan-check.js";
import { readPlan } from "./gate-step.js";
import { runUrl, type Step } from "./context.js";

function readText(file: string | undefined): string | undefined {
  return file && existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

function readDecision(file: string | undefined): GateDecision | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  try {
    const d = (JSON.parse(text) as { decision?: GateDecision }).decision;
    return d && typeof d.conclusion === "string" && typeof d.title === "string" ? d : undefined;
  } catch {
    return undefined;
  }
}

export function approvalCheckRun(head: string, d: GateDecision | undefined, detailsUrl: string | undefined): CheckRunBody {
  const decision = d ?? {
    conclusion: "failure" as const,
    title: "No decision",
    summary: "The approval could not be decided for this commit (see the seats-plan run's log). Push again, or re-run seats-plan.",
  };
  return {
    name: APPROVAL_CHECK,
    head_sha: head,
    status: "completed",
    conclusion: decision.conclusion,
    ...(detailsUrl ? { details_url: detailsUrl } : {}),
    output: { title: decision.title, summary: truncate(decision.summary, CHECK_OUTPUT_LIMIT, "see the seats-plan run's log") },
  };
}

export const publishStep: Step = {
  name: "publish",
  summary: "post the seats/plan and seats/approval checks and the sticky comment; merge a self-service PR",
  usage:
    "flags: --plan <plan.json> --markdown <plan.md> --preview <preview.txt> --gate <gate.json> (missing files mean that part failed)\n" +
    "env: PR_NUMBER, HEAD_SHA, BASE_SHA (may be empty), BOT_LOGIN, SEATS_MERGE_METHOD, GITHUB_REPOSITORY,\n" +
    "     GITHUB_TOKEN (the PR-bot App: checks, pull requests and contents write)\n" +
    "outputs: merged (true|false|auto)",
  async run(ctx) {
    const { owner, repo } = repoFromEnv(ctx.env);
    const number = prNumberFromEnv(ctx.env);
    const head = shaFromEnv(ctx.env, "HEAD_SHA");
    const baseRaw = optionalEnv(ctx.env, "BASE_SHA")?.toLowerCase();
    const base = baseRaw && isCommitSha(baseRaw) ? baseRaw : null;
    const bot = requireEnv(ctx.env, "BOT_LOGIN");
    const method = mergeMethod(ctx.env.SEATS_MERGE_METHOD);
    const file = (name: string) => (ctx.flag(name) ? path.resolve(ctx.flag(name)!) : undefined);
    const plan = readPlan(file("plan"));
    const checksum = base !== null && isPlanChecksum(plan?.checksum) ? plan.checksum : null;
    const markdown = checksum ? readText(file("markdown")) : undefined;
    const preview = readText(file("preview"));
    const decision = checksum ? readDecision(file("gate")) : undefined;
    const details = runUrl(ctx.env);
    const client = clientFromEnv(ctx.env, { allowWrites: true });

    // Without a plan nothing can be approved, whatever the gate step managed to decide.
    const approval: GateDecision | undefined = checksum
      ? decision
      : { name: APPROVAL_CHECK, conclusion: "failure", title: "No plan", summary: "There is no plan for this commit (see the `seats/plan` check): push again, or re-run seats-plan.", autoMerge: false };
    const teams = checksum && plan?.teams?.changes?.length && isPlanChecksum(plan.teams.checksum) ? plan.teams.checksum : null;
    const checks = [planCheckRun({ checksum, teams, head, base }, markdown, details), approvalCheckRun(head, approval, details)];
    for (const body of checks) {
      const { data } = await client.request("POST /repos/{owner}/{repo}/check-runs", { owner, repo, ...body });
      ctx.io.out(`${body.name}: ${body.conclusion} (${body.output.title}) → check run ${data.id}`);
    }

    const status = decision ? `**Approval (\`${APPROVAL_CHECK}\`):** ${decision.title}` : undefined;
    const body = buildComment({ markdown, preview, head, base: base ?? undefined, runUrl: details, status });
    const comments = await listAll<CommentLike>(client, "GET /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner, repo, issue_number: number });
    const existing = findStickyComment(comments, bot);
    if (existing) {
      await client.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", { owner, repo, comment_id: existing.id, body });
      ctx.io.out(`updated plan comment ${existing.id} on #${number}`);
    } else {
      const { data } = await client.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner, repo, issue_number: number, body });
      ctx.io.out(`created plan comment ${data.id} on #${number}`);
    }

    if (decision?.conclusion !== "success" || !decision.autoMerge) {
      ctx.output({ merged: "false" });
      return 0;
    }
    const outcome = await mergeWhenReady(client, { owner, repo, number, headSha: head, method });
    if (outcome.kind === "merged") ctx.io.out(`merged #${number} at ${head.slice(0, 7)} (${method}) → ${outcome.sha.slice(0, 7)}`);
    else if (outcome.kind === "auto-merge") ctx.io.out(`#${number} waits for its other required checks: auto-merge (${method}) enabled at ${head.slice(0, 7)}`);
    else ctx.io.out(`not merging: ${outcome.why}`);
    ctx.output({ merged: outcome.kind === "merged" ? "true" : outcome.kind === "auto-merge" ? "auto" : "false" });
    return 0;
  },
};
