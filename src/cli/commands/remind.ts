// `seats remind`: the nightly job that opens, updates and closes one reminder issue per person
// whose seat is idle for more than inactivity.remind_days (or whose member file expires soon) and
// is not reclaimable yet (README, "Commands"; docs/lifecycle.md). Logic in src/remind; this
// module parses flags, builds the client (read-only unless --confirm) and prints.
import { UsageError } from "../../errors.js";
import { webhookFromEnv, WEBHOOK_ENV } from "../../notify/webhook.js";
import { REMINDER_LABEL } from "../../remind/render.js";
import { type RemindReport, runRemind } from "../../remind/run.js";
import { DEFAULT_EXPIRY_NOTICE_DAYS } from "../../remind/schedule.js";
import { checkSeveralOrgsCredentials } from "../../plan/orgs-live.js";
import { loadValidModel } from "../../validate/validate.js";
import { boolOpt, type Command, stringOpt } from "../command.js";
import { readPersonSeats } from "../../reclaim/read-state.js";
import { GITHUB_HELP, GITHUB_OPTIONS, githubClientFromContext, githubFailure, repoClientFromContext, SEAT_READ_PERMISSIONS } from "../github-options.js";
import { parseNow } from "./reclaim.js";
import { requireRepoOption } from "../repo-flag.js";

const PERMISSIONS = "the credentials need Copilot seat read access on the org (on every org of orgs:) and issues write on --repo (and the repository must exist)";

function dryRunText(r: RemindReport, where: string): string {
  const { plan } = r;
  const lines = [`Dry run: no issue is opened, changed or closed (pass --confirm to write). Repository: ${where}`];
  lines.push(`Would open ${plan.create.length} reminder${plan.create.length === 1 ? "" : "s"}:`);
  for (const c of plan.create) lines.push(`  + ${c.login}: ${c.kind === "expiry" ? "member file expires" : "reclaimable from"} ${c.reclaim_on}`);
  lines.push(`Would update ${r.toUpdate.length}, keep ${plan.keep.length - r.toUpdate.length} unchanged, leave ${plan.reclaimable.length} open for the reclaim PR.`);
  lines.push(`Would close ${plan.close.length}:`);
  for (const c of plan.close) lines.push(`  - #${c.issue.number} ${c.issue.login}: ${c.reason} (${c.detail})`);
  if (r.pendingDigests) lines.push(`${r.pendingDigests} webhook digest${r.pendingDigests === 1 ? "" : "s"} not delivered earlier would be sent again.`);
  return lines.join("\n");
}

function webhookText(w: NonNullable<RemindReport["webhook"]>): string {
  const earlier = w.resent ? ` (with ${w.resent} not delivered earlier)` : "";
  if (w.sent) return `; digest sent to the webhook${earlier}${w.error ? `; ${w.error}` : ""}`;
  return `; ${w.error}${w.keptIn ? `; the digest waits in #${w.keptIn} and the next run sends it again` : ""}`;
}

export const remindCommand: Command = {
  name: "remind",
  summary: "open, update and close one reminder issue per person whose seat is about to be reclaimed",
  help: `Usage: seats remind [--dir <path>] [--repo <owner/name>] [--base <branch>] [--confirm]
                    [--now <ISO date>] [--label <name>] [--expiry-days <n>] [--api-url <url>]

Reminds people before their Copilot seat becomes reclaimable (README, "Commands";
docs/lifecycle.md): a seat idle for more than inactivity.remind_days (default inactivity.days - 7)
but not reclaimable yet, or whose member files all expire within --expiry-days, gets one issue in
the seat repository, assigned to the person (or @-mentioning them when they cannot be assigned),
labelled, saying from when the seat is reclaimable and how to keep it. Never a second open
reminder for the same person; a reminder is closed with a comment when the person is active
again, exempted, or the seat is reclaimed. Exempt, new and pending-cancellation seats are never
reminded. Run it before \`seats reclaim\`.

Flags:
  --repo <owner/name>   repository of the issues (default: GITHUB_REPOSITORY)
  --base <branch>       the seat repository's default branch, named in the text (default: main)
  --confirm             write; without it nothing is written and the actions are printed
  --now <ISO date>      the clock (default: now)
  --label <name>        label of the reminder issues (default: ${REMINDER_LABEL})
  --expiry-days <n>     remind this many days before an expires: date (default: ${DEFAULT_EXPIRY_NOTICE_DAYS})

Environment:
  ${WEBHOOK_ENV}     optional chat webhook (a secret) that receives a digest of what
                        was done (JSON {"text": ...}: Slack and Teams render it); a digest
                        it did not take (or of a run stopped before it) waits in an issue
                        and the next run sends it
  SEATS_PORTAL_URL      optional link, in the reminder text, to ask for a seat again

${GITHUB_HELP}
  The credentials must read the org's Copilot seats (every org of orgs: in policy.yaml, or the
  enterprise's under copilot.billing: enterprise) and, with --confirm, write issues of --repo.
  SEATS_REPO_TOKEN, when set, writes the issues instead (GITHUB_TOKEN then only reads seats).

Exit codes: 0 success (also when nothing is due), 1 invalid repo, a failed API call (the other
people's reminders are still written) or a failed webhook, 2 usage error.`,
  options: {
    repo: { type: "string" },
    base: { type: "string" },
    confirm: { type: "boolean" },
    now: { type: "string" },
    label: { type: "string" },
    "expiry-days": { type: "string" },
    ...GITHUB_OPTIONS,
  },
  async run(ctx) {
    const confirm = boolOpt(ctx, "confirm");
    const now = parseNow(stringOpt(ctx, "now"));
    const { owner, repo } = requireRepoOption(ctx, "seats remind needs the repository of the reminder issues");
    const target = { owner, repo, base: stringOpt(ctx, "base") ?? "main" };
    const daysFlag = stringOpt(ctx, "expiry-days");
    if (daysFlag !== undefined && !/^\d{1,4}$/.test(daysFlag)) throw new UsageError(`--expiry-days must be a whole number of days (got "${daysFlag}")`);
    const webhook = webhookFromEnv(ctx.env);
    const portalUrl = ctx.env.SEATS_PORTAL_URL?.trim() || undefined;
    // With SEATS_REPO_TOKEN, GITHUB_TOKEN only reads the seats and that token writes the issues.
    const repoClient = repoClientFromContext(ctx, { allowWrites: confirm });
    const { client: seatClient, auth } = githubClientFromContext(ctx, { allowWrites: confirm && !repoClient });
    const model = loadValidModel(ctx.dir);
    checkSeveralOrgsCredentials(auth, model.policy);
    const seats = repoClient
      ? await readPersonSeats(seatClient, model).catch((err: unknown) => {
          throw githubFailure(err, SEAT_READ_PERMISSIONS);
        })
      : undefined;
    const client = repoClient ?? seatClient;
    const report = await runRemind(client, {
      model,
      ...(seats ? { seats } : {}),
      now,
      target,
      confirm,
      label: stringOpt(ctx, "label") ?? REMINDER_LABEL,
      ...(daysFlag !== undefined ? { expiryNoticeDays: Number(daysFlag) } : {}),
      ...(portalUrl ? { portalUrl } : {}),
      ...(webhook && confirm ? { webhook } : {}),
      signal: ctx.signal,
      log: (line) => ctx.io.err(line),
    }).catch((err: unknown) => {
      throw githubFailure(err, PERMISSIONS);
    });
    if (!confirm) {
      ctx.io.out(dryRunText(report, `${target.owner}/${target.repo}`));
      return 0;
    }
    ctx.io.out(
      `Reminders: ${report.created.length} opened, ${report.updated.length} updated, ${report.closed.length} closed, ` +
        `${report.plan.keep.length - report.updated.length} unchanged, ${report.plan.reclaimable.length} left open for the reclaim PR` +
        (report.failed.length ? `; ${report.failed.length} failed (re-run to retry them)` : "") +
        (report.webhook ? webhookText(report.webhook) : "") +
        ".",
    );
    return report.failed.length || report.webhook?.error ? 1 : 0;
  },
};
