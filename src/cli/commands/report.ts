// `seats report`: who holds seats and what they cost, for a platform or finance person (README,
// "Commands"). The numbers come from src/report (shared with the portal's admin page); this module
// reads the seats, the repository's history and the audit records, and writes the chosen format.
import { writeFileSync } from "node:fs";
import { UsageError, UserError } from "../../errors.js";
import { listAllSeats } from "../../github/read.js";
import { isMultiOrg } from "../../plan/orgs.js";
import { listEnterpriseGrants } from "../../github/enterprise-read.js";
import { enterpriseReclaimSeats } from "../../plan/enterprise.js";
import { enterpriseOf } from "../../plan/enterprise-live.js";
import { readOrgsSeats } from "../../reclaim/read-state.js";
import { buildReport } from "../../report/data.js";
import { buildOrgsReport } from "../../report/orgs.js";
import { combineReclaims, readAudits, reclaimsFromGit } from "../../report/history.js";
import { REPORT_FORMATS, type ReportFormat, renderReport } from "../../report/render.js";
import { checkSeveralOrgsCredentials } from "../../plan/orgs-live.js";
import { loadValidModel } from "../../validate/validate.js";
import { type Command, stringOpt } from "../command.js";
import { GITHUB_HELP, GITHUB_OPTIONS, SEAT_READ_PERMISSIONS, githubClientFromContext, githubFailure } from "../github-options.js";
import { parseNow } from "./reclaim.js";

export const reportCommand: Command = {
  name: "report",
  summary: "seats, activity, cost per team and savings from reclaims (markdown, json, csv)",
  help: `Usage: seats report [--format markdown|json|csv] [--output <file>] [--audit <file-or-folder>]...
                    [--now <ISO date>] [--dir <path>] [--api-url <url>]

Reads the org's Copilot seats and prints: the number of seats, how many were active in the last
7 and 30 days, idle (used, but not in 30 days), never used, pending cancellation; the monthly cost
(seats not pending × pricing.usd_per_seat_month); the same per team (a seat counts under the team
that assigns it, else the first seat-granting team declaring the person); and the savings from
merged reclaims month by month.

With several orgs (orgs: in policy.yaml), every org's seats: the totals count people once (by
their latest activity in any org) and bill each person once (GitHub bills a person seated by
several orgs of one enterprise once), and each org's seats and teams follow (docs/enterprise.md).

Reclaims come from the git history of --dir (the commits \`seats reclaim\` made, with the member
files they deleted), dated by the audit record of the apply that cancelled them when --audit
gives it (records written by \`seats apply --audit\`; a folder means every *.json in it).

Formats: markdown (default; tables plus Mermaid charts that GitHub renders, e.g. in
$GITHUB_STEP_SUMMARY), json (everything, one entry per seat holder), csv (one row per seat holder).

Flags:
  --format <f>       markdown | json | csv
  --output <file>    write there instead of stdout (the file is replaced)
  --audit <path>     an audit record or a folder of them; repeatable
  --now <ISO date>   the clock (default: now)

${GITHUB_HELP}
  The credentials must read the org's Copilot seats (the enterprise's under copilot.billing: enterprise).

Exit codes: 0 success, 1 invalid repo or a failed API call, 2 usage error.`,
  options: {
    format: { type: "string" },
    output: { type: "string" },
    audit: { type: "string", multiple: true },
    now: { type: "string" },
    ...GITHUB_OPTIONS,
  },
  async run(ctx) {
    const format = (stringOpt(ctx, "format") ?? "markdown") as ReportFormat;
    if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(", ")} (got "${format}")`);
    const now = parseNow(stringOpt(ctx, "now"));
    const auditPaths = ((ctx.values.audit as string[] | undefined) ?? []).filter((p) => typeof p === "string");
    const { client, auth } = githubClientFromContext(ctx);
    const model = loadValidModel(ctx.dir);
    checkSeveralOrgsCredentials(auth, model.policy);
    // The enterprise's seat list is the one enterprise endpoint that also takes App tokens: no refusal here.
    const enterpriseBilling = model.policy.copilot.billing === "enterprise";
    const audits = readAudits(auditPaths);
    const reclaims = combineReclaims(reclaimsFromGit(ctx.dir), audits);
    const failed = (err: unknown) => {
      throw githubFailure(err, SEAT_READ_PERMISSIONS);
    };
    // Several orgs: every org's seats, people counted once and each org's seats billed (src/report/orgs.ts).
    const report = isMultiOrg(model.policy)
      ? buildOrgsReport({ orgs: await readOrgsSeats(client, model.policy.orgs).catch(failed), model, now, reclaims })
      : buildReport({
          // Enterprise billing: the enterprise's grants, one seat per person as it bills them (the
          // org's own seat list holds only what the org assigns, usually nothing).
          seats: await (enterpriseBilling ? listEnterpriseGrants(client, enterpriseOf(model)).then(enterpriseReclaimSeats) : listAllSeats(client, model.policy.org)).catch(failed),
          model,
          now,
          reclaims,
        });
    const text = renderReport(report, format);
    const output = stringOpt(ctx, "output");
    if (output) {
      try {
        writeFileSync(output, text);
      } catch (err) {
        throw new UserError(`cannot write --output ${output}: ${(err as Error).message}`);
      }
      ctx.io.err(`wrote ${format} report to ${output}`);
    } else ctx.io.out(text);
    return 0;
  },
};
