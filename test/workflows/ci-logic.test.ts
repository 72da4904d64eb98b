// The pure parts of the `seats ci` steps (src/ci/): table-driven, no network.
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { escapeData, formatOutput } from "../../src/ci/actions-io.js";
import { type CommitLike, parseRequestBranch, reviewAuthor } from "../../src/ci/author.js";
import { isPlanChecksum, parseChecksum } from "../../src/ci/checksum.js";
import { buildComment, findStickyComment } from "../../src/ci/comment.js";
import { formatProbe, probesFor } from "../../src/ci/doctor.js";
import { decideGate, type GateInput } from "../../src/ci/gate.js";
import { parseIssueForm, requestFromIssue } from "../../src/ci/issue-form.js";
import { isMergeableNow, mergeMethod } from "../../src/ci/merge.js";
import { overlayPrData } from "../../src/ci/overlay.js";
import { parsePlanExternalId, planCheckRun, planExternalId, reviewedFromChecks } from "../../src/ci/plan-check.js";
import { mergedPullFor, pullForRun } from "../../src/ci/pulls.js";
import { fenced, pullRequestUrl, requestReply } from "../../src/ci/request-reply.js";
import { approversFromReviews } from "../../src/ci/reviews.js";
import { blockingRuns } from "../../src/ci/runs.js";
import { approvalCheckRun } from "../../src/ci/steps/publish-step.js";
import { blockedReasons } from "../../src/ci/steps/gate-step.js";
import { PLAN_MARKER } from "../../src/plan/render/markdown.js";
import { requestBranch } from "../../src/request/member-file.js";
import type { Review, ReviewItem } from "../../src/validate/review.js";
import { tempDir } from "../helpers/seat-repo.js";

const SUM = "a".repeat(64);
const HEAD = "b".repeat(40);
const OLD = "c".repeat(40);
const BASE = "e".repeat(40);
const form = (team: string, reason: string) => `### Team\n\n${team}\n\n### Reason\n\n${reason}\n`;

describe("issue form → seats request", () => {
  it("parses headings and answers, mapping _No response_ to empty", () => {
    expect([...parseIssueForm("### Team\r\n\r\nplatform\r\n\r\n### Reason\n\n_No response_\n")]).toEqual([
      ["Team", "platform"],
      ["Reason", ""],
    ]);
  });

  it.each([
    { name: "a plain request", issue: { body: form("platform", "I write Go."), user: { login: "octo-cat" } }, want: { team: "platform", reason: "I write Go.", login: "octo-cat" } },
    { name: "team written as @org/Team", issue: { body: form("@acme/Platform", "x"), user: { login: "a" } }, want: { team: "platform", reason: "x", login: "a" } },
    { name: "seats/ prefix", issue: { body: form("seats/data-science/", "x"), user: { login: "a" } }, want: { team: "data-science", reason: "x", login: "a" } },
    { name: "multi-line reason with control characters becomes one line", issue: { body: form("ops", "line one\n\nline\u0007 two"), user: { login: "a" } }, want: { team: "ops", reason: "line one line two", login: "a" } },
    { name: "shell metacharacters stay inert text", issue: { body: form("ops", '$(rm -rf /) `id` "; exit 1'), user: { login: "a" } }, want: { team: "ops", reason: '$(rm -rf /) `id` "; exit 1', login: "a" } },
  ])("$name", ({ issue, want }) => {
    expect(requestFromIssue(issue)).toEqual(want);
  });

  it.each([
    { name: "empty team", issue: { body: form("_No response_", "x"), user: { login: "a" } }, error: "field is empty" },
    { name: "team with a path", issue: { body: form("../../etc", "x"), user: { login: "a" } }, error: "is not a team slug" },
    { name: "team with spaces", issue: { body: form("my team", "x"), user: { login: "a" } }, error: "is not a team slug" },
    { name: "empty reason", issue: { body: form("ops", ""), user: { login: "a" } }, error: "Reason" },
    { name: "long reason", issue: { body: form("ops", "x".repeat(501)), user: { login: "a" } }, error: "keep it under 500" },
    { name: "a bot author", issue: { body: form("ops", "x"), user: { login: "dependabot[bot]", type: "Bot" } }, error: "not a bot" },
    { name: "no author", issue: { body: form("ops", "x"), user: null }, error: "not a valid GitHub login" },
  ])("rejects $name", ({ issue, error }) => {
    const r = requestFromIssue(issue);
    expect("error" in r && r.error).toContain(error);
  });

  it("ignores any login typed into the form: the seat is for the author", () => {
    expect(requestFromIssue({ body: `${form("ops", "x")}\n### Login\n\nsomeone-else\n`, user: { login: "author" } })).toMatchObject({ login: "author" });
  });
});

describe("Actions plumbing", () => {
  it("uses a heredoc delimiter the value cannot forge", () => {
    expect(formatOutput("reason", "a\nEOF\nlogin=evil", "DELIM")).toBe("reason<<DELIM\na\nEOF\nlogin=evil\nDELIM\n");
    expect(() => formatOutput("x", "has DELIM inside", "DELIM")).toThrow(/delimiter/);
  });

  it("escapes annotation data so a message cannot start a second command", () => {
    expect(escapeData("a\n::warning::b 100%")).toBe("a%0A::warning::b 100%25");
  });

  it.each([
    { value: SUM, ok: true },
    { value: SUM.toUpperCase(), ok: false },
    { value: "a".repeat(63), ok: false },
    { value: 42, ok: false },
  ])("isPlanChecksum($value)", ({ value, ok }) => {
    expect(isPlanChecksum(value)).toBe(ok);
  });

  it("normalises a typed checksum and rejects anything else", () => {
    expect(parseChecksum(` ${SUM.toUpperCase()} `, "x")).toBe(SUM);
    expect(() => parseChecksum("main; rm -rf /", "the checksum input")).toThrow(/the checksum input must be the 64-hex-digit sha256/);
  });
});

describe("the reviewed plan: a seats/plan check run of the pipeline's App", () => {
  const APP = 77;
  const run = (over: Partial<Parameters<typeof reviewedFromChecks>[0][number]> = {}) => ({
    id: 10,
    name: "seats/plan",
    head_sha: HEAD,
    status: "completed",
    conclusion: "success",
    external_id: planExternalId({ checksum: SUM, head: HEAD, base: BASE }),
    app: { id: APP },
    ...over,
  });
  const opts = { appId: APP, headSha: HEAD, pr: 7, recover: "RECOVER" };

  it("round-trips the record, with null checksum and base", () => {
    expect(parsePlanExternalId(planExternalId({ checksum: SUM, head: HEAD, base: BASE }))).toEqual({ checksum: SUM, teams: null, head: HEAD, base: BASE });
    expect(parsePlanExternalId(planExternalId({ checksum: null, head: HEAD, base: null }))).toEqual({ checksum: null, teams: null, head: HEAD, base: null });
    // The team half's checksum rides along when the plan has team changes.
    const TEAMS = "e".repeat(64);
    expect(planExternalId({ checksum: SUM, teams: TEAMS, head: HEAD, base: BASE })).toBe(`seats-plan/1 checksum=${SUM} teams=${TEAMS} head=${HEAD} base=${BASE}`);
    expect(parsePlanExternalId(planExternalId({ checksum: SUM, teams: TEAMS, head: HEAD, base: BASE }))).toEqual({ checksum: SUM, teams: TEAMS, head: HEAD, base: BASE });
    expect(parsePlanExternalId(`${planExternalId({ checksum: SUM, head: HEAD, base: BASE })} `)).toBeUndefined();
    expect(parsePlanExternalId(null)).toBeUndefined();
  });

  it("builds a completed check run whose conclusion says whether a plan exists", () => {
    expect(planCheckRun({ checksum: SUM, head: HEAD, base: BASE }, "md", "https://x/run")).toMatchObject({ name: "seats/plan", head_sha: HEAD, status: "completed", conclusion: "success", details_url: "https://x/run", output: { text: "md" } });
    expect(planCheckRun({ checksum: null, head: HEAD, base: null }, undefined, undefined)).toMatchObject({ conclusion: "failure", output: { title: "No plan" } });
    expect(planCheckRun({ checksum: SUM, head: HEAD, base: BASE }, "x".repeat(70_000), undefined).output.text!.length).toBeLessThanOrEqual(65_535);
  });

  it.each([
    { name: "the App's plan of the merged head", runs: [run()], want: { ok: true, checksum: SUM, teams: null, base: BASE } },
    { name: "the newest of several runs", runs: [run({ id: 3, external_id: planExternalId({ checksum: "d".repeat(64), head: HEAD, base: BASE }) }), run()], want: { ok: true, checksum: SUM, teams: null, base: BASE } },
    { name: "no run: merged before the plan existed", runs: [], error: "merged before its plan existed" },
    { name: "another App's run (a writer's workflow)", runs: [run({ app: { id: 1 } })], error: "no seats/plan check run" },
    { name: "a run still in progress", runs: [run({ status: "in_progress", conclusion: null })], error: "no seats/plan check run" },
    { name: "a record for another head", runs: [run({ external_id: planExternalId({ checksum: SUM, head: OLD, base: BASE }) })], error: "computed for another commit (cccccc" },
    { name: "an unreadable record", runs: [run({ external_id: "forged" })], error: "unreadable record" },
    { name: "a failed plan", runs: [run({ conclusion: "failure", external_id: planExternalId({ checksum: null, head: HEAD, base: null }) })], error: "failed" },
  ])("$name", ({ runs, want, error }) => {
    const r = reviewedFromChecks(runs, opts);
    if (want) expect(r).toEqual(want);
    else {
      expect(!r.ok && r.error).toContain(error);
      expect(!r.ok && r.error).toContain("RECOVER");
    }
  });
});

describe("which PR", () => {
  const pr = (number: number, sha: string, base = "main", state = "open") => ({ number, state, head: { sha }, base: { ref: base }, user: { login: "a" } });
  it.each([
    { name: "the open PR into main with the run's commit", prs: [pr(1, OLD), pr(2, HEAD)], want: 2 },
    { name: "a newer push: no match", prs: [pr(1, OLD)], why: "no open pull request" },
    { name: "closed PRs are ignored", prs: [pr(3, HEAD, "main", "closed")], why: "no open pull request" },
    { name: "a PR into another branch is not planned", prs: [pr(4, HEAD, "seats/reclaim")], why: "merges into seats/reclaim, not the default branch" },
  ])("$name", ({ prs, want, why }) => {
    const r = pullForRun(prs, HEAD, "main");
    if (want) expect(r.pr?.number).toBe(want);
    else expect(r.why).toContain(why);
  });

  const merged = (number: number, mergeSha: string, base = "main") => ({ ...pr(number, HEAD, base, "closed"), merged_at: "2026-01-01T00:00:00Z" as string | null, merge_commit_sha: mergeSha });
  it.each([
    { name: "the PR whose merge commit this push is", prs: [merged(8, OLD), merged(7, BASE)], want: 7 },
    { name: "never another merged PR that merely contains the commit", prs: [merged(8, OLD)], want: undefined },
    { name: "never an unmerged PR", prs: [{ ...merged(7, BASE), merged_at: null }], want: undefined },
    { name: "never a PR merged into another base", prs: [merged(7, BASE, "release")], want: undefined },
  ])("merged PR: $name", ({ prs, want }) => {
    expect(mergedPullFor(prs, BASE, "main")?.number).toBe(want);
  });
});

describe("whose change: who opened the PR and who made its commits", () => {
  const BOT = "seats-bot[bot]";
  const commit = (author: string | null, committer: string | null = author, verified = true): CommitLike => ({
    sha: "f".repeat(40),
    author: author ? { login: author } : null,
    committer: committer ? { login: committer } : null,
    commit: { verification: { verified } },
  });
  const base = { headRepo: "acme/seats", baseRepo: "acme/seats", botLogin: BOT };
  const request = requestBranch("platform", "Heidi-New");

  it("parses exactly the branches requestBranch makes", () => {
    expect(parseRequestBranch(request)).toEqual({ team: "platform", login: "heidi-new" });
    expect(parseRequestBranch("seats/request/platform/a/b")).toBeUndefined();
    expect(parseRequestBranch("seats/request/platform/Heidi")).toBeUndefined();
    expect(parseRequestBranch("seats/reclaim")).toBeUndefined();
  });

  it.each([
    { name: "a person's own commits", i: { ...base, login: "heidi-new", type: "User", headRef: "patch-1", commits: [commit("heidi-new", "web-flow")] }, want: "heidi-new" },
    { name: "a person's commit with an unlinked e-mail is still theirs", i: { ...base, login: "heidi-new", type: "User", headRef: "p", commits: [commit(null)] }, want: "heidi-new" },
    { name: "a person on a request-looking branch is themselves", i: { ...base, login: "mallory", type: "User", headRef: request, commits: [commit("mallory")] }, want: "mallory" },
    { name: "someone else pushed onto a person's PR: nobody", i: { ...base, login: "alice", type: "User", headRef: "p", commits: [commit("alice"), commit("mallory")] }, want: undefined },
    { name: "the App's issue-form request", i: { ...base, login: BOT, type: "Bot", headRef: request, commits: [commit(BOT)] }, want: "heidi-new" },
    { name: "a writer pushed onto the App's request branch: reviewed as the writer", i: { ...base, login: BOT, type: "Bot", headRef: request, commits: [commit(BOT), commit("mallory", "web-flow")] }, want: "mallory" },
    { name: "a writer pushed onto the reclaim branch: reviewed as the writer", i: { ...base, login: BOT, type: "Bot", headRef: "seats/reclaim", commits: [commit(BOT), commit("mallory")] }, want: "mallory" },
    { name: "a spoofed bot commit (unverified): nobody", i: { ...base, login: BOT, type: "Bot", headRef: request, commits: [commit(BOT, BOT, false)] }, want: undefined },
    { name: "a bot commit with no linked account: nobody", i: { ...base, login: BOT, type: "Bot", headRef: request, commits: [commit(null)] }, want: undefined },
    { name: "two writers on the bot's branch: nobody", i: { ...base, login: BOT, type: "Bot", headRef: request, commits: [commit("mallory"), commit("trudy")] }, want: undefined },
    { name: "the App's reclaim PR: nobody (owners approve)", i: { ...base, login: BOT, type: "Bot", headRef: "seats/reclaim", commits: [commit(BOT)] }, want: undefined },
    { name: "another App's request-looking branch", i: { ...base, login: "renovate[bot]", type: "Bot", headRef: request, commits: [commit("renovate[bot]")] }, want: undefined },
    { name: "the App's branch in a fork", i: { ...base, headRepo: "evil/seats", login: BOT, type: "Bot", headRef: request, commits: [commit(BOT)] }, want: undefined },
    { name: "the untrusted PR workflow knows no App", i: { ...base, botLogin: undefined, login: BOT, type: "Bot", headRef: request, commits: [commit(BOT)] }, want: undefined },
  ])("$name", ({ i, want }) => {
    const r = reviewAuthor(i);
    expect(r.author).toBe(want);
    expect(r.why.length).toBeGreaterThan(10);
  });

  it("fails closed on a person whose login validate cannot check", () => {
    expect(() => reviewAuthor({ ...base, login: "bad--login", type: "User", headRef: "x", commits: [] })).toThrow(/ask an admin/);
  });
});

describe("approvers", () => {
  const r = (login: string, state: string, commit_id: string = HEAD, type = "User") => ({ user: { login, type }, state, commit_id });
  it.each([
    { name: "none", reviews: [], want: [] },
    { name: "approvals, sorted", reviews: [r("zed", "APPROVED"), r("amy", "APPROVED")], want: ["amy", "zed"] },
    { name: "a later change request revokes", reviews: [r("amy", "APPROVED"), r("amy", "CHANGES_REQUESTED")], want: [] },
    { name: "a dismissed approval does not count", reviews: [r("amy", "APPROVED"), r("amy", "DISMISSED")], want: [] },
    { name: "a later comment keeps the approval", reviews: [r("amy", "APPROVED"), r("amy", "COMMENTED")], want: ["amy"] },
    { name: "an approval of an older commit does not count", reviews: [r("amy", "APPROVED", OLD)], want: [] },
    { name: "the author and the requester never count", reviews: [r("Author", "APPROVED"), r("heidi", "APPROVED")], want: [] },
    { name: "bots never count", reviews: [r("seats-bot[bot]", "APPROVED", HEAD, "Bot"), r("robot", "APPROVED", HEAD, "Bot")], want: [] },
    { name: "deleted users are skipped", reviews: [{ user: null, state: "APPROVED", commit_id: HEAD }], want: [] },
  ])("$name", ({ reviews, want }) => {
    expect(approversFromReviews(reviews, { exclude: ["author", "heidi"], headSha: HEAD })).toEqual(want);
  });
});

describe("the approval gate (seats/approval)", () => {
  const item = (over: Partial<ReviewItem> = {}): ReviewItem => ({
    file: "seats/ops/dave.yaml",
    change: "added",
    owner: "ops",
    allowed: true,
    approvers: [],
    reason: "the author's own member file in team ops (enrollment: open): no approval needed",
    approved: false,
    needsAdmin: false,
    adminApproved: false,
    ...over,
  });
  const review = (items: ReviewItem[], autoApprove = false): Review => ({ author: "dave", items, selfService: autoApprove, autoApprove });
  const input = (over: Partial<GateInput> = {}): GateInput => ({
    planOk: true,
    validationErrors: 0,
    review: review([item()], true),
    author: "dave",
    authorWhy: "the PR author, dave",
    openEnrollmentRefusal: undefined,
    approvers: [],
    ...over,
  });

  it.each([
    { name: "self-service to an open team by an org member merges itself", g: input(), conclusion: "success", title: "Self-service", autoMerge: true },
    { name: "no plan", g: input({ planOk: false }), conclusion: "failure", title: "No plan" },
    { name: "validation errors", g: input({ validationErrors: 2 }), conclusion: "failure", title: "Validation failed" },
    {
      name: "a non-member's self-add waits for a maintainer and says why",
      g: input({ openEnrollmentRefusal: "dave is not a member of the organization acme", review: review([item({ approvers: ["olga"] })]) }),
      conclusion: "action_required",
      title: "Waiting for 1 approval",
      says: "not a member of the organization acme",
    },
    { name: "someone else's file without approval", g: input({ review: review([item({ allowed: false, approvers: ["olga", "@acme/admins"] })]) }), conclusion: "action_required", says: "one of olga, @acme/admins" },
    { name: "someone else's file approved by its maintainer", g: input({ approvers: ["olga"], review: review([item({ allowed: true, approvers: ["olga"], approved: true })]) }), conclusion: "success", title: "Approved", autoMerge: false },
    { name: "a maintainer's _team.yaml change still needs an admin", g: input({ review: review([item({ file: "seats/ops/_team.yaml", needsAdmin: true })]) }), conclusion: "action_required", says: "an admin" },
    { name: "a _team.yaml change an admin approved", g: input({ approvers: ["root"], review: review([item({ file: "seats/ops/_team.yaml", needsAdmin: true, adminApproved: true })]) }), conclusion: "success" },
    { name: "a PR with no file changes", g: input({ review: review([]) }), conclusion: "success", title: "No approval needed" },
  ])("$name", ({ g, conclusion, title, autoMerge, says }) => {
    const d = decideGate(g);
    expect(d.name).toBe("seats/approval");
    expect(d.conclusion).toBe(conclusion);
    if (title) expect(d.title).toContain(title);
    expect(d.autoMerge).toBe(autoMerge ?? false);
    if (says) expect(d.summary).toContain(says);
  });

  it("turns a missing decision into a failing check, never a passing one", () => {
    expect(approvalCheckRun(HEAD, undefined, undefined)).toMatchObject({ name: "seats/approval", conclusion: "failure", output: { title: "No decision" } });
  });

  it("finds the author's blocked entries in the plan", () => {
    const plan = { blocked: [{ target: "Dave", reason: "not an org member" }, { target: "erin", reason: "x" }] };
    expect(blockedReasons(plan, "dave")).toEqual(["not an org member"]);
    expect(blockedReasons(undefined, "dave")).toEqual([]);
  });
});

describe("sticky comment (for people; nothing reads it back)", () => {
  it("keeps the renderer's marker, adds the status and the preview, and stays under GitHub's limit", () => {
    const body = buildComment({ markdown: `${PLAN_MARKER}\n### Plan\n+1`, preview: "+ github:index/team:Team new", head: HEAD, base: BASE, runUrl: "https://x/run", status: "**Approval:** ok" });
    expect(body.split(PLAN_MARKER)).toHaveLength(2);
    expect(body).toContain("**Approval:** ok");
    expect(body).toContain("pulumi preview");
    expect(body).toContain("+ github:index/team:Team new");
    expect(body).toContain("`seats/plan` check");
    const huge = buildComment({ markdown: `${PLAN_MARKER}\n${"x".repeat(70_000)}`, preview: "p".repeat(70_000), head: HEAD, base: BASE, runUrl: undefined });
    expect(huge.length).toBeLessThanOrEqual(65_536);
    expect(huge).toContain("truncated");
  });

  it("says when the plan failed", () => {
    expect(buildComment({ markdown: undefined, preview: undefined, head: HEAD, base: undefined, runUrl: undefined })).toContain("could not be computed for `bbbbbbb`");
  });

  it("fences a preview that contains backticks", () => {
    const body = buildComment({ markdown: PLAN_MARKER, preview: "a ```` b", head: HEAD, base: BASE, runUrl: undefined });
    expect(body).toMatch(/`{5}text\na ```` b\n`{5}/);
  });

  it("finds only the bot's own comment with the marker, the latest one", () => {
    const bot = "seats-bot[bot]";
    const comments = [
      { id: 1, body: `${PLAN_MARKER} forged`, user: { login: "mallory" } },
      { id: 2, body: "unrelated", user: { login: bot } },
      { id: 3, body: `${PLAN_MARKER} plan`, user: { login: bot } },
      { id: 4, body: `${PLAN_MARKER} plan again`, user: { login: "Seats-Bot[bot]" } },
    ];
    expect(findStickyComment(comments, bot)?.id).toBe(4);
    expect(findStickyComment(comments.slice(0, 2), bot)).toBeUndefined();
  });
});

describe("request reply", () => {
  it.each([
    { name: "success with a PR link", opts: { ok: true, output: "opened https://github.com/acme/seats/pull/42\n" }, says: "Opened https://github.com/acme/seats/pull/42" },
    { name: "failure shows the output", opts: { ok: false, output: "seats request: seats/nope/ does not exist" }, says: "seats/nope/ does not exist" },
    { name: "form error", opts: { ok: false, output: "", formError: 'the "Team" field is empty' }, says: "could not read this request" },
  ])("$name", ({ opts, says }) => {
    expect(requestReply(opts)).toContain(says);
  });

  it("finds the PR URL (GHE.com too) and fences output that contains backticks", () => {
    expect(pullRequestUrl("see https://acme.ghe.com/org/seats/pull/9).")).toBe("https://acme.ghe.com/org/seats/pull/9");
    expect(fenced("a ```` b")).toMatch(/^`{5}text\n/);
  });
});

describe("merging", () => {
  it("merge method defaults to squash and rejects unknown values", () => {
    expect(mergeMethod(undefined)).toBe("squash");
    expect(mergeMethod("REBASE")).toBe("rebase");
    expect(() => mergeMethod("fast-forward")).toThrow(/merge, squash or rebase/);
  });

  it.each([
    ["Pull request Pull request is in clean status", true],
    ["Pull request is in unstable status", true],
    ["Auto merge is not allowed for this repository", false],
  ])("%s → merge directly: %s", (message, now) => {
    expect(isMergeableNow(message)).toBe(now);
  });
});

describe("apply order", () => {
  const run = (id: number, run_number: number, status: string) => ({ id, run_number, status });
  it.each([
    { name: "a plan waits for every unfinished apply", runs: [run(1, 1, "in_progress"), run(2, 2, "completed"), run(3, 3, "waiting")], mine: undefined, want: [1, 3] },
    { name: "an apply waits only for older runs", runs: [run(1, 1, "queued"), run(5, 5, "in_progress"), run(9, 9, "queued")], mine: { id: 5, runNumber: 5 }, want: [1] },
    { name: "the same run listed under two statuses counts once", runs: [run(1, 1, "queued"), run(1, 1, "in_progress")], mine: { id: 5, runNumber: 5 }, want: [1] },
    { name: "nothing in the way", runs: [run(1, 1, "completed")], mine: { id: 5, runNumber: 5 }, want: [] },
  ])("$name", ({ runs, mine, want }) => {
    expect(blockingRuns(runs, mine).map((r) => r.id)).toEqual(want);
  });
});

describe("doctor", () => {
  it("probes what each App's jobs call", () => {
    expect(probesFor("ro", "acme", "acme", "seats", "main").map((p) => p.route)).toEqual(["GET /orgs/{org}/copilot/billing", "GET /orgs/{org}/members", "GET /orgs/{org}/teams"]);
    expect(probesFor("bot", "acme", "acme", "seats", "main").map((p) => p.route)).toContain("GET /repos/{owner}/{repo}/commits/{ref}/check-runs");
  });

  it("names the missing permission on failure", () => {
    const line = formatProbe({ probe: probesFor("rw", "acme", "a", "b", "main")[0]!, status: 403, accepted: "organization_copilot_seat_management=read", message: "Resource not accessible by integration" });
    expect(line).toMatch(/^FAIL .*→ 403/);
    expect(line).toContain("the endpoint accepts: organization_copilot_seat_management=read");
  });
});

describe("overlay of PR data", () => {
  const temps: string[] = [];
  afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tmp = () => {
    const d = tempDir("seats-overlay-").dir;
    temps.push(d);
    return d;
  };

  it("replaces seats/, policy.yaml and CODEOWNERS only, dropping files the PR deleted", () => {
    const pr = tmp();
    const ws = tmp();
    for (const d of ["seats/ops", "policies", ".github/workflows"]) mkdirSync(path.join(pr, d), { recursive: true });
    for (const d of ["seats/old", "policies", ".github"]) mkdirSync(path.join(ws, d), { recursive: true });
    writeFileSync(path.join(pr, "seats/ops/_team.yaml"), "name: Ops\n");
    writeFileSync(path.join(pr, "policies/policy.yaml"), "org: pr\n");
    writeFileSync(path.join(pr, "policies/team.schema.json"), '{"evil": true}');
    writeFileSync(path.join(pr, ".github/CODEOWNERS"), "* @pr\n");
    writeFileSync(path.join(pr, ".github/workflows/evil.yml"), "on: push\n");
    writeFileSync(path.join(ws, "seats/old/_team.yaml"), "name: Old\n");
    writeFileSync(path.join(ws, "policies/team.schema.json"), "{}");
    expect(overlayPrData(pr, ws)).toBe(3);
    expect(readFileSync(path.join(ws, "policies/policy.yaml"), "utf8")).toBe("org: pr\n");
    expect(readFileSync(path.join(ws, "policies/team.schema.json"), "utf8")).toBe("{}");
    expect(readFileSync(path.join(ws, ".github/CODEOWNERS"), "utf8")).toBe("* @pr\n");
    expect(existsSync(path.join(ws, ".github/workflows/evil.yml"))).toBe(false);
    expect(existsSync(path.join(ws, "seats/old"))).toBe(false);
  });

  it.each([
    { name: "a linked member file", make: (pr: string, outside: string) => (mkdirSync(path.join(pr, "seats/ops"), { recursive: true }), symlinkSync(path.join(outside, "x.yaml"), path.join(pr, "seats/ops/root.yaml"))), says: "seats/ops/root.yaml is a symbolic link" },
    { name: "a linked policies/ folder", make: (pr: string, outside: string) => symlinkSync(outside, path.join(pr, "policies")), says: "policies is a symbolic link" },
    { name: "a linked .github/ folder", make: (pr: string, outside: string) => symlinkSync(outside, path.join(pr, ".github")), says: ".github is a symbolic link" },
    { name: "a linked seats/ folder", make: (pr: string, outside: string) => symlinkSync(outside, path.join(pr, "seats")), says: "seats is a symbolic link" },
  ])("refuses $name and leaves the workspace alone", ({ make, says }) => {
    const pr = tmp();
    const ws = tmp();
    const outside = tmp();
    writeFileSync(path.join(outside, "policy.yaml"), "org: evil\n");
    writeFileSync(path.join(outside, "CODEOWNERS"), "* @evil\n");
    writeFileSync(path.join(outside, "x.yaml"), "login: x\n");
    mkdirSync(path.join(ws, "seats/keep"), { recursive: true });
    writeFileSync(path.join(ws, "seats/keep/_team.yaml"), "name: Keep\n");
    make(pr, outside);
    expect(() => overlayPrData(pr, ws)).toThrow(says);
    expect(existsSync(path.join(ws, "seats/keep/_team.yaml"))).toBe(true);
  });
});
