// Everyone a reclaim PR names is told. The body @-mentions the first MAX_MENTIONS people (more
// in one body trips GitHub's abuse detection, and the body is capped in size); everyone else is
// mentioned in follow-up comments on the PR, MAX_MENTIONS per comment, each with a collapsed
// table of exactly the seats it mentions, so every row is shown somewhere in the PR. A later run
// mentions only people no earlier comment mentioned (a comment is found by its marker), so
// updating the PR never notifies anyone twice. Pure: the I/O is in run.ts.
import type { SeatDecision } from "./classify.js";
import { MAX_MENTIONS, renderRow, TABLE_HEAD, toMention } from "./render.js";
import { loginKey } from "../model/logins.js";

export const MENTION_MARKER = "<!-- seats-reclaim mentions -->";

/** Logins @-mentioned in the tool's earlier mention comments (by marker), lower-cased. */
export function alreadyMentioned(comments: readonly { body?: string | null }[]): Set<string> {
  const out = new Set<string>();
  for (const c of comments) {
    if (!c.body?.startsWith(MENTION_MARKER)) continue;
    for (const m of c.body.matchAll(/(?:^|\s)@([A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)/g)) out.add(loginKey(m[1]!));
  }
  return out;
}

/** The follow-up comments for people the body does not mention and no earlier comment did. */
export function mentionComments(reclaim: readonly SeatDecision[], mentioned: ReadonlySet<string>, maxMentions = MAX_MENTIONS): string[] {
  const rest = toMention(reclaim).slice(maxMentions).filter((d) => !mentioned.has(loginKey(d.login)));
  const out: string[] = [];
  for (let i = 0; i < rest.length; i += maxMentions) {
    const part = rest.slice(i, i + maxMentions);
    out.push(
      [
        MENTION_MARKER,
        `This PR also removes the Copilot seats of the ${part.length} people below (see "Still need your seat?" in the description to keep yours).`,
        "",
        `<details><summary>${part.length} seat${part.length === 1 ? "" : "s"}</summary>`,
        "",
        ...TABLE_HEAD,
        ...part.map(renderRow),
        "",
        "</details>",
        "",
        `cc ${part.map((d) => `@${d.login}`).join(" ")}`,
      ].join("\n"),
    );
  }
  return out;
}
