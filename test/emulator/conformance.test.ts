// Conformance: every route the emulator implements, driven with @octokit/rest over real HTTP,
// success and error statuses, each JSON body validated against GitHub's published OpenAPI
// schema. The last test checks that every implemented route was exercised.
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { buildRouter } from "../../src/emulator/routes/index.js";
import { Recorder, octokitFor, raw } from "./harness.js";
import { githubValidator } from "./openapi-validator.js";
import { ENTERPRISE_ROUTES } from "./enterprise-routes.js";
import { ISSUE_ROUTES } from "./issue-routes.js";
import { PIPELINE_ROUTES } from "./pipeline-routes.js";

const SEED = path.resolve(import.meta.dirname, "../fixtures/emulator/org.yaml");
const NOW = new Date("2026-06-15T12:00:00Z");
const recorder = new Recorder();
let emu: RunningEmulator;
let gh: ReturnType<typeof octokitFor>;
const R = { owner: "acme", repo: "seats" };

beforeAll(async () => {
  githubValidator();
  emu = await startEmulator({ seed: SEED, now: () => NOW });
  gh = octokitFor(emu, recorder);
});
afterAll(() => emu.close());
afterEach(() => expect(recorder.takeFailures()).toEqual([]));

/** Routes whose conformance cases live in their own test file (same checks, same validator). */
const COVERED_IN_OWN_FILE = new Set([
  "POST /app/installations/{installation_id}/access_tokens", // app-auth.conformance.test.ts
  ...ISSUE_ROUTES, // issues.conformance.test.ts
]);

const status = (p: Promise<unknown>) => p.then(() => 0, (e: { status?: number }) => e.status ?? -1);

describe("the authenticated user", () => {
  it("GET /user: who the token is (the portal verifies sign-ins and Bearer tokens with it)", async () => {
    const me = await gh.rest.users.getAuthenticated();
    expect(me.data.login).toBeTruthy();
  });
});

describe("Copilot user management", () => {
  it("billing details, seats, one member's seat", async () => {
    const billing = await gh.rest.copilot.getCopilotOrganizationDetails({ org: "acme" });
    expect(billing.data.seat_management_setting).toBe("assign_selected");
    expect(billing.data.seat_breakdown).toMatchObject({ total: 3, pending_cancellation: 1 });
    const seats = await gh.rest.copilot.listCopilotSeats({ org: "acme", per_page: 2 });
    expect(seats.data.total_seats).toBe(3);
    expect(seats.headers.link).toContain('rel="next"');
    const erin = await gh.rest.copilot.getCopilotSeatDetailsForUser({ org: "acme", username: "erin" });
    expect(erin.data.assigning_team?.slug).toBe("ml-research");
    expect(await status(gh.rest.copilot.getCopilotSeatDetailsForUser({ org: "acme", username: "frank" }))).toBe(404);
    expect(await status(gh.rest.copilot.getCopilotSeatDetailsForUser({ org: "acme", username: "pat" }))).toBe(422);
    expect(await status(gh.rest.copilot.getCopilotOrganizationDetails({ org: "nope" }))).toBe(404);
  });

  it("selected_users and selected_teams, with their 422s", async () => {
    expect((await gh.rest.copilot.addCopilotSeatsForUsers({ org: "acme", selected_usernames: ["frank", "bob"] })).status).toBe(201);
    expect(await status(gh.rest.copilot.addCopilotSeatsForUsers({ org: "acme", selected_usernames: ["mallory"] }))).toBe(422);
    expect(await status(gh.rest.copilot.addCopilotSeatsForUsers({ org: "acme", selected_usernames: [] }))).toBe(422);
    const cancelled = await gh.rest.copilot.cancelCopilotSeatAssignmentForUsers({ org: "acme", selected_usernames: ["frank"] });
    expect(cancelled).toMatchObject({ status: 200, data: { seats_cancelled: 1 } });
    expect(await status(gh.rest.copilot.cancelCopilotSeatAssignmentForUsers({ org: "acme", selected_usernames: ["erin"] }))).toBe(422);
    expect((await gh.rest.copilot.addCopilotSeatsForTeams({ org: "acme", selected_teams: ["platform"] })).data.seats_created).toBe(2);
    expect(await status(gh.rest.copilot.addCopilotSeatsForTeams({ org: "acme", selected_teams: ["no-such-team"] }))).toBe(422);
    expect((await gh.rest.copilot.cancelCopilotSeatAssignmentForTeams({ org: "acme", selected_teams: ["platform"] })).status).toBe(200);
    expect(await status(gh.rest.copilot.cancelCopilotSeatAssignmentForTeams({ org: "acme", selected_teams: [] }))).toBe(422);
  });
});

describe("users", () => {
  it("a user by login and by numeric id (how a renamed account is found again)", async () => {
    const alice = await gh.rest.users.getByUsername({ username: "alice" });
    expect(alice.data.login).toBe("alice");
    const byId = await gh.request("GET /user/{account_id}", { account_id: alice.data.id });
    expect(byId.data.login).toBe("alice");
    expect(await status(gh.rest.users.getByUsername({ username: "no-such-user" }))).toBe(404);
    expect(await status(gh.request("GET /user/{account_id}", { account_id: 999999999 }))).toBe(404);
  });
});

describe("org members and memberships", () => {
  it("lists, checks and changes memberships", async () => {
    const members = await gh.paginate(gh.rest.orgs.listMembers, { org: "acme", per_page: 100 });
    expect(members.map((m) => m.login)).not.toContain("pat");
    expect((await gh.rest.orgs.listMembers({ org: "acme", role: "admin" })).data.map((m) => m.login)).toEqual(["root"]);
    expect((await gh.rest.orgs.checkMembershipForUser({ org: "acme", username: "alice" })).status).toBe(204);
    expect(await status(gh.rest.orgs.checkMembershipForUser({ org: "acme", username: "mallory" }))).toBe(404);
    expect((await gh.rest.orgs.getMembershipForUser({ org: "acme", username: "pat" })).data.state).toBe("pending");
    expect(await status(gh.rest.orgs.getMembershipForUser({ org: "acme", username: "mallory" }))).toBe(404);
    const invited = await gh.rest.orgs.setMembershipForUser({ org: "acme", username: "oscar", role: "member" });
    expect(invited.data).toMatchObject({ state: "pending", role: "member" });
    expect((await gh.rest.orgs.setMembershipForUser({ org: "acme", username: "dave", role: "admin" })).data.state).toBe("active");
    expect(await status(gh.rest.orgs.setMembershipForUser({ org: "acme", username: "dave", role: "owner" as "admin" }))).toBe(422);
    expect((await gh.rest.orgs.removeMembershipForUser({ org: "acme", username: "oscar" })).status).toBe(204);
    expect(await status(gh.rest.orgs.removeMembershipForUser({ org: "acme", username: "oscar" }))).toBe(404);
    expect((await gh.rest.orgs.removeMember({ org: "acme", username: "dave" })).status).toBe(204);
    expect(await status(gh.rest.orgs.listMembers({ org: "acme", role: "owner" as "admin" }))).toBe(422);
    expect((await gh.rest.rateLimit.get()).data.resources.core.limit).toBe(5000);
  });
});

describe("teams", () => {
  it("create, get, update, list, delete", async () => {
    const created = await gh.rest.teams.create({ org: "acme", name: "Web Apps", description: "web", privacy: "closed", maintainers: ["alice"] });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ slug: "web-apps", type: "organization", privacy: "closed" });
    expect(await status(gh.rest.teams.create({ org: "acme", name: "web apps" }))).toBe(422);
    expect(await status(gh.rest.teams.create({ org: "acme", name: "Child", parent_team_id: 999999 }))).toBe(422);
    expect(await status(gh.rest.teams.create({ org: "acme" } as never))).toBe(422);
    const child = await gh.rest.teams.create({ org: "acme", name: "Web Child", parent_team_id: created.data.id });
    expect(child.data.parent?.slug).toBe("web-apps");
    expect((await gh.rest.teams.getByName({ org: "acme", team_slug: "web-apps" })).data.members_count).toBeGreaterThan(0);
    expect(await status(gh.rest.teams.getByName({ org: "acme", team_slug: "nope" }))).toBe(404);
    const renamed = await gh.rest.teams.updateInOrg({ org: "acme", team_slug: "web-child", name: "Web Kids", parent_team_id: null });
    expect(renamed.data).toMatchObject({ slug: "web-kids", parent: null });
    expect(await status(gh.rest.teams.updateInOrg({ org: "acme", team_slug: "web-apps", name: "Platform" }))).toBe(422);
    expect(await status(gh.rest.teams.updateInOrg({ org: "acme", team_slug: "nope", name: "x" }))).toBe(404);
    const all = await gh.paginate(gh.rest.teams.list, { org: "acme", per_page: 2 });
    expect(all.map((t) => t.slug)).toEqual(["data", "ml-research", "platform", "web-apps", "web-kids"]);
    expect((await gh.rest.teams.deleteInOrg({ org: "acme", team_slug: "web-kids" })).status).toBe(204);
    expect(await status(gh.rest.teams.deleteInOrg({ org: "acme", team_slug: "web-kids" }))).toBe(404);
  });

  it("members and memberships", async () => {
    const members = await gh.rest.teams.listMembersInOrg({ org: "acme", team_slug: "data" });
    expect(members.data.map((m) => m.login).sort()).toEqual(["carol", "erin"]);
    const maint = await gh.rest.teams.listMembersInOrg({ org: "acme", team_slug: "platform", role: "maintainer" });
    expect(maint.data.map((m) => m.login)).toEqual(["alice"]);
    const put = await gh.rest.teams.addOrUpdateMembershipForUserInOrg({ org: "acme", team_slug: "platform", username: "carol", role: "maintainer" });
    expect(put.data).toMatchObject({ role: "maintainer", state: "active" });
    const pending = await gh.rest.teams.addOrUpdateMembershipForUserInOrg({ org: "acme", team_slug: "platform", username: "mallory" });
    expect(pending.data.state).toBe("pending");
    expect(await status(gh.rest.teams.addOrUpdateMembershipForUserInOrg({ org: "acme", team_slug: "platform", username: "ghost-user" }))).toBe(404);
    expect(await status(gh.rest.teams.addOrUpdateMembershipForUserInOrg({ org: "acme", team_slug: "platform", username: "bob", role: "owner" as "member" }))).toBe(422);
    expect((await gh.rest.teams.getMembershipForUserInOrg({ org: "acme", team_slug: "platform", username: "carol" })).data.role).toBe("maintainer");
    expect(await status(gh.rest.teams.getMembershipForUserInOrg({ org: "acme", team_slug: "platform", username: "frank" }))).toBe(404);
    expect((await gh.rest.teams.removeMembershipForUserInOrg({ org: "acme", team_slug: "platform", username: "carol" })).status).toBe(204);
    expect(await status(gh.rest.teams.removeMembershipForUserInOrg({ org: "acme", team_slug: "platform", username: "carol" }))).toBe(404);
  });
});

describe("git data, contents, pulls", () => {
  let prNumber = 0;

  it("refs, blobs, trees, commits", async () => {
    const main = await gh.rest.git.getRef({ ...R, ref: "heads/main" });
    const base = await gh.rest.git.getCommit({ ...R, commit_sha: main.data.object.sha });
    expect(await status(gh.rest.git.getCommit({ ...R, commit_sha: "0".repeat(40) }))).toBe(404);
    const blob = await gh.rest.git.createBlob({ ...R, content: "login: carol\nreason: data\n" });
    expect(blob.status).toBe(201);
    expect((await gh.rest.git.getBlob({ ...R, file_sha: blob.data.sha })).data.size).toBe(26);
    expect(await status(gh.rest.git.getBlob({ ...R, file_sha: "f".repeat(40) }))).toBe(404);
    expect(await status(gh.rest.git.createBlob({ ...R, content: "x", encoding: "latin1" }))).toBe(422);
    const tree = await gh.rest.git.createTree({
      ...R,
      base_tree: base.data.tree.sha,
      tree: [
        { path: "seats/data/carol.yaml", mode: "100644", type: "blob", sha: blob.data.sha },
        { path: "seats/platform/bob.yaml", mode: "100644", type: "blob", sha: null },
      ],
    });
    expect(tree.status).toBe(201);
    expect(await status(gh.rest.git.createTree({ ...R, base_tree: base.data.tree.sha, tree: [{ path: "missing.yaml", mode: "100644", type: "blob", sha: null }] }))).toBe(422);
    expect((await gh.rest.git.getTree({ ...R, tree_sha: tree.data.sha, recursive: "1" })).data.tree.some((e) => e.path === "seats/data/carol.yaml")).toBe(true);
    expect(await status(gh.rest.git.getTree({ ...R, tree_sha: "e".repeat(40) }))).toBe(404);
    const commit = await gh.rest.git.createCommit({ ...R, message: "Add carol", tree: tree.data.sha, parents: [main.data.object.sha] });
    expect(commit.status).toBe(201);
    expect(await status(gh.rest.git.createCommit({ ...R, message: "x", tree: "a".repeat(40) }))).toBe(422);
    const ref = await gh.rest.git.createRef({ ...R, ref: "refs/heads/seats/add-carol", sha: commit.data.sha });
    expect(ref.status).toBe(201);
    expect(await status(gh.rest.git.createRef({ ...R, ref: "refs/heads/seats/add-carol", sha: commit.data.sha }))).toBe(422);
    expect((await gh.rest.git.listMatchingRefs({ ...R, ref: "heads/seats/" })).data).toHaveLength(1);
    expect((await gh.rest.git.updateRef({ ...R, ref: "heads/seats/add-carol", sha: commit.data.sha })).status).toBe(200);
    expect(await status(gh.rest.git.updateRef({ ...R, ref: "heads/seats/add-carol", sha: main.data.object.sha }))).toBe(422);
    expect(await status(gh.rest.git.getRef({ ...R, ref: "heads/nope" }))).toBe(404);
    await gh.rest.git.createRef({ ...R, ref: "refs/heads/tmp", sha: main.data.object.sha });
    expect((await gh.rest.git.deleteRef({ ...R, ref: "heads/tmp" })).status).toBe(204);
    expect(await status(gh.rest.git.deleteRef({ ...R, ref: "heads/tmp" }))).toBe(422);
  });

  it("contents", async () => {
    const file = await gh.rest.repos.getContent({ ...R, path: "seats/platform/alice.yaml" });
    expect(Array.isArray(file.data)).toBe(false);
    const dir = await gh.rest.repos.getContent({ ...R, path: "seats/platform" });
    expect(Array.isArray(dir.data)).toBe(true);
    expect(await status(gh.rest.repos.getContent({ ...R, path: "nope.yaml" }))).toBe(404);
    const created = await gh.rest.repos.createOrUpdateFileContents({ ...R, path: "seats/data/dave.yaml", message: "add dave", content: Buffer.from("login: dave\n").toString("base64"), branch: "seats/add-carol" });
    expect(created.status).toBe(201);
    expect(await status(gh.rest.repos.createOrUpdateFileContents({ ...R, path: "seats/data/dave.yaml", message: "x", content: "eA==", branch: "seats/add-carol" }))).toBe(422);
    expect(await status(gh.rest.repos.createOrUpdateFileContents({ ...R, path: "seats/data/dave.yaml", message: "x", content: "eA==", sha: "b".repeat(40), branch: "seats/add-carol" }))).toBe(409);
    const updated = await gh.rest.repos.createOrUpdateFileContents({ ...R, path: "seats/data/dave.yaml", message: "edit dave", content: Buffer.from("login: dave\nreason: x\n").toString("base64"), sha: created.data.content!.sha!, branch: "seats/add-carol" });
    expect(updated.status).toBe(200);
    const deleted = await gh.rest.repos.deleteFile({ ...R, path: "seats/data/dave.yaml", message: "rm dave", sha: updated.data.content!.sha!, branch: "seats/add-carol" });
    expect(deleted.data.content).toBeNull();
    expect(await status(gh.rest.repos.deleteFile({ ...R, path: "seats/data/dave.yaml", message: "rm", sha: "c".repeat(40), branch: "seats/add-carol" }))).toBe(404);
    expect(await status(gh.rest.repos.createOrUpdateFileContents({ ...R, path: "x.yaml", message: "x", content: "eA==", branch: "no-such-branch" }))).toBe(404);
    expect((await gh.rest.repos.get(R)).data.default_branch).toBe("main");
    expect(await status(gh.rest.repos.get({ owner: "acme", repo: "nope" }))).toBe(404);
  });

  it("pull requests, reviewers, labels, comments, merge", async () => {
    const pr = await gh.rest.pulls.create({ ...R, title: "Add carol", head: "seats/add-carol", base: "main", body: "seat request" });
    expect(pr.status).toBe(201);
    prNumber = pr.data.number;
    expect(await status(gh.rest.pulls.create({ ...R, title: "dup", head: "seats/add-carol", base: "main" }))).toBe(422);
    expect(await status(gh.rest.pulls.create({ ...R, title: "none", head: "main", base: "main" }))).toBe(422);
    expect((await gh.rest.pulls.list({ ...R, head: "acme:seats/add-carol" })).data).toHaveLength(1);
    expect((await gh.rest.pulls.list({ ...R, state: "closed" })).data).toHaveLength(0);
    expect(await status(gh.rest.pulls.list({ ...R, state: "merged" as "open" }))).toBe(422);
    expect((await gh.rest.pulls.get({ ...R, pull_number: prNumber })).data.changed_files).toBe(2);
    expect(await status(gh.rest.pulls.get({ ...R, pull_number: 999 }))).toBe(404);
    expect((await gh.rest.pulls.update({ ...R, pull_number: prNumber, title: "Add carol to data" })).data.title).toBe("Add carol to data");
    expect(await status(gh.rest.pulls.update({ ...R, pull_number: prNumber, base: "no-such-branch" }))).toBe(422);
    const reviewed = await gh.rest.pulls.requestReviewers({ ...R, pull_number: prNumber, reviewers: ["alice"], team_reviewers: ["platform"] });
    expect(reviewed.status).toBe(201);
    expect(await status(gh.rest.pulls.requestReviewers({ ...R, pull_number: prNumber, reviewers: ["mallory"] }))).toBe(422);
    const labels = await gh.rest.issues.addLabels({ ...R, issue_number: prNumber, labels: ["seats", "copilot"] });
    expect(labels.data.map((l) => l.name)).toEqual(["seats", "copilot"]);
    expect(await status(gh.rest.issues.addLabels({ ...R, issue_number: prNumber, labels: [] }))).toBe(422);
    expect(await status(gh.rest.issues.addLabels({ ...R, issue_number: 999, labels: ["x"] }))).toBe(404);
    expect((await gh.rest.issues.listLabelsOnIssue({ ...R, issue_number: prNumber })).data).toHaveLength(2);
    const comment = await gh.rest.issues.createComment({ ...R, issue_number: prNumber, body: "plan: +1 seat" });
    expect(comment.status).toBe(201);
    expect(await status(gh.rest.issues.createComment({ ...R, issue_number: prNumber } as never))).toBe(422);
    expect((await gh.rest.issues.updateComment({ ...R, comment_id: comment.data.id, body: "plan: +1 seat (updated)" })).data.body).toContain("updated");
    expect(await status(gh.rest.issues.updateComment({ ...R, comment_id: 1, body: "x" }))).toBe(404);
    expect((await gh.rest.issues.listComments({ ...R, issue_number: prNumber })).data).toHaveLength(1);
    expect(await status(gh.rest.issues.listComments({ ...R, issue_number: 999 }))).toBe(404);
    const merged = await gh.rest.pulls.merge({ ...R, pull_number: prNumber });
    expect(merged.data.merged).toBe(true);
    expect(await status(gh.rest.pulls.merge({ ...R, pull_number: prNumber }))).toBe(405);
    expect(emu.control.readBranch("acme/seats", "main")).toHaveProperty(["seats/data/carol.yaml"]);
    expect(await status(gh.rest.pulls.update({ ...R, pull_number: prNumber, state: "open" }))).toBe(422);
  });
});

describe("cross-cutting", () => {
  it("401 without a token, 404 for unknown routes, 400 for malformed JSON, errors shaped like GitHub's", async () => {
    const noAuth = await raw(emu, recorder, "GET", "/orgs/acme/copilot/billing", { auth: false });
    expect(noAuth).toMatchObject({ status: 401, body: { message: "Requires authentication", status: "401" } });
    expect((await raw(emu, recorder, "GET", "/orgs/acme/copilot/billing/seatz")).status).toBe(404);
    const bad = await raw(emu, recorder, "POST", "/orgs/acme/copilot/billing/selected_users", { body: "{not json" });
    expect(bad.body).toMatchObject({ message: "Problems parsing JSON", status: "400" });
    const notObject = await raw(emu, recorder, "POST", "/orgs/acme/copilot/billing/selected_users", { body: [1] });
    expect(notObject.status).toBe(400);
    const wrongType = await raw(emu, recorder, "POST", "/orgs/acme/copilot/billing/selected_users", { body: { selected_usernames: "alice" } });
    expect(wrongType).toMatchObject({ status: 422, body: { status: "422" } });
    const version = await raw(emu, recorder, "GET", "/orgs/acme/copilot/billing", { headers: { "x-github-api-version": "2020-01-01" } });
    expect(version.status).toBe(400);
    const rawSlash = await raw(emu, recorder, "GET", "/repos/acme/seats/git/ref/heads/main");
    const encoded = await raw(emu, recorder, "GET", "/repos/acme/seats/git/ref/heads%2Fmain");
    expect(rawSlash.body).toEqual(encoded.body);
    expect(rawSlash.headers.get("x-ratelimit-remaining")).toMatch(/^\d+$/);
  });

  it("unknown orgs, teams, repos, members and issues are 404", async () => {
    expect(await status(gh.rest.copilot.listCopilotSeats({ org: "other-org" }))).toBe(404);
    expect(await status(gh.rest.orgs.removeMember({ org: "acme", username: "oscar" }))).toBe(404);
    expect(await status(gh.rest.teams.list({ org: "other-org" }))).toBe(404);
    expect(await status(gh.rest.teams.listMembersInOrg({ org: "acme", team_slug: "nope" }))).toBe(404);
    expect(await status(gh.rest.git.listMatchingRefs({ owner: "acme", repo: "nope", ref: "heads/" }))).toBe(404);
    expect(await status(gh.rest.issues.listLabelsOnIssue({ ...R, issue_number: 999 }))).toBe(404);
  });

  it("422 on every seat write when seat management is not assign_selected", async () => {
    const other = await startEmulator({ seed: { org: { login: "allorg", seat_management_setting: "assign_all" }, members: [{ login: "root", role: "admin" }], teams: [{ name: "T" }] } });
    try {
      const o = octokitFor(other, recorder);
      expect(await status(o.rest.copilot.addCopilotSeatsForUsers({ org: "allorg", selected_usernames: ["root"] }))).toBe(422);
      expect(await status(o.rest.copilot.cancelCopilotSeatAssignmentForUsers({ org: "allorg", selected_usernames: ["root"] }))).toBe(422);
      expect(await status(o.rest.copilot.addCopilotSeatsForTeams({ org: "allorg", selected_teams: ["t"] }))).toBe(422);
      expect(await status(o.rest.copilot.cancelCopilotSeatAssignmentForTeams({ org: "allorg", selected_teams: ["t"] }))).toBe(422);
    } finally {
      await other.close();
    }
  });

  it("covers every implemented route with schema-validated responses", () => {
    const validator = githubValidator();
    const covered = recorder.covered();
    const missing: string[] = [];
    const elsewhere = new Set<string>([...PIPELINE_ROUTES, ...ENTERPRISE_ROUTES]);
    for (const template of buildRouter().templates().filter((t) => !elsewhere.has(t))) {
      const [method, p] = template.split(" ") as [string, string];
      expect(validator.hasOperation(method, p), `${template} is not an operation in GitHub's spec`).toBe(true);
      if (COVERED_IN_OWN_FILE.has(template)) continue;
      const statuses = covered.get(template);
      if (!statuses || ![...statuses].some((s) => s < 300)) missing.push(`${template} (success)`);
      if (method !== "GET" || p.includes("{")) {
        if (!statuses || ![...statuses].some((s) => s >= 400)) missing.push(`${template} (error)`);
      }
    }
    expect(missing).toEqual([]);
    expect(recorder.failures()).toEqual([]);
    // Every success response was checked against the operation's own published schema.
    const successWithoutSchema = recorder.responses.filter((r) => r.status < 300 && r.status !== 204 && r.schemaSource !== "spec");
    expect(successWithoutSchema.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });
});
