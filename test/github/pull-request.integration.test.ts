// openOrUpdatePullRequest against races a real repository has: the bot branch created or deleted
// by someone else between our read and our write, the PR opened concurrently, a label removed by
// hand. A request hook
// makes each race happen at exactly the right moment (just before our write leaves the client).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGitHubClient, type GitHubClient } from "../../src/github/client.js";
import { openOrUpdatePullRequest, type PullRequestSpec } from "../../src/github/pull-request.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";

const REPO = "acme/seats";
const BRANCH = "bot/work";
const FILES = { "README.md": "# seats\n", "seats/a/x.yaml": "login: x\n", "seats/a/y.yaml": "login: y\n" };

let emu: RunningEmulator;
beforeEach(async () => {
  emu = await startEmulator({
    seed: {
      org: { login: "acme" },
      members: [{ login: "root", role: "admin" }],
      repos: [{ full_name: REPO, default_branch: "main", files: FILES }],
    },
  });
});
afterEach(() => emu.close());

const client = (): GitHubClient =>
  createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: "t" }, allowWrites: true, retryAfterBaseMs: 1, writeIntervalMs: 0, warn: () => {} });

const spec = (over: Partial<PullRequestSpec> = {}): PullRequestSpec => ({
  owner: "acme",
  repo: "seats",
  base: "main",
  branch: BRANCH,
  message: "remove x",
  changes: [{ path: "seats/a/x.yaml", content: null }],
  title: "Remove x",
  body: "x is idle",
  labels: ["bot"],
  ...over,
});

/** Runs `race` (once) right before the first request matching `method url` leaves `gh`. */
function before(gh: GitHubClient, method: string, urlPart: string, race: () => Promise<void>): void {
  let done = false;
  gh.hook.before("request", async (options) => {
    if (done || String(options.method).toUpperCase() !== method || !String(options.url).includes(urlPart)) return;
    done = true;
    await race();
  });
}

/** Someone else's write, through a separate client. */
const other = () => client();

async function openPulls() {
  const { data } = await other().rest.pulls.list({ owner: "acme", repo: "seats", state: "open", per_page: 100 });
  return data;
}

describe("openOrUpdatePullRequest races", () => {
  it("the branch appears between our read and our create (422 Reference already exists): it is force-updated", async () => {
    const gh = client();
    before(gh, "POST", "/git/refs", async () => {
      const o = other();
      const { data: main } = await o.rest.git.getRef({ owner: "acme", repo: "seats", ref: "heads/main" });
      await o.rest.git.createRef({ owner: "acme", repo: "seats", ref: `refs/heads/${BRANCH}`, sha: main.object.sha });
    });
    const r = await openOrUpdatePullRequest(gh, spec());
    expect(r?.action).toBe("created");
    expect(r?.created_branch).toBe(false);
    const files = emu.control.readBranch(REPO, BRANCH)!;
    expect(Object.keys(files).sort()).toEqual(["README.md", "seats/a/y.yaml"]);
    expect(await openPulls()).toHaveLength(1);
  });

  it("the branch is deleted between our read and our update (422 Reference does not exist): it is recreated", async () => {
    expect((await openOrUpdatePullRequest(client(), spec()))?.action).toBe("created");
    // Someone merges/closes the PR and deletes the branch while the next run is building its commit.
    const gh = client();
    before(gh, "PATCH", "/git/refs/", async () => {
      const o = other();
      const [pr] = await openPulls();
      await o.rest.pulls.update({ owner: "acme", repo: "seats", pull_number: pr!.number, state: "closed" });
      await o.rest.git.deleteRef({ owner: "acme", repo: "seats", ref: `heads/${BRANCH}` });
    });
    const r = await openOrUpdatePullRequest(gh, spec({ changes: [{ path: "seats/a/y.yaml", content: null }], title: "Remove y" }));
    expect(r?.created_branch).toBe(true);
    expect(Object.keys(emu.control.readBranch(REPO, BRANCH)!).sort()).toEqual(["README.md", "seats/a/x.yaml"]);
    const open = await openPulls();
    expect(open).toHaveLength(1);
    expect(open[0]!.title).toBe("Remove y");
  });

  it("the PR is opened concurrently (422 A pull request already exists): that PR is updated, never a second one", async () => {
    const gh = client();
    before(gh, "POST", "/pulls", async () => {
      await other().rest.pulls.create({ owner: "acme", repo: "seats", head: BRANCH, base: "main", title: "someone else's title" });
    });
    const r = await openOrUpdatePullRequest(gh, spec());
    expect(r?.action).toBe("updated");
    const open = await openPulls();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ title: "Remove x", body: "x is idle" });
    expect(open[0]!.labels.map((l) => l.name)).toEqual(["bot"]);
  });

  it("a closed bot PR whose branch still exists: the branch is reused and a new PR is opened", async () => {
    const first = await openOrUpdatePullRequest(client(), spec());
    await other().rest.pulls.update({ owner: "acme", repo: "seats", pull_number: first!.pull.number, state: "closed" });
    const again = await openOrUpdatePullRequest(client(), spec());
    expect(again?.action).toBe("created");
    expect(again?.pull.number).not.toBe(first!.pull.number);
    expect(await openPulls()).toHaveLength(1);
  });

  it("a label that no longer applies is removed; one removed by hand meanwhile (404) is not an error", async () => {
    const first = await openOrUpdatePullRequest(client(), spec({ labels: ["bot", "due", "urgent"] }));
    expect(first!.pull.labels.sort()).toEqual(["bot", "due", "urgent"]);
    const gh = client();
    before(gh, "DELETE", "/labels/", async () => {
      await other().rest.issues.removeLabel({ owner: "acme", repo: "seats", issue_number: first!.pull.number, name: "due" });
    });
    const r = await openOrUpdatePullRequest(gh, spec({ title: "Remove x (later)", removeLabels: ["Due", "urgent", "never-there"] }));
    expect(r?.action).toBe("updated");
    expect(r!.pull.labels).toEqual(["bot"]);
    expect((await openPulls())[0]!.labels.map((l) => l.name)).toEqual(["bot"]);
    // Nothing left to remove: no DELETE is sent.
    emu.log.reset();
    await openOrUpdatePullRequest(client(), spec({ title: "Remove x (later)", removeLabels: ["due", "urgent"] }));
    expect(emu.log.count({ method: "DELETE" })).toBe(0);
  });

  it("a 422 for another reason (the base branch was deleted meanwhile) is not mistaken for an existing PR", async () => {
    const o = other();
    const { data: main } = await o.rest.git.getRef({ owner: "acme", repo: "seats", ref: "heads/main" });
    await o.rest.git.createRef({ owner: "acme", repo: "seats", ref: "refs/heads/release", sha: main.object.sha });
    const gh = client();
    before(gh, "POST", "/pulls", async () => {
      await other().rest.git.deleteRef({ owner: "acme", repo: "seats", ref: "heads/release" });
    });
    await expect(openOrUpdatePullRequest(gh, spec({ base: "release" }))).rejects.toMatchObject({ status: 422 });
    expect(await openPulls()).toHaveLength(0);
  });
});
