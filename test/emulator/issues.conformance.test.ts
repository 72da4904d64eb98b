// Conformance of the emulator's issue routes (list with filters, create, get, update, assignees,
// removing a label, and labels and comments on an issue rather than a PR), driven with
// @octokit/rest over real HTTP; every answer validates against GitHub's published schema; the
// routes are listed in issue-routes.ts so the general suite leaves them to this file, whose last
// test covers them all.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { octokitFor, raw, Recorder } from "./harness.js";
import { githubValidator } from "./openapi-validator.js";
import { ISSUE_ROUTES } from "./issue-routes.js";


const recorder = new Recorder();
let emu: RunningEmulator;
let gh: ReturnType<typeof octokitFor>;
const R = { owner: "acme", repo: "seats" };
const status = (p: Promise<unknown>) => p.then(() => 0, (e: { status?: number }) => e.status ?? -1);

beforeAll(async () => {
  githubValidator();
  emu = await startEmulator({
    seed: {
      org: { login: "acme", seat_management_setting: "assign_selected" },
      members: [{ login: "root", role: "admin" }, "alice", "bob"],
      users: ["mallory"],
      repos: [
        { full_name: "acme/seats", files: { "README.md": "x\n" } },
        // Members get no access by default here: only owners and the listed collaborators.
        { full_name: "acme/restricted", files: { "README.md": "x\n" }, collaborators: ["bob", "mallory"] },
      ],
    },
    now: () => new Date("2026-06-15T12:00:00Z"),
  });
  gh = octokitFor(emu, recorder);
});
afterAll(() => emu.close());
afterEach(() => expect(recorder.takeFailures()).toEqual([]));

describe("issues", () => {
  it("create, get, list with filters, update, close, assignees, labels and comments", async () => {
    const a = await gh.rest.issues.create({ ...R, title: "Your Copilot seat", body: "hello", labels: ["seats-reminder"], assignees: ["alice"] });
    expect(a.status).toBe(201);
    expect(a.data).toMatchObject({ state: "open", assignees: [{ login: "alice" }], labels: [{ name: "seats-reminder" }] });
    const b = await gh.rest.issues.create({ ...R, title: "Other" });
    expect(b.data.number).toBe(a.data.number + 1);
    expect(await status(gh.rest.issues.create({ ...R, title: "x", assignees: ["mallory"] }))).toBe(422);
    expect(await status(gh.rest.issues.create({ ...R, title: "" }))).toBe(422);
    expect(await status(gh.rest.issues.create({ ...R } as never))).toBe(422);
    expect(await status(gh.rest.issues.create({ owner: "acme", repo: "nope", title: "x" }))).toBe(404);

    expect((await gh.rest.issues.get({ ...R, issue_number: a.data.number })).data.title).toBe("Your Copilot seat");
    expect(await status(gh.rest.issues.get({ ...R, issue_number: 999 }))).toBe(404);

    const labelled = await gh.paginate(gh.rest.issues.listForRepo, { ...R, labels: "seats-reminder", per_page: 100 });
    expect(labelled.map((i) => i.number)).toEqual([a.data.number]);
    expect((await gh.rest.issues.listForRepo({ ...R, assignee: "alice" })).data).toHaveLength(1);
    expect((await gh.rest.issues.listForRepo({ ...R, assignee: "none" })).data.map((i) => i.number)).toEqual([b.data.number]);
    expect((await gh.rest.issues.listForRepo({ ...R, per_page: 1 })).headers.link).toContain('rel="next"');
    expect(await status(gh.rest.issues.listForRepo({ ...R, state: "merged" as "open" }))).toBe(422);

    // Labels and comments work on issues as on PRs.
    expect((await gh.rest.issues.addLabels({ ...R, issue_number: b.data.number, labels: ["later"] })).data.map((l) => l.name)).toEqual(["later"]);
    expect((await gh.rest.issues.createComment({ ...R, issue_number: a.data.number, body: "still idle" })).status).toBe(201);
    expect((await gh.rest.issues.listComments({ ...R, issue_number: a.data.number })).data).toHaveLength(1);
    expect((await gh.rest.issues.get({ ...R, issue_number: a.data.number })).data.comments).toBe(1);

    // Removing one label answers with the labels left; a label not on the issue is a 404, even
    // when the repository has it (a second removal), and names match case-insensitively.
    await gh.rest.issues.addLabels({ ...R, issue_number: b.data.number, labels: ["Due soon"] });
    const left = await gh.rest.issues.removeLabel({ ...R, issue_number: b.data.number, name: "due SOON" });
    expect(left.status).toBe(200);
    expect(left.data.map((l) => l.name)).toEqual(["later"]);
    expect(await status(gh.rest.issues.removeLabel({ ...R, issue_number: b.data.number, name: "Due soon" }))).toBe(404);
    expect(await status(gh.rest.issues.removeLabel({ ...R, issue_number: 999, name: "later" }))).toBe(404);
    expect((await gh.rest.issues.listLabelsOnIssue({ ...R, issue_number: b.data.number })).data.map((l) => l.name)).toEqual(["later"]);

    const added = await gh.rest.issues.addAssignees({ ...R, issue_number: b.data.number, assignees: ["bob", "mallory"] });
    expect(added.status).toBe(201);
    expect(added.data.assignees?.map((u) => u.login)).toEqual(["bob"]);
    expect(await status(gh.rest.issues.addAssignees({ ...R, issue_number: 999, assignees: ["bob"] }))).toBe(404);

    const closed = await gh.rest.issues.update({ ...R, issue_number: a.data.number, state: "closed", state_reason: "completed" });
    expect(closed.data).toMatchObject({ state: "closed", state_reason: "completed" });
    expect(closed.data.closed_at).not.toBeNull();
    expect(await status(gh.rest.issues.update({ ...R, issue_number: a.data.number, state: "gone" as "open" }))).toBe(422);
    expect(await status(gh.rest.issues.update({ ...R, issue_number: 999, title: "x" }))).toBe(404);
    expect((await gh.rest.issues.listForRepo({ ...R, labels: "seats-reminder" })).data).toHaveLength(0);
    expect((await gh.rest.issues.listForRepo({ ...R, labels: "seats-reminder", state: "closed" })).data).toHaveLength(1);
  });

  it("a repository that lists its collaborators: only they and owners can be assigned (422 for others)", async () => {
    const X = { owner: "acme", repo: "restricted" };
    const refused = await raw(emu, recorder, "POST", "/repos/acme/restricted/issues", { body: { title: "x", assignees: ["alice"] } });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ message: "Validation Failed", errors: [{ resource: "Issue", field: "assignees", code: "invalid", value: "alice" }] });
    const ok = await gh.rest.issues.create({ ...X, title: "y", assignees: ["bob", "mallory", "root"] });
    expect(ok.data.assignees?.map((u) => u.login)).toEqual(["bob", "mallory", "root"]);
    // Adding assignees skips people without access, as GitHub does.
    const added = await gh.rest.issues.addAssignees({ ...X, issue_number: ok.data.number, assignees: ["alice"] });
    expect(added.data.assignees?.map((u) => u.login)).toEqual(["bob", "mallory", "root"]);
    expect(emu.control.snapshot().repos?.find((r) => r.full_name === "acme/restricted")?.collaborators).toEqual(["bob", "mallory"]);
  });

  it("lists pull requests among issues, with `pull_request`", async () => {
    const main = await gh.rest.git.getRef({ ...R, ref: "heads/main" });
    const base = await gh.rest.git.getCommit({ ...R, commit_sha: main.data.object.sha });
    const tree = await gh.rest.git.createTree({ ...R, base_tree: base.data.tree.sha, tree: [{ path: "b.txt", mode: "100644", type: "blob", content: "b\n" }] });
    const commit = await gh.rest.git.createCommit({ ...R, message: "b", tree: tree.data.sha, parents: [main.data.object.sha] });
    await gh.rest.git.createRef({ ...R, ref: "refs/heads/b", sha: commit.data.sha });
    const pr = await gh.rest.pulls.create({ ...R, title: "Add b", head: "b", base: "main" });
    const all = await gh.rest.issues.listForRepo({ ...R, state: "all", per_page: 100 });
    const row = all.data.find((i) => i.number === pr.data.number);
    expect(row?.pull_request?.url).toContain(`/pulls/${pr.data.number}`);
    expect((await gh.rest.issues.get({ ...R, issue_number: pr.data.number })).data.pull_request).toBeDefined();
    expect((await raw(emu, recorder, "PATCH", `/repos/acme/seats/issues/${pr.data.number}`, { body: { title: "x" } })).status).toBe(404);
  });
});

it("covers every issue route with a schema-validated success and error", () => {
  const covered = recorder.covered();
  const missing = ISSUE_ROUTES.filter((t) => {
    const s = covered.get(t);
    return !s || ![...s].some((x) => x < 300) || ![...s].some((x) => x >= 400);
  });
  expect(missing).toEqual([]);
});
