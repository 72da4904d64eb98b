// The whole pipeline, executed: the workflows' real `run:` steps (pipeline-driver.ts) against one
// emulator, from the PR to the applied seat: seats-pr (validate) → seats-plan (plan, then the
// `seats/plan` and `seats/approval` checks of the PR-bot App, the comment, the merge) →
// seats-apply (FIFO turn, reviewed checksum, dry-run verify, pulumi-equivalent membership sync,
// seats apply --confirm --checksum). Plus the attacks of the workflows review: a forged plan
// record and an edited comment, a merge without a plan, a writer's push onto the bot's branch, an
// outsider's self-add, non-admin dispatches, and quick successive merges.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../src/emulator/index.js";
import { renderCodeowners } from "../../src/codeowners/render.js";
import { PLAN_MARKER } from "../../src/plan/render/markdown.js";
import type { Plan } from "../../src/plan/types.js";
import { APPS, BOT, ORG, Pipeline, REPO, type Pull, withPipelineIdentities } from "./pipeline-driver.js";
import { ROOT, runStep, type StepRun } from "./step-runner.js";
import { workspace, type Workspace } from "./workspace.js";
import { DAY_MS } from "../../src/reclaim/time.js";

const TIMEOUT = 240_000;
const FIXTURE = path.join(ROOT, "test/fixtures/workflows/repo");
const daysAgo = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString();
const member = (login: string) => `login: ${login}\nreason: Writes code every day\n`;
const PEOPLE = ["octo-admin", "amy-admin", "alice-admin", "frank-ops", "bob-builder", "heidi-new", "ivan-new", "judy-new", "kim-new", "lena-new", "max-new", "nina-new", "omar-new", "pia-new", "mallory-writer"];

function fixtureFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of ["policies/policy.yaml", "seats/platform/_team.yaml", "seats/platform/alice-admin.yaml", "seats/platform/frank-ops.yaml", "seats/engineering/_team.yaml", "seats/engineering/bob-builder.yaml", ".github/CODEOWNERS"]) {
    out[rel] = readFileSync(path.join(FIXTURE, rel), "utf8");
  }
  return out;
}

function seed(): EmulatorSeed {
  return withPipelineIdentities(
    {
      org: { login: ORG, seat_management_setting: "assign_selected" },
      viewer: "octo-admin",
      members: [{ login: "octo-admin", role: "admin" }, ...PEOPLE.slice(1)],
      users: ["olivia-outsider"],
      teams: [
        { name: "Platform", members: [{ login: "alice-admin", role: "maintainer" }, "frank-ops"] },
        { name: "Engineering", members: [{ login: "alice-admin", role: "maintainer" }, "bob-builder"] },
        // The CODEOWNERS admins team; amy-admin is an admin only through it.
        { name: "Copilot Admins", slug: "copilot-admins", members: ["octo-admin", "amy-admin"] },
      ],
      seats: [
        { login: "alice-admin", created_at: daysAgo(200), last_activity_at: daysAgo(1) },
        { login: "bob-builder", created_at: daysAgo(200), last_activity_at: daysAgo(2) },
        // Idle for 90 days: the nightly reclaim proposes removing this seat.
        { login: "frank-ops", created_at: daysAgo(200), last_activity_at: daysAgo(90) },
      ],
      repos: [{ full_name: REPO, default_branch: "main", files: fixtureFiles() }],
    },
    [...PEOPLE, "olivia-outsider"],
  );
}

let emu: RunningEmulator;
let pipe: Pipeline;
const spaces: Workspace[] = [];

beforeAll(async () => {
  emu = await startEmulator({ seed: seed() });
  pipe = new Pipeline(emu, spaces);
  // The repository has applied before: seats-apply is a known workflow with a finished run.
  const first = pipe.startApplyRun();
  emu.control.ci.setWorkflowRun(REPO, first.id, "completed", "success");
});
afterAll(async () => {
  spaces.forEach((w) => w.remove());
  await emu.close();
});

const ok = (r: StepRun) => {
  expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
  return r;
};
const seatHolders = () => (emu.control.snapshot().seats ?? []).filter((s) => !s.pending_cancellation_date).map((s) => s.login).sort();
const planOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, "plan.json"), "utf8")) as Plan;
const gateOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, "gate.json"), "utf8")) as { author: string | null; why: string; decision: { conclusion: string; title: string; summary: string; autoMerge: boolean } };

interface CheckRun {
  name: string;
  conclusion: string;
  external_id: string;
  app: { id: number };
  output: { title: string; summary: string };
}
const checksOf = async (sha: string) => (await pipe.get<{ check_runs: CheckRun[] }>(`/repos/${REPO}/commits/${sha}/check-runs?filter=all&per_page=100`)).check_runs;

/** seats-request.yml's request step: the issue form's PR, opened by the PR-bot App. */
async function requestPr(login: string, team: string): Promise<Pull> {
  const w = workspace(FIXTURE);
  spaces.push(w);
  const steps = { form: { outputs: { team, reason: "I write code", login } }, token: { outputs: { token: "bot-token" } } };
  const event = { repository: { default_branch: "main" } };
  ok(await runStep({ workflow: "seats-request.yml", job: "request", step: "request", ctx: { github: { event }, steps }, cwd: w.dir, runnerEnv: pipe.runner("issues"), event }));
  const pulls = await pipe.get<Pull[]>(`/repos/${REPO}/pulls?state=open&per_page=100`);
  return pipe.pull(pulls.find((p) => p.head.ref === `seats/request/${team}/${login}`)!.number);
}

// ---------------------------------------------------------------------------------------------

describe("self-service to an enrollment: open team", () => {
  it(
    "an org member's self-add is planned, passes the gate, is merged by the App at the checked head and applied with the reviewed checksum",
    async () => {
      const pr = await pipe.openPr("heidi-new", "heidi-platform", { "seats/platform/heidi-new.yaml": member("heidi-new") });
      const pre = await pipe.seatsPr(pr);
      expect(pre.author).toBe("heidi-new");
      ok(pre.validate);
      expect(pre.validate.stdout).toContain("auto-approve: yes");

      const preview = "~ github:index/teamMembers:TeamMembers platform-members update\n    + heidi-new";
      const p = await pipe.plan(pr, { preview });
      expect(p.steps.wait!.stdout).toContain("no seats-apply.yml run in the way");
      const plan = planOf(p.dir);
      expect(plan.changes.map((c) => `${c.action} ${c.target}`)).toEqual(["add heidi-new"]);
      // Only the touched login is read (settings, seat, org and team membership), not every page.
      expect(p.steps.plan!.stdout).toMatch(/Incremental plan: 1 login touched since [0-9a-f]{40} \(heidi-new\); read in 4 requests/);
      expect(p.steps.gate!.outputs).toEqual({ conclusion: "success", auto_merge: "true" });

      const pub = ok(await pipe.publish(p));
      expect(pub.stdout).toMatch(new RegExp(`merged #${pr.number} at ${pr.head.sha.slice(0, 7)} \\(squash\\)`));
      const merged = await pipe.pull(pr.number);
      expect(merged).toMatchObject({ merged: true, merged_by: { login: BOT } });

      const checks = await checksOf(pr.head.sha);
      expect(checks.map((c) => [c.name, c.conclusion, c.app.id])).toEqual([
        ["seats/approval", "success", APPS.bot.id],
        ["seats/plan", "success", APPS.bot.id],
      ]);
      expect(plan.teams.changes.map((t) => `${t.action} ${t.team} ${t.login}`)).toEqual(["add_member platform heidi-new"]);
      expect(checks[1]!.external_id).toBe(`seats-plan/1 checksum=${plan.checksum} teams=${plan.teams.checksum} head=${pr.head.sha} base=${p.outputs.base_sha}`);
      const comments = await pipe.get<{ user: { login: string }; body: string }[]>(`/repos/${REPO}/issues/${pr.number}/comments`);
      expect(comments).toHaveLength(1);
      expect(comments[0]!.user.login).toBe(BOT);
      expect(comments[0]!.body).toContain(PLAN_MARKER);
      expect(comments[0]!.body).toContain("Self-service: no approval needed");
      expect(comments[0]!.body).toContain("+ heidi-new");

      const run = pipe.startApplyRun();
      const a = await pipe.apply(run, merged.merge_commit_sha!);
      expect(a.failed).toBeUndefined();
      expect(a.steps.reviewed!.outputs).toEqual({ checksum: plan.checksum, teams_checksum: plan.teams.checksum, force: "false", pr: String(pr.number) });
      // The team half is verified before pulumi up, with its own checksum.
      expect(a.steps.verify!.stdout).toContain("Dry run: nothing was sent");
      // The merge plans the same login (its first parent is the base), so the reviewed checksum holds.
      expect(a.steps.verify!.stdout).toContain("Incremental plan: 1 login touched since");
      expect(a.teams).toEqual(["+ heidi-new joined platform"]);
      expect(a.steps.seats!.stdout).toContain("Applied 1 of 1 changes");
      expect(seatHolders()).toContain("heidi-new");
    },
    TIMEOUT,
  );

  it(
    "an issue-form request is the requester's self-service; with other checks still running it merges through auto-merge",
    async () => {
      const pr = await requestPr("judy-new", "platform");
      expect(pr.user).toMatchObject({ login: BOT, type: "Bot" });
      // The ruleset also requires `test` from GitHub Actions, which has not finished yet.
      emu.control.ci.requireChecks(REPO, [{ context: "seats/plan", app: APPS.bot.slug }, { context: "seats/approval", app: APPS.bot.slug }, { context: "test", app: APPS.actions.slug }]);
      try {
        const p = await pipe.plan(pr);
        expect(gateOf(p.dir)).toMatchObject({ author: "judy-new", decision: { conclusion: "success", autoMerge: true } });
        const pub = ok(await pipe.publish(p));
        expect(pub.stdout).toContain(`#${pr.number} waits for its other required checks: auto-merge (squash) enabled at ${pr.head.sha.slice(0, 7)}`);
        expect((await pipe.pull(pr.number)).merged).toBe(false);
        await pipe.octokit("gh").rest.checks.create({ owner: ORG, repo: "copilot-seats", name: "test", head_sha: pr.head.sha, conclusion: "success" });
      } finally {
        emu.control.ci.requireChecks(REPO, [{ context: "seats/plan", app: APPS.bot.slug }, { context: "seats/approval", app: APPS.bot.slug }]);
      }
      const merged = await pipe.pull(pr.number);
      expect(merged).toMatchObject({ merged: true, merged_by: { login: BOT } });
      const a = await pipe.apply(pipe.startApplyRun(), merged.merge_commit_sha!);
      expect(a.failed).toBeUndefined();
      expect(seatHolders()).toContain("judy-new");
    },
    TIMEOUT,
  );
});

describe("changes that need an approval", () => {
  it(
    "a self-add to an enrollment: approval team waits for a maintainer; the review re-runs the gate; a person merges",
    async () => {
      const pr = await pipe.openPr("ivan-new", "ivan-eng", { "seats/engineering/ivan-new.yaml": member("ivan-new") });
      const p = await pipe.plan(pr);
      expect(p.steps.gate!.outputs).toEqual({ conclusion: "action_required", auto_merge: "false" });
      const pub = ok(await pipe.publish(p));
      expect(pub.outputs.merged).toBe("false");
      const approval = (await checksOf(pr.head.sha)).find((c) => c.name === "seats/approval")!;
      expect(approval.output.summary).toContain("one of alice-admin, @acme-corp/copilot-admins, @octo-admin");
      // The ruleset holds the merge until the gate passes.
      const early = await pipe.octokit("alice-admin").rest.pulls.merge({ owner: ORG, repo: "copilot-seats", pull_number: pr.number, sha: pr.head.sha }).then(() => 200, (e: { status: number }) => e.status);
      expect(early).toBe(405);

      await pipe.review("alice-admin", pr);
      ok((await pipe.seatsPr(pr, "pull_request_review")).validate);
      const again = await pipe.plan(pr, { event: "pull_request_review" });
      expect(gateOf(again.dir).decision).toMatchObject({ conclusion: "success", title: "Approved", autoMerge: false });
      expect(ok(await pipe.publish(again)).outputs.merged).toBe("false");
      await pipe.octokit("alice-admin").rest.pulls.merge({ owner: ORG, repo: "copilot-seats", pull_number: pr.number, sha: pr.head.sha });
      const merged = await pipe.pull(pr.number);
      const a = await pipe.apply(pipe.startApplyRun(), merged.merge_commit_sha!);
      expect(a.failed).toBeUndefined();
      expect(seatHolders()).toContain("ivan-new");
    },
    TIMEOUT,
  );

  it(
    "the reclaim PR (the App's, no author) waits for an owner; an admin who is one only through the admins team counts",
    async () => {
      const w = workspace(FIXTURE);
      spaces.push(w);
      const onMain = emu.control.readBranch(REPO, "main")!;
      for (const [rel, text] of Object.entries(onMain)) if (rel.startsWith("seats/")) (await import("node:fs")).writeFileSync(path.join(w.dir, rel), text);
      const event = { schedule: "17 3 * * *" };
      ok(await runStep({ workflow: "seats-reclaim.yml", job: "reclaim", step: "seats reclaim", ctx: { github: { event, ref_name: "main" }, steps: { token: { outputs: { token: "bot-token" } } } }, cwd: w.dir, runnerEnv: pipe.runner("schedule"), event }));
      const pr = (await pipe.get<Pull[]>(`/repos/${REPO}/pulls?state=open&per_page=100`)).find((x) => x.head.ref === "seats/reclaim")!;
      const p = await pipe.plan(pr);
      const gate = gateOf(p.dir);
      expect(gate.author).toBeNull();
      expect(gate.decision.conclusion).toBe("action_required");
      await pipe.review("amy-admin", pr);
      const again = await pipe.plan(pr, { event: "pull_request_review" });
      expect(gateOf(again.dir).decision).toMatchObject({ conclusion: "success", autoMerge: false });
      expect(planOf(again.dir).changes.map((c) => `${c.action} ${c.target}`)).toEqual(["cancel frank-ops"]);
      // Closed unmerged: the later tests keep frank-ops.
      await pipe.octokit("bot").rest.pulls.update({ owner: ORG, repo: "copilot-seats", pull_number: pr.number, state: "closed" });
    },
    TIMEOUT,
  );
});

describe("attacks", () => {
  it(
    "a forged seats/plan check from another App and an edited comment change nothing: the App's record is applied",
    async () => {
      const pr = await pipe.openPr("lena-new", "lena-platform", { "seats/platform/lena-new.yaml": member("lena-new") });
      const p = await pipe.plan(pr);
      const reviewed = planOf(p.dir).checksum;
      ok(await pipe.publish(p));
      const forged = "f".repeat(64);
      // A writer's branch workflow (GITHUB_TOKEN = the GitHub Actions App) posts its own record ...
      await pipe.octokit("gh").rest.checks.create({ owner: ORG, repo: "copilot-seats", name: "seats/plan", head_sha: pr.head.sha, conclusion: "success", external_id: `seats-plan/1 checksum=${forged} head=${pr.head.sha} base=${p.outputs.base_sha}` });
      // ... and edits the bot's comment (any writer may).
      const [comment] = await pipe.get<{ id: number; body: string }[]>(`/repos/${REPO}/issues/${pr.number}/comments`);
      await pipe.octokit("mallory-writer").rest.issues.updateComment({ owner: ORG, repo: "copilot-seats", comment_id: comment!.id, body: `${comment!.body}\nchecksum ${forged}` });
      const merged = await pipe.pull(pr.number);
      expect(merged.merged).toBe(true);
      const a = await pipe.apply(pipe.startApplyRun(), merged.merge_commit_sha!);
      expect(a.failed).toBeUndefined();
      expect(a.steps.reviewed!.outputs.checksum).toBe(reviewed);
      expect(seatHolders()).toContain("lena-new");
    },
    TIMEOUT,
  );

  it(
    "a merge without a plan (a ruleset bypass) is refused before anything is applied; only an admin may dispatch without a checksum",
    async () => {
      const pr = await pipe.openPr("max-new", "max-platform", { "seats/platform/max-new.yaml": member("max-new") });
      emu.control.mergePull(REPO, pr.number);
      const merged = await pipe.pull(pr.number);
      const a = await pipe.apply(pipe.startApplyRun(), merged.merge_commit_sha!);
      expect(a.failed).toBe("reviewed");
      expect(a.steps.reviewed!.stderr).toContain("merged before its plan existed");
      expect(a.steps.reviewed!.stderr).toContain("nothing was applied. To recover");
      expect(a.steps.reviewed!.stderr).toMatch(/^::error::seats ci reviewed-plan: /m);
      expect(a.steps.verify).toBeUndefined();
      expect(a.teams).toBeUndefined();
      expect(seatHolders()).not.toContain("max-new");

      const dispatch = (actor: string, checksum: string, force: boolean, triggeringActor?: string) =>
        pipe.apply(pipe.startApplyRun("workflow_dispatch"), merged.merge_commit_sha!, { event: "workflow_dispatch", inputs: { checksum, force }, actor, ...(triggeringActor ? { triggeringActor } : {}) });
      const bad = await dispatch("octo-admin", "main; rm -rf /", false);
      expect(bad.failed).toBe("reviewed");
      expect(bad.steps.reviewed!.code).toBe(2);
      const writer = await dispatch("mallory-writer", "", false);
      expect(writer.failed).toBe("reviewed");
      expect(writer.steps.reviewed!.stderr).toContain("mallory-writer is not an admin");
      const forced = await dispatch("mallory-writer", "a".repeat(64), true);
      expect(forced.steps.reviewed!.stderr).toContain("`force` needs an admin");
      // Re-running an admin's dispatch is the re-runner's act.
      const rerun = await dispatch("amy-admin", "", false, "mallory-writer");
      expect(rerun.steps.reviewed!.stderr).toContain("mallory-writer is not an admin");
      // An admin through the admins team may apply the plan as computed now.
      const admin = await dispatch("amy-admin", "", false);
      expect(admin.failed).toBeUndefined();
      expect(admin.steps.reviewed!.stdout).toContain("amy-admin is an admin: applying the plan as computed now");
      expect(seatHolders()).toContain("max-new");
    },
    TIMEOUT,
  );

  it(
    "a writer who pushes onto the App's request branch is reviewed as themselves: nothing merges without a maintainer",
    async () => {
      const pr0 = await requestPr("kim-new", "platform");
      await pipe.push("mallory-writer", pr0.head.ref, { "seats/platform/omar-new.yaml": member("omar-new") });
      const pr = await pipe.pull(pr0.number);
      const pre = await pipe.seatsPr(pr);
      expect(pre.author).toBe("mallory-writer");
      expect(pre.validate.code).toBe(1);
      expect(pre.validate.stdout).toMatch(/^::error file=seats\/platform\/kim-new\.yaml,line=1,col=1,title=seats validate%3A review-not-allowed::/m);
      const p = await pipe.plan(pr);
      const gate = gateOf(p.dir);
      expect(gate.author).toBe("mallory-writer");
      expect(gate.why).toContain(`mallory-writer pushed onto ${BOT}'s branch`);
      expect(gate.decision.conclusion).toBe("action_required");
      expect(ok(await pipe.publish(p)).outputs.merged).toBe("false");
      expect((await pipe.pull(pr.number)).merged).toBe(false);
      await pipe.octokit("bot").rest.pulls.update({ owner: ORG, repo: "copilot-seats", pull_number: pr.number, state: "closed" });
    },
    TIMEOUT,
  );

  it(
    "an outsider's self-add to an open team is not let through, and the check says why",
    async () => {
      const pr = await pipe.openPr("olivia-outsider", "olivia-platform", { "seats/platform/olivia-outsider.yaml": member("olivia-outsider") });
      const p = await pipe.plan(pr);
      expect(planOf(p.dir).blocked.map((b) => `${b.kind} ${b.target}`)).toContain("not_org_member olivia-outsider");
      const gate = gateOf(p.dir);
      expect(gate.decision.conclusion).toBe("action_required");
      expect(gate.decision.summary).toContain("olivia-outsider is not a member of the organization acme-corp (open enrollment is for org members)");
      expect(ok(await pipe.publish(p)).outputs.merged).toBe("false");
      const approval = (await checksOf(pr.head.sha)).find((c) => c.name === "seats/approval")!;
      expect(approval.output.summary).toContain("not a member of the organization");
    },
    TIMEOUT,
  );
});

describe("quick successive merges", () => {
  it(
    "a plan waits for the apply in flight; applies run in merge order, each with its own reviewed plan",
    async () => {
      // nina's PR merges; its apply run starts but has not applied yet.
      const nina = await pipe.openPr("nina-new", "nina-platform", { "seats/platform/nina-new.yaml": member("nina-new") });
      ok(await pipe.publish(await pipe.plan(nina)));
      const ninaMerged = await pipe.pull(nina.number);
      const ninaRun = pipe.startApplyRun();

      // omar's plan starts meanwhile and waits (its own process: in-process steps share the cwd).
      const omar = await pipe.openPr("omar-new", "omar-platform", { "seats/platform/omar-new.yaml": member("omar-new") });
      const omarPlan = pipe.plan(omar, { spawn: true });
      await waitFor(() => emu.log.count({ route: "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs" }) > 0);
      const ninaApply = await pipe.apply(ninaRun, ninaMerged.merge_commit_sha!);
      expect(ninaApply.failed).toBeUndefined();
      const op = await omarPlan;
      expect(op.steps.wait!.stdout).toContain(`waiting for seats-apply.yml run #${ninaRun.run_number} (in_progress)`);
      // Planned after nina's apply: omar's plan is omar's change only.
      expect(planOf(op.dir).changes.map((c) => `${c.action} ${c.target}`)).toEqual(["add omar-new"]);

      // pia is planned too; then both merge within moments, before either apply ran.
      const pia = await pipe.openPr("pia-new", "pia-platform", { "seats/platform/pia-new.yaml": member("pia-new") });
      const pp = await pipe.plan(pia);
      ok(await pipe.publish(op));
      const omarRun = pipe.startApplyRun();
      ok(await pipe.publish(pp));
      const piaRun = pipe.startApplyRun();
      const [omarMerged, piaMerged] = [await pipe.pull(omar.number), await pipe.pull(pia.number)];
      expect([omarMerged.merged, piaMerged.merged]).toEqual([true, true]);

      // pia's run waits its turn behind omar's (no run is cancelled or skipped).
      const piaApply = pipe.apply(piaRun, piaMerged.merge_commit_sha!, { spawnTurn: true });
      await waitFor(() => emu.log.entries.filter((e) => e.route === "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs").length >= 8);
      expect(seatHolders()).not.toContain("pia-new");
      const omarApply = await pipe.apply(omarRun, omarMerged.merge_commit_sha!);
      expect(omarApply.failed).toBeUndefined();
      const pa = await piaApply;
      expect(pa.failed).toBeUndefined();
      expect(pa.steps.turn!.stdout).toContain(`waiting for seats-apply.yml run #${omarRun.run_number}`);
      expect(seatHolders()).toEqual(expect.arrayContaining(["nina-new", "omar-new", "pia-new"]));
    },
    TIMEOUT,
  );
});

describe("copilot: team teams: teams and seats in one reviewed plan", () => {
  /** PR → plan → an admin's approval → merge → seats-apply; returns the reviewed plan and the apply. */
  async function throughThePipeline(author: string, branch: string, edits: Record<string, string | null>) {
    const pr = await pipe.openPr(author, branch, edits);
    const first = await pipe.plan(pr);
    await pipe.review("octo-admin", pr);
    ok((await pipe.seatsPr(pr, "pull_request_review")).validate);
    const p = await pipe.plan(pr, { event: "pull_request_review" });
    expect(gateOf(p.dir).decision.conclusion).toBe("success");
    expect(planOf(p.dir).checksum).toBe(planOf(first.dir).checksum);
    ok(await pipe.publish(p));
    if (!(await pipe.pull(pr.number)).merged) await pipe.octokit("octo-admin").rest.pulls.merge({ owner: ORG, repo: "copilot-seats", pull_number: pr.number, sha: pr.head.sha });
    const merged = await pipe.pull(pr.number);
    const a = await pipe.apply(pipe.startApplyRun(), merged.merge_commit_sha!);
    expect(a.failed, JSON.stringify(a.steps, null, 1).slice(0, 4000)).toBeUndefined();
    return { plan: planOf(p.dir), apply: a };
  }
  /** CODEOWNERS for the fixture's teams plus `research` (a new team needs its line). */
  const codeowners = (research: string | undefined) =>
    renderCodeowners({
      teams: [
        { slug: "engineering", maintainers: ["alice-admin"], enrollment: "approval" },
        { slug: "platform", maintainers: ["alice-admin"], enrollment: "open" },
        ...(research ? [{ slug: research, maintainers: ["alice-admin"], enrollment: "approval" as const }] : []),
      ],
      admins: ["@acme-corp/copilot-admins", "@octo-admin"],
    });
  const teamLines = (plan: Plan) => plan.teams.changes.map((t) => [t.action, t.team, t.login ?? t.from].filter(Boolean).join(" "));
  const teamSeat = (login: string) => (emu.control.snapshot().seats ?? []).find((s) => s.login === login);

  it(
    "a new team, a member added, a member removed and a rename each apply on merge with the checksum reviewed on the PR",
    async () => {
      const created = await throughThePipeline("alice-admin", "ml-team", {
        "seats/ml/_team.yaml": "name: ml\ndescription: Research\nmaintainers:\n  - alice-admin\ncopilot: team\n",
        "seats/ml/judy-new.yaml": member("judy-new"),
        "seats/ml/kim-new.yaml": member("kim-new"),
        ".github/CODEOWNERS": codeowners("ml"),
      });
      expect(teamLines(created.plan)).toEqual(["create_team ml", "add_member ml alice-admin", "add_member ml judy-new", "add_member ml kim-new"]);
      expect(created.plan.changes.map((c) => `${c.action} ${c.target}`)).toEqual(["add_team ml"]);
      expect(created.apply.steps.seats!.stdout).toContain("Applied 1 of 1 changes");
      expect(teamSeat("judy-new")).toMatchObject({ assigning_team: "ml", pending_cancellation_date: null });

      const added = await throughThePipeline("lena-new", "ml-lena", { "seats/ml/lena-new.yaml": member("lena-new") });
      expect(teamLines(added.plan)).toEqual(["add_member ml lena-new"]);
      expect(added.plan.changes).toEqual([]);
      expect(teamSeat("lena-new")).toMatchObject({ assigning_team: "ml", pending_cancellation_date: null });

      const removed = await throughThePipeline("alice-admin", "ml-kim-out", { "seats/ml/kim-new.yaml": null });
      expect(teamLines(removed.plan)).toEqual(["remove_member ml kim-new"]);
      expect(teamSeat("kim-new")?.pending_cancellation_date).toBeTruthy();

      const renamed = await throughThePipeline("alice-admin", "ml-rename", {
        "seats/ml/_team.yaml": null,
        "seats/ml/judy-new.yaml": null,
        "seats/ml/lena-new.yaml": null,
        "seats/ml-research/_team.yaml": "name: ml-research\ndescription: Research\nmaintainers:\n  - alice-admin\ncopilot: team\npreviously:\n  - ml\n",
        "seats/ml-research/judy-new.yaml": member("judy-new"),
        "seats/ml-research/lena-new.yaml": member("lena-new"),
        ".github/CODEOWNERS": codeowners("ml-research"),
      });
      expect(teamLines(renamed.plan)).toEqual(["rename_team ml-research ml"]);
      expect(renamed.plan.changes).toEqual([]);
      expect(teamSeat("judy-new")).toMatchObject({ assigning_team: "ml-research", pending_cancellation_date: null });
    },
    TIMEOUT * 2,
  );
});

async function waitFor(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
}
