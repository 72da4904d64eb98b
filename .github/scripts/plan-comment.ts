// The one sticky plan comment on a seat PR: found by the `<!-- seats-plan -->` marker among the
// bot's own comments, updated in place, never duplicated. A second hidden line records the plan's
// checksum and the commit it was computed for; seats-apply.yml reads it back to apply exactly the
// reviewed plan (reviewed-plan.ts).
import { readFileSync } from "node:fs";
import { clientFromEnv, isEntry, repoFromEnv, requireEnv, runMain } from "./actions-io.js";

export const PLAN_MARKER = "<!-- seats-plan -->";
export const DEFAULT_BOT = "github-actions[bot]";
const META_PREFIX = "<!-- seats-plan-meta ";
const META = /<!-- seats-plan-meta (\{[^\n]*?\}) -->/g;
const SHA256 = /^[0-9a-f]{64}$/;
const GIT_SHA = /^[0-9a-f]{40}$/;

export interface PlanMeta {
  /** The plan's checksum (plan JSON `checksum`), or null when planning failed. */
  checksum: string | null;
  /** The PR head commit the plan was computed for. */
  head_sha: string;
}

/** Comment limit is 65,536 characters; a huge plan is cut and points at the artifact. */
export const MAX_BODY = 60_000;

export function buildPlanComment(markdown: string, meta: PlanMeta, artifactHint = "the `seats-plan` artifact of the seats-plan run"): string {
  // Defence in depth: the plan Markdown quotes repository data, which must never be able to
  // pose as the meta line (the renderer escapes `<` in table cells; this covers every other line).
  let md = markdown.trim().split(META_PREFIX).join("&lt;!-- seats-plan-meta ");
  if (!md.includes(PLAN_MARKER)) md = `${PLAN_MARKER}\n${md}`;
  if (md.length > MAX_BODY) md = `${md.slice(0, MAX_BODY)}\n\n… (truncated; the full plan is in ${artifactHint})`;
  return `${md}\n\n<!-- seats-plan-meta ${JSON.stringify(meta)} -->\n`;
}

/** The meta line buildPlanComment appends: the LAST one in the body, so no text above it counts. */
export function parsePlanMeta(body: string): PlanMeta | undefined {
  const m = [...body.matchAll(META)].pop();
  if (!m) return undefined;
  try {
    const v = JSON.parse(m[1]!) as Partial<PlanMeta>;
    const checksum = v.checksum === null ? null : typeof v.checksum === "string" && SHA256.test(v.checksum) ? v.checksum : undefined;
    if (checksum === undefined || typeof v.head_sha !== "string" || !GIT_SHA.test(v.head_sha)) return undefined;
    return { checksum, head_sha: v.head_sha };
  } catch {
    return undefined;
  }
}

export interface CommentLike {
  id: number;
  body?: string | null;
  user: { login: string; type?: string } | null;
}

/** The bot's sticky plan comment (the latest, should there ever be more than one). */
export function findPlanComment<C extends CommentLike>(comments: readonly C[], bot: string): C | undefined {
  const mine = comments.filter((c) => c.user?.login === bot && (c.body ?? "").includes(PLAN_MARKER));
  return mine[mine.length - 1];
}

async function main(): Promise<void> {
  const env = process.env;
  const { owner, repo } = repoFromEnv(env);
  const issue_number = Number(requireEnv(env, "PR_NUMBER"));
  const headSha = requireEnv(env, "HEAD_SHA");
  const bot = env.SEATS_COMMENT_BOT || DEFAULT_BOT;
  let markdown: string;
  let checksum: string | null = null;
  try {
    markdown = readFileSync(requireEnv(env, "PLAN_MARKDOWN"), "utf8");
    const plan = JSON.parse(readFileSync(requireEnv(env, "PLAN_JSON"), "utf8")) as { checksum?: unknown };
    if (typeof plan.checksum === "string" && SHA256.test(plan.checksum)) checksum = plan.checksum;
  } catch {
    // Planning failed before writing its files: say so in the same sticky comment.
    markdown = `${PLAN_MARKER}\n### Copilot seat plan\n\nThe plan could not be computed for ${headSha.slice(0, 7)}; see the seats-plan run's log.`;
  }
  const body = buildPlanComment(markdown, { checksum, head_sha: headSha });
  const octokit = clientFromEnv(env, true);
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
  const existing = findPlanComment(comments as CommentLike[], bot);
  if (existing) {
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
    process.stdout.write(`updated plan comment ${existing.id} on #${issue_number}\n`);
  } else {
    const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number, body });
    process.stdout.write(`created plan comment ${data.id} on #${issue_number}\n`);
  }
}

if (isEntry(import.meta.url)) runMain(main);
