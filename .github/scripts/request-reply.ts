// Answers a seat-request issue with the outcome of `seats request --open-pr`: the PR link, or the
// error and how to fix the issue. Env: ISSUE_NUMBER, OUTCOME (success|failure), OUTPUT_FILE (the
// command's output), FORM_ERROR (issue-form.ts's error, if parsing failed).
import { existsSync, readFileSync } from "node:fs";
import { clientFromEnv, isEntry, repoFromEnv, requireEnv, runMain } from "./actions-io.js";

export function pullRequestUrl(output: string): string | undefined {
  return /https?:\/\/[^\s)>\]]+\/pull\/\d+/.exec(output)?.[0];
}

/** A fenced block that the text cannot close early, whatever backticks it contains. */
export function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

export function requestReply(opts: { ok: boolean; output: string; formError?: string }): string {
  if (opts.formError) {
    return `I could not read this request: ${opts.formError}.\n\nEdit the issue to fix it; I will try again.`;
  }
  const url = pullRequestUrl(opts.output);
  if (opts.ok && url) {
    return `Opened ${url} for your seat. A maintainer of the team reviews it (teams with \`enrollment: open\` approve self-adds automatically); once merged, the seat is assigned and this issue can be closed.`;
  }
  const tail = opts.output.trim().split("\n").slice(-20).join("\n");
  return `The seat request failed:\n\n${fenced(tail || "(no output)")}\n\nEdit the issue to fix the problem and I will try again, or ask the admins for help.`;
}

async function main(): Promise<void> {
  const env = process.env;
  const { owner, repo } = repoFromEnv(env);
  const issue_number = Number(requireEnv(env, "ISSUE_NUMBER"));
  const file = env.OUTPUT_FILE;
  const output = file && existsSync(file) ? readFileSync(file, "utf8") : "";
  const body = requestReply({ ok: env.OUTCOME === "success", output, ...(env.FORM_ERROR ? { formError: env.FORM_ERROR } : {}) });
  const octokit = clientFromEnv(env, true);
  await octokit.rest.issues.createComment({ owner, repo, issue_number, body });
}

if (isEntry(import.meta.url)) runMain(main);
