// `seats reclaim`: the nightly job that opens or updates one PR deleting the member files of
// reclaimable seats (README, "Commands"). The logic lives in src/reclaim; this module parses flags,
// builds the client (read-only unless --confirm) and prints.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseDateFlag } from "../../dates.js";
import { UsageError } from "../../errors.js";
import { STALE_ACTIVITY_DAYS } from "../../reclaim/freshness.js";
import { renderDryRun } from "../../reclaim/render.js";
import { RECLAIM_BRANCH, RECLAIM_LABEL, type ReclaimReport, type ReclaimTarget, runReclaim } from "../../reclaim/run.js";
import { loadValidModel } from "../../validate/validate.js";
import { boolOpt, type Command, stringOpt } from "../command.js";
import { checkSeveralOrgsCredentials } from "../../plan/orgs-live.js";
import { GITHUB_HELP, GITHUB_OPTIONS, githubClientFromContext, githubFailure, repoClientFromContext } from "../github-options.js";
import { repoOption } from "../repo-flag.js";

const BRANCH = /^(?!\/|.*\/\/|.*\/$|.*\.\.|.*@\{|.*\.lock$)[^\s~^:?*[\\]+$/;

/** `--now`: an ISO date or timestamp, in UTC unless it carries an offset; a bare date is 00:00 UTC. */
export function parseNow(value: string | undefined): Date {
  return value === undefined ? new Date() : parseDateFlag(value, "--now");
}

function checkBranch(value: string, flag: string): string {
  if (!BRANCH.test(value)) throw new UsageError(`${flag} "${value}" is not a valid branch name`);
  return value;
}

/** What a failed reclaim request points at (README, "Permissions a real org needs"). */
const RECLAIM_PERMISSIONS =
  "the credentials need Copilot seat read access on the org and contents + pull requests write on --repo (and the repository must exist)";

function jsonReport(report: ReclaimReport, target: ReclaimTarget | undefined, confirm: boolean) {
  return {
    generated_at: report.now,
    org: report.org,
    repository: target ? `${target.owner}/${target.repo}` : null,
    base: target?.base ?? null,
    branch: target?.branch ?? null,
    confirm,
    freshness: report.freshness,
    summary: {
      seats: report.decisions.length,
      reclaim: report.reclaim.length,
      files: report.files.length,
      missing_on_base: report.missing.length,
      ending: report.ending,
      deferred: report.deferred.length,
    },
    billing: report.billing,
    pull: report.pull ?? null,
    files: report.files,
    missing: report.missing,
    decisions: report.decisions,
  };
}

/**
 * Nothing is half-applied: the branch ref moves only after its commit exists, and the PR is
 * touched only after the branch is in place, so a re-run converges.
 */
export const reclaimCommand: Command = {
  name: "reclaim",
  summary: "open or update the one PR that removes inactive and expired seats",
  help: `Usage: seats reclaim [--dir <path>] [--repo <owner/name>] [--base <branch>] [--confirm]
                     [--now <ISO date>] [--json <file>] [--api-url <url>]

Finds reclaimable Copilot seats (inactive past inactivity.days, or past their expires: date;
README, "Commands") and opens or updates one pull request that deletes
their member files, with a table of who, why, last activity and the monthly savings.

A seat is reclaimable when it is not pending cancellation, is more than
inactivity.new_seat_grace_days old (by created_at), its login has no inactivity.exempt entry
whose \`until\` is today or later, and either its last activity (or, with none, its created_at)
is more than inactivity.days × 24 h before now, or every member file of the person carries an
\`expires\` date that is today or earlier (UTC). Logins with no member file in a
\`copilot: users|team\` team are left to \`seats apply\`.

The PR lives on one branch (default ${RECLAIM_BRANCH}), is found by its head and updated on later
runs (never a second one), is rebuilt from the current base on every run as a single commit
(Git Data API: the request count does not depend on the number of files), and is closed with a
comment when nothing is reclaimable any more. Exemptions pushed to the PR branch's
policies/policy.yaml are honoured and carried into the new commit.

Freshness guard: when the newest last_activity_at across all seats is more than
${STALE_ACTIVITY_DAYS} days old, GitHub's activity data is probably stale; the run exits 1 instead of
proposing inactivity removals (override with --allow-stale-activity).

Flags:
  --repo <owner/name>      repository of the PR (default: GITHUB_REPOSITORY)
  --base <branch>          branch the PR merges into (default: main)
  --branch <name>          the PR's fixed head branch (default: ${RECLAIM_BRANCH})
  --label <name>           label put on the PR (default: ${RECLAIM_LABEL})
  --confirm                open / update / close the PR; without it nothing is written and the
                           PR that would be opened is printed
  --now <ISO date>         the clock (default: now), e.g. 2025-06-01T02:00:00Z
  --json <file>            write every seat's decision, the files and the PR as JSON
  --allow-stale-activity   propose inactivity removals even if activity data looks stale

${GITHUB_HELP}
  The credentials must read the org's Copilot seats and, with --confirm, write contents and
  pull requests of --repo. SEATS_REPO_TOKEN, when set, is used for --repo instead (GITHUB_TOKEN
  then only reads seats and members: an owner's token beside the PR-bot App's, docs/enterprise.md).

Exit codes: 0 success (also when nothing is reclaimable), 1 invalid repo, stale activity data or
a failed API call, 2 usage error.`,
  options: {
    repo: { type: "string" },
    base: { type: "string" },
    branch: { type: "string" },
    label: { type: "string" },
    confirm: { type: "boolean" },
    now: { type: "string" },
    json: { type: "string" },
    "allow-stale-activity": { type: "boolean" },
    ...GITHUB_OPTIONS,
  },
  async run(ctx) {
    const confirm = boolOpt(ctx, "confirm");
    const now = parseNow(stringOpt(ctx, "now"));
    const repoOpt = repoOption(ctx);
    const base = checkBranch(stringOpt(ctx, "base") ?? "main", "--base");
    const branch = checkBranch(stringOpt(ctx, "branch") ?? RECLAIM_BRANCH, "--branch");
    if (branch === base) throw new UsageError(`--branch and --base are both "${base}": the PR needs its own branch`);
    const target: ReclaimTarget | undefined = repoOpt ? { owner: repoOpt.owner, repo: repoOpt.repo, base, branch } : undefined;
    if (confirm && !target) throw new UsageError("--confirm needs the repository of the PR: pass --repo <owner/name> or set GITHUB_REPOSITORY");
    const label = stringOpt(ctx, "label") ?? RECLAIM_LABEL;
    // Credentials and URL first (usage errors before any work), then the repo (exit 1 if invalid).
    const { client, auth } = githubClientFromContext(ctx, { allowWrites: confirm });
    const repoClient = repoClientFromContext(ctx, { allowWrites: confirm });
    const model = loadValidModel(ctx.dir);
    checkSeveralOrgsCredentials(auth, model.policy);
    const report = await runReclaim(client, {
      model,
      ...(repoClient ? { repoClient } : {}),
      now,
      ...(target ? { target } : {}),
      confirm,
      allowStaleActivity: boolOpt(ctx, "allow-stale-activity"),
      labels: [label],
      log: (line) => ctx.io.err(line),
    }).catch((err: unknown) => {
      throw githubFailure(err, RECLAIM_PERMISSIONS);
    });

    const jsonFile = stringOpt(ctx, "json");
    if (jsonFile) {
      writeFileSync(path.resolve(ctx.dir, jsonFile), `${JSON.stringify(jsonReport(report, target, confirm), null, 2)}\n`);
    }

    if (!confirm) {
      const where = target ? `${target.owner}/${target.repo}: ${target.branch} → ${target.base}` : "(no --repo: preview from the checkout only)";
      if (!report.files.length) {
        const open = report.pull?.action === "would-close" ? `; the open PR #${report.pull.number} would be closed with a comment` : "";
        ctx.io.out(`Dry run: nothing is reclaimable (${report.decisions.length} seats checked)${open}.`);
      } else {
        const pr =
          report.pull?.action === "would-update" ? `\nWould update PR #${report.pull.number} (${report.pull.url}).` : target ? "\nWould open a new PR." : "";
        ctx.io.out(renderDryRun(report.title, report.body, report.files, where, report.evidenceFile) + pr);
      }
      return 0;
    }
    const pull = report.pull;
    if (!pull) ctx.io.out(`Nothing to reclaim (${report.decisions.length} seats checked); no PR is open.`);
    else if (pull.action === "closed") ctx.io.out(`Nothing to reclaim (${report.decisions.length} seats checked); closed PR #${pull.number}: ${pull.url}`);
    else {
      const back = report.restored.length ? `; member files of ${report.restored.join(", ")} restored (kept by the last check)` : "";
      ctx.io.out(`${pull.action} PR #${pull.number}: ${pull.url}\n${report.reclaim.length} seat(s), ${report.files.length} file(s) deleted${back}.`);
    }
    return 0;
  },
};
