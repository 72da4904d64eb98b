// `seats apply`: parses the flags, checks the output files, and prints; the run itself (plan →
// checksum → guards → last check → dry run → writes → audit) is runApply in src/apply/run.ts.
import { liveApplyDeps } from "../../apply/live.js";
import { applySummary, progressLine } from "../../apply/render.js";
import { runApply } from "../../apply/run.js";
import { isPlanChecksum } from "../../ci/checksum.js";
import { checkEnterpriseCredentials } from "../../plan/enterprise-live.js";
import { checkSeveralOrgsCredentials } from "../../plan/orgs-live.js";
import { UsageError, UserError, interruption } from "../../errors.js";
import { PER_PAGE } from "../../github/read.js";
import { evidenceClient, lastCheckBeforeRevocation, lastCheckJson, type LastCheckResult } from "../../reclaim/last-check-io.js";
import { loadValidModel } from "../../validate/validate.js";
import { boolOpt, type Command, type CommandContext, stringOpt } from "../command.js";
import { GITHUB_HELP, githubClientFromContext, githubFailure, SEAT_READ_PERMISSIONS } from "../github-options.js";
import { emitPlan, outputFlag, PLAN_OPTIONS, planExtra, writePlanJson, writeReport } from "../plan-output.js";
import { computePlan, SCOPE_HELP, type ComputedPlan } from "../plan-scope.js";

export const applyCommand: Command = {
  name: "apply",
  summary: "apply the seat plan to GitHub (dry run unless --confirm)",
  help: `Usage: seats apply [--dir <path>] [--api-url <url>] [--confirm] [--checksum <sha256>] [--force]
                   [--json <file>] [--markdown <file>] [--audit <file>]
                   [--base <git-ref> [--base-repo <dir>] | --full]

Computes the plan exactly like \`seats plan\` and executes it. Without --confirm it is a dry
run identical to \`seats plan\` (the client refuses every mutating request). With --confirm it
sends batched writes (at most 100 logins per request): team assignments, then adds and
re-adds, then cancels. A failed batch does not stop the others; failures are reported per
login and the exit code is 1. Re-running converges. Stopped by Ctrl-C, SIGTERM or --timeout,
it lets the batch on the wire finish, sends no other, lists the batches sent and not sent,
and exits 1. Every output file is checked writable before the first request.

Flags:
  --confirm            make the changes
  --checksum <sha256>  refuse unless the plan's checksum equals this one (the reviewed plan)
  --teams-checksum <sha256>
                       refuse unless the plan's team changes have this checksum (checked before
                       \`pulumi up\` on merge; afterwards the team changes are done and it moves)
  --force              override the seats.max_removal_ratio guard
  --audit <file>       write a JSON audit record: when, who (GITHUB_ACTOR, run id), the plan, each request's outcome
  --json <file>        write the plan as JSON (with checksum)
  --markdown <file>    write the plan as a PR-comment body
${SCOPE_HELP}

${GITHUB_HELP}

Exit codes: 0 applied (or nothing to do, or dry run), 1 invalid repo, failed preflight,
checksum mismatch, unsafe plan, blocked changes this change introduced (with --base; without
it, any blocked change), failed changes, or stopped, 2 usage error (bad flags, an output file
that cannot be written). Blocked entries that were there before the change are warnings.`,
  options: {
    ...PLAN_OPTIONS,
    confirm: { type: "boolean" },
    checksum: { type: "string" },
    "teams-checksum": { type: "string" },
    audit: { type: "string" },
  },
  async run(ctx: CommandContext) {
    const confirm = boolOpt(ctx, "confirm");
    const expected = stringOpt(ctx, "checksum")?.trim().toLowerCase();
    if (expected !== undefined && !isPlanChecksum(expected)) {
      throw new UsageError(`--checksum must be the 64-hex-digit sha256 from \`seats plan --json\` (got "${stringOpt(ctx, "checksum")}")`);
    }
    const expectedTeams = stringOpt(ctx, "teams-checksum")?.trim().toLowerCase();
    if (expectedTeams !== undefined && !isPlanChecksum(expectedTeams)) {
      throw new UsageError(`--teams-checksum must be the 64-hex-digit sha256 of the plan's \`teams.checksum\` (got "${stringOpt(ctx, "teams-checksum")}")`);
    }
    // Checked before any request: a change apply cannot record is a change it must not make.
    const files = { audit: outputFlag(ctx, "audit"), json: outputFlag(ctx, "json"), markdown: outputFlag(ctx, "markdown") };
    const { client, apiUrl, auth, etags } = githubClientFromContext(ctx, { allowWrites: confirm });
    const model = loadValidModel(ctx.dir);
    if (model.policy.copilot.billing === "enterprise") checkEnterpriseCredentials(auth);
    checkSeveralOrgsCredentials(auth, model.policy);
    let applying = false;
    // Said at once, so whoever pressed Ctrl-C knows the run heard it and why it has not ended yet.
    const onStop = () => {
      if (applying) ctx.io.err(`seats apply: ${interruption(ctx.signal).message}; letting the request on the wire finish, sending no further batch`);
    };
    ctx.signal.addEventListener("abort", onStop, { once: true });
    // The plan as --base/--full ask for it (src/cli/plan-scope.ts); the live seats it read feed the last check.
    let computed: ComputedPlan | undefined;
    const deps = {
      ...liveApplyDeps(client, model, { force: boolOpt(ctx, "force") }),
      readPlan: async () => (computed = await computePlan(ctx, client, model, boolOpt(ctx, "force"), etags)).plan,
    };
    let check: LastCheckResult | undefined;
    const report = await runApply(deps, {
      confirm,
      ...(expected ? { expectedChecksum: expected } : {}),
      ...(expectedTeams ? { expectedTeamsChecksum: expectedTeams } : {}),
      signal: ctx.signal,
      env: ctx.env,
      apiUrl,
      onPlan: (plan) => emitPlan(ctx, plan, files, planExtra(computed)),
      // The last check before revocation (docs/lifecycle.md): after the checksum, which covers the
      // whole reviewed plan; only the execution leaves out cancellations of people active since.
      narrow: async (plan) => {
        const snapshot = computed?.snapshot;
        const total = snapshot?.settings.seat_breakdown?.total;
        check = await lastCheckBeforeRevocation({
          evidenceClient: evidenceClient(ctx) ?? client,
          seatClient: client,
          repository: ctx.env.SEATS_RECLAIM_REPO?.trim(),
          model,
          plan,
          seats: snapshot?.seats ?? [],
          ...(computed?.rows ? { rows: computed.rows } : {}),
          seatsComplete: computed?.scope?.mode !== "incremental",
          ...(total !== undefined ? { seatPages: Math.max(1, Math.ceil(total / PER_PAGE)) } : {}),
          log: (l) => ctx.io.out(l),
        });
        // The memberships `pulumi up` keeps travel in the plan file it reads (SEATS_PLAN), next
        // to the plan and outside its checksum.
        if (files.json && (check.kept_members.length || check.skipped.length || check.problem)) writePlanJson(files.json, plan, { ...planExtra(computed), last_check: lastCheckJson(check) });
        return check.execute;
      },
      onWritesStart: () => {
        applying = true;
        ctx.io.out("\nApplying:");
      },
      onRequest: (r) => ctx.io.out(progressLine(r)),
    })
      .catch((err: unknown) => {
        throw githubFailure(err, SEAT_READ_PERMISSIONS);
      })
      .finally(() => ctx.signal.removeEventListener("abort", onStop));
    if (files.audit) writeReport(files.audit, `${JSON.stringify(report.audit, null, 2)}\n`);
    if (report.refusal) throw new UserError(report.refusal);
    // Before `pulumi up` (the dry run the merge workflow verifies with): without the evidence,
    // nobody can be shown active since a reclaim PR, and `pulumi up` would end team-granted seats
    // by removing memberships; stop it here (fail closed), as the cancellations are held back.
    const removals = report.plan.teams.changes.filter((c) => c.action === "remove_member").length;
    if (!confirm && check?.problem && removals) {
      throw new UserError(`the last check could not run: ${check.problem}. The plan removes ${removals} team membership${removals === 1 ? "" : "s"} that \`pulumi up\` would carry out unchecked; fix the access (SEATS_REPO_TOKEN needs pull-requests: read on ${ctx.env.SEATS_RECLAIM_REPO?.trim()}) and re-run`);
    }
    if (!confirm) ctx.io.out("\nDry run: nothing was sent. Pass --confirm to apply these changes.");
    else if (!report.result) ctx.io.out("\nNothing to apply.");
    else ctx.io.out(`\n${applySummary(report.executed, report.result)}`);
    // Stopped by a signal or --timeout: the summary above says what was and was not sent.
    if (report.result?.interrupted) throw interruption(ctx.signal);
    return report.exitCode;
  },
};
