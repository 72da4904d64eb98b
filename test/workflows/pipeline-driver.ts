// Drives the seats workflows' real steps (their `run:` scripts, read from the YAML, step-runner.ts)
// against the emulator, the way GitHub would run them: seats-pr on GitHub's merge commit,
// seats-plan's plan and publish jobs, and seats-apply. What are actions on GitHub is replaced by
// what they leave behind: checkouts (git-mirror.ts copies the emulator's commits, SHAs and all),
// minted App tokens (tokens the emulator maps to those Apps), artifacts (copied files), and
// `pulumi up` (pulumiEquivalent: the Pulumi program's team plan applied through the REST API,
// because the Pulumi CLI cannot run offline).
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Octokit } from "@octokit/rest";
import { pulumiEquivalent } from "../../scripts/pulumi-equivalent.js";
import type { EmulatorSeed, RunningEmulator } from "../../src/emulator/index.js";
import type { SeatModel } from "../../src/model/types.js";
import { loadValidModel } from "../../src/validate/validate.js";
import { mirrorCommit } from "./git-mirror.js";
import { runStep, type ExprContext, type StepRun } from "./step-runner.js";
import { gitIn, workspace, type Workspace } from "./workspace.js";
import { tempDir } from "../helpers/seat-repo.js";

export const REPO = "acme-corp/copilot-seats";
export const ORG = "acme-corp";
/** The Apps of the pipeline, and GitHub Actions' own (GITHUB_TOKEN is its installation token). */
export const APPS = {
  actions: { id: 15368, slug: "github-actions" },
  bot: { id: 101, slug: "seats-bot" },
  ro: { id: 303, slug: "seats-ro" },
  rw: { id: 404, slug: "seats-rw" },
} as const;
export const BOT = `${APPS.bot.slug}[bot]`;
export const token = (login: string) => `${login}-token`;

export interface Pull {
  number: number;
  state: string;
  node_id: string;
  html_url: string;
  merged: boolean;
  merged_at: string | null;
  merge_commit_sha: string | null;
  merged_by: { login: string } | null;
  head: { ref: string; sha: string; repo: { full_name: string } };
  base: { ref: string; sha: string };
  user: { login: string; type: string };
}

/** Tokens the emulator maps to the pipeline's Apps and to each person of the seed. */
export function withPipelineIdentities(seed: EmulatorSeed, people: string[]): EmulatorSeed {
  const tokens: NonNullable<EmulatorSeed["tokens"]> = {
    "gh-token": { app: APPS.actions.slug },
    "bot-token": { app: APPS.bot.slug },
    "ro-token": { app: APPS.ro.slug },
    "rw-token": { app: APPS.rw.slug },
  };
  for (const p of people) tokens[token(p)] = { login: p };
  return {
    ...seed,
    apps: Object.values(APPS).map((a) => ({ ...a })),
    tokens,
    // The ruleset: both checks from the PR-bot App are required (docs/workflows.md).
    required_checks: { [REPO]: [{ context: "seats/plan", app: APPS.bot.slug }, { context: "seats/approval", app: APPS.bot.slug }] },
  };
}

export interface PlanRun {
  pr: Pull;
  /** The plan job's outputs (skip, number, head_sha, base_sha). */
  outputs: Record<string, string>;
  /** The trusted checkout (plan.json, plan.md, gate.json are in it). */
  dir: string;
  steps: Record<string, StepRun>;
}

/**
 * The enterprise tokens the environments hold (docs/enterprise.md, "Credentials per job"): the
 * read token in seats-plan and seats-production, the write token in seats-production. None: the
 * jobs mint the Apps' tokens, as in org mode.
 */
export interface EnterpriseTokens {
  read?: string;
  write?: string;
}

export class Pipeline {
  private runSeq = 0;

  constructor(
    readonly emu: RunningEmulator,
    private readonly spaces: Workspace[],
    private readonly tokens: EnterpriseTokens = {},
  ) {}

  octokit(login: string): Octokit {
    const auth = ["bot", "gh", "ro", "rw"].includes(login) ? `${login}-token` : token(login);
    return this.octokitWith(auth);
  }

  private octokitWith(auth: string): Octokit {
    return new Octokit({ baseUrl: this.emu.url, auth, userAgent: "pipeline-test", request: { retries: 0 }, log: { debug() {}, info() {}, warn() {}, error() {} } });
  }

  /** The `secrets` context of a job: GitHub gives a secret the environment does not hold as "". */
  private secrets(extra: Record<string, string> = {}): ExprContext {
    return { SEATS_ENTERPRISE_READ_TOKEN: this.tokens.read ?? "", SEATS_ENTERPRISE_WRITE_TOKEN: this.tokens.write ?? "", ...extra };
  }

  async get<T>(route: string, login = "gh"): Promise<T> {
    const { data } = await this.octokit(login).request(`GET ${route}`);
    return data as T;
  }

  /** What the runner sets for every step of a job in this repository. */
  runner(event: string, extra: Record<string, string> = {}): Record<string, string> {
    return {
      GITHUB_REPOSITORY: REPO,
      GITHUB_API_URL: this.emu.url,
      GITHUB_SERVER_URL: "https://github.example",
      GITHUB_EVENT_NAME: event,
      GITHUB_RUN_ID: String(++this.runSeq),
      GITHUB_ACTOR: "octo-admin",
      SEATS_WRITE_INTERVAL_MS: "0",
      SEATS_RETRY_BASE_MS: "1",
      SEATS_POLL_INTERVAL_MS: "25",
      ...extra,
    };
  }

  private ws(git = false): Workspace {
    const w = workspace(path.resolve(import.meta.dirname, "../fixtures/workflows/repo"), { git });
    this.spaces.push(w);
    return w;
  }

  // ---------------------------------------------------------------- what people do on GitHub

  /** A commit on `branch` (created from main, or moved) with `edits` (null deletes), made with `login`'s token. */
  async push(login: string, branch: string, edits: Record<string, string | null>): Promise<string> {
    const gh = this.octokit(login);
    const R = { owner: ORG, repo: "copilot-seats" };
    const existing = await gh.rest.git.getRef({ ...R, ref: `heads/${branch}` }).then((r) => r.data.object.sha, () => undefined);
    const parent = existing ?? (await gh.rest.git.getRef({ ...R, ref: "heads/main" })).data.object.sha;
    const baseTree = (await gh.rest.git.getCommit({ ...R, commit_sha: parent })).data.tree.sha;
    const tree = await gh.rest.git.createTree({
      ...R,
      base_tree: baseTree,
      tree: Object.entries(edits).map(([p, content]) => (content === null ? { path: p, mode: "100644" as const, type: "blob" as const, sha: null } : { path: p, mode: "100644" as const, type: "blob" as const, content })),
    });
    const commit = await gh.rest.git.createCommit({ ...R, message: `edit ${Object.keys(edits).join(", ")}`, tree: tree.data.sha, parents: [parent] });
    if (existing) await gh.rest.git.updateRef({ ...R, ref: `heads/${branch}`, sha: commit.data.sha, force: true });
    else await gh.rest.git.createRef({ ...R, ref: `refs/heads/${branch}`, sha: commit.data.sha });
    return commit.data.sha;
  }

  async openPr(login: string, branch: string, edits: Record<string, string | null>): Promise<Pull> {
    await this.push(login, branch, edits);
    const { data } = await this.octokit(login).rest.pulls.create({ owner: ORG, repo: "copilot-seats", head: branch, base: "main", title: `Seats: ${branch}` });
    return this.pull(data.number);
  }

  async pull(number: number): Promise<Pull> {
    return this.get<Pull>(`/repos/${REPO}/pulls/${number}`);
  }

  async review(login: string, pr: Pull, event: "APPROVE" | "REQUEST_CHANGES" = "APPROVE"): Promise<void> {
    await this.octokit(login).rest.pulls.createReview({ owner: ORG, repo: "copilot-seats", pull_number: pr.number, event, commit_id: pr.head.sha, ...(event === "APPROVE" ? {} : { body: "no" }) });
  }

  // ---------------------------------------------------------------- checkouts

  /** A local clone holding the emulator's commits `shas` (same SHAs), with `main` at main's head. */
  private async clone(into: string, shas: string[]): Promise<void> {
    mkdirSync(into, { recursive: true });
    gitIn(into, "init", "-q", "-b", "work");
    const gitDir = path.join(into, ".git");
    for (const sha of shas) await mirrorCommit(this, REPO, sha, gitDir);
  }

  /** GitHub's merge commit of the PR (`refs/pull/N/merge`): first parent main, second the head. */
  async mergeCheckout(into: string, pr: Pull): Promise<{ base: string; merge: string }> {
    const base = (await this.get<{ object: { sha: string } }>(`/repos/${REPO}/git/ref/heads/main`)).object.sha;
    await this.clone(into, [base, pr.head.sha]);
    gitIn(into, "update-ref", "refs/remotes/origin/main", base);
    gitIn(into, "checkout", "-q", "--detach", base);
    gitIn(into, "merge", "-q", "--no-ff", "-m", `Merge ${pr.head.sha} into ${base}`, pr.head.sha);
    return { base, merge: gitIn(into, "rev-parse", "HEAD") };
  }

  /** A checkout of commit `sha` (the apply job's checkout): the code linked, the seat data as at `sha`. */
  async checkoutAt(sha: string): Promise<Workspace> {
    const w = this.ws();
    const src = tempDir("seats-src-").dir;
    this.spaces.push({ dir: src, git: () => "", remove: () => rmSync(src, { recursive: true, force: true }) });
    await this.clone(src, [sha]);
    gitIn(src, "checkout", "-q", "--detach", sha);
    for (const rel of ["seats", "policies/policy.yaml", ".github/CODEOWNERS"]) {
      rmSync(path.join(w.dir, rel), { recursive: true, force: true });
      if (existsSync(path.join(src, rel))) cpSync(path.join(src, rel), path.join(w.dir, rel), { recursive: true });
    }
    // The history comes along (actions/checkout with fetch-depth 2 has the first parent), with the
    // linked code hidden from git as on the runner, where it is tracked and unchanged.
    renameSync(path.join(src, ".git"), path.join(w.dir, ".git"));
    writeFileSync(path.join(w.dir, ".git/info/exclude"), CODE.map((c) => `/${c}`).join("\n") + "\n");
    return w;
  }

  // ---------------------------------------------------------------- workflows

  /** seats-pr.yml's validate job on GitHub's merge commit. */
  async seatsPr(pr: Pull, event: "pull_request" | "pull_request_review" = "pull_request"): Promise<{ author: string; validate: StepRun }> {
    const w = this.ws();
    await this.mergeCheckout(path.join(w.dir, "checkout"), pr);
    // The checkout is the workspace: link the code into it, hidden from git like on the runner.
    const dir = path.join(w.dir, "checkout");
    linkCode(dir);
    const payload = { pull_request: { number: pr.number, user: pr.user, base: { ref: "main" }, head: { ref: pr.head.ref, sha: pr.head.sha, repo: { full_name: pr.head.repo.full_name } } } };
    const ctx: ExprContext = { github: { event: payload, token: "gh-token" }, steps: {} };
    const run = (step: string, c: ExprContext) => runStep({ workflow: "seats-pr.yml", job: "validate", step, ctx: c, cwd: dir, runnerEnv: this.runner(event), event: payload });
    const changed = await run("changed", ctx);
    let author: Record<string, string> = { author: "" };
    if (changed.outputs.seats === "true") author = (await run("author", { ...ctx, steps: { changed: { outputs: changed.outputs } } })).outputs;
    let approvers = { approvers: "" };
    if (author.author) approvers = (await run("approvers", { ...ctx, steps: { author: { outputs: author } } })).outputs as { approvers: string };
    const validate = await run("seats validate", { ...ctx, steps: { changed: { outputs: changed.outputs }, author: { outputs: author }, approvers: { outputs: approvers } } });
    return { author: author.author ?? "", validate };
  }

  /** seats-plan.yml's plan job, after seats-pr completed for the PR's head. */
  async plan(pr: Pull, opts: { event?: "pull_request" | "pull_request_review"; preview?: string; spawn?: boolean } = {}): Promise<PlanRun> {
    const w = this.ws();
    syncData(w.dir, this.emu.control.readBranch(REPO, "main")!);
    const payload = {
      workflow_run: { event: opts.event ?? "pull_request", conclusion: "success", head_sha: pr.head.sha, head_branch: pr.head.ref, head_repository: { owner: { login: ORG }, full_name: REPO }, pull_requests: [] },
      repository: { default_branch: "main" },
    };
    const github = { event: payload, token: "gh-token", repository_owner: ORG, api_url: this.emu.url };
    const steps: Record<string, StepRun> = {};
    let outs: ExprContext = {};
    const run = async (step: string) => {
      const r = await runStep({ workflow: "seats-plan.yml", job: "plan", step, ctx: { github, steps: outs, secrets: this.secrets() }, cwd: w.dir, runnerEnv: this.runner("workflow_run"), event: payload, spawn: opts.spawn ?? false });
      steps[step] = r;
      outs = { ...outs, [step]: { outputs: r.outputs, outcome: r.code === 0 ? "success" : "failure" } };
      return r;
    };
    const found = await run("pr");
    if (found.outputs.skip !== "false") return { pr, outputs: { skip: found.outputs.skip ?? "true" }, dir: w.dir, steps };
    await run("wait");
    // actions/checkout of refs/pull/N/merge into pr/ (data only).
    await this.mergeCheckout(path.join(w.dir, "pr"), pr);
    const data = await run("data");
    // The read-only App's token is minted only when the credentials step says so (app == 'true').
    if (data.code === 0 && (await run("creds")).code === 0) {
      if (steps.creds!.outputs.app === "true") outs["read-token"] = { outputs: { token: "ro-token", "app-slug": APPS.ro.slug }, outcome: "success" };
      await run("plan");
      // `pulumi preview` cannot run offline; what it would print goes where its output goes.
      if (opts.preview !== undefined) writeFileSync(path.join(w.dir, "preview.txt"), opts.preview);
      await run("gate");
    }
    return { pr, outputs: { skip: "false", number: found.outputs.number!, head_sha: found.outputs.head_sha!, base_sha: data.outputs.base ?? "" }, dir: w.dir, steps };
  }

  /** seats-plan.yml's publish job (PR-bot App) with the plan job's artifact. */
  async publish(p: PlanRun): Promise<StepRun> {
    const w = this.ws();
    mkdirSync(path.join(w.dir, "results"));
    for (const f of ["plan.json", "plan.md", "preview.txt", "gate.json"]) {
      if (existsSync(path.join(p.dir, f))) copyFileSync(path.join(p.dir, f), path.join(w.dir, "results", f));
    }
    const ctx: ExprContext = {
      github: { event: { repository: { default_branch: "main" } } },
      needs: { plan: { outputs: p.outputs } },
      steps: { token: { outputs: { token: "bot-token", "app-slug": APPS.bot.slug } } },
    };
    return runStep({ workflow: "seats-plan.yml", job: "publish", step: "Publish the checks and the comment; merge a self-service change", ctx, cwd: w.dir, runnerEnv: this.runner("workflow_run") });
  }

  /** A new seats-apply run, as GitHub creates one for a push (or a dispatch). */
  startApplyRun(event = "push"): { id: number; run_number: number } {
    return this.emu.control.ci.addWorkflowRun(REPO, { workflow: "seats-apply.yml", status: "in_progress", event });
  }

  /**
   * seats-apply.yml's job for the run `run`, on commit `sha`. Stops at the first failing step, as
   * the runner does; `teams` is the pulumi-equivalent. The run is marked completed at the end.
   */
  async apply(run: { id: number; run_number: number }, sha: string, opts: { event?: "push" | "workflow_dispatch"; inputs?: { checksum: string; force: boolean }; actor?: string; triggeringActor?: string; spawnTurn?: boolean } = {}): Promise<{ steps: Record<string, StepRun>; failed?: string; teams?: string[] }> {
    const w = await this.checkoutAt(sha);
    const event = opts.event ?? "push";
    const env = this.runner(event, { GITHUB_RUN_ID: String(run.id), GITHUB_RUN_NUMBER: String(run.run_number), GITHUB_ACTOR: opts.actor ?? "octo-admin", ...(opts.triggeringActor ? { GITHUB_TRIGGERING_ACTOR: opts.triggeringActor } : {}) });
    const parent = (await this.get<{ parents: { sha: string }[] }>(`/repos/${REPO}/git/commits/${sha}`)).parents[0]?.sha ?? "";
    const github = { token: "gh-token", sha, event_name: event, event: { repository: { default_branch: "main" }, before: event === "push" ? parent : "" }, api_url: this.emu.url, repository_owner: ORG };
    let outs: ExprContext = {};
    const steps: Record<string, StepRun> = {};
    const ctx = (): ExprContext => ({ github, steps: outs, inputs: opts.inputs ?? { checksum: "", force: false }, secrets: this.secrets({ SEATS_BOT_APP_ID: String(APPS.bot.id) }) });
    const done = (failed?: string, teams?: string[]) => {
      this.emu.control.ci.setWorkflowRun(REPO, run.id, "completed", failed ? "failure" : "success");
      return { steps, ...(failed ? { failed } : {}), ...(teams ? { teams } : {}) };
    };
    const step = async (id: string, spawn = false) => {
      const r = await runStep({ workflow: "seats-apply.yml", job: "apply", step: id, ctx: ctx(), cwd: w.dir, runnerEnv: env, spawn });
      steps[id] = r;
      outs = { ...outs, [id]: { outputs: r.outputs } };
      return r.code === 0;
    };
    if (!(await step("turn", opts.spawnTurn))) return done("turn");
    if (!(await step("creds"))) return done("creds");
    const app = steps.creds!.outputs.app === "true";
    if (app) outs["read-token"] = { outputs: { token: "rw-token" } };
    if (!(await step("reviewed"))) return done("reviewed");
    if (!(await step("change"))) return done("change");
    if (!(await step("verify"))) return done("verify");
    // SEATS_PLAN: the plan the verify step wrote, as the workflow passes it to `pulumi up`.
    // With the write token, `pulumi up` gets it as GITHUB_TOKEN (the teams step's env).
    const teams = await pulumiEquivalent(app ? this.octokit("rw") : this.octokitWith(this.tokens.write!), loadValidModel(w.dir), { planFile: path.join(w.dir, "plan.json") });
    if (app) outs["seat-token"] = { outputs: { token: "rw-token" } };
    if (!(await step("seats"))) return done("seats", teams);
    return done(undefined, teams);
  }
}

const CODE = ["bin", "src", "node_modules", "package.json", "tsconfig.json", ".github/workflows"];

function linkCode(dir: string): void {
  const root = path.resolve(import.meta.dirname, "../..");
  for (const rel of CODE) {
    const to = path.join(dir, rel);
    rmSync(to, { recursive: true, force: true });
    mkdirSync(path.dirname(to), { recursive: true });
    symlinkSync(path.join(root, rel), to);
  }
  writeFileSync(path.join(dir, ".git/info/exclude"), CODE.map((c) => `/${c}`).join("\n") + "\n");
}

/** Makes the workspace's seat data equal to `files` (the default branch's files). */
function syncData(dir: string, files: Record<string, string>): void {
  for (const rel of ["seats", "policies/policy.yaml", ".github/CODEOWNERS"]) rmSync(path.join(dir, rel), { recursive: true, force: true });
  for (const [rel, content] of Object.entries(files)) {
    if (!(rel.startsWith("seats/") || rel === "policies/policy.yaml" || rel === ".github/CODEOWNERS")) continue;
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
}

