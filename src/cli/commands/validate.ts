import { statSync } from "node:fs";
import { compareFindings, hasErrors } from "../../model/findings.js";
import { isValidLogin } from "../../model/logins.js";
import { parseDateFlag, utcDay } from "../../dates.js";
import { UsageError } from "../../errors.js";
import { formatFindings, type FindingFormat } from "../../validate/format.js";
import { reviewPullRequest } from "../../validate/pr-review.js";
import { validateRepo } from "../../validate/validate.js";
import { boolOpt, type Command, stringOpt } from "../command.js";
import { GITHUB_HELP, GITHUB_OPTIONS } from "../github-flags.js";

export const validateCommand: Command = {
  name: "validate",
  summary: "checks of every file: YAML, schema, cross-file rules (offline); --online: logins and ids on GitHub",
  help: `Usage: seats validate [--dir <path>] [--format text|github|json]
                      [--author <login> --base <git-ref> [--approvers <login,...>]] [--now <date>]
                      [--online [--fix] [--api-url <url>]]

Checks every file under seats/ and policies/ offline: YAML syntax, the JSON Schemas in
policies/*.schema.json, and the cross-file rules. Each problem is printed as
  path:line:col: severity: message; fix: what to do [rule]
with paths relative to --dir.

Flags:
  --format text       (default) one line per problem and a summary line
  --format github     GitHub Actions annotations (::error file=...) followed by the text
  --format json       {ok, errors, warnings, files, findings[], review?} on stdout
  --author <login>    with --base: also check what this PR author may change. The author may
                      add, edit or delete their own member files (seats/<team>/<author>.yaml);
                      maintainers of a team (per the base ref) may change its folder; anything
                      else needs an approval, and the output says by whom.
  --base <git-ref>    the ref the PR merges into (e.g. origin/main); the working tree,
                      including untracked files, is compared with it
  --approvers <list>  comma-separated logins that have approved the PR; they satisfy the
                      files whose approvers include them
  --now <date>        today's date for date checks (YYYY-MM-DD or ISO; default: the clock)
  --online            also check on GitHub that every member file's login is a user, and that
                      its \`id:\` (when present) is that user's id; a renamed account (the id is
                      another login now) is reported with the file rename to make. Batched
                      reads: one GraphQL query per 100 logins, one GET /user/{id} per id that
                      did not match. Read-only; needs credentials (below).
  --fix               with --online: write the missing \`id:\` lines into the member files (all
                      or none; comments and layout kept). Renames are reported, not written:
                      \`seats drift\` proposes them in a reviewed PR.

${GITHUB_HELP}

Exit codes: 0 valid (warnings allowed), 1 problems found, 2 usage error.`,
  options: {
    format: { type: "string" },
    author: { type: "string" },
    base: { type: "string" },
    approvers: { type: "string" },
    now: { type: "string" },
    online: { type: "boolean" },
    fix: { type: "boolean" },
    ...GITHUB_OPTIONS,
  },
  async run(ctx) {
    const format = (stringOpt(ctx, "format") ?? "text") as FindingFormat;
    if (!["text", "github", "json"].includes(format)) {
      throw new UsageError(`--format must be text, github or json (got "${format}")`);
    }
    const today = todayFromFlag(stringOpt(ctx, "now"));
    const author = stringOpt(ctx, "author");
    const base = stringOpt(ctx, "base");
    if ((author === undefined) !== (base === undefined)) throw new UsageError("--author and --base go together; pass both or neither");
    if (author !== undefined && !isValidLogin(author, true)) throw new UsageError(`--author "${author}" is not a GitHub login`);
    const approvedBy = (stringOpt(ctx, "approvers") ?? "").split(",").map((s) => s.trim().replace(/^@/, "")).filter(Boolean);
    for (const a of approvedBy) if (!isValidLogin(a, true)) throw new UsageError(`--approvers: "${a}" is not a GitHub login`);
    if (approvedBy.length && author === undefined) throw new UsageError("--approvers needs --author and --base");

    if (!isDirectory(ctx.dir)) {
      throw new UsageError(`--dir ${ctx.dir}: no such directory (pass the folder that holds seats/ and policies/)`);
    }
    const onlineFlag = boolOpt(ctx, "online");
    const fix = boolOpt(ctx, "fix");
    if (fix && !onlineFlag) throw new UsageError("--fix needs --online (it writes the ids GitHub reports)");
    // Loaded only for --online: the offline check (and --help) loads no GitHub client. The
    // credentials are resolved before anything is read, so a missing token is a usage error first.
    const online = onlineFlag ? await import("../validate-online.js") : undefined;
    const gh = online?.onlineClient(ctx);
    const { model, findings: offline } = validateRepo(ctx.dir, { today });
    const findings = online && gh ? await online.runOnlineCheck(ctx, gh, model, offline, fix) : offline;
    if (author === undefined || base === undefined) {
      ctx.io.out(formatFindings(findings, format, model.sources.size));
      return hasErrors(findings) ? 1 : 0;
    }
    const pr = reviewPullRequest(ctx.dir, { author, base, approvedBy, hasErrors: hasErrors(findings) });
    const all = [...findings, ...pr.findings].sort(compareFindings);
    ctx.io.out(formatFindings(all, format, model.sources.size, pr.review));
    return hasErrors(all) ? 1 : 0;
  },
};

/** `--now` as the UTC day the date checks use (the shared date parser refuses days not on the calendar). */
function todayFromFlag(value: string | undefined): string {
  return value === undefined ? utcDay(new Date()) : utcDay(parseDateFlag(value, "--now"));
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
