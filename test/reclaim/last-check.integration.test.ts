// The last check before revocation, end to end on the emulator: a reclaim PR records its
// evidence, bob uses Copilot after its snapshot, the PR is merged, and apply (with the reviewed
// checksum) skips bob's cancellation but applies the others; the next nightly run restores
// bob's member file through its PR. Also the pure part, table-driven.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { RunningEmulator, SeedSeat } from "../../src/emulator/types.js";
import { lastCheck, parseEvidence, renderEvidence } from "../../src/reclaim/last-check.js";
import { ago, seat } from "./model.js";
import { getJson, readTreeFiles, REPO, removeDir, runCli, seedFor, tempCheckout } from "./world.js";
import { classify } from "../../src/reclaim/classify.js";
import { modelOf } from "./model.js";

const NOW = new Date("2025-06-01T02:00:00Z");
const HOUR = 3_600_000;
const OLD = "2024-01-01T00:00:00Z";

describe("last check (pure)", () => {
  const model = modelOf([{ slug: "t", members: ["a", "b", ["c", "2025-05-01"]] }]);
  const { reclaim } = classify([seat("a", { last_activity_at: ago(NOW, 40) }), seat("b", { last_activity_at: ago(NOW, 40) }), seat("c", { last_activity_at: ago(NOW, 1) })], model, model.policy, NOW);
  const evidence = parseEvidence(`text\n${renderEvidence(NOW, reclaim)}\nmore`)!;
  it("records the snapshot and who is re-checked (inactivity only, not expiry)", () => {
    expect(evidence).toEqual({ v: 1, snapshot: NOW.toISOString(), recheck: ["a", "b"] });
    expect(parseEvidence("<!-- seats-reclaim-evidence {bad json} -->")).toBeUndefined();
  });
  it.each([
    { name: "used after the snapshot", live: ago(NOW, -1), skip: true },
    { name: "used exactly at the snapshot", live: NOW.toISOString(), skip: false },
    { name: "not used since", live: ago(NOW, 40), skip: false },
  ])("$name", ({ live, skip }) => {
    const out = lastCheck(["a", "c"], [{ pull: 7, evidence }], [seat("a", { last_activity_at: live }), seat("c", { last_activity_at: ago(NOW, -1) })]);
    expect(out.map((s) => s.login)).toEqual(skip ? ["a"] : []);
  });
});

describe("last check on the emulator", () => {
  let emu: RunningEmulator;
  let checkout: string;
  const env = { SEATS_RECLAIM_REPO: REPO };
  const SEATS: SeedSeat[] = [
    { login: "alice", created_at: OLD, last_activity_at: ago(NOW, 1) },
    { login: "bob", created_at: OLD, last_activity_at: ago(NOW, 45) },
    { login: "erin", created_at: OLD, last_activity_at: ago(NOW, 100) },
    { login: "hank", created_at: OLD, last_activity_at: ago(NOW, 31) },
  ];
  beforeAll(async () => {
    checkout = tempCheckout();
    emu = await startEmulator({ seed: seedFor(readTreeFiles(checkout), SEATS), now: () => NOW });
  });
  afterAll(async () => {
    await emu?.close();
    removeDir(checkout);
  });

  it("skips the cancellation of someone active since the snapshot, applies the rest, then restores the file", async () => {
    const rec = await runCli(["reclaim", "--dir", checkout, "--repo", REPO, "--now", NOW.toISOString(), "--confirm"], emu.url);
    expect(rec.code).toBe(0);
    const [pull] = await getJson<{ number: number; body: string }[]>(emu.url, `/repos/${REPO}/pulls?state=open`);
    expect(parseEvidence(pull!.body)?.recheck).toEqual(expect.arrayContaining(["bob", "hank"]));

    // bob uses Copilot after the snapshot; then the PR is merged and the checkout follows main.
    emu.control.recordActivity("bob", new Date(NOW.getTime() + HOUR));
    emu.control.mergePull(REPO, pull!.number);
    const main = emu.control.readBranch(REPO, "main")!;
    for (const f of Object.keys(readTreeFiles(checkout))) if (!(f in main)) rmSync(path.join(checkout, f));

    const planFile = path.join(checkout, "plan.json");
    const planned = await runCli(["plan", "--dir", checkout, "--json", planFile], emu.url, env);
    expect(planned.code).toBe(0);
    const checksum = (JSON.parse(readFileSync(planFile, "utf8")) as { checksum: string }).checksum;
    const applied = await runCli(["apply", "--dir", checkout, "--confirm", "--checksum", checksum], emu.url, env);
    expect(applied.stderr).not.toMatch(/internal error/);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("Last check before revocation: 1 seat kept");
    expect(applied.stdout).toMatch(/kept {2}bob: used Copilot on 2025-06-01T03:00:00Z, after the activity snapshot of reclaim PR #\d+/);
    const seats = await getJson<{ seats: { assignee: { login: string }; pending_cancellation_date: string | null }[] }>(emu.url, "/orgs/acme/copilot/billing/seats?per_page=100");
    const pending = (l: string) => seats.seats.find((s) => s.assignee.login === l)?.pending_cancellation_date ?? null;
    expect(pending("bob")).toBeNull();
    expect(pending("hank")).not.toBeNull();

    // A later apply (any merge) still keeps bob until his file is back.
    const again = await runCli(["apply", "--dir", checkout, "--confirm"], emu.url, env);
    expect(again.stdout).toContain("kept  bob");

    // The next nightly run restores bob's member files through its PR.
    const next = new Date(NOW.getTime() + 24 * HOUR);
    emu.control.setNow(next);
    const restore = await runCli(["reclaim", "--dir", checkout, "--repo", REPO, "--now", next.toISOString(), "--confirm"], emu.url);
    expect(restore.code).toBe(0);
    const branch = emu.control.readBranch(REPO, "seats/reclaim")!;
    expect(branch["seats/platform/bob.yaml"]).toBeDefined();
    expect(branch["seats/data/bob.yaml"]).toBeDefined();
    const [open] = await getJson<{ title: string; body: string }[]>(emu.url, `/repos/${REPO}/pulls?state=open`);
    expect(open!.body).toContain("also restores the member files of @bob");
  });
});
