import { hasErrors } from "../../model/findings.js";
import { UsageError } from "../../errors.js";
import { formatFindings, type FindingFormat } from "../../validate/format.js";
import { validateRepo } from "../../validate/validate.js";
import { type Command, stringOpt } from "../command.js";

export const validateCommand: Command = {
  name: "validate",
  summary: "offline checks of every file: YAML, schema, cross-file rules",
  help: `Usage: seats validate [--dir <path>] [--format text|github|json] [--author <login> --base <git-ref>]

Checks every file under seats/ and policies/ offline: YAML syntax, the JSON Schemas in
policies/*.schema.json, and the cross-file rules. Each problem is printed as
  path:line:col: severity: message; fix: what to do [rule]
with paths relative to --dir.

Flags:
  --format text     (default) one line per problem and a summary line
  --format github   GitHub Actions annotations (::error file=...) followed by the text
  --format json     {ok, errors, warnings, files, findings[]} on stdout
  --author <login>  with --base: also check what this PR author may change
  --base <git-ref>  the ref the PR merges into (e.g. origin/main)

Exit codes: 0 valid (warnings allowed), 1 problems found, 2 usage error.`,
  options: {
    format: { type: "string" },
    author: { type: "string" },
    base: { type: "string" },
  },
  async run(ctx) {
    const format = (stringOpt(ctx, "format") ?? "text") as FindingFormat;
    if (!["text", "github", "json"].includes(format)) {
      throw new UsageError(`--format must be text, github or json (got "${format}")`);
    }
    const { model, findings } = validateRepo(ctx.dir);
    ctx.io.out(formatFindings(findings, format, model.sources.size));
    return hasErrors(findings) ? 1 : 0;
  },
};
