// The reviewed plan, stored where only the pipeline can write it: a check run named `seats/plan`
// that the pipeline's PR-bot GitHub App creates on the PR's head commit. GitHub lets only the App
// that created a check run update it, and the apply reads it back filtered by that App's id, so a
// writer can neither edit nor forge it (a PR comment, which every writer may edit, is for people).
// The record (checksum, head and base the plan was computed for) sits in `external_id`; the
// output repeats it for people.
import { isCommitSha } from "./actions-io.js";
import { isPlanChecksum } from "./checksum.js";

export const PLAN_CHECK = "seats/plan";
export const APPROVAL_CHECK = "seats/approval";

export interface PlanRecord {
  /** The plan's checksum; null when planning failed (the check run then concludes `failure`). */
  checksum: string | null;
  /**
   * The checksum of the plan's team changes (what `pulumi up` does), checked before `pulumi up`
   * on merge; null when the plan has none or the record predates it.
   */
  teams?: string | null;
  /** The PR head commit the plan is for. */
  head: string;
  /** The base commit GitHub merged it into (the merge commit's first parent); null when unknown (planning failed before). */
  base: string | null;
}

const RECORD = /^seats-plan\/1 checksum=([0-9a-f]{64}|none)(?: teams=([0-9a-f]{64}|none))? head=([0-9a-f]{40}) base=([0-9a-f]{40}|none)$/;

export function planExternalId(r: PlanRecord): string {
  const teams = r.teams ? ` teams=${r.teams}` : "";
  return `seats-plan/1 checksum=${r.checksum ?? "none"}${teams} head=${r.head} base=${r.base ?? "none"}`;
}

export function parsePlanExternalId(value: string | null | undefined): PlanRecord | undefined {
  const m = RECORD.exec(value ?? "");
  if (!m) return undefined;
  const teams = m[2] === undefined || m[2] === "none" ? null : m[2];
  return { checksum: m[1] === "none" ? null : m[1]!, teams, head: m[3]!, base: m[4] === "none" ? null : m[4]! };
}

/** GitHub caps a check run's output.summary and output.text at 65,535 characters each. */
export const CHECK_OUTPUT_LIMIT = 65_535;

export function truncate(text: string, limit: number, note: string): string {
  if (text.length <= limit) return text;
  const tail = `\n\n… (truncated; ${note})`;
  return `${text.slice(0, Math.max(0, limit - tail.length))}${tail}`;
}

export interface CheckRunBody {
  name: string;
  head_sha: string;
  status: "completed";
  conclusion: "success" | "failure" | "action_required" | "neutral";
  external_id?: string;
  details_url?: string;
  output: { title: string; summary: string; text?: string };
}

/** The `seats/plan` check run for a computed (or failed) plan. */
export function planCheckRun(r: PlanRecord, markdown: string | undefined, detailsUrl: string | undefined): CheckRunBody {
  const short = (s: string) => s.slice(0, 7);
  const ok = r.checksum !== null;
  const summary = ok
    ? `Plan for head \`${short(r.head)}\` merged into base \`${short(r.base ?? "unknown")}\`.\n\nChecksum \`${r.checksum}\`: the merge applies exactly this plan, or nothing (docs/workflows.md).`
    : `The plan could not be computed for head \`${short(r.head)}\`; see the seats-plan run's log. A merge of this commit is refused until a plan exists: push again, or re-run seats-plan.`;
  return {
    name: PLAN_CHECK,
    head_sha: r.head,
    status: "completed",
    conclusion: ok ? "success" : "failure",
    external_id: planExternalId(r),
    ...(detailsUrl ? { details_url: detailsUrl } : {}),
    output: {
      title: ok ? `Plan ${r.checksum!.slice(0, 12)}` : "No plan",
      summary,
      ...(markdown ? { text: truncate(markdown, CHECK_OUTPUT_LIMIT, "the full plan is in the seats-plan run's artifact") } : {}),
    },
  };
}

/** Only the fields of a check run this module reads. */
export interface CheckRunLike {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  external_id: string | null;
  app: { id: number } | null;
}

export type Reviewed = { ok: true; checksum: string; teams: string | null; base: string } | { ok: false; error: string };

/**
 * The reviewed plan of `headSha`: the newest completed `seats/plan` check run of the App `appId`
 * on that commit. Anything else (no run, another App's run, a run for another head, a failed plan)
 * is refused with what to do.
 */
export function reviewedFromChecks(runs: readonly CheckRunLike[], opts: { appId: number; headSha: string; pr: number; recover: string }): Reviewed {
  const mine = runs
    .filter((r) => r.name === PLAN_CHECK && r.app?.id === opts.appId && r.status === "completed")
    .sort((a, b) => b.id - a.id);
  const at = `head ${opts.headSha.slice(0, 7)} of #${opts.pr}`;
  const latest = mine[0];
  if (!latest) return { ok: false, error: `no ${PLAN_CHECK} check run of the pipeline's App (id ${opts.appId}) on ${at}: the PR was merged before its plan existed; ${opts.recover}` };
  const record = parsePlanExternalId(latest.external_id);
  if (!record || latest.head_sha !== opts.headSha || record.head !== opts.headSha) {
    return { ok: false, error: `the ${PLAN_CHECK} check run on ${at} was computed for another commit (${record?.head.slice(0, 7) ?? "unreadable record"}); ${opts.recover}` };
  }
  if (latest.conclusion !== "success" || !isPlanChecksum(record.checksum)) {
    return { ok: false, error: `the plan of ${at} failed, so there is no reviewed plan to apply; ${opts.recover}` };
  }
  if (record.base === null || !isCommitSha(record.base)) return { ok: false, error: `the ${PLAN_CHECK} record on ${at} names no base commit; ${opts.recover}` };
  return { ok: true, checksum: record.checksum, teams: record.teams ?? null, base: record.base };
}
