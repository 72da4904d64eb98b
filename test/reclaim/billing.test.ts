// Billing-cycle timing of the reclaim PR (billing.ts), table-driven; and the PR it shapes.
import { afterEach, describe, expect, it } from "vitest";
import { billingTiming } from "../../src/reclaim/billing.js";
import { startEmulator } from "../../src/emulator/index.js";
import type { RunningEmulator } from "../../src/emulator/types.js";
import { ago, seat } from "./model.js";
import { getJson, readTreeFiles, REPO, removeDir, runCli, seedFor, tempCheckout } from "./world.js";

describe("next billing date and merge-by date", () => {
  it.each([
    { now: "2025-06-01T02:00:00Z", pending: [], next: "2025-07-01", source: "first-of-month", mergeBy: "2025-06-30", daysLeft: 29, due: false },
    { now: "2025-06-27T02:00:00Z", pending: [], next: "2025-07-01", mergeBy: "2025-06-30", daysLeft: 3, due: true },
    { now: "2025-06-26T23:59:00Z", pending: [], next: "2025-07-01", mergeBy: "2025-06-30", daysLeft: 4, due: false },
    { now: "2025-06-30T12:00:00Z", pending: [], next: "2025-07-01", mergeBy: "2025-06-30", daysLeft: 0, due: true },
    { now: "2025-12-15T00:00:00Z", pending: [], next: "2026-01-01", mergeBy: "2025-12-31", daysLeft: 16, due: false },
    // GitHub's pending_cancellation_date is the start of the next cycle: it wins.
    { now: "2025-06-01T02:00:00Z", pending: ["2025-06-15"], next: "2025-06-15", source: "pending-cancellation", mergeBy: "2025-06-14", daysLeft: 13, due: false },
    { now: "2025-06-12T02:00:00Z", pending: ["2025-06-15", "2025-07-15"], next: "2025-06-15", mergeBy: "2025-06-14", daysLeft: 2, due: true },
    // A date already past (stale data) is ignored.
    { now: "2025-06-20T02:00:00Z", pending: ["2025-06-15"], next: "2025-07-01", source: "first-of-month", mergeBy: "2025-06-30", daysLeft: 10, due: false },
  ])("$now with pending $pending → $next, merge by $mergeBy", (c) => {
    const seats = c.pending.map((d, i) => seat(`p${i}`, { pending_cancellation_date: d }));
    const t = billingTiming(seats, new Date(c.now));
    expect(t).toMatchObject({ next: c.next, mergeBy: c.mergeBy, daysLeft: c.daysLeft, due: c.due, ...(c.source ? { source: c.source } : {}) });
  });
});

describe("the reclaim PR's deadline", () => {
  let emu: RunningEmulator | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await emu?.close();
    if (dir) removeDir(dir);
  });

  it("names the next billing date, the merge-by date and the savings; title and label when due", async () => {
    const now = new Date("2025-06-28T03:00:00Z");
    dir = tempCheckout();
    emu = await startEmulator({
      seed: seedFor(readTreeFiles(dir), [
        { login: "alice", created_at: "2024-01-01T00:00:00Z", last_activity_at: ago(now, 1) },
        { login: "bob", created_at: "2024-01-01T00:00:00Z", last_activity_at: ago(now, 45) },
      ]),
      now: () => now,
    });
    const r = await runCli(["reclaim", "--dir", dir, "--repo", REPO, "--now", now.toISOString(), "--confirm"], emu.url);
    expect(r.code).toBe(0);
    const [pull] = await getJson<{ title: string; body: string; labels: { name: string }[] }[]>(emu.url, `/repos/${REPO}/pulls?state=open`);
    expect(pull!.title).toBe("Reclaim 1 unused Copilot seat ($19.00/month): merge by 2025-06-30");
    expect(pull!.body).toContain("**Merge by 2025-06-30 (UTC), in 2 days ⏰.** The next billing cycle starts on 2025-07-01");
    expect(pull!.body).toContain("merging in time saves $19.00 on the 2025-07-01 bill");
    expect(pull!.labels.map((l) => l.name).sort()).toEqual(["seats-reclaim", "seats-reclaim-due"]);
  });
});
