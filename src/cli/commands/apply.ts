import { applyPlan, type ApplyResult, type RequestOutcome } from "../../apply/apply.js";
import { buildAudit } from "../../apply/audit.js";
import { UsageError, UserError } from "../../errors.js";
import { getCopilotSettings, checkSeatManagement } from "../../github/read.js";
import { octokitSeatWriter } from "../../github/write.js";
import { enterpriseSeatWriter } from "../../github/enterprise-write.js";
import { checkEnterpriseCredentials, enterpriseOf } from "../../plan/enterprise-live.js";
import { failingBlocked } from "../../plan/plan.js";
import type { Plan } from "../../plan/types.js";
import { evidenceClient, lastCheckBeforeRevocation } from "../../reclaim/last-check-io.js";
import { loadValidModel } from "../../validate/validate.js";
import { boolOpt, type Command, type CommandContext, stringOpt } from "../command.js";
import { GITHUB_HELP, githubClientFromContext, githubFailure, SEAT_READ_PERMISSIONS } from "../github-options.js";
import { computePlan, SCOPE_HELP } from "../plan-scope.js";
import { emitPlan, outputFlag, PLAN_OPTIONS, writeReport } from "./plan.js";

const SHA256 = /^[0-9a-f]{64}$/;

function progressLine(r: RequestOutcome): string {
  const who = r.targets.length === 1 ? r.targets[0] : `${r.targets.length} ${r.kind.endsWith("teams") ? "teams" : "logins"}`;
  const verb = r.bisect ? "retry part" : "batch";
  return r.ok
    ? `  ok    ${r.route} (${verb}: ${who}) → ${r.count ?? 0}`
    : `  FAIL  ${r.route} (${verb}: ${who}) → ${r.error}`;
}

function summary(plan: Plan, result: ApplyResult): string {
  const lines = [
    `Applied ${result.applied.length} of ${plan.changes.length} changes in ${result.requests.length} request${result.requests.length === 1 ? "" : "s"}` +
      (result.failures.length ? `; ${result.failures.length} failed:` : "."),
  ];
  for (const f of result.failures) lines.push(`  ✗ ${f.action} ${f.target}: ${f.error}`);
  const failing = failingBlocked(plan).length;
  const stale = plan.blocked.length - failing;
  if (failing) lines.push(`${failing} blocked ${failing === 1 ? "change needs" : "changes need"} attention (listed above).`);
  if (stale) lines.push(`${stale} blocked ${stale === 1 ? "entry was" : "entries were"} there before this change (warnings, listed above).`);
  if (result.failures.length) lines.push("Re-run `seats apply --confirm`: it plans again from live state and only sends what is still missing.");
  return lines.join("\n");
}

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
login and the exit code is 1. Re-running converges.

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
it, any blocked change) or failed changes, 2 usage error. Blocked entries that were there
before the change are warnings.`,
  options: {
    ...PLAN_OPTIONS,
    confirm: { type: "boolean" },
    checksum: { type: "string" },
    "teams-checksum": { type: "string" },
    audit: { type: "string" },
  },
  async run(ctx: CommandContext) {
    const startedAt = new Date();
    const confirm = boolOpt(ctx, "confirm");
    const expected = stringOpt(ctx, "checksum")?.trim().toLowerCase();
    if (expected !== undefined && !SHA256.test(expected)) {
      throw new UsageError(`--checksum must be the 64-hex-digit sha256 from \`seats plan --json\` (got "${stringOpt(ctx, "checksum")}")`);
    }
    const expectedTeams = stringOpt(ctx, "teams-checksum")?.trim().toLowerCase();
    if (expectedTeams !== undefined && !SHA256.test(expectedTeams)) {
      throw new UsageError(`--teams-checksum must be the 64-hex-digit sha256 of the plan's \`teams.checksum\` (got "${stringOpt(ctx, "teams-checksum")}")`);
    }
    const auditFile = outputFlag(ctx, "audit");
    outputFlag(ctx, "json");
    outputFlag(ctx, "markdown");
    const { client, apiUrl, auth, etags } = githubClientFromContext(ctx, { allowWrites: confirm });
    const model = loadValidModel(ctx.dir);
    const enterprise = model.policy.copilot.billing === "enterprise";
    if (enterprise) checkEnterpriseCredentials(auth);
    const { plan, scope, snapshot } = await computePlan(ctx, client, model, boolOpt(ctx, "force"), etags).catch((err: unknown) => {
      throw githubFailure(err, SEAT_READ_PERMISSIONS);
    });

    const audit = (exitCode: number, result?: ApplyResult, error?: string) => {
      if (!auditFile) return;
      const record = buildAudit({
        startedAt,
        finishedAt: new Date(),
        env: ctx.env,
        apiUrl,
        plan,
        confirm,
        ...(expected ? { expectedChecksum: expected } : {}),
        ...(result ? { result } : {}),
        exitCode,
        ...(error ? { error } : {}),
      });
      writeReport(auditFile, `${JSON.stringify(record, null, 2)}\n`);
    };

    emitPlan(ctx, plan, scope);
    if (expected && expected !== plan.checksum) {
      const msg =
        `the plan differs from the reviewed one (checksum ${plan.checksum}, expected ${expected}): ` +
        "seats/ or GitHub changed since it was reviewed; run `seats plan` again, review it, and apply with the new checksum";
      audit(1, undefined, msg);
      throw new UserError(msg);
    }
    if (expectedTeams && expectedTeams !== plan.teams.checksum) {
      const msg =
        `the team changes differ from the reviewed ones (teams checksum ${plan.teams.checksum}, expected ${expectedTeams}): ` +
        "seats/ or the teams on GitHub changed since the plan was reviewed; run `seats plan` again and review it";
      audit(1, undefined, msg);
      throw new UserError(msg);
    }
    if (plan.safety.refusals.length) {
      const msg = plan.safety.refusals.join("\n");
      audit(1, undefined, msg);
      throw new UserError(msg);
    }
    // The last check before revocation (docs/lifecycle.md): after the checksum, which covers the
    // whole reviewed plan; only the execution leaves out cancellations of people active since.
    const { execute } = await lastCheckBeforeRevocation(evidenceClient(ctx) ?? client, ctx.env.SEATS_RECLAIM_REPO?.trim(), plan, snapshot.seats, (l) => ctx.io.out(l));
    if (!confirm) {
      ctx.io.out("\nDry run: nothing was sent. Pass --confirm to apply these changes.");
      audit(0);
      return 0;
    }
    if (execute.changes.length === 0) {
      ctx.io.out("\nNothing to apply.");
      const code = failingBlocked(plan).length ? 1 : 0;
      audit(code);
      return code;
    }
    ctx.io.out("\nApplying:");
    const writer = enterprise ? enterpriseSeatWriter(client, enterpriseOf(model)) : octokitSeatWriter(client, plan.org);
    const result = await applyPlan(execute, writer, {
      onRequest: (r) => ctx.io.out(progressLine(r)),
      explainRejection: async () => {
        // The enterprise has no settings endpoint to explain a 422 with: bisect as usual.
        if (enterprise) return undefined;
        try {
          checkSeatManagement(plan.org, await getCopilotSettings(client, plan.org));
          return undefined;
        } catch (err) {
          return err instanceof UserError ? err.message : undefined;
        }
      },
    });
    ctx.io.out(`\n${summary(execute, result)}`);
    const code = result.ok && failingBlocked(plan).length === 0 ? 0 : 1;
    audit(code, result);
    return code;
  },
};
