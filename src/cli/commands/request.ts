// `seats request`: parses the flags and prints; the file, its validation and the PR are
// src/request/request.ts.
import { UsageError, UserError } from "../../errors.js";
import { loginProblem } from "../../model/logins.js";
import { gitGithubUser, resolveLogin } from "../../request/member-file.js";
import { checkExpires, checkTarget, membershipWarning } from "../../request/checks.js";
import { InvalidRequest, openRequestPull, prepareRequest, writeRequestFile } from "../../request/request.js";
import { formatText } from "../../validate/format.js";
import { boolOpt, type Command, stringOpt } from "../command.js";
import { GITHUB_HELP, GITHUB_OPTIONS, githubClientFromContext, githubFailure } from "../github-options.js";
import { repoOption } from "../repo-flag.js";

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
    const repoOpt = openPr ? repoOption(ctx) : undefined;
    if (openPr && !repoOpt) throw new UsageError("--open-pr needs --repo <owner/name> (or GITHUB_REPOSITORY)");
    const target = repoOpt ? { owner: repoOpt.owner, repo: repoOpt.repo } : undefined;
    const base = stringOpt(ctx, "base") ?? "main";
    // Resolve credentials before touching files, so a usage error leaves nothing behind.
    const gh = openPr ? githubClientFromContext(ctx, { allowWrites: true }) : undefined;

    const prepared = prepareRequest({ dir: ctx.dir, team, login: who.login, reason, expires });
    // The checkout may be stale: the PR must add to a team that the base branch has.
    if (gh && target) await checkTarget(gh.client, { ...target, base, team }).catch((err: unknown) => Promise.reject(githubFailure(err, REQUEST_PERMISSIONS)));
    const notMember = gh ? await membershipWarning(gh.client, prepared.org, who.login).catch((err: unknown) => Promise.reject(githubFailure(err, REQUEST_PERMISSIONS))) : undefined;
    let req;
    try {
      req = writeRequestFile(prepared);
    } catch (err) {
      if (err instanceof InvalidRequest) ctx.io.err(err.findings.map(formatText).join("\n"));
      throw err;
    }
    ctx.io.out(`created ${req.rel} (login from ${who.from})`);
    // Warnings about the new file (validate would print them too) belong in front of the requester.
    if (req.warnings.length) ctx.io.err(req.warnings.map(formatText).join("\n"));
    for (const note of req.notes) ctx.io.out(note);
    if (notMember) ctx.io.err(notMember);
    ctx.io.out(req.review);

    if (!gh || !target) {
      ctx.io.out(`next: commit ${req.rel} and open a pull request (or run again with --open-pr)`);
      return 0;
    }
    const result = await openRequestPull(gh.client, req, who.login, reason, expires, { ...target, base }).catch((err: unknown) => {
      throw githubFailure(err, REQUEST_PERMISSIONS);
    });
    if (!result) throw new UserError(`${req.rel} is already on ${base}; nothing to request`);
    ctx.io.out(`${result.action === "created" ? "opened" : "updated"} pull request #${result.pull.number}: ${result.pull.html_url}`);
    return 0;
  },
};
