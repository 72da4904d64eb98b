// The reclaim job (README, "Commands"; docs/lifecycle.md): read → classify → edit member files → open/update PR.
//
//   1. read every seat (the seat reader pages at per_page=100);
//   2. find the open reclaim PR, and honour exemptions pushed to its branch (objections.ts);
//   3. classify (pure), then the freshness guard;
//   4. keep only deletions that exist on the base branch (the PR is built there, not from the
//      local checkout), render the body from what the commit will really contain;
//   5. with --confirm: one commit on the fixed branch, open or update the one PR, label it;
//      nothing left to reclaim closes the open PR with a comment. Without --confirm the same
//      reads run and the client refuses every write, so the preview is exactly the PR.
import { readFileSync } from "node:fs";
import path from "node:path";
import { UserError } from "../errors.js";
import { httpStatus, type GitHubClient } from "../github/client.js";
import {
  closePullRequest,
  existingFiles,
  type FileChange,
  findOpenPull,
  getBaseHead,
  openOrUpdatePullRequest,
  type PullSummary,
  readFileAt,
} from "../github/pull-request.js";
import { orgModel } from "../plan/orgs.js";
import { compareLogins, loginKey } from "../model/logins.js";
import { POLICY_FILE, type SeatModel } from "../model/types.js";
import { classify, filesToDelete, type ReclaimSeat, type SeatDecision } from "./classify.js";
import { activityFreshness, type Freshness, staleActivityNote, staleActivityProblem } from "./freshness.js";
import { findObjections, type Objections, withExemptions } from "./objections.js";
import { billingTiming, DUE_LABEL, timingParagraph } from "./billing.js";
import { checkReclaimBranch } from "./branch-guard.js";
import { EVIDENCE_FILE, placeEvidence } from "./evidence-file.js";
import { evidenceOf } from "./last-check.js";
import { findRestores, restoreNote } from "./restore.js";
import { findRenames, withRenames } from "../plan/renames.js";
import { declaredNonMembers, departed, mergeDecisions } from "./departed.js";
import { readReclaimState, seatsReadText } from "./read-state.js";
import { capRemovals, keepNote, minSeatsForRatio, ratioNote, seatEnds } from "./limits.js";
import { emptiedTeams, emptiedTeamsNote, maintainerNote, maintainerRemovals, withoutMaintainers } from "./maintainers.js";
import { postMentionComments } from "./mention-io.js";
import { formatUsd, monthlySavings, renderBody, renderCloseComment, renderTitle } from "./render.js";

export const RECLAIM_BRANCH = "seats/reclaim";
export const RECLAIM_LABEL = "seats-reclaim";

export interface ReclaimTarget {
  owner: string;
  repo: string;
  base: string;
  branch: string;
}

export interface ReclaimOptions {
  /** A model that passed validation (loadValidModel). */
  model: SeatModel;
  now: Date;
  /** The repository the PR lives in; optional for a dry run (preview from the checkout only). */
  target?: ReclaimTarget;
  confirm: boolean;
  allowStaleActivity?: boolean;
  labels?: string[];
  /** Progress and warnings (stderr). */
  log?: (line: string) => void;
  /** Seats already read (benchmarks, replays); otherwise read from GitHub. */
  seats?: readonly ReclaimSeat[];
  /** Org member logins already read (benchmarks, replays); otherwise read from GitHub. */
  members?: readonly string[];
  /**
   * The client of the repository (its branch, files and the PR); default the seat client. Apart
   * when an owner's token reads the seats and the PR-bot App writes the PR (docs/enterprise.md).
   */
  repoClient?: GitHubClient;
}

export interface ReclaimReport {
  now: string;
  org: string;
  freshness: Freshness;
  /** Every seat's decision. */
  decisions: SeatDecision[];
  /** What the PR proposes (after dropping files missing on the base). */
  reclaim: SeatDecision[];
  /** Paths the PR deletes. */
  files: string[];
  /** Deletions dropped because the base branch does not have the file. */
  missing: string[];
  /** Reclaimable seats left for a later run by the removal-ratio guard (limits.ts). */
  deferred: SeatDecision[];
  /** How many of the proposed seats end when the PR is merged (the savings count these). */
  ending: number;
  /** `_team.yaml` files edited to drop reclaimed maintainers of `copilot: team` teams. */
  teamFiles: string[];
  /** Logins whose member files the PR brings back: the last check kept their seats (restore.ts). */
  restored: string[];
  /** The next billing date and the merge-by date (billing.ts). */
  billing: ReturnType<typeof billingTiming>;
  /** Follow-up comments posted by this run to mention people the body could not. */
  mentionComments?: number;
  objections?: Objections;
  title: string;
  body: string;
  /** The evidence file the PR commits when its evidence is too big for the body (evidence-file.ts). */
  evidenceFile?: string;
  /** The PR after the run (confirm) or the open PR found (dry run). */
  pull?: { number: number; url: string; action: "created" | "updated" | "unchanged" | "closed" | "would-create" | "would-update" | "would-close" };
}

function bodyContext(opts: ReclaimOptions, notes: string[]) {
  const { policy } = opts.model;
  return {
    branch: opts.target?.branch ?? RECLAIM_BRANCH,
    base: opts.target?.base ?? "main",
    now: opts.now,
    usdPerSeatMonth: policy.pricing.usd_per_seat_month,
    inactivityDays: policy.inactivity.days,
    graceDays: policy.inactivity.new_seat_grace_days,
    notes,
  };
}

/** Restricts each decision's files to those present on the base; drops decisions left with none. */
export function restrictToPresent(reclaim: readonly SeatDecision[], present: ReadonlySet<string>): SeatDecision[] {
  return reclaim.flatMap((d) => {
    const files = d.files.filter((f) => present.has(f));
    if (!files.length) return [];
    const teams = new Set(files.map((f) => f.split("/")[1]));
    const team_mode_teams = d.team_mode_teams.filter((t) => teams.has(t));
    return [{ ...d, files, team_mode_teams, team_mode: team_mode_teams.length > 0 }];
  });
}

/**
 * Member files of people who are no longer org members and not invited. A declared non-member is
 * looked up once (`GET /orgs/{org}/memberships/{username}`: 200 pending for an invitee, 404 for
 * nobody), so the cost follows the number of such people, not the org size. An empty member list
 * (an API problem, or a token without Members read) removes nobody.
 */
async function findDeparted(client: GitHubClient, model: SeatModel, org: string, list: readonly string[], seats: readonly ReclaimSeat[], log: (line: string) => void): Promise<SeatDecision[]> {
  if (!list.length) {
    log(`warning: the member list of ${org} came back empty; nobody is treated as having left the organization`);
    return [];
  }
  const members = new Set(list.map(loginKey));
  const invited = new Set<string>();
  for (const login of declaredNonMembers(model, members)) {
    try {
      const { data } = await client.request("GET /orgs/{org}/memberships/{username}", { org, username: login });
      if (data.state === "pending" || data.state === "active") invited.add(loginKey(login));
    } catch (err) {
      if (httpStatus(err) !== 404) throw err;
    }
  }
  const out = departed(model, members, invited, seats);
  if (out.length) log(`${out.length} declared login${out.length === 1 ? " is" : "s are"} no longer in ${org}: ${out.slice(0, 10).map((d) => d.login).join(", ")}${out.length > 10 ? ", …" : ""}`);
  return out;
}

function readLocal(dir: string, file: string): string | undefined {
  try {
    return readFileSync(path.join(dir, file), "utf8");
  } catch {
    return undefined;
  }
}

export async function runReclaim(client: GitHubClient, opts: ReclaimOptions): Promise<ReclaimReport> {
  const log = opts.log ?? (() => {});
  const { target } = opts;
  const repo = opts.repoClient ?? client;
  if (opts.confirm && !target) throw new UserError("reclaim --confirm needs the repository: pass --repo <owner/name> or set GITHUB_REPOSITORY");

  // One seat per person: the enterprise's grants or every org's seats, judged over all of them (read-state.ts).
  const read = await readReclaimState(client, opts.model, { ...(opts.seats ? { seats: opts.seats } : {}), ...(opts.members ? { members: opts.members } : {}) });
  const { seats } = read;
  log(`read ${seatsReadText(read)}`);

  // A renamed account (matched by its member files' id) is judged under its login now: the seat
  // and its activity are that login's, and the person has not left the organization. The files
  // keep their paths, so what the PR deletes is still the file the repo has.
  const members = [...new Map(read.members.flatMap((m) => m.logins).map((l) => [loginKey(l), l])).values()];
  const renames = members.length ? await findRenames(client, opts.model, { members }) : [];
  if (renames.length) log(`${renames.length} renamed account${renames.length === 1 ? "" : "s"} matched by id: ${renames.map((r) => `${r.from} → ${r.to}`).join(", ")}`);
  const model = withRenames(opts.model, renames);

  // The open PR, and objections pushed to its branch.
  let open: PullSummary | undefined;
  let objections: Objections | undefined;
  let branchPolicy: string | undefined;
  if (target) {
    open = await findOpenPull(repo, target.owner, target.repo, target.branch);
    await checkReclaimBranch(repo, target.owner, target.repo, target.branch, open);
    if (open) {
      const [onBase, onBranch] = await Promise.all([
        readFileAt(repo, target.owner, target.repo, target.base, POLICY_FILE),
        readFileAt(repo, target.owner, target.repo, open.head_sha, POLICY_FILE),
      ]);
      if (onBase && onBranch) {
        objections = findObjections(onBase.content, onBranch.content, POLICY_FILE);
        if (objections.carry) branchPolicy = onBranch.content;
        if (objections.added.length) log(`honouring ${objections.added.length} exemption(s) added on ${target.branch}: ${objections.added.map((e) => e.login).join(", ")}`);
        if (objections.problem) log(`warning: ${objections.problem}`);
      }
    }
  }

  const policy = withExemptions(model.policy, objections?.added ?? []);
  const { decisions, reclaim: proposed } = classify(seats, model, policy, opts.now);
  const freshness = activityFreshness(seats, opts.now);
  const stale = staleActivityProblem(freshness, proposed, undefined, opts.allowStaleActivity === true);
  if (stale && !opts.allowStaleActivity) throw new UserError(stale);
  if (stale) log(`warning (--allow-stale-activity): ${stale}`);

  // People who left the org (departed.ts), each org's files judged by its own members (a person
  // who left one org loses that org's files only); a seat decision wins for anyone in both.
  const several = read.members.length > 1;
  const departedIn = await Promise.all(read.members.map((m) => findDeparted(client, several ? orgModel(model, m.org) : model, m.org, m.logins, seats, log)));
  const gone = mergeDecisions(departedIn.flat()).filter((d) => !proposed.some((p) => loginKey(p.login) === loginKey(d.login)));
  const candidates = [...proposed, ...gone].sort((a, b) => compareLogins(a.login, b.login));

  // Deletions must exist on the base branch: GitHub rejects a tree that deletes a missing path.
  let reclaim = candidates;
  let missing: string[] = [];
  const wanted = filesToDelete(candidates);
  let known: { baseHead?: Awaited<ReturnType<typeof getBaseHead>>; present?: Set<string> } = {};
  if (target) {
    const baseHead = await getBaseHead(repo, target.owner, target.repo, target.base);
    const present = await existingFiles(repo, target.owner, target.repo, baseHead.tree, wanted.length ? [...wanted, EVIDENCE_FILE] : []);
    missing = wanted.filter((f) => !present.has(f));
    reclaim = restrictToPresent(candidates, present);
    known = { baseHead, present };
    if (missing.length) {
      log(`warning: ${missing.length} member file(s) of the checkout are not on ${target.base} and are left out: ${missing.slice(0, 10).join(", ")}${missing.length > 10 ? ", …" : ""}`);
    }
  }
  const notes: string[] = [];
  // At most what apply accepts (the removal-ratio guard), most idle first.
  const current = seats.filter((x) => !x.pending_cancellation_date).length;
  const leftOrg = reclaim.filter((d) => d.reason === "left-org");
  const capped = capRemovals(reclaim.filter((d) => d.reason !== "left-org"), current, model.policy.seats.max_removal_ratio, minSeatsForRatio(model.policy));
  reclaim = [...capped.proposed, ...leftOrg].sort((a, b) => compareLogins(a.login, b.login));
  const deferred = capped.deferred;
  const rNote = ratioNote(capped, model.policy.seats.max_removal_ratio);
  if (rNote) {
    notes.push(rNote);
    log(`warning: ${rNote}`);
  }
  const files = filesToDelete(reclaim);
  const kNote = keepNote(reclaim, model.policy);
  if (kNote) {
    notes.push(kNote);
    log(`warning: ${kNote}`);
  }
  const ending = reclaim.filter((d) => d.reason !== "left-org" && seatEnds(d, model.policy)).length;

  // Maintainers of `copilot: team` teams keep the seat through `maintainers:` (maintainers.ts).
  const teamEdits: FileChange[] = [];
  for (const m of maintainerRemovals(reclaim, model.teams)) {
    const text = target ? (await readFileAt(repo, target.owner, target.repo, target.base, m.file))?.content : readLocal(model.dir, m.file);
    if (text === undefined) continue;
    const edited = withoutMaintainers(text, m.logins);
    if (!edited.removed.length) continue;
    teamEdits.push({ path: m.file, content: edited.text });
    notes.push(maintainerNote({ ...m, logins: edited.removed, left: edited.left }));
  }

  const emptied = emptiedTeams(model.teams, files, reclaim.map((d) => d.login));
  if (emptied.length) {
    notes.push(emptiedTeamsNote(emptied));
    log(`warning: ${emptiedTeamsNote(emptied)}`);
  }

  if (objections?.carry && objections.added.length) {
    notes.push(`This PR also adds the exemption${objections.added.length === 1 ? "" : "s"} pushed to it for ${objections.added.map((e) => e.login).join(", ")} (policies/policy.yaml).`);
  }
  if (objections?.problem) notes.push(objections.problem);
  // Counted from what this PR proposes, not from every idle seat (defect 23).
  const staleNote = stale ? staleActivityNote(freshness, reclaim) : undefined;
  if (staleNote) notes.push(staleNote);

  // People the last check kept: their files come back (restore.ts).
  const restored = target ? await findRestores(repo, target, model, seats, log) : { changes: [], restores: [] };
  if (restored.restores.length) notes.push(restoreNote(restored.restores));

  // Billing-cycle timing (billing.ts): the deadline goes in the body, and in the title when due.
  const timing = billingTiming(read.rows, opts.now);
  const usd = model.policy.pricing.usd_per_seat_month;
  const baseTitle = renderTitle(reclaim, usd, ending);
  const due = timing.due && ending > 0;
  const title = due ? `${baseTitle}: merge by ${timing.mergeBy}` : baseTitle;
  const timingText = ending > 0 ? timingParagraph(timing, formatUsd(monthlySavings(ending, usd))) : undefined;
  // The last-check evidence: in the body, or, when too big for it, a file on the branch (evidence-file.ts).
  const evidence = placeEvidence(evidenceOf(opts.now, reclaim));
  const body = renderBody(reclaim, { ...bodyContext(opts, notes), endingSeats: ending, evidence: evidence.comment, ...(timingText ? { timing: timingText } : {}) });
  const report: ReclaimReport = {
    now: opts.now.toISOString(),
    org: model.policy.org,
    freshness,
    decisions,
    reclaim,
    files,
    missing,
    deferred,
    ending,
    teamFiles: teamEdits.map((c) => c.path),
    restored: restored.restores.map((r) => r.login),
    billing: timing,
    ...(objections ? { objections } : {}),
    title,
    body,
    ...(evidence.file ? { evidenceFile: evidence.file.path } : {}),
  };

  const changes: FileChange[] = [...files.map((path) => ({ path, content: null })), ...teamEdits, ...restored.changes];
  // The carried policy and the evidence file only travel with at least one deletion: an
  // exemption-only PR would be odd. An earlier PR's evidence file on the base goes when this one
  // needs none (the file at that PR's merge commit stays its evidence).
  if (branchPolicy !== undefined && changes.length) changes.push({ path: POLICY_FILE, content: branchPolicy });
  if (changes.length && evidence.file) changes.push(evidence.file);
  else if (changes.length && known.present?.has(EVIDENCE_FILE)) changes.push({ path: EVIDENCE_FILE, content: null });

  if (!opts.confirm || !target) {
    if (open) report.pull = { number: open.number, url: open.html_url, action: changes.length ? "would-update" : "would-close" };
    else if (changes.length && target) report.pull = { number: 0, url: "", action: "would-create" };
    return report;
  }

  if (!changes.length) {
    if (open) {
      let comment = renderCloseComment(opts.now, target.base);
      if (objections?.added.length) {
        comment += `\n\nThe exemptions added on this branch (${objections.added.map((e) => e.login).join(", ")}) are not on \`${target.base}\`: add them there, or these seats will be proposed again once they are reclaimable.`;
      }
      await closePullRequest(repo, target.owner, target.repo, open.number, comment);
      report.pull = { number: open.number, url: open.html_url, action: "closed" };
    }
    return report;
  }

  const n = reclaim.length;
  const result = await openOrUpdatePullRequest(
    repo,
    {
      owner: target.owner,
      repo: target.repo,
      base: target.base,
      branch: target.branch,
      message: `${title}\n\nGenerated by \`seats reclaim\` at ${report.now}: ${n} seat${n === 1 ? "" : "s"}, ${files.length} member file${files.length === 1 ? "" : "s"} deleted.`,
      changes,
      title,
      body,
      // The due label follows the deadline both ways: once the PR is no longer due (the date
      // passed and the next cycle's deadline applies, or nothing in it ends a seat), it comes off.
      labels: [...(opts.labels ?? [RECLAIM_LABEL]), ...(due ? [DUE_LABEL] : [])],
      removeLabels: due ? [] : [DUE_LABEL],
    },
    { ...known, pull: open ?? null },
  );
  if (!result) throw new Error("reclaim: the commit came out empty although changes were computed"); // a bug: present paths were checked
  report.pull = { number: result.pull.number, url: result.pull.html_url, action: result.action };
  // Everyone the body could not mention is mentioned in follow-up comments (mentions.ts).
  report.mentionComments = await postMentionComments(repo, target, result.pull.number, reclaim);
  return report;
}
