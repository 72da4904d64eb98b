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

  type Pull = { number: number; title: string; body: string; labels: { name: string }[] };
  /** alice active, bob idle for 45 days on 2025-06-28: bob's seat is reclaimed, merge by 2025-06-30. */
  async function world(start: Date) {
    let now = start;
    dir = tempCheckout();
    const e = await startEmulator({
      seed: seedFor(readTreeFiles(dir), [
        { login: "alice", created_at: "2024-01-01T00:00:00Z", last_activity_at: ago(start, 1) },
        { login: "bob", created_at: "2024-01-01T00:00:00Z", last_activity_at: ago(start, 45) },
      ]),
      now: () => now,
    });
    emu = e;
    const checkout = dir;
    return {
      emu: e,
      setNow: (d: Date) => {
        now = d;
      },
      reclaim: () => runCli(["reclaim", "--dir", checkout, "--repo", REPO, "--now", now.toISOString(), "--confirm"], e.url),
      pull: async () => (await getJson<Pull[]>(e.url, `/repos/${REPO}/pulls?state=open`))[0]!,
      labels: async () => (await getJson<Pull[]>(e.url, `/repos/${REPO}/pulls?state=open`))[0]!.labels.map((l) => l.name).sort(),
    };
  }

  it("names the next billing date, the merge-by date and the savings; title and label when due", async () => {
    const w = await world(new Date("2025-06-28T03:00:00Z"));
    const r = await w.reclaim();
    expect(r.code).toBe(0);
    const pull = await w.pull();
    expect(pull.title).toBe("Reclaim 1 unused Copilot seat ($19.00/month): merge by 2025-06-30");
    expect(pull.body).toContain("**Merge by 2025-06-30 (UTC), in 2 days ⏰.** The next billing cycle starts on 2025-07-01");
    expect(pull.body).toContain("merging in time saves $19.00 on the 2025-07-01 bill");
    expect(await w.labels()).toEqual(["seats-reclaim", "seats-reclaim-due"]);
  });

  it("the deadline passed: the next run moves to the next cycle's date and takes the due label off, once", async () => {
    const w = await world(new Date("2025-06-28T03:00:00Z"));
    expect((await w.reclaim()).code).toBe(0);
    const { number } = await w.pull();
    expect(await w.labels()).toEqual(["seats-reclaim", "seats-reclaim-due"]);

    const later = new Date("2025-07-02T03:00:00Z");
    w.setNow(later);
    w.emu.control.recordActivity("alice", new Date(later.getTime() - 3_600_000)); // fresh activity data
    const r = await w.reclaim();
    expect(r.stderr).not.toMatch(/warning|error/i);
    expect(r.code).toBe(0);
    const pull = await w.pull();
    expect(pull.number).toBe(number);
    expect(pull.title).toBe("Reclaim 1 unused Copilot seat ($19.00/month)");
    expect(pull.body).toContain("**Merge by 2025-07-31 (UTC), in 29 days.**");
    expect(await w.labels()).toEqual(["seats-reclaim"]);

    // A quiet night after that sends no label write.
    w.emu.log.reset();
    expect((await w.reclaim()).code).toBe(0);
    expect(w.emu.log.count({ method: "DELETE" })).toBe(0);
    expect(w.emu.log.count({ route: "POST /repos/{owner}/{repo}/issues/{issue_number}/labels" })).toBe(0);
  });

  it("the PR no longer ends a seat (the person left the org): the due label comes off", async () => {
    const w = await world(new Date("2025-06-28T03:00:00Z"));
    expect((await w.reclaim()).code).toBe(0);
    expect(await w.labels()).toEqual(["seats-reclaim", "seats-reclaim-due"]);

    // bob leaves: GitHub ends his seat itself, so the PR only removes his file and saves nothing.
    const res = await fetch(`${w.emu.url}/orgs/acme/members/bob`, { method: "DELETE", headers: { authorization: "token test-token", "user-agent": "billing-test" } });
    expect(res.status).toBe(204);
    expect((await w.reclaim()).code).toBe(0);
    const pull = await w.pull();
    expect(pull.body).toContain("left the organization");
    expect(pull.title).not.toContain("merge by");
    expect(await w.labels()).toEqual(["seats-reclaim"]);
  });
});
