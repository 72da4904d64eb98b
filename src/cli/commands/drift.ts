// `seats drift`: the nightly full plan, read as what changed on GitHub outside the repo, shown in
// one PR that adopts what it can (docs/plan-apply.md, "Drift"). Logic in src/drift; this module
// parses flags, builds the client (read-only unless --confirm) and prints.
import { utcDay } from "../../dates.js";
import { detectDrift, renderDrift } from "../../drift/detect.js";
import { UsageError } from "../../errors.js";
import { closePullRequest, findOpenPull, openOrUpdatePullRequest } from "../../github/pull-request.js";
import { readSeatFileText } from "../../model/yaml-source.js";
import { livePlan } from "../../plan/live.js";
import { checkSeveralOrgsCredentials } from "../../plan/orgs-live.js";
import { loadValidModel } from "../../validate/validate.js";
import { boolOpt, type Command, stringOpt } from "../command.js";
import { GITHUB_HELP, GITHUB_OPTIONS, githubClientFromContext, githubFailure, repoClientFromContext, SEAT_READ_PERMISSIONS } from "../github-options.js";
import { repoOption } from "../repo-flag.js";

export const DRIFT_BRANCH = "seats/drift";
export const DRIFT_LABEL = "seats-drift";

export const driftCommand: Command = {
  name: "drift",
  summary: "find changes made on GitHub outside the repo and open or update one PR that adopts them",
  help: `Usage: seats drift [--dir <path>] [--repo <owner/name>] [--base <branch>] [--seat-team <slug>] [--confirm]

Plans in full (every seat, every member, like \`seats plan --full\`) and reports what GitHub has that
the repo does not say: seats granted in the UI, declared seats that are gone, members added by hand
to copilot: team teams, teams assigned outside the repo. With --confirm it opens or updates one PR
(branch ${DRIFT_BRANCH}, label ${DRIFT_LABEL}) that adopts the hand-granted seats as member files
under seats/<seat-team>/ and lists everything else with how to adopt or revert it; it closes that
PR when there is no drift left. Nothing is changed on GitHub: reverting is a reviewed full apply.

Flags:
  --repo <owner/name>  the seat repository (else GITHUB_REPOSITORY)
  --base <branch>      the branch the PR merges into (default main)
  --seat-team <slug>   the copilot: users team adopted seats go to (default copilot-users; created when missing)
  --confirm            open, update or close the PR (without it: print what it would contain)

${GITHUB_HELP}
  SEATS_REPO_TOKEN, when set, opens the PR instead (GITHUB_TOKEN then only reads).

Exit codes: 0 done (drift or not), 1 invalid repo or failed request, 2 usage error.`,
  options: {
    ...GITHUB_OPTIONS,
    repo: { type: "string" },
    base: { type: "string" },
    "seat-team": { type: "string" },
    confirm: { type: "boolean" },
  },
  async run(ctx) {
    const confirm = boolOpt(ctx, "confirm");
    const repoOpt = repoOption(ctx);
    if (confirm && !repoOpt) throw new UsageError("--confirm needs --repo <owner/name> (or GITHUB_REPOSITORY)");
    const target = repoOpt ? { owner: repoOpt.owner, repo: repoOpt.repo } : undefined;
    const base = stringOpt(ctx, "base") ?? "main";
    const seatTeam = stringOpt(ctx, "seat-team") ?? "copilot-users";
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(seatTeam)) throw new UsageError(`--seat-team must be a team slug (lowercase, digits, dashes), got "${seatTeam}"`);
    const model = loadValidModel(ctx.dir);
    const existing = model.teams.find((t) => t.slug === seatTeam);
    if (existing && existing.copilot !== "users") throw new UsageError(`--seat-team ${seatTeam} is copilot: ${existing.copilot}; adopted seats need a copilot: users team`);
    const { client, etags, auth } = githubClientFromContext(ctx, { allowWrites: confirm });
    checkSeveralOrgsCredentials(auth, model.policy);
    // The guard does not matter here: this plan is read, never applied.
    const { plan, renames } = await livePlan(client, model, { force: true }).catch((err: unknown) => {
      throw githubFailure(err, SEAT_READ_PERMISSIONS);
    });
    // SEATS_ETAG_CACHE: the next step of the night (reclaim) re-reads these pages conditionally.
    etags?.save();
    const drift = detectDrift(model, plan, { seatTeam, today: utcDay(new Date()), textOf: (f) => readSeatFileText(ctx.dir, f) }, renames);
    const body = renderDrift(drift);
    ctx.io.out(body);
    if (!confirm || !target) {
      for (const [f, c] of drift.adoption) ctx.io.out(`would ${c === null ? "delete" : "write"} ${f}`);
      if (!confirm) ctx.io.out("\nDry run: pass --confirm (with --repo) to open or update the drift PR.");
      return 0;
    }
    // With SEATS_REPO_TOKEN, GITHUB_TOKEN reads the plan and that token writes the PR.
    const repo = repoClientFromContext(ctx, { allowWrites: confirm }) ?? client;
    const open = await findOpenPull(repo, target.owner, target.repo, DRIFT_BRANCH);
    if (drift.adoption.size === 0) {
      if (open && drift.items.length === 0) {
        await closePullRequest(repo, target.owner, target.repo, open.number, "No drift left: GitHub matches seats/. Closing.");
        ctx.io.out(`closed #${open.number}: no drift left`);
      } else if (drift.items.length) {
        ctx.io.out("nothing to adopt as files; the drift above is in this run's log (revert it with a reviewed full apply)");
      }
      return 0;
    }
    const title = `Seats drift: adopt ${drift.adoption.size} change(s) made on GitHub outside the repo`;
    const result = await openOrUpdatePullRequest(
      repo,
      {
        owner: target.owner,
        repo: target.repo,
        base,
        branch: DRIFT_BRANCH,
        message: `${title}\n\nGenerated by \`seats drift\` from the full plan ${drift.checksum}.`,
        changes: [...drift.adoption].map(([path, content]) => ({ path, content })),
        title,
        body,
        labels: [DRIFT_LABEL],
      },
      { pull: open ?? null },
    );
    if (result) ctx.io.out(`${result.action} #${result.pull.number}: ${result.pull.html_url}`);
    return 0;
  },
};
