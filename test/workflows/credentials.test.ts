// Which credentials each job uses (docs/enterprise.md, "Credentials per job"): the GitHub Apps in
// org mode, the environment's enterprise tokens when it holds them. The decision (pure), what a
// repository needs (fixture repos), and the workflows' wiring of it: the App-token steps run only
// on `app == 'true'`, every step that took an App token takes the enterprise token first, and the
// write token reaches the writing steps of seats-production only.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { chooseCredentials, type RepoNeeds } from "../../src/ci/credentials.js";
import { repoNeeds } from "../../src/ci/steps/credentials-step.js";
import { tempDir } from "../helpers/seat-repo.js";
import { resolve, ROOT, runStep } from "./step-runner.js";

const ORG_MODE: RepoNeeds = { billing: "org", orgs: ["acme"], enterpriseTeams: [] };
const ENTERPRISE: RepoNeeds = { billing: "enterprise", orgs: ["acme"], enterpriseTeams: [] };
const CLASSIC = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB";
const CLASSIC_2 = "ghp_ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zz";

describe("chooseCredentials", () => {
  it.each([
    { name: "org mode, no token: the Apps", input: { writes: false, needs: ORG_MODE }, app: true },
    { name: "org mode, empty secrets (an unset secret is ''): the Apps", input: { read: "", write: "", writes: true, needs: ORG_MODE }, app: true },
    { name: "enterprise billing with the read token", input: { read: CLASSIC, writes: false, needs: ENTERPRISE }, app: false },
    { name: "the apply job with both tokens", input: { read: CLASSIC, write: CLASSIC_2, writes: true, needs: ENTERPRISE }, app: false },
    { name: "a token in org mode is used too (say, to leave the Apps)", input: { read: CLASSIC, writes: false, needs: ORG_MODE }, app: false },
    { name: "a read job ignores a write token it never gets", input: { read: CLASSIC, write: "ghs_x", writes: false, needs: ENTERPRISE }, app: false },
    { name: "an OAuth token", input: { read: "gho_abcdefghijklmnopqrstuvwxyz0123456789", writes: false, needs: ENTERPRISE }, app: false },
  ])("$name", ({ input, app }) => {
    expect(chooseCredentials(input).app).toBe(app);
  });

  it.each([
    { name: "enterprise billing without a token", input: { writes: false, needs: ENTERPRISE }, want: /copilot\.billing: enterprise.*store a classic personal access token of an owner as the SEATS_ENTERPRISE_READ_TOKEN secret/ },
    {
      name: "several orgs without tokens (the apply job)",
      input: { writes: true, needs: { billing: "org" as const, orgs: ["acme", "acme-labs"], enterpriseTeams: [] } },
      want: /several orgs \(acme, acme-labs\).*SEATS_ENTERPRISE_READ_TOKEN secret of this job's environment and another as SEATS_ENTERPRISE_WRITE_TOKEN/,
    },
    { name: "an enterprise team under org billing", input: { writes: false, needs: { ...ORG_MODE, enterpriseTeams: ["ml"] } }, want: /seats\/ml\/ is an enterprise team/ },
    { name: "an installation token as the read token", input: { read: "ghs_abcdefghijklmnopqrstuvwxyz0123456789", writes: false, needs: ENTERPRISE }, want: /SEATS_ENTERPRISE_READ_TOKEN is a GitHub App installation token; it must be a classic/ },
    { name: "a fine-grained write token", input: { read: CLASSIC, write: "github_pat_11ABCDEFGabcdefghijklmnopqrstuvwxyz", writes: true, needs: ENTERPRISE }, want: /SEATS_ENTERPRISE_WRITE_TOKEN is a fine-grained token/ },
    { name: "the write token without the read token", input: { write: CLASSIC, writes: true, needs: ENTERPRISE }, want: /holds SEATS_ENTERPRISE_WRITE_TOKEN but not SEATS_ENTERPRISE_READ_TOKEN.*set both/ },
    { name: "the read token without the write token", input: { read: CLASSIC, writes: true, needs: ORG_MODE }, want: /holds SEATS_ENTERPRISE_READ_TOKEN but not SEATS_ENTERPRISE_WRITE_TOKEN/ },
    { name: "a token pasted with a line break", input: { read: `${CLASSIC}\nx`, writes: false, needs: ENTERPRISE }, want: /SEATS_ENTERPRISE_READ_TOKEN contains a line break/ },
    // The later steps get the secret as stored (`secrets.X || …` trims nothing): what is refused
    // there is refused here, before a blank secret makes this step choose the Apps while every
    // step after it takes the blank secret over the App token.
    { name: "a blank secret (org mode)", input: { read: "  ", writes: false, needs: ORG_MODE }, want: /SEATS_ENTERPRISE_READ_TOKEN contains spaces/ },
    { name: "a token stored with its trailing line break", input: { read: `${CLASSIC}\n`, writes: false, needs: ENTERPRISE }, want: /SEATS_ENTERPRISE_READ_TOKEN contains a line break/ },
    { name: "a blank write token beside the read token", input: { read: CLASSIC, write: "\n", writes: true, needs: ENTERPRISE }, want: /SEATS_ENTERPRISE_WRITE_TOKEN contains a line break/ },
  ])("refuses $name, with the fix, never printing a token", ({ input, want }) => {
    let message = "";
    try {
      chooseCredentials(input);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(want);
    expect(message).not.toMatch(/abcdefghijklmnopqrstuvwxyz|0123456789abcdef/);
  });
});

describe("repoNeeds (policies/policy.yaml and the _team.yaml files)", () => {
  it.each([
    { fixture: "test/fixtures/workflows/repo", want: { billing: "org", orgs: ["acme-corp"], enterpriseTeams: [] } },
    { fixture: "test/fixtures/plan/orgs", want: { billing: "org", orgs: ["acme", "acme-labs"], enterpriseTeams: [] } },
    { fixture: "test/fixtures/plan/enterprise", want: { billing: "enterprise", orgs: ["acme"], enterpriseTeams: ["ml"] } },
  ])("$fixture", ({ fixture, want }) => {
    expect(repoNeeds(path.join(ROOT, fixture))).toEqual(want);
  });

  it("an empty folder needs nothing (seats plan reports the missing repo)", () => {
    const { dir } = tempDir("seats-creds-");
    expect(repoNeeds(dir)).toEqual({ billing: "org", orgs: [], enterpriseTeams: [] });
  });
});

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}
const WORKFLOWS = path.join(ROOT, ".github/workflows");
const jobs = readdirSync(WORKFLOWS)
  .filter((f) => f.endsWith(".yml"))
  .flatMap((f) => Object.entries(parse(readFileSync(path.join(WORKFLOWS, f), "utf8")).jobs as Record<string, { environment?: string; steps: Step[] }>).map(([id, j]) => ({ where: `${f}#${id}`, ...j })));
const mentions = (s: Step, secret: string) => JSON.stringify(s).includes(`secrets.${secret}`);
/** App tokens that read or write the org (the PR bot's repository-only tokens are not replaced). */
const ORG_TOKEN_STEPS = new Set(["read-token", "team-token", "seat-token"]);

describe("the workflows' wiring", () => {
  it("each job that mints an org App token first decides with `seats ci credentials`, and mints it only on app == 'true'", () => {
    const wired = jobs.filter((j) => j.steps.some((s) => s.uses?.startsWith("actions/create-github-app-token@") && ORG_TOKEN_STEPS.has(s.id ?? "")));
    expect(wired.map((j) => j.where).sort()).toEqual(["seats-apply.yml#apply", "seats-doctor.yml#read-only", "seats-doctor.yml#read-write", "seats-plan.yml#plan"]);
    for (const j of wired) {
      const ids = j.steps.map((s) => s.id);
      const creds = j.steps.find((s) => s.id === "creds")!;
      expect(creds.run, j.where).toMatch(/^node bin\/seats\.js ci credentials( --write)?$/);
      for (const s of j.steps.filter((x) => ORG_TOKEN_STEPS.has(x.id ?? ""))) {
        expect(ids.indexOf("creds"), `${j.where} ${s.id}`).toBeLessThan(ids.indexOf(s.id));
        expect(s.if, `${j.where} ${s.id}`).toBe("${{ steps.creds.outputs.app == 'true' }}");
      }
    }
  });

  it("every step that used an org App token takes the enterprise token first, the write token only where the App wrote", () => {
    const writers = new Set(["seats-apply.yml#apply teams", "seats-apply.yml#apply seats", "seats-doctor.yml#read-write probe-write"]);
    for (const j of jobs) {
      for (const s of j.steps) {
        for (const [name, value] of Object.entries(s.env ?? {})) {
          const m = /steps\.(read-token|team-token|seat-token)\.outputs\.token/.exec(value);
          if (!m) continue;
          const wanted = writers.has(`${j.where} ${s.id}`) ? "SEATS_ENTERPRISE_WRITE_TOKEN" : "SEATS_ENTERPRISE_READ_TOKEN";
          expect(value, `${j.where} ${s.id ?? s.name} ${name}`).toBe(`\${{ secrets.${wanted} || steps.${m[1]}.outputs.token }}`);
        }
      }
    }
  });

  it("a step that runs after failures (always(), !cancelled()) takes an enterprise or org token only once the credentials step succeeded", () => {
    // Otherwise it runs with the secret the credentials step refused, or with an empty token.
    const token = /secrets\.SEATS_ENTERPRISE_|steps\.(read-token|team-token|seat-token|token)\.outputs\.token/;
    for (const j of jobs.filter((x) => x.steps.some((s) => s.id === "creds"))) {
      for (const s of j.steps.filter((x) => Object.values(x.env ?? {}).some((v) => token.test(v)))) {
        if (!s.if || !/always\(\)|cancelled\(\)|failure\(\)/.test(s.if)) continue;
        expect(s.if, `${j.where} ${s.id ?? s.name}`).toContain("steps.creds.outcome == 'success'");
      }
    }
  });

  it("the write token is read in seats-production only: the credentials choice, pulumi up, seats apply --confirm and the doctor's probe", () => {
    const users = jobs.flatMap((j) => j.steps.filter((s) => mentions(s, "SEATS_ENTERPRISE_WRITE_TOKEN")).map((s) => `${j.where}:${j.environment}:${s.id}`));
    expect(users.sort()).toEqual([
      "seats-apply.yml#apply:seats-production:creds",
      "seats-apply.yml#apply:seats-production:seats",
      "seats-apply.yml#apply:seats-production:teams",
      "seats-doctor.yml#read-write:seats-production:creds",
      "seats-doctor.yml#read-write:seats-production:probe-write",
    ]);
    const apply = jobs.find((j) => j.where === "seats-apply.yml#apply")!;
    expect(apply.steps.find((s) => s.id === "seats")!.run).toContain("--confirm");
    expect(apply.steps.find((s) => s.id === "teams")!.run).toMatch(/^pulumi up /);
    // The dry-run verify and the reviewed-plan lookup read with the read token.
    for (const id of ["verify", "reviewed"]) expect(mentions(apply.steps.find((s) => s.id === id)!, "SEATS_ENTERPRISE_READ_TOKEN"), id).toBe(true);
  });
});

describe("the nightly job", () => {
  const reclaim = jobs.find((j) => j.where === "seats-reclaim.yml#reclaim")!;

  it("decides first, keeps the PR-bot token (it writes the repository), and reads with the enterprise read token where the environment holds one", () => {
    const ids = reclaim.steps.map((s) => s.id);
    expect(ids.indexOf("creds")).toBeLessThan(ids.indexOf("token"));
    expect(reclaim.steps.find((s) => s.id === "creds")!.run).toBe("node bin/seats.js ci credentials");
    expect(reclaim.steps.find((s) => s.id === "token")!.if).toBeUndefined();
    const uses = reclaim.steps.filter((s) => s.env?.GITHUB_TOKEN).map((s) => [s.name, s.env!.GITHUB_TOKEN, s.env!.SEATS_REPO_TOKEN ?? null]);
    const read = "${{ secrets.SEATS_ENTERPRISE_READ_TOKEN || steps.token.outputs.token }}";
    const bot = "${{ steps.token.outputs.token }}";
    expect(uses).toEqual([
      ["seats remind", read, bot],
      ["seats drift", read, bot],
      ["seats reclaim", read, bot],
      ["seats report", read, null],
    ]);
  });
});

describe("the doctor's probes", () => {
  it("reach every org of orgs: and the enterprise's seat list", async () => {
    const { probesFor } = await import("../../src/ci/doctor.js");
    const probes = probesFor("ro", "acme", "acme", "seats", "main", { orgs: ["acme", "acme-labs"], enterprise: "acme-corp" });
    expect(probes.map((p) => `${p.route} ${String(p.params.org ?? p.params.enterprise)}`)).toEqual([
      "GET /orgs/{org}/copilot/billing acme",
      "GET /orgs/{org}/members acme",
      "GET /orgs/{org}/teams acme",
      "GET /orgs/{org}/copilot/billing acme-labs",
      "GET /orgs/{org}/members acme-labs",
      "GET /orgs/{org}/teams acme-labs",
      "GET /enterprises/{enterprise}/copilot/billing/seats acme-corp",
    ]);
    expect(probesFor("ro", "acme", "acme", "seats", "main")).toHaveLength(3);
  });
});

describe("the steps as the runner resolves them", () => {
  const planStep = (secrets: Record<string, string>) => {
    const step = parse(readFileSync(path.join(WORKFLOWS, "seats-plan.yml"), "utf8")).jobs.plan.steps.find((s: Step) => s.id === "plan") as Step;
    return resolve(step.env!.GITHUB_TOKEN!, { secrets, steps: { "read-token": { outputs: { token: "app-token" } } } });
  };

  it("seats plan reads with the enterprise read token when the environment holds it, else with the App token", () => {
    expect(planStep({ SEATS_ENTERPRISE_READ_TOKEN: CLASSIC })).toBe(CLASSIC);
    // GitHub gives an unset secret as "".
    expect(planStep({ SEATS_ENTERPRISE_READ_TOKEN: "" })).toBe("app-token");
    expect(planStep({})).toBe("app-token");
  });

  // GitHub gives a secret the environment does not hold as "".
  const creds = (workflow: string, job: string, secrets: Record<string, string | undefined>, cwd: string) =>
    runStep({ workflow, job, step: "creds", ctx: { secrets: { SEATS_ENTERPRISE_READ_TOKEN: "", SEATS_ENTERPRISE_WRITE_TOKEN: "", ...(secrets as Record<string, string>) } }, cwd, runnerEnv: {} });

  it.each([
    { name: "org mode without tokens mints the Apps", workflow: "seats-plan.yml", job: "plan", repo: "test/fixtures/workflows/repo", secrets: {}, app: "true" },
    { name: "enterprise billing with the read token skips the App", workflow: "seats-plan.yml", job: "plan", repo: "test/fixtures/plan/enterprise", secrets: { SEATS_ENTERPRISE_READ_TOKEN: CLASSIC }, app: "false" },
    {
      name: "several orgs' apply with both tokens skips the App",
      workflow: "seats-apply.yml",
      job: "apply",
      repo: "test/fixtures/plan/orgs",
      secrets: { SEATS_ENTERPRISE_READ_TOKEN: CLASSIC, SEATS_ENTERPRISE_WRITE_TOKEN: CLASSIC_2 },
      app: "false",
    },
  ])("the credentials step: $name", async ({ workflow, job, repo, secrets, app }) => {
    const r = await creds(workflow, job, secrets, path.join(ROOT, repo));
    expect(r.code, r.stderr).toBe(0);
    expect(r.outputs).toEqual({ app });
    expect(r.stdout + r.stderr).not.toContain(CLASSIC);
  });

  it("the credentials step stops an enterprise repo without the token, saying which secret to set", async () => {
    const r = await creds("seats-apply.yml", "apply", {}, path.join(ROOT, "test/fixtures/plan/enterprise"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("::error::seats ci credentials: policies/policy.yaml sets copilot.billing: enterprise");
    expect(r.stderr).toContain("SEATS_ENTERPRISE_WRITE_TOKEN");
    expect(r.outputs).toEqual({});
  });
});
