import { readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UsageError, UserError } from "../../errors.js";
import { openOrUpdatePullRequest } from "../../github/pull-request.js";
import { hasErrors } from "../../model/findings.js";
import { loadRepo } from "../../model/load.js";
import { loginProblem } from "../../model/logins.js";
import { closest } from "../../model/schemas.js";
import { checkExpires, checkTarget, existingDeclarations, parseRepoSlug } from "../../request/checks.js";
import { gitGithubUser, memberFileContent, resolveLogin } from "../../request/member-file.js";
import { requestPullSpec, reviewNote } from "../../request/pull-request.js";
import { formatText } from "../../validate/format.js";
import { validateRepo } from "../../validate/validate.js";
import { boolOpt, type Command, stringOpt } from "../command.js";
import { GITHUB_HELP, GITHUB_OPTIONS, githubClientFromContext, githubFailure } from "../github-options.js";

const REQUEST_PERMISSIONS = "the credentials need contents and pull requests write on --repo (and the repository and --base branch must exist)";

export const requestCommand: Command = {
  name: "request",
  summary: "create seats/<team>/<login>.yaml for yourself (and open the PR)",
  help: `Usage: seats request --team <slug> --reason <text> [--login <login>] [--expires YYYY-MM-DD]
                     [--open-pr [--repo <owner/name>] [--base <branch>]] [--dir <path>]

Creates seats/<team>/<login>.yaml for the current user, validates the repo with it, and with
--open-pr commits it to the branch seats/request/<team>/<login> and opens (or updates) the PR.

Flags:
  --team <slug>        the team folder to join (seats/<slug>/_team.yaml must exist)
  --reason <text>      why you need Copilot (required, shown to the reviewer)
  --login <login>      your GitHub login (default: GITHUB_ACTOR, else \`git config github.user\`)
  --expires <date>     optional end date YYYY-MM-DD, after today; the seat is reclaimable from
                       then on
  --open-pr            open the pull request through the API (needs a token with contents and
                       pull-requests write on the repo); the team must exist on the base branch
  --repo <owner/name>  the seat repo on GitHub (default: GITHUB_REPOSITORY)
  --base <branch>      the branch the PR merges into (default: main)

${GITHUB_HELP}

Exit codes: 0 created, 1 the request is invalid (nothing is left behind), 2 usage error.`,
  options: {
    ...GITHUB_OPTIONS,
    team: { type: "string" },
    reason: { type: "string" },
    login: { type: "string" },
    expires: { type: "string" },
    "open-pr": { type: "boolean" },
    repo: { type: "string" },
    base: { type: "string" },
  },
  async run(ctx) {
    const team = stringOpt(ctx, "team");
    if (!team) throw new UsageError("pass --team <slug> (a folder under seats/)");
    const reason = stringOpt(ctx, "reason")?.trim();
    if (!reason) throw new UsageError('pass --reason "<why you need Copilot>" (reviewers read it)');
    const who = resolveLogin({ flag: stringOpt(ctx, "login"), env: ctx.env, gitUser: gitGithubUser(ctx.dir) });
    if (!who) {
      throw new UsageError("who are you? pass --login <your-github-login> (or set GITHUB_ACTOR, or `git config github.user <login>`)");
    }
    const problem = loginProblem(who.login, true);
    if (problem) throw new UsageError(`login "${who.login}" (from ${who.from}) ${problem}`);
    const expiresFlag = stringOpt(ctx, "expires");
    const expires = expiresFlag === undefined ? undefined : checkExpires(expiresFlag, new Date());
    const openPr = boolOpt(ctx, "open-pr");
    const repoFlag = stringOpt(ctx, "repo");
    const repoFrom = repoFlag !== undefined ? "--repo" : "GITHUB_REPOSITORY";
    const repoValue = repoFlag ?? ctx.env.GITHUB_REPOSITORY;
    if (openPr && !repoValue) throw new UsageError("--open-pr needs --repo <owner/name> (or GITHUB_REPOSITORY)");
    const target = openPr && repoValue ? parseRepoSlug(repoValue, repoFrom) : undefined;
    const base = stringOpt(ctx, "base") ?? "main";
    // Resolve credentials before touching files, so a usage error leaves nothing behind.
    const gh = openPr ? githubClientFromContext(ctx, { allowWrites: true }) : undefined;

    const { model } = loadRepo(ctx.dir);
    const decl = model.teams.find((t) => t.slug === team);
    if (!decl) {
      const guess = closest(team, model.teams.map((t) => t.slug));
      throw new UserError(
        `no team "${team}" in seats/` + (guess ? `; did you mean "${guess}"?` : `; teams: ${model.teams.map((t) => t.slug).join(", ") || "(none)"}`),
      );
    }
    const teamDir = path.join(ctx.dir, "seats", team);
    const clash = readdirSync(teamDir).find((f) => f.toLowerCase() === `${who.login.toLowerCase()}.yaml`);
    if (clash) throw new UserError(`seats/${team}/${clash} already exists: ${who.login} is already declared in ${team}`);
    // The checkout may be stale: the PR must add to a team that the base branch has.
    if (gh && target) await checkTarget(gh.client, { ...target, base, team }).catch((err: unknown) => Promise.reject(githubFailure(err, REQUEST_PERMISSIONS)));

    const rel = `seats/${team}/${who.login}.yaml`;
    const abs = path.join(ctx.dir, rel);
    const content = memberFileContent({ login: who.login, reason, expires });
    writeFileSync(abs, content, { flag: "wx" });
    const { findings } = validateRepo(ctx.dir);
    const mine = findings.filter((f) => f.file === rel);
    if (hasErrors(findings)) {
      rmSync(abs, { force: true });
      ctx.io.err((mine.length ? mine : findings).map(formatText).join("\n"));
      throw new UserError(mine.length ? `the request is invalid; nothing was written` : "the seat repo has errors (above); fix them first; nothing was written");
    }
    ctx.io.out(`created ${rel} (login from ${who.from})`);
    // Warnings about the new file (validate would print them too) belong in front of the requester.
    const warnings = mine.filter((f) => f.severity === "warning");
    if (warnings.length) ctx.io.err(warnings.map(formatText).join("\n"));
    for (const note of existingDeclarations(model, who.login, team)) ctx.io.out(note);
    if (decl.copilot === "none") ctx.io.out(`note: team ${team} has copilot: none: this makes you a team member but grants no Copilot seat`);
    ctx.io.out(reviewNote(decl));

    if (!gh || !target) {
      ctx.io.out(`next: commit ${rel} and open a pull request (or run again with --open-pr)`);
      return 0;
    }
    const { owner, repo } = target;
    const result = await openOrUpdatePullRequest(gh.client, requestPullSpec({ owner, repo, base, login: who.login, team: decl, reason, expires })).catch((err: unknown) => {
      // Nothing is left behind: without the file, re-running the same command converges (the
      // branch and PR, if they were made, are found and updated).
      rmSync(abs, { force: true });
      throw githubFailure(err, REQUEST_PERMISSIONS);
    });
    if (!result) throw new UserError(`${rel} is already on ${base}; nothing to request`);
    ctx.io.out(`${result.action === "created" ? "opened" : "updated"} pull request #${result.pull.number}: ${result.pull.html_url}`);
    return 0;
  },
};
