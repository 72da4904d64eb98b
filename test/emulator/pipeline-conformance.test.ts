// Conformance of the pipeline's endpoints (check runs, reviews, merges and auto-merge, a PR's
// commits, a commit's PRs, Actions runs): driven with @octokit/rest over real HTTP with tokens that
// act as different users and GitHub Apps, each JSON body validated against GitHub's OpenAPI
// schema (GraphQL is not in the REST description; its answers are checked field by field).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../src/emulator/index.js";
import { buildRouter } from "../../src/emulator/routes/index.js";
import { Recorder, octokitFor, raw } from "./harness.js";
import { githubValidator } from "./openapi-validator.js";
import { PIPELINE_ROUTES } from "./pipeline-routes.js";

const R = { owner: "acme", repo: "seats" };
const SEED: EmulatorSeed = {
  org: { login: "acme", seat_management_setting: "assign_selected" },
  viewer: "root",
  members: [{ login: "root", role: "admin" }, "alice", "bob"],
  users: ["mallory"],
  apps: [
    { id: 77, slug: "seats-bot", name: "Seats bot" },
    { id: 88, slug: "other-app" },
  ],
  tokens: { "bot-token": { app: "seats-bot" }, "other-token": { app: "other-app" }, "alice-token": { login: "alice" }, "mallory-token": { login: "mallory" } },
  required_checks: { "acme/seats": [{ context: "seats/approval", app: "seats-bot" }] },
  repos: [{ full_name: "acme/seats", files: { "README.md": "# seats\n", ".github/workflows/seats-apply.yml": "on: push\n" } }],
};

const recorder = new Recorder();
let emu: RunningEmulator;
let bot: ReturnType<typeof octokitFor>;
let other: ReturnType<typeof octokitFor>;
let alice: ReturnType<typeof octokitFor>;
let mallory: ReturnType<typeof octokitFor>;
const graphqlSeen = new Set<string>();

beforeAll(async () => {
  githubValidator();
  emu = await startEmulator({ seed: SEED });
  bot = octokitFor(emu, recorder, "bot-token");
  other = octokitFor(emu, recorder, "other-token");
  alice = octokitFor(emu, recorder, "alice-token");
  mallory = octokitFor(emu, recorder, "mallory-token");
});
afterAll(() => emu.close());
afterEach(() => expect(recorder.takeFailures()).toEqual([]));

const status = (p: Promise<unknown>) => p.then(() => 0, (e: { status?: number }) => e.status ?? -1);

/** A commit on `branch` (created or moved) adding `file`, made with `gh`'s token. */
async function commit(gh: typeof bot, branch: string, file: string, author?: { name: string; email: string }): Promise<string> {
  const base = (await gh.rest.git.getRef({ ...R, ref: "heads/main" })).data.object.sha;
  const existing = await gh.rest.git.getRef({ ...R, ref: `heads/${branch}` }).then((r) => r.data.object.sha, () => undefined);
  const parent = existing ?? base;
  const tree = await gh.rest.git.createTree({ ...R, base_tree: (await gh.rest.git.getCommit({ ...R, commit_sha: parent })).data.tree.sha, tree: [{ path: file, mode: "100644", type: "blob", content: `${file}\n` }] });
  const c = await gh.rest.git.createCommit({ ...R, message: `add ${file}`, tree: tree.data.sha, parents: [parent], ...(author ? { author } : {}) });
  if (existing) await gh.rest.git.updateRef({ ...R, ref: `heads/${branch}`, sha: c.data.sha, force: true });
  else await gh.rest.git.createRef({ ...R, ref: `refs/heads/${branch}`, sha: c.data.sha });
  return c.data.sha;
}

async function graphql(token: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${emu.url}/graphql`, {
    method: "POST",
    headers: { authorization: `bearer ${token}`, "user-agent": "t", "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data?: unknown; errors?: { message: string; type?: string }[] };
  graphqlSeen.add(body.errors ? "error" : "success");
  return body;
}
const AUTO = "mutation($id: ID!, $method: PullRequestMergeMethod!, $head: GitObjectID!) { enablePullRequestAutoMerge(input: {pullRequestId: $id, mergeMethod: $method, expectedHeadOid: $head}) { clientMutationId } }";

let prNumber = 0;
let head = "";

describe("a bot's PR and the people who push onto it", () => {
  it("commits carry who made them and whether GitHub signed them", async () => {
    await commit(bot, "seats/request/ops/heidi", "seats/ops/heidi.yaml");
    const pr = await bot.rest.pulls.create({ ...R, head: "seats/request/ops/heidi", base: "main", title: "Copilot seat: heidi → ops" });
    expect(pr.data.user).toMatchObject({ login: "seats-bot[bot]", type: "Bot" });
    prNumber = pr.data.number;
    await commit(mallory, "seats/request/ops/heidi", "seats/ops/friend.yaml");
    // A "push" that writes the bot's e-mail into the commit: it names the bot, but nobody signed it.
    head = await commit(mallory, "seats/request/ops/heidi", "seats/ops/spoof.yaml", { name: "seats-bot[bot]", email: "41000077+seats-bot[bot]@users.noreply.github.com" });
    const commits = (await alice.rest.pulls.listCommits({ ...R, pull_number: prNumber })).data;
    expect(commits.map((c) => [c.author?.login, c.commit.verification?.verified])).toEqual([
      ["seats-bot[bot]", true],
      ["mallory", true],
      ["seats-bot[bot]", false],
    ]);
    expect(commits[2]!.sha).toBe(head);
    expect(await status(alice.rest.pulls.listCommits({ ...R, pull_number: 999 }))).toBe(404);
  });

  it("lists the PRs of a commit", async () => {
    const prs = (await alice.rest.repos.listPullRequestsAssociatedWithCommit({ ...R, commit_sha: head })).data;
    expect(prs.map((p) => p.number)).toEqual([prNumber]);
    expect(await status(alice.rest.repos.listPullRequestsAssociatedWithCommit({ ...R, commit_sha: "f".repeat(40) }))).toBe(422);
  });
});

describe("check runs: only GitHub Apps create them, only their App updates them", () => {
  let id = 0;
  it("creates, reads, updates and lists", async () => {
    expect(await status(alice.rest.checks.create({ ...R, name: "seats/plan", head_sha: head }))).toBe(403);
    expect(await status(bot.rest.checks.create({ ...R, name: "seats/plan", head_sha: "f".repeat(40) }))).toBe(422);
    expect(await status(bot.rest.checks.create({ ...R, name: "seats/plan", head_sha: head, status: "completed" }))).toBe(422);
    const created = await bot.rest.checks.create({ ...R, name: "seats/plan", head_sha: head, status: "in_progress", external_id: "seats-plan/1 x" });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ status: "in_progress", conclusion: null, app: { id: 77, slug: "seats-bot" } });
    id = created.data.id;
    expect(await status(other.rest.checks.update({ ...R, check_run_id: id, conclusion: "success" }))).toBe(403);
    const done = await bot.rest.checks.update({ ...R, check_run_id: id, conclusion: "success", output: { title: "Plan", summary: "ok", text: "details" } });
    expect(done.data).toMatchObject({ status: "completed", conclusion: "success", output: { title: "Plan", summary: "ok", text: "details" } });
    expect(done.data.completed_at).not.toBeNull();
    expect((await alice.rest.checks.get({ ...R, check_run_id: id })).data.external_id).toBe("seats-plan/1 x");
    expect(await status(alice.rest.checks.get({ ...R, check_run_id: 1 }))).toBe(404);

    // The same name from another App (a writer's workflow) is told apart by app_id.
    await other.rest.checks.create({ ...R, name: "seats/plan", head_sha: head, conclusion: "success", external_id: "forged" });
    await bot.rest.checks.create({ ...R, name: "seats/plan", head_sha: head, conclusion: "failure" });
    const mine = await alice.rest.checks.listForRef({ ...R, ref: head, check_name: "seats/plan", app_id: 77, filter: "all" });
    expect(mine.data.total_count).toBe(2);
    expect(mine.data.check_runs.map((c) => c.conclusion)).toEqual(["failure", "success"]);
    const latest = await alice.rest.checks.listForRef({ ...R, ref: "seats/request/ops/heidi", check_name: "seats/plan" });
    expect(latest.data.check_runs.map((c) => [c.app?.slug, c.conclusion])).toEqual([
      ["seats-bot", "failure"],
      ["other-app", "success"],
    ]);
    expect((await alice.rest.checks.listForRef({ ...R, ref: head, status: "in_progress" })).data.total_count).toBe(0);
    expect(await status(alice.rest.checks.listForRef({ ...R, ref: head, filter: "newest" as "all" }))).toBe(422);
    expect(await status(alice.rest.checks.listForRef({ ...R, ref: "no-such-branch" }))).toBe(422);
  });
});

describe("reviews", () => {
  it("records approvals; a PR's author cannot approve it", async () => {
    expect(await status(bot.rest.pulls.createReview({ ...R, pull_number: prNumber, event: "APPROVE" }))).toBe(422);
    expect(await status(alice.rest.pulls.createReview({ ...R, pull_number: prNumber, event: "REQUEST_CHANGES" }))).toBe(422);
    const approved = await alice.rest.pulls.createReview({ ...R, pull_number: prNumber, event: "APPROVE", commit_id: head });
    expect(approved.data).toMatchObject({ state: "APPROVED", commit_id: head, user: { login: "alice" } });
    await mallory.rest.pulls.createReview({ ...R, pull_number: prNumber, body: "draft" });
    const seenByAlice = (await alice.rest.pulls.listReviews({ ...R, pull_number: prNumber })).data;
    expect(seenByAlice.map((r) => [r.user?.login, r.state])).toEqual([["alice", "APPROVED"]]);
    expect((await mallory.rest.pulls.listReviews({ ...R, pull_number: prNumber })).data).toHaveLength(2);
    expect(await status(alice.rest.pulls.listReviews({ ...R, pull_number: 999 }))).toBe(404);
  });
});

describe("merging: the checked head, required checks, auto-merge", () => {
  it("409 for another head, 405 until the required check of the right App passes, then auto-merge merges", async () => {
    expect(await status(bot.rest.pulls.merge({ ...R, pull_number: prNumber, sha: "f".repeat(40) }))).toBe(409);
    expect(await status(bot.rest.pulls.merge({ ...R, pull_number: prNumber, sha: head }))).toBe(405);
    // The required check from another App does not count.
    await other.rest.checks.create({ ...R, name: "seats/approval", head_sha: head, conclusion: "success" });
    expect(await status(bot.rest.pulls.merge({ ...R, pull_number: prNumber, sha: head }))).toBe(405);

    const pr = (await alice.rest.pulls.get({ ...R, pull_number: prNumber })).data;
    const moved = await graphql("bot-token", AUTO, { id: pr.node_id, method: "SQUASH", head: "f".repeat(40) });
    expect(moved.errors?.[0]?.message).toContain("expected head oid");
    const armed = await graphql("bot-token", AUTO, { id: pr.node_id, method: "SQUASH", head });
    expect(armed).toEqual({ data: { enablePullRequestAutoMerge: { clientMutationId: null } } });
    expect((await alice.rest.pulls.get({ ...R, pull_number: prNumber })).data.merged).toBe(false);

    await bot.rest.checks.create({ ...R, name: "seats/approval", head_sha: head, conclusion: "success" });
    const merged = (await alice.rest.pulls.get({ ...R, pull_number: prNumber })).data;
    expect(merged).toMatchObject({ merged: true, merged_by: { login: "seats-bot[bot]", type: "Bot" } });
    expect(await status(bot.rest.pulls.merge({ ...R, pull_number: prNumber, sha: head }))).toBe(405);
    const closed = await graphql("bot-token", AUTO, { id: pr.node_id, method: "SQUASH", head });
    expect(closed.errors?.[0]?.message).toBe("Pull request is closed");
  });

  it("a PR that can merge now: auto-merge answers 'clean status', and the direct merge works", async () => {
    const sha = await commit(alice, "patch-1", "notes.md");
    const pr = (await alice.rest.pulls.create({ ...R, head: "patch-1", base: "main", title: "Notes" })).data;
    await bot.rest.checks.create({ ...R, name: "seats/approval", head_sha: sha, conclusion: "success" });
    const clean = await graphql("bot-token", AUTO, { id: pr.node_id, method: "MERGE", head: sha });
    expect(clean.errors?.[0]).toMatchObject({ type: "UNPROCESSABLE", message: "Pull request Pull request is in clean status" });
    const res = await bot.rest.pulls.merge({ ...R, pull_number: pr.number, sha, merge_method: "merge" });
    expect(res.data.merged).toBe(true);
    const unknown = await graphql("bot-token", AUTO, { id: "nope", method: "MERGE", head: sha });
    expect(unknown.errors?.[0]?.type).toBe("NOT_FOUND");
    const other = await graphql("bot-token", "query { viewer { login } }", {});
    expect(other.errors?.[0]?.message).toContain("only the enablePullRequestAutoMerge");
  });
});

describe("Actions workflow runs", () => {
  it("lists a workflow's runs by file name or id, filtered by status", async () => {
    const a = emu.control.ci.addWorkflowRun("acme/seats", { workflow: "seats-apply.yml", status: "in_progress" });
    const b = emu.control.ci.addWorkflowRun("acme/seats", { workflow: "seats-apply.yml", status: "queued" });
    expect([a.run_number, b.run_number]).toEqual([1, 2]);
    const running = await alice.rest.actions.listWorkflowRuns({ ...R, workflow_id: "seats-apply.yml", status: "in_progress" });
    expect(running.data.workflow_runs.map((r) => r.id)).toEqual([a.id]);
    emu.control.ci.setWorkflowRun("acme/seats", a.id, "completed", "success");
    const all = await alice.rest.actions.listWorkflowRuns({ ...R, workflow_id: "seats-apply.yml", per_page: 1 });
    expect(all.data.total_count).toBe(2);
    expect(all.data.workflow_runs[0]!.id).toBe(b.id);
    expect(all.headers.link).toContain('rel="next"');
    expect((await alice.rest.actions.listWorkflowRuns({ ...R, workflow_id: "seats-apply.yml", status: "success" })).data.workflow_runs.map((r) => r.id)).toEqual([a.id]);
    const byId = await alice.rest.actions.listWorkflowRuns({ ...R, workflow_id: all.data.workflow_runs[0]!.workflow_id });
    expect(byId.data.total_count).toBe(2);
    expect(await status(alice.rest.actions.listWorkflowRuns({ ...R, workflow_id: "nope.yml" }))).toBe(404);
    expect(await status(alice.rest.actions.listWorkflowRuns({ ...R, workflow_id: "seats-apply.yml", status: "done" as "queued" }))).toBe(422);
  });

  it("a known workflow without runs lists none", async () => {
    const r = await raw(emu, recorder, "GET", "/repos/acme/seats/actions/workflows/seats-apply.yml/runs?event=schedule");
    expect(r.body).toMatchObject({ total_count: 0, workflow_runs: [] });
  });
});

describe("coverage", () => {
  it("covers exactly the pipeline's routes, with schema-validated success and error responses", () => {
    const validator = githubValidator();
    const templates = buildRouter().templates();
    for (const t of PIPELINE_ROUTES) expect(templates, `${t} is not routed`).toContain(t);
    const covered = recorder.covered();
    const missing: string[] = [];
    for (const template of PIPELINE_ROUTES) {
      const [method, p] = template.split(" ") as [string, string];
      if (p === "/graphql") {
        // Not in the REST description: both kinds of answer were checked above.
        expect([...graphqlSeen].sort()).toEqual(["error", "success"]);
        continue;
      }
      expect(validator.hasOperation(method, p), `${template} is not an operation in GitHub's spec`).toBe(true);
      const statuses = covered.get(template);
      if (!statuses || ![...statuses].some((s) => s < 300)) missing.push(`${template} (success)`);
      if (!statuses || ![...statuses].some((s) => s >= 400)) missing.push(`${template} (error)`);
    }
    expect(missing).toEqual([]);
    expect(recorder.failures()).toEqual([]);
    const successWithoutSchema = recorder.responses.filter((r) => r.status < 300 && r.status !== 204 && r.schemaSource !== "spec");
    expect(successWithoutSchema.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });
});
