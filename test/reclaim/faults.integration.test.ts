// `seats reclaim --confirm` interrupted at every write of the PR flow (tree, commit, ref create,
// ref update, PR, label), and with responses lost after GitHub applied the write: the failed run
// exits 1 with a clear message (never an internal error), and the re-run converges on exactly one
// open PR whose branch holds exactly the right files.
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { FaultConfig, RunningEmulator, SeedSeat } from "../../src/emulator/types.js";
import { ago } from "./model.js";
import { getJson, readTreeFiles, REPO, removeDir, runCli, seedFor, tempCheckout } from "./world.js";

const NOW = new Date("2025-06-01T02:00:00Z");
const BRANCH = "seats/reclaim";
const SEATS: SeedSeat[] = [
  { login: "alice", created_at: "2024-01-01T00:00:00Z", last_activity_at: ago(NOW, 2) },
  { login: "bob", created_at: "2024-01-01T00:00:00Z", last_activity_at: ago(NOW, 45) },
  { login: "carol", created_at: ago(NOW, 60), last_activity_at: null },
  { login: "frank", created_at: "2024-01-01T00:00:00Z", last_activity_at: ago(NOW, 0) },
  { login: "hank", created_at: "2024-01-01T00:00:00Z", last_activity_at: ago(NOW, 31) },
];
const DELETIONS = ["seats/data/bob.yaml", "seats/data/hank.yaml", "seats/platform/bob.yaml", "seats/platform/carol.yaml", "seats/platform/frank.yaml"];
const WITHOUT_BOB = DELETIONS.filter((f) => !f.endsWith("/bob.yaml"));

interface Pull {
  number: number;
  state: string;
  head: { ref: string };
  labels: { name: string }[];
}

const without = (files: Record<string, string>, gone: readonly string[]) => Object.fromEntries(Object.entries(files).filter(([p]) => !gone.includes(p)));

let emu: RunningEmulator | undefined;
let checkout: string | undefined;
afterEach(async () => {
  await emu?.close();
  if (checkout) removeDir(checkout);
  emu = undefined;
  checkout = undefined;
});

async function world() {
  checkout = tempCheckout();
  const baseFiles = readTreeFiles(checkout);
  emu = await startEmulator({ seed: seedFor(baseFiles, SEATS), now: () => NOW });
  const e = emu;
  const dir = checkout;
  const reclaim = () => runCli(["reclaim", "--dir", dir, "--repo", REPO, "--now", NOW.toISOString(), "--confirm"], e.url);
  const openPulls = async () => (await getJson<Pull[]>(e.url, `/repos/${REPO}/pulls?state=all&per_page=100`)).filter((p) => p.state === "open");
  return { emu: e, baseFiles, reclaim, openPulls };
}

/** Every attempt (the client's retries included) of the matching request fails with a 5xx. */
const failing = (route: string): FaultConfig => ({ errorRate: 1, match: new RegExp(`^${route}$`) });

describe("reclaim --confirm interrupted at each write, then re-run", () => {
  it.each([
    { step: "tree", route: "POST /repos/acme/seats/git/trees" },
    { step: "commit", route: "POST /repos/acme/seats/git/commits" },
    { step: "branch creation", route: "POST /repos/acme/seats/git/refs" },
    { step: "PR creation", route: "POST /repos/acme/seats/pulls" },
    { step: "label", route: "POST /repos/acme/seats/issues/\\d+/labels" },
  ])("first run fails at the $step: exit 1, then exactly one PR with the right files", async ({ route }) => {
    const w = await world();
    w.emu.setFaults(failing(route));
    const failed = await w.reclaim();
    expect(failed.stderr).not.toMatch(/internal error/);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/GitHub request failed: POST .* → 50[23]/);
    expect(failed.stderr).not.toContain("test-token");
    w.emu.setFaults(undefined);

    const ok = await w.reclaim();
    expect(ok.stderr).not.toMatch(/internal error/);
    expect(ok.code).toBe(0);
    const open = await w.openPulls();
    expect(open).toHaveLength(1);
    expect(open[0]!.head.ref).toBe(BRANCH);
    expect(open[0]!.labels.map((l) => l.name)).toEqual(["seats-reclaim"]);
    expect(w.emu.control.readBranch(REPO, BRANCH)).toEqual(without(w.baseFiles, DELETIONS));
    expect(w.emu.control.readBranch(REPO, "main")).toEqual(w.baseFiles);
  });

  it("an update interrupted at the ref update (bob became active) converges on the next run", async () => {
    const w = await world();
    expect((await w.reclaim()).code).toBe(0);
    w.emu.control.recordActivity("bob", NOW);
    w.emu.setFaults(failing("PATCH /repos/acme/seats/git/refs/.+"));
    const failed = await w.reclaim();
    expect(failed.code).toBe(1);
    expect(failed.stderr).not.toMatch(/internal error/);
    // The branch still holds the previous, complete commit: never a half-built state.
    expect(w.emu.control.readBranch(REPO, BRANCH)).toEqual(without(w.baseFiles, DELETIONS));
    w.emu.setFaults(undefined);
    expect((await w.reclaim()).code).toBe(0);
    expect(await w.openPulls()).toHaveLength(1);
    expect(w.emu.control.readBranch(REPO, BRANCH)).toEqual(without(w.baseFiles, WITHOUT_BOB));
  });
});

describe("reclaim --confirm when GitHub applied a write but the response was lost", () => {
  it.each([
    { step: "branch creation (retry meets 422 Reference already exists)", route: "POST /repos/acme/seats/git/refs" },
    { step: "PR creation (retry meets 422 A pull request already exists)", route: "POST /repos/acme/seats/pulls" },
    { step: "tree", route: "POST /repos/acme/seats/git/trees" },
    { step: "commit", route: "POST /repos/acme/seats/git/commits" },
    { step: "label", route: "POST /repos/acme/seats/issues/\\d+/labels" },
  ])("$step: one run succeeds with exactly one PR", async ({ route }) => {
    const w = await world();
    w.emu.setFaults({ lostResponseRate: 1, maxFaults: 1, match: new RegExp(`^${route}$`) });
    const r = await w.reclaim();
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    expect(w.emu.log.entries.filter((e) => e.fault)).toHaveLength(1);
    const open = await w.openPulls();
    expect(open).toHaveLength(1);
    expect(open[0]!.labels.map((l) => l.name)).toEqual(["seats-reclaim"]);
    expect(w.emu.control.readBranch(REPO, BRANCH)).toEqual(without(w.baseFiles, DELETIONS));
  });
});

describe("reclaim under random faults (5xx, secondary rate limits, drops, lost responses)", () => {
  it("converges within three runs on exactly one PR", async () => {
    const w = await world();
    w.emu.setFaults({ errorRate: 0.2, secondaryRateLimitRate: 0.1, dropRate: 0.1, lostResponseRate: 0.1, retryAfterSeconds: 0, seed: 5 });
    let last = -1;
    for (let i = 0; i < 3 && last !== 0; i++) {
      const r = await w.reclaim();
      expect(r.stderr).not.toMatch(/internal error/);
      last = r.code;
    }
    w.emu.setFaults(undefined);
    const final = await w.reclaim();
    expect(final.code).toBe(0);
    expect(await w.openPulls()).toHaveLength(1);
    expect(w.emu.control.readBranch(REPO, BRANCH)).toEqual(without(w.baseFiles, DELETIONS));
    expect(w.emu.log.entries.some((e) => e.fault)).toBe(true);
  });
});
