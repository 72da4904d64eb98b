// The answer on a seat-request issue (`seats ci request-reply`): the PR that `seats request
// --open-pr` opened, or the error and how to fix the issue.

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
    return `Opened ${url} for your seat. A maintainer of the team reviews it (in a team with \`enrollment: open\`, an org member's self-add needs no approval); once merged, the seat is assigned and this issue can be closed.`;
  }
  const tail = opts.output.trim().split("\n").slice(-20).join("\n");
  return `The seat request failed:\n\n${fenced(tail || "(no output)")}\n\nEdit the issue to fix the problem and I will try again, or ask the admins for help.`;
}
