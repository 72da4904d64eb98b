// The pure parts of the workflow scripts in .github/scripts/ (the API calls around them are thin).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { pathToFileURL } from "node:url";
import { formatOutput, isEntry } from "../../.github/scripts/actions-io.js";
import { approversFromReviews } from "../../.github/scripts/approvers.js";
import { requestFromIssue, parseIssueForm } from "../../.github/scripts/issue-form.js";
import { mergeMethod, selfApproval } from "../../.github/scripts/approve.js";
import { overlayPrData } from "../../.github/scripts/overlay-pr-data.js";
import { buildPlanComment, findPlanComment, parsePlanMeta, PLAN_MARKER } from "../../.github/scripts/plan-comment.js";
import { pickPullRequest } from "../../.github/scripts/pr-for-run.js";
import { fenced, pullRequestUrl, requestReply } from "../../.github/scripts/request-reply.js";
import { mergedPullFor, reviewedChecksum } from "../../.github/scripts/reviewed-plan.js";
import { reviewAuthor } from "../../.github/scripts/review-author.js";

const SUM = "a".repeat(64);
const HEAD = "b".repeat(40);
const OLD = "c".repeat(40);
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
    { name: "team written as @org/Team or seats/team/", issue: { body: form("@acme/Platform", "x"), user: { login: "a" } }, want: { team: "platform", reason: "x", login: "a" } },
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
    const body = `${form("ops", "x")}\n### Login\n\nsomeone-else\n`;
    expect(requestFromIssue({ body, user: { login: "author" } })).toMatchObject({ login: "author" });
  });
});

describe("step outputs", () => {
  it("uses a heredoc delimiter the value cannot forge", () => {
    const out = formatOutput("reason", "a\nEOF\nlogin=evil", "DELIM");
    expect(out).toBe("reason<<DELIM\na\nEOF\nlogin=evil\nDELIM\n");
    expect(() => formatOutput("x", "has DELIM inside", "DELIM")).toThrow(/delimiter/);
  });
});

describe("approvers", () => {
  const r = (login: string, state: string) => ({ user: { login }, state });
  it.each([
    { name: "none", reviews: [], want: [] },
    { name: "approvals, sorted", reviews: [r("zed", "APPROVED"), r("amy", "APPROVED")], want: ["amy", "zed"] },
    { name: "a later change request revokes", reviews: [r("amy", "APPROVED"), r("amy", "CHANGES_REQUESTED")], want: [] },
    { name: "a dismissed approval does not count", reviews: [r("amy", "APPROVED"), r("amy", "DISMISSED")], want: [] },
    { name: "a later comment keeps the approval", reviews: [r("amy", "APPROVED"), r("amy", "COMMENTED")], want: ["amy"] },
    { name: "the author never counts", reviews: [r("Author", "APPROVED")], want: [] },
    { name: "deleted users are skipped", reviews: [{ user: null, state: "APPROVED" }], want: [] },
  ])("$name", ({ reviews, want }) => {
    expect(approversFromReviews(reviews, "author")).toEqual(want);
  });
});

describe("sticky plan comment", () => {
  const bot = "github-actions[bot]";
  it("adds the marker when the markdown lacks it and round-trips the meta", () => {
    const body = buildPlanComment("### Plan\n+1 seat", { checksum: SUM, head_sha: HEAD });
    expect(body.startsWith(PLAN_MARKER)).toBe(true);
    expect(parsePlanMeta(body)).toEqual({ checksum: SUM, head_sha: HEAD });
  });

  it("keeps the renderer's marker and truncates huge plans", () => {
    const body = buildPlanComment(`${PLAN_MARKER}\n${"x".repeat(70_000)}`, { checksum: null, head_sha: HEAD });
    expect(body.split(PLAN_MARKER)).toHaveLength(2);
    expect(body.length).toBeLessThan(65_536);
    expect(body).toContain("truncated");
    expect(parsePlanMeta(body)).toEqual({ checksum: null, head_sha: HEAD });
  });

  it.each([
    { name: "no meta", body: "hello", want: undefined },
    { name: "bad checksum", body: `<!-- seats-plan-meta {"checksum":"zz","head_sha":"${HEAD}"} -->`, want: undefined },
    { name: "bad sha", body: `<!-- seats-plan-meta {"checksum":"${SUM}","head_sha":"main"} -->`, want: undefined },
    { name: "not JSON", body: "<!-- seats-plan-meta {nope} -->", want: undefined },
  ])("parsePlanMeta: $name", ({ body, want }) => {
    expect(parsePlanMeta(body)).toEqual(want);
  });

  it("finds only the bot's own comment with the marker, the latest one", () => {
    const comments = [
      { id: 1, body: `${PLAN_MARKER} forged`, user: { login: "mallory" } },
      { id: 2, body: "unrelated", user: { login: bot } },
      { id: 3, body: `${PLAN_MARKER} plan`, user: { login: bot } },
      { id: 4, body: `${PLAN_MARKER} plan again`, user: { login: bot } },
    ];
    expect(findPlanComment(comments, bot)?.id).toBe(4);
    expect(findPlanComment(comments.slice(0, 2), bot)).toBeUndefined();
  });
});

describe("PR lookup for a workflow_run", () => {
  const pr = (number: number, sha: string, state = "open") => ({ number, state, head: { sha }, base: { ref: "main" }, user: { login: "a" } });
  it.each([
    { name: "matches the run's commit", prs: [pr(1, OLD), pr(2, HEAD)], want: 2 },
    { name: "a newer push: no match", prs: [pr(1, OLD)], want: undefined },
    { name: "closed PRs are ignored", prs: [pr(3, HEAD, "closed")], want: undefined },
  ])("$name", ({ prs, want }) => {
    expect(pickPullRequest(prs, HEAD)?.number).toBe(want);
  });
});

describe("reviewed plan for an apply", () => {
  const bot = "github-actions[bot]";
  const merged = { number: 7, merged_at: "2026-01-01T00:00:00Z", merge_commit_sha: "d".repeat(40), head: { sha: HEAD } };
  const comment = (checksum: string | null, head: string) => ({ id: 1, user: { login: bot }, body: buildPlanComment("plan", { checksum, head_sha: head }) });

  it.each([
    { name: "the plan of the merged head", pr: merged, comments: [comment(SUM, HEAD)], want: { ok: true, checksum: SUM, pr: 7 } },
    { name: "no PR (direct push)", pr: undefined, comments: [], error: "not merged through a pull request" },
    { name: "no plan comment", pr: merged, comments: [], error: "has no plan comment" },
    { name: "a plan of an older commit", pr: merged, comments: [comment(SUM, OLD)], error: "computed for cccccc" },
    { name: "a failed plan", pr: merged, comments: [comment(null, HEAD)], error: "the plan on #7 failed" },
    {
      name: "a forged comment by someone else",
      pr: merged,
      comments: [{ ...comment(SUM, HEAD), user: { login: "mallory" } }],
      error: "has no plan comment",
    },
  ])("$name", ({ pr, comments, want, error }) => {
    const r = reviewedChecksum(pr, comments, bot, "d".repeat(40));
    if (want) expect(r).toEqual(want);
    else expect(!r.ok && r.error).toContain(error);
  });

  it("picks the PR whose merge commit is this push", () => {
    const other = { ...merged, number: 8, merge_commit_sha: "e".repeat(40) };
    expect(mergedPullFor([other, merged], "d".repeat(40))?.number).toBe(7);
    expect(mergedPullFor([{ ...merged, merged_at: null }], "d".repeat(40))).toBeUndefined();
  });
});

describe("request reply", () => {
  it.each([
    { name: "success with a PR link", opts: { ok: true, output: "opened https://github.com/acme/seats/pull/42\n" }, says: "Opened https://github.com/acme/seats/pull/42" },
    { name: "failure shows the output", opts: { ok: false, output: "seats request: seats/nope/ does not exist" }, says: "seats/nope/ does not exist" },
    { name: "form error", opts: { ok: false, output: "", formError: "the \"Team\" field is empty" }, says: "could not read this request" },
  ])("$name", ({ opts, says }) => {
    expect(requestReply(opts)).toContain(says);
  });

  it("finds the PR URL (GHE.com too) and fences output that contains backticks", () => {
    expect(pullRequestUrl("see https://acme.ghe.com/org/seats/pull/9).")).toBe("https://acme.ghe.com/org/seats/pull/9");
    expect(fenced("a ```` b")).toMatch(/^`{5}text\n/);
  });

  it("merge method defaults to squash and rejects unknown values", () => {
    expect(mergeMethod(undefined)).toBe("SQUASH");
    expect(mergeMethod("rebase")).toBe("REBASE");
    expect(() => mergeMethod("fast-forward")).toThrow(/merge, squash or rebase/);
  });
});

describe("overlay of PR data", () => {
  const temps: string[] = [];
  afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tmp = () => {
    const d = mkdtempSync(path.join(os.tmpdir(), "seats-overlay-"));
    temps.push(d);
    return d;
  };

  it("replaces seats/ and policy.yaml only, dropping files the PR deleted", () => {
    const pr = tmp();
    const ws = tmp();
    mkdirSync(path.join(pr, "seats/ops"), { recursive: true });
    mkdirSync(path.join(pr, "policies"), { recursive: true });
    mkdirSync(path.join(ws, "seats/old"), { recursive: true });
    mkdirSync(path.join(ws, "policies"), { recursive: true });
    writeFileSync(path.join(pr, "seats/ops/_team.yaml"), "name: Ops\n");
    writeFileSync(path.join(pr, "policies/policy.yaml"), "org: pr\n");
    writeFileSync(path.join(pr, "policies/team.schema.json"), "{\"evil\": true}");
    writeFileSync(path.join(ws, "seats/old/_team.yaml"), "name: Old\n");
    writeFileSync(path.join(ws, "policies/team.schema.json"), "{}");
    expect(overlayPrData(pr, ws)).toBe(2);
    expect(readFileSync(path.join(ws, "policies/policy.yaml"), "utf8")).toBe("org: pr\n");
    expect(readFileSync(path.join(ws, "policies/team.schema.json"), "utf8")).toBe("{}");
    expect(existsSync(path.join(ws, "seats/old"))).toBe(false);
    expect(existsSync(path.join(ws, "seats/ops/_team.yaml"))).toBe(true);
  });

  it("refuses symbolic links", () => {
    const pr = tmp();
    mkdirSync(path.join(pr, "seats/ops"), { recursive: true });
    symlinkSync("/etc/passwd", path.join(pr, "seats/ops/root.yaml"));
    expect(() => overlayPrData(pr, tmp())).toThrow(/symbolic link/);
  });
});

describe("review author (seats validate --author)", () => {
  const base = { headRepo: "acme/seats", baseRepo: "acme/seats", appSlug: "seats-app" };
  it.each([
    { name: "a person", i: { ...base, login: "Heidi-New", type: "User", headRef: "patch-1" }, want: "Heidi-New" },
    { name: "a person on a request-looking branch is still themselves", i: { ...base, login: "mallory", type: "User", headRef: "seats/request/platform/heidi" }, want: "mallory" },
    { name: "the App's issue-form request", i: { ...base, login: "seats-app[bot]", type: "Bot", headRef: "seats/request/platform/heidi-new" }, want: "heidi-new" },
    { name: "the App's reclaim PR", i: { ...base, login: "seats-app[bot]", type: "Bot", headRef: "seats/reclaim" }, want: undefined },
    { name: "another App's request-looking branch", i: { ...base, login: "renovate[bot]", type: "Bot", headRef: "seats/request/platform/heidi" }, want: undefined },
    { name: "the App's branch in a fork", i: { ...base, login: "seats-app[bot]", type: "Bot", headRef: "seats/request/platform/heidi", headRepo: "evil/seats" }, want: undefined },
    { name: "an unknown App (seats-pr.yml has no App slug)", i: { ...base, appSlug: undefined, login: "seats-app[bot]", type: "Bot", headRef: "seats/request/platform/heidi" }, want: undefined },
    { name: "a nested branch name", i: { ...base, login: "seats-app[bot]", type: "Bot", headRef: "seats/request/platform/a/b" }, want: undefined },
  ])("$name", ({ i, want }) => {
    expect(reviewAuthor(i).author).toBe(want);
  });

  it("fails closed on a person whose login validate cannot check", () => {
    expect(() => reviewAuthor({ ...base, login: "bad--login", type: "User", headRef: "x" })).toThrow(/ask an admin/);
  });
});

describe("approvers: bots and requesters", () => {
  const r = (login: string, state: string) => ({ user: { login }, state });
  it("leaves out bot reviews (validate --approvers takes logins) and the requester of a bot PR", () => {
    const reviews = [r("seats-app[bot]", "APPROVED"), r("heidi-new", "APPROVED"), r("alice-admin", "APPROVED")];
    expect(approversFromReviews(reviews, "seats-app[bot]", "heidi-new")).toEqual(["alice-admin"]);
    expect(approversFromReviews(reviews, "octo", "")).toEqual(["alice-admin", "heidi-new"]);
  });
});

describe("plan comment meta cannot be forged from the plan's text", () => {
  const SUM2 = "d".repeat(64);
  it("escapes a meta line inside the Markdown and reads only the appended one", () => {
    const forged = `${PLAN_MARKER}\nreason <!-- seats-plan-meta {"checksum":"${SUM2}","head_sha":"${HEAD}"} -->`;
    const body = buildPlanComment(forged, { checksum: SUM, head_sha: HEAD });
    expect(body.match(/<!-- seats-plan-meta /g)).toHaveLength(1);
    expect(parsePlanMeta(body)).toEqual({ checksum: SUM, head_sha: HEAD });
  });

  it("takes the last meta line of a body", () => {
    const a = `<!-- seats-plan-meta {"checksum":"${SUM2}","head_sha":"${HEAD}"} -->`;
    const b = `<!-- seats-plan-meta {"checksum":"${SUM}","head_sha":"${HEAD}"} -->`;
    expect(parsePlanMeta(`${a}\n${b}\n`)?.checksum).toBe(SUM);
  });
});

describe("overlay of PR data: CODEOWNERS travels with the teams", () => {
  const temps: string[] = [];
  afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
  it("copies .github/CODEOWNERS but nothing else under .github/", () => {
    const pr = mkdtempSync(path.join(os.tmpdir(), "seats-overlay-"));
    const ws = mkdtempSync(path.join(os.tmpdir(), "seats-overlay-"));
    temps.push(pr, ws);
    mkdirSync(path.join(pr, ".github/workflows"), { recursive: true });
    mkdirSync(path.join(ws, ".github"), { recursive: true });
    writeFileSync(path.join(pr, ".github/CODEOWNERS"), "* @pr\n");
    writeFileSync(path.join(pr, ".github/workflows/evil.yml"), "on: push\n");
    writeFileSync(path.join(ws, ".github/CODEOWNERS"), "* @main\n");
    expect(overlayPrData(pr, ws)).toBe(1);
    expect(readFileSync(path.join(ws, ".github/CODEOWNERS"), "utf8")).toBe("* @pr\n");
    expect(existsSync(path.join(ws, ".github/workflows/evil.yml"))).toBe(false);
  });
});

describe("isEntry", () => {
  const temps: string[] = [];
  afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
  it("recognises the script through a symlinked folder (and nothing else)", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "seats-entry-"));
    temps.push(dir);
    const real = path.resolve(import.meta.dirname, "../../.github/scripts");
    symlinkSync(real, path.join(dir, "scripts"));
    const saved = process.argv[1];
    try {
      process.argv[1] = path.join(dir, "scripts/plan-comment.ts");
      expect(isEntry(pathToFileURL(path.join(real, "plan-comment.ts")).href)).toBe(true);
      expect(isEntry(pathToFileURL(path.join(real, "approve.ts")).href)).toBe(false);
    } finally {
      process.argv[1] = saved!;
    }
  });
});

describe("auto-approval by the PR's own author", () => {
  it.each([
    { name: "a person's PR", author: "heidi-new", slug: "seats-app", self: false },
    { name: "the App's own request PR", author: "Seats-App[bot]", slug: "seats-app", self: true },
    { name: "a request PR approved by a second App", author: "seats-app[bot]", slug: "seats-approver", self: false },
    { name: "no slug known", author: "seats-app[bot]", slug: undefined, self: false },
  ])("$name", ({ author, slug, self }) => {
    expect(selfApproval(author, slug) !== undefined).toBe(self);
  });
});

describe("every workflow step gives its script the environment it requires", () => {
  const ROOT = path.resolve(import.meta.dirname, "../..");
  /** Set by the runner for every step. */
  const RUNNER = new Set(["GITHUB_REPOSITORY", "GITHUB_EVENT_PATH", "GITHUB_EVENT_NAME", "GITHUB_OUTPUT", "GITHUB_API_URL", "GITHUB_STEP_SUMMARY"]);
  const uses: { wf: string; step: string; script: string; env: string[] }[] = [];
  for (const wf of readdirSync(path.join(ROOT, ".github/workflows")).filter((f) => f.endsWith(".yml"))) {
    const doc = parse(readFileSync(path.join(ROOT, ".github/workflows", wf), "utf8")) as { env?: Record<string, string>; jobs: Record<string, { steps: { name?: string; id?: string; run?: string; env?: Record<string, string> }[] }> };
    for (const job of Object.values(doc.jobs)) {
      for (const s of job.steps) {
        const m = /npx tsx \.github\/scripts\/([\w-]+\.ts)/.exec(s.run ?? "");
        if (m) uses.push({ wf, step: s.name ?? s.id ?? m[1]!, script: m[1]!, env: [...Object.keys(doc.env ?? {}), ...Object.keys(s.env ?? {})] });
      }
    }
  }

  it("finds the script steps", () => {
    expect(new Set(uses.map((u) => u.script))).toEqual(
      new Set(["pr-for-run.ts", "overlay-pr-data.ts", "review-author.ts", "approvers.ts", "plan-comment.ts", "approve.ts", "reviewed-plan.ts", "issue-form.ts", "request-reply.ts"]),
    );
  });

  it.each(uses.map((u) => [`${u.wf}: ${u.step}`, u] as const))("%s", (_, u) => {
    const text = readFileSync(path.join(ROOT, ".github/scripts", u.script), "utf8");
    const required = [...text.matchAll(/requireEnv\(env, "(\w+)"\)/g)].map((m) => m[1]!);
    // clientFromEnv reads the credential from GITHUB_TOKEN (the App-credential variables are not used in Actions).
    if (text.includes("clientFromEnv(")) required.push("GITHUB_TOKEN");
    const missing = required.filter((name) => !RUNNER.has(name) && !u.env.includes(name));
    expect(missing).toEqual([]);
  });
});
