// The pipeline where the GitHub Apps cannot do the job (docs/enterprise.md, "Credentials per
// job"): the workflows' real steps (pipeline-driver.ts) against the emulator, for a repository of
// several orgs (acme-corp and acme-labs: an App installation is one org's) and for one under
// enterprise billing (the enterprise's writes refuse App tokens). The environments hold an
// owner's classic tokens (SEATS_ENTERPRISE_READ_TOKEN in seats-plan and seats-production,
// SEATS_ENTERPRISE_WRITE_TOKEN in seats-production): the credentials step skips the App tokens,
// the plan reads with the read token, and the merge is applied with the write token. Without the
// tokens the plan job stops at the credentials step, naming the secret.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../src/emulator/index.js";
import type { Plan } from "../../src/plan/types.js";
import { BOT, ORG, Pipeline, REPO, withPipelineIdentities, type Pull } from "./pipeline-driver.js";
import { ROOT, runStep, type StepRun } from "./step-runner.js";
import { workspace, type Workspace } from "./workspace.js";

const TIMEOUT = 240_000;
const LABS = "acme-labs";
// Classic-token-shaped (ghp_): the CLI and the credentials step accept them; the emulator maps
// them to the owner of both orgs.
const READ = "ghp_ownerRead0000000000000000000000000000";
const WRITE = "ghp_ownerWrite000000000000000000000000000";
const PEOPLE = ["octo-admin", "alice-admin", "dana-labs", "heidi-new", "omar-idle", "pia-idle"];

function fixtureFiles(fixture: string, rels: string[]): Record<string, string> {
  const dir = path.join(ROOT, "test/fixtures/workflows", fixture);
  return Object.fromEntries([...rels, "policies/policy.yaml", "seats/platform/_team.yaml", "seats/platform/alice-admin.yaml", ".github/CODEOWNERS"].map((rel) => [rel, readFileSync(path.join(dir, rel), "utf8")]));
}

/** The pipeline's Apps and people, and the two classic tokens of the owner octo-admin. */
function identities(seed: EmulatorSeed): EmulatorSeed {
  const s = withPipelineIdentities(seed, PEOPLE);
  return { ...s, tokens: { ...s.tokens, [READ]: { login: "octo-admin" }, [WRITE]: { login: "octo-admin" } } };
}

const MAIN_ORG = {
  org: { login: ORG, seat_management_setting: "assign_selected" as const },
  viewer: "octo-admin",
  members: [{ login: "octo-admin", role: "admin" as const }, "alice-admin", "heidi-new"],
  teams: [
    { name: "Platform", members: [{ login: "alice-admin", role: "maintainer" as const }] },
    { name: "Copilot Admins", slug: "copilot-admins", members: ["octo-admin"] },
  ],
};
const active = (login: string) => ({ login, created_at: "2025-06-01T09:00:00Z", last_activity_at: new Date().toISOString() });
// Idle for `days` (policy.yaml: reminded after 23 days, reclaimed after 30).
const idle = (login: string, days: number) => ({ login, created_at: "2025-06-01T09:00:00Z", last_activity_at: new Date(Date.now() - days * 86_400_000).toISOString() });

function orgsSeed(): EmulatorSeed {
  return identities(
    {
      ...MAIN_ORG,
      members: [...MAIN_ORG.members, "pia-idle"],
      teams: [{ name: "Platform", members: [{ login: "alice-admin", role: "maintainer" }, "pia-idle"] }, MAIN_ORG.teams[1]!],
      seats: [active("alice-admin"), idle("pia-idle", 25)],
      other_orgs: [
        {
          org: { login: LABS, seat_management_setting: "assign_selected" },
          members: [{ login: "octo-admin", role: "admin" }, "dana-labs", "heidi-new", "omar-idle"],
          teams: [{ name: "Research", members: [{ login: "dana-labs", role: "maintainer" }, "omar-idle"] }],
          seats: [active("dana-labs"), idle("omar-idle", 90)],
        },
      ],
      repos: [{ full_name: REPO, default_branch: "main", files: fixtureFiles("orgs-repo", ["seats/platform/pia-idle.yaml", "seats/research/_team.yaml", "seats/research/dana-labs.yaml", "seats/research/omar-idle.yaml"]) }],
    },
  );
}

function enterpriseSeed(): EmulatorSeed {
  return identities({
    ...MAIN_ORG,
    enterprise: { slug: "acme-ent", seats: [active("alice-admin")] },
    repos: [{ full_name: REPO, default_branch: "main", files: fixtureFiles("enterprise-repo", []) }],
  });
}

let emu: RunningEmulator;
const spaces: Workspace[] = [];

async function start(seed: EmulatorSeed): Promise<void> {
  emu = await startEmulator({ seed });
  // The repository has applied before: seats-apply is a known workflow with a finished run.
  const first = new Pipeline(emu, spaces).startApplyRun();
  emu.control.ci.setWorkflowRun(REPO, first.id, "completed", "success");
}
afterAll(() => spaces.forEach((w) => w.remove()));

const ok = (r: StepRun) => {
  expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
  return r;
};
const member = (login: string) => `login: ${login}\nreason: Writes code every day\n`;
const labsSeats = () => (emu.control.snapshot().other_orgs?.[0]?.seats ?? []).filter((x) => !x.pending_cancellation_date).map((x) => x.login).sort();

describe("several orgs", () => {
  beforeAll(() => start(orgsSeed()));
  afterAll(() => emu.close());

  it(
    "with the tokens, a self-add to the second org's open team is planned with the read token, merged by the App and applied in that org with the write token",
    async () => {
      const pipe = new Pipeline(emu, spaces, { read: READ, write: WRITE });
      const pr = await pipe.openPr("heidi-new", "heidi-research", { "seats/research/heidi-new.yaml": member("heidi-new") });
      ok((await pipe.seatsPr(pr)).validate);

      const p = await pipe.plan(pr);
      expect(ok(p.steps.creds!).outputs).toEqual({ app: "false" });
      expect(p.steps.creds!.stdout).toContain("using SEATS_ENTERPRISE_READ_TOKEN; the GitHub App token steps are skipped");
      ok(p.steps.plan!);
      const plan = JSON.parse(readFileSync(path.join(p.dir, "plan.json"), "utf8")) as Plan;
      expect(plan.orgs).toEqual([ORG, LABS]);
      expect(plan.changes.map((c) => `${c.action} ${c.target} ${c.org}`)).toEqual([`add heidi-new ${LABS}`]);
      expect(p.steps.gate!.outputs).toEqual({ conclusion: "success", auto_merge: "true" });
      const pub = ok(await pipe.publish(p));
      expect(pub.stdout).toContain(`merged #${pr.number}`);
      const merged = await pipe.pull(pr.number);
      expect(merged).toMatchObject({ merged: true, merged_by: { login: BOT } });

      emu.log.reset();
      const a = await pipe.apply(pipe.startApplyRun(), merged.merge_commit_sha!);
      expect(a.failed, a.failed ? `${a.steps[a.failed]!.stdout}\n${a.steps[a.failed]!.stderr}` : "").toBeUndefined();
      expect(a.steps.creds!.stdout).toContain("using SEATS_ENTERPRISE_READ_TOKEN to read and SEATS_ENTERPRISE_WRITE_TOKEN to write");
      expect(a.steps.reviewed!.outputs.checksum).toBe(plan.checksum);
      expect(a.teams).toEqual([`${LABS}: + heidi-new joined research`]);
      expect(a.steps.seats!.stdout).toContain("Applied 1 of 1 changes");
      expect(labsSeats()).toEqual(["dana-labs", "heidi-new", "omar-idle"]);
      // The seat was bought in the second org, through its own endpoint.
      expect(emu.log.entries.filter((e) => e.method === "POST" && e.path.includes("/copilot/")).map((e) => e.path)).toEqual([`/orgs/${LABS}/copilot/billing/selected_users`]);
    },
    TIMEOUT,
  );

  it(
    "the nightly reminders and reclaim read with the read token and write the issues and the PR with the PR-bot App",
    async () => {
      const w = workspace(path.join(ROOT, "test/fixtures/workflows/orgs-repo"));
      spaces.push(w);
      const pipe = new Pipeline(emu, spaces);
      const event = { schedule: "17 3 * * *" };
      const ctx = { github: { event, ref_name: "main" }, steps: { token: { outputs: { token: "bot-token" } } }, secrets: { SEATS_ENTERPRISE_READ_TOKEN: READ, SEATS_WEBHOOK_URL: "" } };
      const step = (id: string) => runStep({ workflow: "seats-reclaim.yml", job: "reclaim", step: id, ctx, cwd: w.dir, runnerEnv: pipe.runner("schedule"), event });
      expect(ok(await step("creds")).outputs).toEqual({ app: "false" });
      ok(await step("seats remind"));
      const reminders = await pipe.get<{ user: { login: string }; assignees: { login: string }[] }[]>(`/repos/${REPO}/issues?state=open&per_page=100`);
      expect(reminders.map((i) => [i.user.login, i.assignees.map((a) => a.login)])).toEqual([[BOT, ["pia-idle"]]]);
      // The full reconcile runs with several orgs too (each org's drift adopted into that org).
      ok(await step("seats drift"));
      ok(await step("seats reclaim"));
      const pr = (await pipe.get<Pull[]>(`/repos/${REPO}/pulls?state=open&per_page=100`)).find((x) => x.head.ref === "seats/reclaim")!;
      // Written with SEATS_REPO_TOKEN (the App), not with the owner's read token.
      expect(pr.user.login).toBe(BOT);
      // The second org's idle seat goes; the first org's reminded person keeps theirs.
      const onBranch = Object.keys(emu.control.readBranch(REPO, "seats/reclaim")!).filter((f) => /^seats\/[^/]+\/[^_]/.test(f));
      expect(onBranch.sort()).toEqual(["seats/platform/alice-admin.yaml", "seats/platform/pia-idle.yaml", "seats/research/dana-labs.yaml", "seats/research/heidi-new.yaml"]);
      await pipe.octokit("bot").rest.pulls.update({ owner: ORG, repo: "copilot-seats", pull_number: pr.number, state: "closed" });
    },
    TIMEOUT,
  );

  it(
    "without the tokens (the GitHub Apps cannot do it) the plan job stops at the credentials step, before any seat is read, and names the secret to set",
    async () => {
      const pipe = new Pipeline(emu, spaces);
      const pr = await pipe.openPr("alice-admin", "alice-research", { "seats/research/alice-admin.yaml": member("alice-admin") });
      emu.log.reset();
      const p = await pipe.plan(pr);
      expect(p.steps.creds!.code).toBe(1);
      expect(p.steps.creds!.stderr).toContain(`policies/policy.yaml manages several orgs (${ORG}, ${LABS}), and a GitHub App installation belongs to one org`);
      expect(p.steps.creds!.stderr).toContain("as the SEATS_ENTERPRISE_READ_TOKEN secret of this job's environment");
      expect(p.steps.plan).toBeUndefined();
      expect(emu.log.entries.some((e) => e.path.includes("/copilot/"))).toBe(false);
      // Published as failing checks, never as none.
      const pub = ok(await pipe.publish(p));
      expect(pub.outputs.merged).toBe("false");
    },
    TIMEOUT,
  );
});

describe("enterprise billing", () => {
  beforeAll(() => start(enterpriseSeed()));
  afterAll(() => emu.close());

  const grants = () => (emu.control.snapshot().enterprise?.seats ?? []).filter((g) => !g.pending_cancellation_date).map((g) => g.login).sort();

  it(
    "with the tokens, a self-add is planned against the enterprise with the read token and assigned by the enterprise with the write token",
    async () => {
      const pipe = new Pipeline(emu, spaces, { read: READ, write: WRITE });
      const pr = await pipe.openPr("heidi-new", "heidi-platform", { "seats/platform/heidi-new.yaml": member("heidi-new") });
      ok((await pipe.seatsPr(pr)).validate);
      const p = await pipe.plan(pr);
      expect(ok(p.steps.creds!).outputs).toEqual({ app: "false" });
      ok(p.steps.plan!);
      expect(p.steps.gate!.outputs).toEqual({ conclusion: "success", auto_merge: "true" });
      ok(await pipe.publish(p));
      const merged = await pipe.pull(pr.number);
      expect(merged.merged).toBe(true);

      emu.log.reset();
      const a = await pipe.apply(pipe.startApplyRun(), merged.merge_commit_sha!);
      expect(a.failed, a.failed ? `${a.steps[a.failed]!.stdout}\n${a.steps[a.failed]!.stderr}` : "").toBeUndefined();
      expect(a.teams).toEqual(["+ heidi-new joined platform"]);
      expect(grants()).toEqual(["alice-admin", "heidi-new"]);
      // The emulator, like GitHub, refuses App tokens here: the write token made this request.
      expect(emu.log.entries.filter((e) => e.method === "POST" && e.path.includes("/copilot/")).map((e) => `${e.path} ${e.status}`)).toEqual(["/enterprises/acme-ent/copilot/billing/selected_users 201"]);
      expect(emu.control.snapshot().seats ?? []).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "the App's token alone is refused at the enterprise: the apply job stops at the credentials step, naming both secrets",
    async () => {
      const pipe = new Pipeline(emu, spaces);
      const main = (await pipe.get<{ object: { sha: string } }>(`/repos/${REPO}/git/ref/heads/main`)).object.sha;
      const a = await pipe.apply(pipe.startApplyRun("workflow_dispatch"), main, { event: "workflow_dispatch" });
      expect(a.failed).toBe("creds");
      expect(a.steps.creds!.stderr).toContain("policies/policy.yaml sets copilot.billing: enterprise, and GitHub's enterprise endpoints refuse GitHub App tokens");
      expect(a.steps.creds!.stderr).toContain("SEATS_ENTERPRISE_READ_TOKEN secret of this job's environment and another as SEATS_ENTERPRISE_WRITE_TOKEN");
    },
    TIMEOUT,
  );
});
