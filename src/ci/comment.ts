// The one sticky comment on a seat PR, for people: the plan Markdown (found by the renderer's
// marker among the bot's own comments, updated in place, never duplicated) and the Pulumi preview
// of team changes. Nothing reads it back: the reviewed plan is the `seats/plan` check run.
import { GITHUB_COMMENT_LIMIT, PLAN_MARKER } from "../plan/render/markdown.js";
import { fenced } from "./request-reply.js";

export interface CommentInput {
  /** `seats plan --markdown`; undefined when planning failed. */
  markdown: string | undefined;
  /** `pulumi preview` output; undefined when there was no preview. */
  preview: string | undefined;
  head: string;
  base: string | undefined;
  /** Link to the run, for the log and artifacts. */
  runUrl: string | undefined;
  /** One line about the approval gate, shown above the plan. */
  status?: string | undefined;
}

export function buildComment(c: CommentInput): string {
  const short = (s: string) => s.slice(0, 7);
  const where = c.runUrl ? `[the seats-plan run](${c.runUrl})` : "the seats-plan run";
  const foot =
    `\n\n<sub>Computed for head \`${short(c.head)}\`${c.base ? ` merged into \`${short(c.base)}\`` : ""} by ${where}. ` +
    "The merge applies the plan recorded in the `seats/plan` check; this comment is for reading only.</sub>\n";
  let body = c.markdown?.trim() || `### Copilot seat plan\n\nThe plan could not be computed for \`${short(c.head)}\`; see ${where}.`;
  if (!body.includes(PLAN_MARKER)) body = `${PLAN_MARKER}\n${body}`;
  if (c.status) body = body.replace(PLAN_MARKER, `${PLAN_MARKER}\n${c.status}\n`);
  const budget = GITHUB_COMMENT_LIMIT - foot.length;
  if (body.length > budget) body = `${body.slice(0, budget - 200)}\n\n… (truncated; the full plan is in ${where})`;
  if (c.preview !== undefined) {
    const head = "\n\n### Teams and memberships (`pulumi preview`)\n\n<details><summary>preview</summary>\n\n";
    const tail = "\n\n</details>";
    const room = budget - body.length - head.length - tail.length - 200;
    if (room > 500) {
      let text = c.preview.trim() || "(no output)";
      if (text.length > room) text = `${text.slice(0, room)}\n… (truncated; the full preview is in the run log)`;
      body += `${head}${fenced(text)}${tail}`;
    } else {
      body += `\n\n_The Pulumi preview does not fit in this comment; see ${where}._`;
    }
  }
  return `${body}${foot}`;
}

export interface CommentLike {
  id: number;
  body?: string | null;
  user: { login: string } | null;
}

/** The bot's sticky comment: the latest of its own comments that carries the marker. */
export function findStickyComment<C extends CommentLike>(comments: readonly C[], bot: string): C | undefined {
  const mine = comments.filter((c) => c.user?.login.toLowerCase() === bot.toLowerCase() && (c.body ?? "").includes(PLAN_MARKER));
  return mine[mine.length - 1];
}
