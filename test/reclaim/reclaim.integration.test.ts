// `seats reclaim` end to end against the emulator over real HTTP: the CLI in-process, the PR read
// back from the emulator's git store and pulls API.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubClient } from "../../src/github/client.js";
import { startEmulator } from "../../src/emulator/index.js";
import type { RunningEmulator, SeedSeat } from "../../src/emulator/types.js";
import { ago } from "./model.js";
import { getJson, readTreeFiles, REPO, removeDir, runCli, seedFor, tempCheckout, writeGeneratedRepo } from "./world.js";

const NOW = new Date("2025-06-01T02:00:00Z");
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);
const BRANCH = "seats/reclaim";

interface Pull {
  number: number;
  state: string;
  title: string;
  body: string | null;
  head: { ref: string };
  labels: { name: string }[];
}

const FIXTURE_SEATS: SeedSeat[] = [
  { login: "alice", created_at: "2024-01-01T00:00:00Z", last_activity_at: ago(NOW, 2), last_activity_editor: "vscode/1.99.0/copilot/1.300.0" },
  { login: "bob", created_at: "2024-01-01T00:00:00Z", last_activity_at: ago(NOW, 45), last_activity_editor: "JetBrains-IC/2024.3" },
  { login: "carol", created_at: ago(NOW, 60), last_activity_at: null },
  { login: "dave", created_at: ago(NOW, 3), last_activity_at: null },
  { login: "erin", created_at: "2024-01-01T00:00:00Z", last_activity_at: ago(NOW, 100) },
  { login: "frank", created_at: "2024-01-01T00:00:00Z", last_activity_at: ago(NOW, 0) },
  { login: "gina", created_at: "2024-01-01T00:00:00Z", last_activity_at: ago(NOW, 100), pending_cancellation_date: "2025-07-01" },
  { login: "hank", created_at: "2024-01-01T00:00:00Z", last_activity_at: ago(NOW, 31) },
  { login: "ivan", created_at: "2024-01-01T00:00:00Z", last_activity_at: ago(NOW, 300) },
];

const FIRST_DELETIONS = [
  "seats/data/bob.yaml",
  "seats/data/hank.yaml",
  "seats/platform/bob.yaml",
  "seats/platform/carol.yaml",
  "seats/platform/frank.yaml",
];

const without = (files: Record<string, string>, gone: readonly string[]) =>
  Object.fromEntries(Object.entries(files).filter(([p]) => !gone.includes(p)));

const repoRequests = (emu: RunningEmulator) => emu.log.entries.filter((e) => e.path.startsWith("/repos/"));

describe("seats reclaim against the emulator", () => {
  let emu: RunningEmulator;
  let checkout: string;
  let baseFiles: Record<string, string>;
  const reclaim = (now: Date, ...extra: string[]) =>
    runCli(["reclaim", "--dir", checkout, "--repo", REPO, "--now", now.toISOString(), ...extra], emu.url);
  const pulls = () => getJson<Pull[]>(emu.url, `/repos/${REPO}/pulls?state=all&per_page=100`);

  beforeAll(async () => {
    checkout = tempCheckout();
    baseFiles = readTreeFiles(checkout);
    emu = await startEmulator({ seed: seedFor(baseFiles, FIXTURE_SEATS), now: () => NOW });
    emu.control.setNow(NOW);
  });
  afterAll(async () => {
    await emu?.close();
    removeDir(checkout);
  });

  it("dry run with no PR yet: prints the PR and sends no mutating request", async () => {
    emu.log.reset();
    const r = await reclaim(NOW);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    expect(emu.log.count({ mutating: true })).toBe(0);
    expect(r.stdout).toContain("Dry run");
    expect(r.stdout).toContain("Title: Reclaim 4 unused Copilot seats ($76.00/month)");
    expect(r.stdout).toContain("Would open a new PR.");
    for (const f of FIRST_DELETIONS) expect(r.stdout).toContain(`  ${f}`);
    expect(await pulls()).toEqual([]);
    // bob and hank are everyone seats/data (copilot: team) declares: pulumi up cannot empty it.
    expect(r.stderr.match(/^warning: .*/gm)).toEqual([expect.stringMatching(/^warning: This PR removes everyone declared in `data` \(`copilot: team`\): `pulumi up` cannot empty a team/)]);
  });

  it("--json writes every seat's decision", async () => {
    const out = path.join(checkout, "..", `${path.basename(checkout)}-decisions.json`);
    try {
      const r = await reclaim(NOW, "--json", out);
      expect(r.code).toBe(0);
      const json = JSON.parse(readFileSync(out, "utf8")) as {
        summary: Record<string, number>;
        files: string[];
        decisions: { login: string; reason: string; reclaim: boolean }[];
        pull: { action: string } | null;
      };
      expect(json.summary).toEqual({ seats: 9, reclaim: 4, files: 5, missing_on_base: 0, ending: 4, deferred: 0 });
      expect(json.files).toEqual(FIRST_DELETIONS);
      expect(json.decisions.map((d) => `${d.login}:${d.reason}`)).toEqual([
        "alice:active",
        "bob:inactive",
        "carol:never-used",
        "dave:new-seat",
        "erin:exempt",
        "frank:expired",
        "gina:pending-cancellation",
        "hank:inactive",
        "ivan:undeclared",
      ]);
      expect(json.pull).toEqual({ number: 0, url: "", action: "would-create" });
    } finally {
      rmSync(out, { force: true });
    }
  });

  it("first run opens the PR with exactly the right deletions", async () => {
    const r = await reclaim(NOW, "--confirm");
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^created PR #\d+/);
    expect(emu.control.readBranch(REPO, BRANCH)).toEqual(without(baseFiles, FIRST_DELETIONS));
    expect(emu.control.readBranch(REPO, "main")).toEqual(baseFiles);

    const all = await pulls();
    expect(all).toHaveLength(1);
    const pr = all[0]!;
    expect(pr.state).toBe("open");
    expect(pr.head.ref).toBe(BRANCH);
    expect(pr.title).toBe("Reclaim 4 unused Copilot seats ($76.00/month)");
    expect(pr.labels.map((l) => l.name)).toEqual(["seats-reclaim"]);
    const body = pr.body ?? "";
    expect(body).toContain("cc @bob @carol @frank @hank");
    expect(body).toContain("| bob | data, platform | 2025-04-17 | `JetBrains-IC/2024.3` | 45 | inactive:");
    expect(body).toContain("| carol | platform | never |  | 60 | never used:");
    expect(body).toContain("| frank | platform |");
    expect(body).toContain("expired on 2025-05-31");
    expect(body).toContain("`copilot: team` teams (`data`)");
    for (const kept of ["alice", "dave", "erin", "gina", "ivan"]) expect(body).not.toContain(`@${kept}`);
  });

  it("a second run updates the same PR (never a second one)", async () => {
    emu.control.setNow(at(1));
    const r = await reclaim(at(1), "--confirm");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^updated PR #1/);
    const all = await pulls();
    expect(all).toHaveLength(1);
    expect(all[0]!.body).toContain("| bob | data, platform | 2025-04-17 | `JetBrains-IC/2024.3` | 46 |");
    expect(emu.control.readBranch(REPO, BRANCH)).toEqual(without(baseFiles, FIRST_DELETIONS));
  });

  it("a rerun with nothing new leaves the branch and the PR alone", async () => {
    emu.log.reset();
    const r = await reclaim(at(1), "--confirm");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^unchanged PR #1/);
    // Only the tree POST (content-addressed: same tree, nothing new) is a write.
    expect(emu.log.entries.filter((e) => e.method !== "GET").map((e) => e.route)).toEqual(["POST /repos/{owner}/{repo}/git/trees"]);
  });

  it("a member file that is only in the checkout is left out, with a warning", async () => {
    const ivan = path.join(checkout, "seats/platform/ivan.yaml");
    writeFileSync(ivan, "login: ivan\nreason: joined platform\n");
    try {
      const r = await reclaim(at(1), "--confirm");
      expect(r.code).toBe(0);
      expect(r.stderr).toContain("1 member file(s) of the checkout are not on main and are left out: seats/platform/ivan.yaml");
      expect((await pulls())[0]!.body).not.toContain("@ivan");
      expect(emu.control.readBranch(REPO, BRANCH)).toEqual(without(baseFiles, FIRST_DELETIONS));
    } finally {
      rmSync(ivan);
    }
  });

  it("users active again drop out of the PR", async () => {
    emu.control.recordActivity("bob", at(1), "vscode/1.100.0/copilot/1.310.0");
    const r = await reclaim(at(1), "--confirm");
    expect(r.code).toBe(0);
    const branch = emu.control.readBranch(REPO, BRANCH)!;
    expect(branch["seats/platform/bob.yaml"]).toBe(baseFiles["seats/platform/bob.yaml"]);
    expect(branch["seats/data/bob.yaml"]).toBe(baseFiles["seats/data/bob.yaml"]);
    expect(branch).toEqual(without(baseFiles, FIRST_DELETIONS.filter((f) => !f.endsWith("/bob.yaml"))));
    const all = await pulls();
    expect(all).toHaveLength(1);
    expect(all[0]!.body).not.toContain("@bob");
    expect(all[0]!.title).toBe("Reclaim 3 unused Copilot seats ($57.00/month)");
  });

  it("an exemption pushed to the PR branch is honoured and carried over", async () => {
    // What a person does in the PR: one commit on the branch adding an exemption for carol.
    const client = createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: "t" }, allowWrites: true, retryAfterBaseMs: 1, writeIntervalMs: 0 });
    const [owner, repo] = REPO.split("/") as [string, string];
    const policy = baseFiles["policies/policy.yaml"]!.replace(
      "      until: 2025-06-10\n",
      "      until: 2025-06-10\n    - login: carol\n      reason: on a sabbatical until August\n      until: 2025-08-31\n",
    );
    expect(policy).toContain("login: carol");
    const { data: ref } = await client.rest.git.getRef({ owner, repo, ref: `heads/${BRANCH}` });
    const { data: head } = await client.rest.git.getCommit({ owner, repo, commit_sha: ref.object.sha });
    const { data: tree } = await client.rest.git.createTree({
      owner,
      repo,
      base_tree: head.tree.sha,
      tree: [{ path: "policies/policy.yaml", mode: "100644", type: "blob", content: policy }],
    });
    const { data: commit } = await client.rest.git.createCommit({ owner, repo, message: "exempt carol", tree: tree.sha, parents: [head.sha] });
    await client.rest.git.updateRef({ owner, repo, ref: `heads/${BRANCH}`, sha: commit.sha });

    const r = await reclaim(at(1), "--confirm");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("honouring 1 exemption(s) added on seats/reclaim: carol");
    const branch = emu.control.readBranch(REPO, BRANCH)!;
    expect(branch["policies/policy.yaml"]).toBe(policy);
    expect(branch["seats/platform/carol.yaml"]).toBe(baseFiles["seats/platform/carol.yaml"]);
    expect(branch["seats/platform/frank.yaml"]).toBeUndefined();
    const body = (await pulls())[0]!.body ?? "";
    expect(body).not.toContain("@carol");
    expect(body).toContain("adds the exemption pushed to it for carol");
  });

  it("dry run with an open PR: says it would update it, no mutating request", async () => {
    emu.log.reset();
    const r = await reclaim(at(1));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Would update PR #1");
    expect(emu.log.count({ mutating: true })).toBe(0);
  });

  it("nothing reclaimable closes the open PR with a comment", async () => {
    // frank's contract was extended in the checkout; hank is back.
    const frank = path.join(checkout, "seats/platform/frank.yaml");
    writeFileSync(frank, readFileSync(frank, "utf8").replace(/expires: .*\n/, ""));
    emu.control.recordActivity("hank", at(1));
    const r = await reclaim(at(1), "--confirm");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("closed PR #1");
    const all = await pulls();
    expect(all).toHaveLength(1);
    expect(all[0]!.state).toBe("closed");
    const comments = await getJson<{ body: string }[]>(emu.url, `/repos/${REPO}/issues/1/comments`);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(/^Closing: as of 2025-06-02 02:00 UTC no seat is reclaimable/);
    expect(comments[0]!.body).toContain("exemptions added on this branch (carol) are not on `main`");
  });

  it("the exemption was never merged, so the next run proposes carol again, in a new PR", async () => {
    const r = await reclaim(at(1), "--confirm");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^created PR #2/);
    const all = (await pulls()).sort((a, b) => a.number - b.number);
    expect(all.map((p) => [p.number, p.state])).toEqual([
      [1, "closed"],
      [2, "open"],
    ]);
    expect(all[1]!.body).toContain("cc @carol\n");
    expect(emu.control.readBranch(REPO, BRANCH)).toEqual(without(baseFiles, ["seats/platform/carol.yaml"]));
  });

  it("after the PR is merged and the checkout follows, nothing is written", async () => {
    emu.control.mergePull(REPO, 2);
    expect(emu.control.readBranch(REPO, "main")!["seats/platform/carol.yaml"]).toBeUndefined();
    rmSync(path.join(checkout, "seats/platform/carol.yaml"));
    emu.log.reset();
    const r = await reclaim(at(1), "--confirm");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Nothing to reclaim \(9 seats checked\); no PR is open/);
    expect(emu.log.count({ mutating: true })).toBe(0);
  });

  it("stale activity data: exit 1 with the numbers, nothing written", async () => {
    emu.log.reset();
    const r = await reclaim(at(40), "--confirm");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/activity data looks stale: the newest last_activity_at across all 9 seats is .*, 39 days ago/);
    expect(r.stderr).toContain("--allow-stale-activity");
    expect(emu.log.count({ mutating: true })).toBe(0);
  });

  it("a failed API call exits 1 with what failed", async () => {
    const r = await runCli(["reclaim", "--dir", checkout, "--repo", "acme/missing", "--now", at(1).toISOString(), "--confirm"], emu.url);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/GitHub request failed: GET .*\/repos\/acme\/missing\/pulls → 404/);
    expect(r.stderr).not.toContain("test-token");
  });

  it("usage errors exit 2", async () => {
    const noRepo = await runCli(["reclaim", "--dir", checkout, "--confirm"], emu.url);
    expect(noRepo.code).toBe(2);
    expect(noRepo.stderr).toContain("--repo <owner/name>");
    const badNow = await runCli(["reclaim", "--dir", checkout, "--now", "last tuesday"], emu.url);
    expect(badNow.code).toBe(2);
    expect(badNow.stderr).toContain("--now must be an ISO date");
  });
});

describe("reclaim request counts do not grow with the number of files", () => {
  const worlds: { emu: RunningEmulator; dir: string }[] = [];
  afterAll(async () => {
    for (const w of worlds) {
      await w.emu.close();
      removeDir(w.dir);
    }
  });

  async function reclaimN(n: number): Promise<{ first: Record<string, number>; second: Record<string, number>; deleted: number }> {
    const dir = mkdtempSync(path.join(os.tmpdir(), "seats-reclaim-scale-"));
    const logins = Array.from({ length: n }, (_, i) => `dev-${String(i).padStart(5, "0")}`);
    // Four teams, and one active user so the freshness guard sees live data; no ratio cap (its
    // own test is below), so every file is proposed.
    writeGeneratedRepo(dir, [...logins, "active-dev"], 4, "seats:\n  max_removal_ratio: 1\n");
    const seats: SeedSeat[] = [
      ...logins.map((login) => ({ login, created_at: "2024-01-01T00:00:00Z", last_activity_at: ago(NOW, 90) })),
      { login: "active-dev", created_at: "2024-01-01T00:00:00Z", last_activity_at: ago(NOW, 0) },
    ];
    const emu = await startEmulator({ seed: seedFor(readTreeFiles(dir), seats), now: () => NOW });
    worlds.push({ emu, dir });
    const count = () => {
      const out: Record<string, number> = {};
      for (const e of repoRequests(emu)) out[e.route] = (out[e.route] ?? 0) + 1;
      return out;
    };
    emu.log.reset();
    const r = await runCli(["reclaim", "--dir", dir, "--repo", REPO, "--now", NOW.toISOString(), "--confirm"], emu.url);
    expect(r.code).toBe(0);
    const first = count();
    const branch = emu.control.readBranch(REPO, BRANCH)!;
    const deleted = logins.filter((l) => !Object.keys(branch).some((p) => p.endsWith(`/${l}.yaml`))).length;
    emu.log.reset();
    const again = await runCli(["reclaim", "--dir", dir, "--repo", REPO, "--now", at(1).toISOString(), "--confirm"], emu.url);
    expect(again.code).toBe(0);
    return { first, second: count(), deleted };
  }

  it("1 and 1,000 removed files cost the same requests, plus one mention comment per 50 people", async () => {
    const one = await reclaimN(1);
    const thousand = await reclaimN(1000);
    expect(one.deleted).toBe(1);
    expect(thousand.deleted).toBe(1000);
    const COMMENTS = "POST /repos/{owner}/{repo}/issues/{issue_number}/comments";
    const LIST = "GET /repos/{owner}/{repo}/issues/{issue_number}/comments";
    const others = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).filter(([k]) => k !== COMMENTS && k !== LIST));
    // The body mentions 50; the other 950 are mentioned 50 per comment, once: the second run adds none.
    expect(thousand.first[COMMENTS]).toBe(19);
    expect(thousand.second[COMMENTS]).toBeUndefined();
    expect(others(thousand.first)).toEqual(one.first);
    expect(others(thousand.second)).toEqual(one.second);
    const total = Object.values(others(thousand.first)).reduce((a, b) => a + b, 0);
    // 13: the 12 of the PR flow, plus the merged reclaim PRs read for restores (restore.ts).
    expect(total).toBeLessThanOrEqual(13);
  });
});
