// The pipeline's glue, executed: each test runs the exact `run:` scripts of the workflows
// (step-runner.ts) in a stand-in checkout (workspace.ts), with the env the workflow gives them,
// against the GitHub API emulator over real HTTP. Steps that are actions (checkout, the App
// token) are replaced by what they leave behind: files in the workspace, step outputs.
//
// Not covered here, because the emulator does not serve them: the PR reviews list (approvers.ts),
// the PRs of a commit (reviewed-plan.ts on push) and the auto-merge GraphQL call (approve.ts);
// their pure logic is in scripts.test.ts, and reviewed-plan.ts is fed the emulator's real
// comment below.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../src/emulator/index.js";
import type { Plan } from "../../src/plan/types.js";
import { type CommentLike, parsePlanMeta } from "../../.github/scripts/plan-comment.js";
import { requestReply } from "../../.github/scripts/request-reply.js";
import { reviewedChecksum } from "../../.github/scripts/reviewed-plan.js";
import { ROOT, runStep, type ExprContext, type StepRun } from "./step-runner.js";
import { checkoutMerge, gitIn, workspace, type Workspace } from "./workspace.js";

const FIXTURE = path.join(ROOT, "test/fixtures/workflows/repo");
const REPO = "acme-corp/copilot-seats";
const APP = "seats-app";
const TIMEOUT = 180_000;

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

function fixtureFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of [
    "policies/policy.yaml",
    "seats/platform/_team.yaml",
    "seats/platform/alice-admin.yaml",
    "seats/platform/frank-ops.yaml",
    "seats/engineering/_team.yaml",
    "seats/engineering/bob-builder.yaml",
    ".github/CODEOWNERS",
  ]) {
    out[rel] = readFileSync(path.join(FIXTURE, rel), "utf8");
  }
  return out;
}

/** The org matches the fixture: every declared person holds a seat, so the only plan is a PR's. */
function seed(): EmulatorSeed {
  return {
    org: { login: "acme-corp", seat_management_setting: "assign_selected" },
    viewer: "octo-admin",
    members: [{ login: "octo-admin", role: "admin" }, "alice-admin", "frank-ops", "bob-builder", "heidi-new"],
    teams: [
      { name: "Platform", members: [{ login: "alice-admin", role: "maintainer" }, "frank-ops"] },
      { name: "Engineering", members: [{ login: "alice-admin", role: "maintainer" }, "bob-builder"] },
    ],
    seats: [
      { login: "alice-admin", created_at: daysAgo(200), last_activity_at: daysAgo(1) },
      { login: "bob-builder", created_at: daysAgo(200), last_activity_at: daysAgo(2) },
      // Idle for 90 days: the nightly reclaim proposes removing this seat.
      { login: "frank-ops", created_at: daysAgo(200), last_activity_at: daysAgo(90) },
    ],
    repos: [{ full_name: REPO, default_branch: "main", files: fixtureFiles() }],
  };
}

let emu: RunningEmulator;
const spaces: Workspace[] = [];
const ws = (git = false) => {
  const w = workspace(FIXTURE, { git });
  spaces.push(w);
  return w;
};

beforeAll(async () => {
  emu = await startEmulator({ seed: seed() });
});
afterAll(async () => {
  spaces.forEach((w) => w.remove());
  await emu.close();
});

/** What the runner sets for every step of a job in this repository. */
const runner = (event: string, extra: Record<string, string> = {}) => ({
  GITHUB_REPOSITORY: REPO,
  GITHUB_API_URL: emu.url,
  GITHUB_EVENT_NAME: event,
  GITHUB_ACTOR: "octo-admin",
  SEATS_WRITE_INTERVAL_MS: "0",
  SEATS_RETRY_BASE_MS: "1",
  ...extra,
});

async function api<T>(route: string): Promise<T> {
  const res = await fetch(`${emu.url}${route}`, { headers: { authorization: "Bearer t", accept: "application/vnd.github+json" } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

interface Pull {
  number: number;
  state: string;
  title: string;
  html_url: string;
  node_id: string;
  merged_at: string | null;
  merge_commit_sha: string | null;
  head: { ref: string; sha: string };
  user: { login: string };
}

const ok = (r: StepRun) => {
  expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
  return r;
};

// ---------------------------------------------------------------------------------------------

describe("seats-request.yml: the issue form becomes a request PR for the issue's author", () => {
  const form = (team: string, reason: string) => `### Team\n\n${team}\n\n### Reason\n\n${reason}\n\n### Login\n\nmallory\n`;
  const issueEvent = (body: string) => ({
    action: "edited",
    issue: { number: 12, state: "open", body, user: { login: "heidi-new", type: "User" }, labels: [{ name: "copilot-seat" }] },
    // Someone else edited the issue: the seat is still for the author, never the editor or the form.
    sender: { login: "alice-admin", type: "User" },
    repository: { full_name: REPO, default_branch: "main" },
  });

  it(
    "parses the form, opens the PR through the API, and the reply links it",
    async () => {
      const w = ws();
      const event = issueEvent(form("Platform", "I build CI pipelines"));
      const ctx: ExprContext = { github: { event, token: "gh-token" }, steps: {} };
      const formStep = ok(await runStep({ workflow: "seats-request.yml", job: "request", step: "form", ctx, cwd: w.dir, runnerEnv: runner("issues", { GITHUB_ACTOR: "alice-admin" }), event }));
      expect(formStep.outputs).toEqual({ team: "platform", reason: "I build CI pipelines", login: "heidi-new" });

      const steps = { form: { outputs: formStep.outputs }, token: { outputs: { token: "app-installation-token" } } };
      const request = ok(
        await runStep({ workflow: "seats-request.yml", job: "request", step: "request", ctx: { ...ctx, steps }, cwd: w.dir, runnerEnv: runner("issues", { GITHUB_ACTOR: "alice-admin" }), event }),
      );
      expect(request.stdout).toContain("created seats/platform/heidi-new.yaml (login from --login)");
      expect(request.stdout).not.toContain("app-installation-token");

      const pulls = await api<Pull[]>(`/repos/${REPO}/pulls?state=open`);
      const pr = pulls.find((p) => p.head.ref === "seats/request/platform/heidi-new");
      expect(pr?.title).toBe("Copilot seat: heidi-new → platform");
      const files = emu.control.readBranch(REPO, "seats/request/platform/heidi-new")!;
      expect(parse(files["seats/platform/heidi-new.yaml"]!)).toEqual({ login: "heidi-new", reason: "I build CI pipelines" });
      expect(Object.keys(files).filter((f) => !(f in fixtureFiles()))).toEqual(["seats/platform/heidi-new.yaml"]);

      // The reply step reads the command's output file, as the workflow passes it.
      const output = readFileSync(path.join(w.dir, "request.out"), "utf8");
      expect(requestReply({ ok: true, output })).toContain(`Opened ${pr!.html_url} for your seat`);
    },
    TIMEOUT,
  );

  it(
    "a form that cannot be read fails the step and hands the error to the reply",
    async () => {
      const w = ws();
      const event = issueEvent(form("../../etc", "x"));
      const r = await runStep({ workflow: "seats-request.yml", job: "request", step: "form", ctx: { github: { event } }, cwd: w.dir, runnerEnv: runner("issues"), event });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("::error::");
      expect(r.outputs.error).toContain("is not a team slug");
      expect(requestReply({ ok: false, output: "", formError: r.outputs.error! })).toContain("could not read this request");
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------

describe("seats-pr.yml: validate with the PR author against GitHub's merge commit", () => {
  /** A PR branch off main with `edit` applied, checked out as GitHub's merge commit. */
  function prCheckout(edit: (dir: string) => void): Workspace {
    const w = ws(true);
    w.git("checkout", "-q", "-b", "pr");
    edit(w.dir);
    w.git("add", "-A");
    w.git("commit", "-qm", "pr");
    // main moves on after the PR branched: the merge base, not origin/main, is what it changed.
    w.git("checkout", "-q", "main");
    writeFileSync(path.join(w.dir, "seats/engineering/zoe-late.yaml"), "login: zoe-late\nreason: Joined after the PR branched\n");
    w.git("add", "-A");
    w.git("commit", "-qm", "later on main");
    w.git("update-ref", "refs/remotes/origin/main", "main");
    checkoutMerge(w, "pr");
    return w;
  }

  const prEvent = (login: string, type = "User", headRef = "feature") => ({
    pull_request: { number: 5, user: { login, type }, base: { ref: "main" }, head: { ref: headRef, repo: { full_name: REPO } } },
  });

  async function validate(w: Workspace, event: ReturnType<typeof prEvent>, approvers = "") {
    const ctx: ExprContext = { github: { event, token: "gh-token" }, steps: {} };
    const changed = ok(await runStep({ workflow: "seats-pr.yml", job: "validate", step: "changed", ctx, cwd: w.dir, runnerEnv: runner("pull_request"), event }));
    let author: Record<string, string> = { author: "" };
    if (changed.outputs.seats === "true") {
      author = ok(await runStep({ workflow: "seats-pr.yml", job: "validate", step: "author", ctx: { ...ctx, steps: { changed: { outputs: changed.outputs } } }, cwd: w.dir, runnerEnv: runner("pull_request"), event })).outputs;
    }
    const steps = { changed: { outputs: changed.outputs }, author: { outputs: author }, approvers: { outputs: { approvers } } };
    const run = await runStep({ workflow: "seats-pr.yml", job: "validate", step: "seats validate", ctx: { ...ctx, steps }, cwd: w.dir, runnerEnv: runner("pull_request"), event });
    return { changed: changed.outputs, author: author.author, run };
  }

  it(
    "a self-add to an open team passes, and only the PR's own change is reviewed",
    async () => {
      const w = prCheckout((d) => writeFileSync(path.join(d, "seats/platform/heidi-new.yaml"), "login: heidi-new\nreason: CI pipelines\n"));
      const { changed, author, run } = await validate(w, prEvent("heidi-new"));
      expect(changed.seats).toBe("true");
      expect(changed.base).toBe(w.git("rev-parse", "HEAD^1"));
      expect(author).toBe("heidi-new");
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toContain("review of 1 changed file by heidi-new");
      expect(run.stdout).toContain("auto-approve: yes");
      // Nothing the step wrote landed in the checkout (it would count as a change of the PR).
      expect(w.git("status", "--porcelain")).toBe("");
    },
    TIMEOUT,
  );

  it(
    "a change to someone else's member file fails with an annotation",
    async () => {
      const w = prCheckout((d) => writeFileSync(path.join(d, "seats/platform/frank-ops.yaml"), "login: frank-ops\nreason: changed by mallory\n"));
      const { run } = await validate(w, prEvent("heidi-new"));
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^::error file=seats\/platform\/frank-ops\.yaml,line=1,col=1,title=seats validate%3A review-not-allowed::/m);
    },
    TIMEOUT,
  );

  it(
    "a tool-only PR by Dependabot is validated without the authorship check",
    async () => {
      const w = prCheckout((d) => writeFileSync(path.join(d, "README.md"), "# bumped\n"));
      const { changed, author, run } = await validate(w, prEvent("dependabot[bot]", "Bot", "dependabot/npm/x"));
      expect(changed.seats).toBe("false");
      expect(author).toBe("");
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).not.toContain("review of");
    },
    TIMEOUT,
  );

  it(
    "the App's reclaim PR (a bot deleting member files) is left to CODEOWNERS",
    async () => {
      const w = prCheckout((d) => gitIn(d, "rm", "-q", "seats/platform/frank-ops.yaml"));
      const { changed, author, run } = await validate(w, prEvent(`${APP}[bot]`, "Bot", "seats/reclaim"));
      expect(changed.seats).toBe("true");
      expect(author).toBe("");
      expect(run.code, run.stdout + run.stderr).toBe(0);
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------

describe("seats-plan.yml → seats-apply.yml: the reviewed plan is the applied plan", () => {
  it(
    "finds the PR, plans its merge, keeps one sticky comment, and apply enforces its checksum",
    async () => {
      // The request PR that seats-request opened above, or open it now when run alone.
      let pr = (await api<Pull[]>(`/repos/${REPO}/pulls?state=open`)).find((p) => p.head.ref === "seats/request/platform/heidi-new");
      if (!pr) {
        const w = ws();
        const steps = { form: { outputs: { team: "platform", reason: "I build CI pipelines", login: "heidi-new" } }, token: { outputs: { token: "t" } } };
        const event = { repository: { default_branch: "main" } };
        ok(await runStep({ workflow: "seats-request.yml", job: "request", step: "request", ctx: { github: { event }, steps }, cwd: w.dir, runnerEnv: runner("issues"), event }));
        pr = (await api<Pull[]>(`/repos/${REPO}/pulls?state=open`)).find((p) => p.head.ref === "seats/request/platform/heidi-new")!;
      }

      // 1. Which PR a completed seats-pr run belongs to (fork-style: pull_requests is empty).
      const runEvent = {
        workflow_run: { event: "pull_request", conclusion: "success", head_sha: pr.head.sha, head_branch: pr.head.ref, head_repository: { owner: { login: "acme-corp" } }, pull_requests: [] },
        repository: { default_branch: "main" },
      };
      const trusted = ws(true);
      const base: ExprContext = { github: { event: runEvent, token: "gh-token", repository_owner: "acme-corp" } };
      const found = ok(await runStep({ workflow: "seats-plan.yml", job: "plan", step: "pr", ctx: base, cwd: trusted.dir, runnerEnv: runner("workflow_run"), event: runEvent }));
      expect(found.outputs).toEqual({
        skip: "false",
        number: String(pr.number),
        author: "octo-admin",
        author_type: "User",
        base_ref: "main",
        head_sha: pr.head.sha,
        head_ref: "seats/request/platform/heidi-new",
        head_repo: REPO,
      });

      // 2. The PR as data: GitHub's merge commit in pr/ (a separate clone), overlaid on the workspace.
      const prRepo = ws(true);
      prRepo.git("checkout", "-q", "-b", "request");
      writeFileSync(path.join(prRepo.dir, "seats/platform/heidi-new.yaml"), emu.control.readBranch(REPO, pr.head.ref)!["seats/platform/heidi-new.yaml"]!);
      prRepo.git("add", "-A");
      prRepo.git("commit", "-qm", "request");
      const local = checkoutMerge(prRepo, "request");
      prRepo.git("branch", "merged", local.merge);
      gitIn(trusted.dir, "clone", "-q", "--no-checkout", prRepo.dir, "pr");
      gitIn(path.join(trusted.dir, "pr"), "checkout", "-q", "--detach", local.merge);
      // As in the workflow, pr/ is not part of the trusted checkout's changes.
      writeFileSync(path.join(trusted.dir, ".git/info/exclude"), `${readFileSync(path.join(trusted.dir, ".git/info/exclude"), "utf8")}/pr\n`);

      // The App opened this PR from the issue form: map it to the requester for the review.
      const prOut = { ...found.outputs, author: `${APP}[bot]`, author_type: "Bot", head_sha: local.head };
      const moved = await runStep({ workflow: "seats-plan.yml", job: "plan", step: "data", ctx: { ...base, steps: { pr: { outputs: { ...prOut, head_sha: local.base } } } }, cwd: trusted.dir, runnerEnv: runner("workflow_run") });
      expect(moved.code).toBe(1);
      expect(moved.stdout).toContain("::error::the merge commit is for");
      const data = ok(await runStep({ workflow: "seats-plan.yml", job: "plan", step: "data", ctx: { ...base, steps: { pr: { outputs: prOut } } }, cwd: trusted.dir, runnerEnv: runner("workflow_run") }));
      expect(data.outputs.base).toBe(local.base);
      expect(existsSync(path.join(trusted.dir, "seats/platform/heidi-new.yaml"))).toBe(true);

      const token = { token: "read-only-app-token", "app-slug": APP };
      let steps: ExprContext = { pr: { outputs: prOut }, data: { outputs: data.outputs }, "read-token": { outputs: token } };
      const author = ok(await runStep({ workflow: "seats-plan.yml", job: "plan", step: "author", ctx: { ...base, steps }, cwd: trusted.dir, runnerEnv: runner("workflow_run") }));
      expect(author.outputs.author).toBe("heidi-new");
      steps = { ...steps, author: { outputs: author.outputs }, approvers: { outputs: { approvers: "" } } };

      // 3. Trusted validate on the PR's data decides the auto-approval.
      const review = ok(await runStep({ workflow: "seats-plan.yml", job: "plan", step: "review", ctx: { ...base, steps }, cwd: trusted.dir, runnerEnv: runner("workflow_run") }));
      expect(review.outputs.auto_approve).toBe("true");
      const validation = JSON.parse(readFileSync(path.join(trusted.dir, "validate.json"), "utf8")) as { ok: boolean; review: { author: string; base: string; autoApprove: boolean } };
      expect(validation).toMatchObject({ ok: true, review: { author: "heidi-new", base: local.base, autoApprove: true } });

      // 4. The plan of the merged data, then the sticky comment: twice, one comment.
      ok(await runStep({ workflow: "seats-plan.yml", job: "plan", step: "plan", ctx: { ...base, steps }, cwd: trusted.dir, runnerEnv: runner("workflow_run") }));
      const plan = JSON.parse(readFileSync(path.join(trusted.dir, "plan.json"), "utf8")) as Plan;
      expect(plan.changes.map((c) => `${c.action} ${c.target}`)).toEqual(["add heidi-new"]);
      const commentCtx = { ...base, steps: { ...steps, pr: { outputs: found.outputs } } };
      // The emulator writes comments as its viewer; on GitHub this is github-actions[bot].
      const commentEnv = runner("workflow_run", { SEATS_COMMENT_BOT: "octo-admin" });
      const first = ok(await runStep({ workflow: "seats-plan.yml", job: "plan", step: "Sticky plan comment", ctx: commentCtx, cwd: trusted.dir, runnerEnv: commentEnv }));
      expect(first.stdout).toMatch(/^created plan comment \d+ on #\d+/);
      const second = ok(await runStep({ workflow: "seats-plan.yml", job: "plan", step: "Sticky plan comment", ctx: commentCtx, cwd: trusted.dir, runnerEnv: commentEnv }));
      expect(second.stdout).toMatch(/^updated plan comment \d+ on #\d+/);
      const comments = await api<CommentLike[]>(`/repos/${REPO}/issues/${pr.number}/comments?per_page=100`);
      expect(comments.filter((c) => (c.body ?? "").includes("<!-- seats-plan -->"))).toHaveLength(1);
      expect(parsePlanMeta(comments[0]!.body ?? "")).toEqual({ checksum: plan.checksum, head_sha: pr.head.sha });
      const summary = ok(await runStep({ workflow: "seats-plan.yml", job: "plan", step: "Job summary", ctx: commentCtx, cwd: trusted.dir, runnerEnv: commentEnv }));
      expect(summary.summary).toContain("heidi-new");

      // 5. Merge; seats-apply reads the reviewed checksum back from the bot's comment ...
      emu.control.mergePull(REPO, pr.number);
      const merged = await api<Pull>(`/repos/${REPO}/pulls/${pr.number}`);
      const reviewed = reviewedChecksum({ ...merged, head: { sha: merged.head.sha } }, comments, "octo-admin", merged.merge_commit_sha ?? "");
      expect(reviewed).toEqual({ ok: true, checksum: plan.checksum, pr: pr.number });

      // ... and applies exactly that plan on main as merged.
      const main = ws();
      const onMain = emu.control.readBranch(REPO, "main")!;
      writeFileSync(path.join(main.dir, "seats/platform/heidi-new.yaml"), onMain["seats/platform/heidi-new.yaml"]!);
      const applyCtx = (checksum: string): ExprContext => ({
        github: { token: "gh-token", sha: merged.merge_commit_sha },
        inputs: { checksum: "", force: "" },
        steps: { reviewed: { outputs: { checksum, pr: String(pr!.number) } }, token: { outputs: { token: "seat-admin-token" } } },
      });
      const applied = ok(await runStep({ workflow: "seats-apply.yml", job: "seats", step: "seats apply", ctx: applyCtx(plan.checksum), cwd: main.dir, runnerEnv: runner("push") }));
      expect(applied.stdout).toContain("Applied 1 of 1 changes");
      expect(emu.control.snapshot().seats?.map((s) => s.login)).toContain("heidi-new");
      const audit = JSON.parse(readFileSync(path.join(main.dir, "audit.json"), "utf8")) as Record<string, unknown>;
      expect(JSON.stringify(audit)).toContain(plan.checksum);
      expect(JSON.stringify(audit)).not.toContain("seat-admin-token");
      const jobSummary = ok(await runStep({ workflow: "seats-apply.yml", job: "seats", step: "Job summary", ctx: applyCtx(plan.checksum), cwd: main.dir, runnerEnv: runner("push") }));
      expect(jobSummary.summary).toContain("<!-- seats-plan -->");

      // The same checksum again: the live state changed (the seat exists now), so the plan did too.
      const again = await runStep({ workflow: "seats-apply.yml", job: "seats", step: "seats apply", ctx: applyCtx(plan.checksum), cwd: main.dir, runnerEnv: runner("push") });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("the plan differs from the reviewed one");
    },
    TIMEOUT,
  );

  it(
    "a manual run takes the checksum input (normalised) and rejects anything but a sha256",
    async () => {
      const w = ws();
      const sum = "ab".repeat(32);
      const dispatch = (checksum: string): ExprContext => ({ github: { token: "gh-token", sha: "f".repeat(40) }, inputs: { checksum, force: true } });
      const good = ok(await runStep({ workflow: "seats-apply.yml", job: "seats", step: "reviewed", ctx: dispatch(` ${sum.toUpperCase()} `), cwd: w.dir, runnerEnv: runner("workflow_dispatch") }));
      expect(good.outputs).toEqual({ checksum: sum, pr: "" });
      const bad = await runStep({ workflow: "seats-apply.yml", job: "seats", step: "reviewed", ctx: dispatch("main; rm -rf /"), cwd: w.dir, runnerEnv: runner("workflow_dispatch") });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain("::error::the checksum input must be 64 hex characters");
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------

describe("seats-reclaim.yml", () => {
  it(
    "opens the one reclaim PR with the App token, and a second night updates it",
    async () => {
      const w = ws();
      // A scheduled run's payload has no `repository`; the run is on the default branch.
      const event = { schedule: "17 3 * * *" };
      const ctx: ExprContext = { github: { event, ref_name: "main" }, steps: { token: { outputs: { token: "reclaim-token" } } } };
      // Since the merge above, heidi-new is declared on main: keep this checkout in step with it.
      const onMain = emu.control.readBranch(REPO, "main")!;
      if (onMain["seats/platform/heidi-new.yaml"]) writeFileSync(path.join(w.dir, "seats/platform/heidi-new.yaml"), onMain["seats/platform/heidi-new.yaml"]);
      const first = ok(await runStep({ workflow: "seats-reclaim.yml", job: "reclaim", step: "seats reclaim", ctx, cwd: w.dir, runnerEnv: runner("schedule"), event }));
      expect(first.stdout).toMatch(/created PR #\d+: .*\/pull\/\d+\n1 seat\(s\), 1 file\(s\) deleted/);
      const files = emu.control.readBranch(REPO, "seats/reclaim")!;
      expect(files["seats/platform/frank-ops.yaml"]).toBeUndefined();
      expect(files["seats/platform/alice-admin.yaml"]).toBeDefined();
      ok(await runStep({ workflow: "seats-reclaim.yml", job: "reclaim", step: "seats reclaim", ctx, cwd: w.dir, runnerEnv: runner("schedule"), event }));
      const reclaimPrs = (await api<(Pull & { body: string })[]>(`/repos/${REPO}/pulls?state=open`)).filter((p) => p.head.ref === "seats/reclaim");
      expect(reclaimPrs).toHaveLength(1);
      expect(reclaimPrs[0]!.body).toContain("@frank-ops");
    },
    TIMEOUT,
  );
});
