// The reclaim defects found in QA, one test each, against the emulator over real HTTP:
// 3 a reclaimed maintainer of a `copilot: team` team, 7 a branch that is not the tool's,
// 8 `seats.unmanaged: keep`, 9 the removal ratio and mentioning everyone.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { RunningEmulator, SeedSeat } from "../../src/emulator/types.js";
import { ago } from "./model.js";
import { getJson, readTreeFiles, REPO, removeDir, runCli, seedFor, writeGeneratedRepo } from "./world.js";
import { mkdirSync, writeFileSync } from "node:fs";

const NOW = new Date("2025-06-01T02:00:00Z");
const OLD = "2024-01-01T00:00:00Z";
const worlds: { emu: RunningEmulator; dir: string }[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) {
    await w.emu.close();
    removeDir(w.dir);
  }
});

interface Pull {
  number: number;
  title: string;
  body: string;
}

async function api<T>(url: string, method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${p}`, {
    method,
    headers: { authorization: "token test-token", "user-agent": "defects-test", accept: "application/vnd.github+json", "content-type": "application/json" },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function world(files: Record<string, string>, seats: SeedSeat[], extraMembers: string[] = []) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "seats-defects-"));
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), content);
  }
  const emu = await startEmulator({ seed: seedFor(readTreeFiles(dir), seats, extraMembers), now: () => NOW });
  worlds.push({ emu, dir });
  const reclaim = (...extra: string[]) => runCli(["reclaim", "--dir", dir, "--repo", REPO, "--now", NOW.toISOString(), ...extra], emu.url);
  const openPulls = async () => (await getJson<(Pull & { state: string })[]>(emu.url, `/repos/${REPO}/pulls?state=open&per_page=100`));
  return { emu, dir, reclaim, openPulls };
}

const BASIC = {
  "policies/policy.yaml": "org: acme\n",
  "seats/platform/_team.yaml": "name: platform\ncopilot: users\nmaintainers: [alice]\n",
  "seats/platform/alice.yaml": "login: alice\nreason: lead\n",
  "seats/platform/bob.yaml": "login: bob\nreason: dev\n",
  "seats/platform/ivan.yaml": "login: ivan\nreason: dev\n",
};
const BASIC_SEATS: SeedSeat[] = [
  { login: "alice", created_at: OLD, last_activity_at: ago(NOW, 1) },
  { login: "bob", created_at: OLD, last_activity_at: ago(NOW, 60) },
  { login: "ivan", created_at: OLD, last_activity_at: ago(NOW, 1) },
];

/** A branch with one commit that is not the tool's (a person's seat request), optionally with its PR. */
async function foreignBranch(url: string, branch: string, withPull: boolean): Promise<string> {
  const main = await api<{ object: { sha: string } }>(url, "GET", `/repos/${REPO}/git/ref/heads/main`);
  const base = await api<{ tree: { sha: string } }>(url, "GET", `/repos/${REPO}/git/commits/${main.object.sha}`);
  const tree = await api<{ sha: string }>(url, "POST", `/repos/${REPO}/git/trees`, { base_tree: base.tree.sha, tree: [{ path: "seats/platform/ivan.yaml", mode: "100644", type: "blob", content: "login: ivan\nreason: still needs it\n" }] });
  const commit = await api<{ sha: string }>(url, "POST", `/repos/${REPO}/git/commits`, { message: "Ivan: keep my seat", tree: tree.sha, parents: [main.object.sha] });
  await api(url, "POST", `/repos/${REPO}/git/refs`, { ref: `refs/heads/${branch}`, sha: commit.sha });
  if (withPull) await api(url, "POST", `/repos/${REPO}/pulls`, { title: "Ivan's request", head: branch, base: "main", body: "please" });
  return commit.sha;
}

describe("defect 7: reclaim touches only its own branch", () => {
  it("refuses a branch that belongs to another open PR, and leaves it untouched", async () => {
    const w = await world(BASIC, BASIC_SEATS);
    const branch = "seats/request/platform/ivan";
    const sha = await foreignBranch(w.emu.url, branch, true);
    const r = await w.reclaim("--branch", branch, "--confirm");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/belongs to PR #1 \("Ivan's request"\), which `seats reclaim` did not open/);
    expect((await api<{ object: { sha: string } }>(w.emu.url, "GET", `/repos/${REPO}/git/ref/heads/${branch}`)).object.sha).toBe(sha);
    expect((await w.openPulls()).map((p) => p.title)).toEqual(["Ivan's request"]);
  });

  it("refuses an existing branch with no commit made by the tool", async () => {
    const w = await world(BASIC, BASIC_SEATS);
    const sha = await foreignBranch(w.emu.url, "seats/reclaim", false);
    const r = await w.reclaim("--confirm");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("not made by `seats reclaim`; refusing to force-update it");
    expect((await api<{ object: { sha: string } }>(w.emu.url, "GET", `/repos/${REPO}/git/ref/heads/seats/reclaim`)).object.sha).toBe(sha);
  });

  it("its own branch, with an objection commit on top, is still updated", async () => {
    const w = await world(BASIC, BASIC_SEATS);
    expect((await w.reclaim("--confirm")).code).toBe(0);
    // bob objects: a commit on top of the tool's, adding his exemption.
    const url = w.emu.url;
    const head = await api<{ object: { sha: string } }>(url, "GET", `/repos/${REPO}/git/ref/heads/seats/reclaim`);
    const c = await api<{ tree: { sha: string } }>(url, "GET", `/repos/${REPO}/git/commits/${head.object.sha}`);
    const policy = "org: acme\ninactivity:\n  exempt:\n    - login: bob\n      reason: on leave\n      until: 2025-09-01\n";
    const tree = await api<{ sha: string }>(url, "POST", `/repos/${REPO}/git/trees`, { base_tree: c.tree.sha, tree: [{ path: "policies/policy.yaml", mode: "100644", type: "blob", content: policy }] });
    const commit = await api<{ sha: string }>(url, "POST", `/repos/${REPO}/git/commits`, { message: "Exempt bob", tree: tree.sha, parents: [head.object.sha] });
    await api(url, "PATCH", `/repos/${REPO}/git/refs/heads/seats/reclaim`, { sha: commit.sha, force: false });
    const r = await w.reclaim("--confirm");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("honouring 1 exemption(s) added on seats/reclaim: bob");
  });
});

describe("defect 8: seats.unmanaged: keep", () => {
  it("says nothing is cancelled for direct seats, and counts no savings for them", async () => {
    const w = await world({ ...BASIC, "policies/policy.yaml": "org: acme\nseats:\n  unmanaged: keep\n" }, BASIC_SEATS);
    const r = await w.reclaim();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Title: Reclaim 1 unused Copilot seat (0 end, $0.00/month)");
    expect(r.stdout).toContain("`seats.unmanaged` is `keep`");
    expect(r.stdout).toContain("nothing is cancelled for them");
    expect(r.stderr).toContain("warning: `seats.unmanaged` is `keep`");
  });
});

describe("defect 9: the removal ratio, and everyone is told", () => {
  it("proposes at most what apply accepts, most idle first, and says how many are left", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "seats-defects-"));
    const logins = Array.from({ length: 40 }, (_, i) => `dev-${String(i).padStart(2, "0")}`);
    writeGeneratedRepo(dir, [...logins, "active-dev"]);
    const seats: SeedSeat[] = [
      ...logins.map((login, i) => ({ login, created_at: OLD, last_activity_at: ago(NOW, 40 + i) })),
      { login: "active-dev", created_at: OLD, last_activity_at: ago(NOW, 0) },
    ];
    const emu = await startEmulator({ seed: seedFor(readTreeFiles(dir), seats), now: () => NOW });
    worlds.push({ emu, dir });
    const r = await runCli(["reclaim", "--dir", dir, "--repo", REPO, "--now", NOW.toISOString(), "--json", "r.json"], emu.url);
    expect(r.code).toBe(0);
    // 41 seats × 25% = 10 at once; the 10 most idle are dev-30 … dev-39.
    expect(r.stdout).toContain("Title: Reclaim 10 unused Copilot seats");
    for (let i = 30; i < 40; i++) expect(r.stdout).toContain(`seats/team-0/dev-${i}.yaml`);
    expect(r.stdout).not.toContain("seats/team-0/dev-29.yaml");
    expect(r.stdout).toContain("40 seats are reclaimable, but `seats apply` refuses to cancel more than 25.0% of the 41 current seats");
    expect(r.stdout).toContain("30 more are left for the next runs");
  });

  it("mentions every person exactly once (body, then comments of 50) and shows every row", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "seats-defects-"));
    const logins = Array.from({ length: 120 }, (_, i) => `dev-${String(i).padStart(3, "0")}`);
    writeGeneratedRepo(dir, [...logins, "active-dev"], 1, "seats:\n  max_removal_ratio: 1\n");
    const seats: SeedSeat[] = [...logins.map((login) => ({ login, created_at: OLD, last_activity_at: ago(NOW, 60) })), { login: "active-dev", created_at: OLD, last_activity_at: ago(NOW, 0) }];
    const emu = await startEmulator({ seed: seedFor(readTreeFiles(dir), seats), now: () => NOW });
    worlds.push({ emu, dir });
    const run = () => runCli(["reclaim", "--dir", dir, "--repo", REPO, "--now", NOW.toISOString(), "--confirm"], emu.url);
    expect((await run()).code).toBe(0);
    const [pull] = await getJson<Pull[]>(emu.url, `/repos/${REPO}/pulls?state=open`);
    const comments = await getJson<{ body: string }[]>(emu.url, `/repos/${REPO}/issues/${pull!.number}/comments?per_page=100`);
    expect(comments).toHaveLength(2);
    const text = [pull!.body, ...comments.map((c) => c.body)].join("\n");
    for (const l of logins) {
      expect(text.match(new RegExp(`@${l}\\b`, "g")), l).toHaveLength(1);
      expect(text).toContain(`| ${l} |`);
    }
    expect(pull!.body).toContain("<details><summary>The 120 rows</summary>");
    // A second run mentions nobody again.
    expect((await run()).code).toBe(0);
    expect(await getJson<unknown[]>(emu.url, `/repos/${REPO}/issues/${pull!.number}/comments?per_page=100`)).toHaveLength(2);
  });
});

describe("defect 3: a reclaimed maintainer of a copilot: team team", () => {
  it("is removed from maintainers: too, with a note for the team; savings count the seat", async () => {
    const files = {
      "policies/policy.yaml": "org: acme\n",
      "seats/data-science/_team.yaml": "name: data-science\ncopilot: team\n# who approves seat PRs\nmaintainers:\n  - dana-lead\n",
      "seats/data-science/dana-lead.yaml": "login: dana-lead\nreason: lead\n",
      "seats/data-science/erin.yaml": "login: erin\nreason: ml\n",
    };
    const seats: SeedSeat[] = [
      { login: "dana-lead", created_at: OLD, last_activity_at: ago(NOW, 60) },
      { login: "erin", created_at: OLD, last_activity_at: ago(NOW, 1) },
    ];
    const w = await world(files, seats);
    const r = await w.reclaim("--confirm");
    expect(r.code).toBe(0);
    const branch = w.emu.control.readBranch(REPO, "seats/reclaim")!;
    expect(branch["seats/data-science/dana-lead.yaml"]).toBeUndefined();
    expect(branch["seats/data-science/_team.yaml"]).toBe("name: data-science\ncopilot: team\n# who approves seat PRs\nmaintainers: []\n");
    const [pull] = await w.openPulls();
    expect(pull!.title).toBe("Reclaim 1 unused Copilot seat ($19.00/month)");
    expect(pull!.body).toContain("also removes them from `maintainers:` in `seats/data-science/_team.yaml`");
    expect(pull!.body).toContain("The team has no maintainer left");
  });
});

describe("people who left the organization", () => {
  it("their member files go (every team), with the reason, unmentioned; an invitee stays", async () => {
    const files = {
      ...BASIC,
      "seats/guests/_team.yaml": "name: guests\ncopilot: none\n",
      "seats/guests/ivan.yaml": "login: ivan\nreason: guest\n",
      "seats/platform/zoe.yaml": "login: zoe\nreason: new hire\n",
    };
    const dir = mkdtempSync(path.join(os.tmpdir(), "seats-defects-"));
    for (const [p, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      writeFileSync(path.join(dir, p), content);
    }
    const seats: SeedSeat[] = [
      { login: "alice", created_at: OLD, last_activity_at: ago(NOW, 1) },
      { login: "ivan", created_at: OLD, last_activity_at: ago(NOW, 3) },
    ];
    // ivan left (his seat went to pending cancellation when he was removed); zoe is invited.
    const seed = { ...seedFor(readTreeFiles(dir), seats, [], ["ivan", "bob", "zoe"]), pending_members: ["zoe"] };
    seed.users = ["ivan", "bob"];
    const emu = await startEmulator({ seed, now: () => NOW });
    worlds.push({ emu, dir });
    const run = (...extra: string[]) => runCli(["reclaim", "--dir", dir, "--repo", REPO, "--now", NOW.toISOString(), ...extra], emu.url);
    const r = await run("--confirm");
    expect(r.code).toBe(0);
    const branch = emu.control.readBranch(REPO, "seats/reclaim")!;
    expect(Object.keys(branch).filter((p) => p.endsWith(".yaml") && !p.endsWith("_team.yaml")).sort()).toEqual(["policies/policy.yaml", "seats/platform/alice.yaml", "seats/platform/zoe.yaml"]);
    const [pull] = await getJson<Pull[]>(emu.url, `/repos/${REPO}/pulls?state=open`);
    expect(pull!.title).toBe("Remove the member files of 2 people who left the organization");
    expect(pull!.body).toContain("| ivan | guests, platform |");
    expect(pull!.body).toContain("left the organization: not an org member any more");
    expect(pull!.body).not.toMatch(/@ivan|@bob/);
    expect(r.stderr).toContain("2 declared logins are no longer in acme: bob, ivan");
  });
});
