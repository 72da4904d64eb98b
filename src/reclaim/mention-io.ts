// Posting the reclaim PR's follow-up mention comments (mentions.ts decides what they say): the
// PR's comments are read once, and only people no earlier comment mentioned get a new one. A
// comment whose answer was lost is looked for before it is sent again, so nobody is notified twice.
import { httpStatus, type GitHubClient } from "../github/client.js";
import { listAll } from "../github/read.js";
import type { SeatDecision } from "./classify.js";
import { alreadyMentioned, mentionComments } from "./mentions.js";
import { MAX_MENTIONS, toMention } from "./render.js";

export async function postMentionComments(
  client: GitHubClient,
  target: { owner: string; repo: string },
  number: number,
  reclaim: readonly SeatDecision[],
): Promise<number> {
  if (toMention(reclaim).length <= MAX_MENTIONS) return 0;
  const base = { owner: target.owner, repo: target.repo, issue_number: number };
  const read = () => listAll<{ body?: string | null }>(client, "GET /repos/{owner}/{repo}/issues/{issue_number}/comments", base);
  const bodies = mentionComments(reclaim, alreadyMentioned(await read()));
  for (const body of bodies) {
    try {
      await client.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...base, body, request: { retries: 0 } });
    } catch (err) {
      const status = httpStatus(err);
      if (status !== undefined && status < 500) throw err;
      if (!(await read()).some((c) => c.body === body)) await client.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...base, body });
    }
  }
  return bodies.length;
}
