// `seats remind --confirm` with a fault at every write (open, comment, close), as a 5xx or as a
// response lost after GitHub applied the write, then a re-run: never a second open reminder for
// anyone, never a second closing comment, and nobody's reminder is lost.
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { FaultConfig, RunningEmulator, SeedSeat } from "../../src/emulator/types.js";
import { ago } from "../reclaim/model.js";
import { getJson, readTreeFiles, REPO, removeDir, runCli, seedFor, tempCheckout } from "../reclaim/world.js";

const NOW = new Date("2025-06-01T02:00:00Z");
const OLD = "2024-01-01T00:00:00Z";
const SEATS: SeedSeat[] = [
  { login: "alice", created_at: OLD, last_activity_at: ago(NOW, 2) },
  { login: "bob", created_at: OLD, last_activity_at: ago(NOW, 25) },
  { login: "carol", created_at: OLD, last_activity_at: ago(NOW, 26) },
  { login: "hank", created_at: OLD, last_activity_at: ago(NOW, 24) },
];
const REMINDED = ["bob", "carol", "hank"];

interface Issue {
  number: number;
  state: string;
  body: string | null;
  comments: number;
}

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
  emu = await startEmulator({ seed: seedFor(readTreeFiles(checkout), SEATS), now: () => NOW });
  const e = emu;
  const dir = checkout;
  const remind = () => runCli(["remind", "--dir", dir, "--repo", REPO, "--now", NOW.toISOString(), "--confirm"], e.url);
  const issues = () => getJson<Issue[]>(e.url, `/repos/${REPO}/issues?state=all&labels=seats-reminder&per_page=100`);
  const openLogins = async () => (await issues()).filter((i) => i.state === "open").map((i) => /login=(\S+)/.exec(i.body ?? "")![1]).sort();
  return { emu: e, remind, issues, openLogins };
}

const failing = (route: string): FaultConfig => ({ errorRate: 1, maxFaults: 1, match: new RegExp(`^${route}$`) });
const lost = (route: string): FaultConfig => ({ lostResponseRate: 1, maxFaults: 1, match: new RegExp(`^${route}$`) });

describe("opening reminders under faults", () => {
  it.each([
    { kind: "5xx", faults: failing("POST /repos/acme/seats/issues") },
    { kind: "lost response", faults: lost("POST /repos/acme/seats/issues") },
    { kind: "5xx on every attempt", faults: { errorRate: 1, match: /^POST \/repos\/acme\/seats\/issues$/ } as FaultConfig },
  ])("$kind on an open: the others are written, a re-run completes, one reminder each", async ({ faults }) => {
    const w = await world();
    w.emu.setFaults(faults);
    const first = await w.remind();
    expect(first.stderr).not.toMatch(/internal error/);
    expect(w.emu.log.entries.filter((e) => e.fault).length).toBeGreaterThan(0);
    w.emu.setFaults(undefined);
    const again = await w.remind();
    expect(again.code).toBe(0);
    expect(await w.openLogins()).toEqual(REMINDED);
    expect((await w.issues()).filter((i) => i.state === "open")).toHaveLength(REMINDED.length);
  });
});

describe("closing reminders under faults", () => {
  it.each([
    { step: "comment, 5xx", faults: failing("POST /repos/acme/seats/issues/\\d+/comments") },
    { step: "comment, lost response", faults: lost("POST /repos/acme/seats/issues/\\d+/comments") },
    { step: "close, 5xx", faults: { errorRate: 1, match: /^PATCH \/repos\/acme\/seats\/issues\/\d+$/ } as FaultConfig },
    { step: "close, lost response", faults: lost("PATCH /repos/acme/seats/issues/\\d+") },
  ])("$step: a re-run closes it with exactly one comment", async ({ faults }) => {
    const w = await world();
    expect((await w.remind()).code).toBe(0);
    w.emu.control.recordActivity("carol", NOW);
    w.emu.setFaults(faults);
    const failed = await w.remind();
    expect(failed.stderr).not.toMatch(/internal error/);
    w.emu.setFaults(undefined);
    expect((await w.remind()).code).toBe(0);
    expect(await w.openLogins()).toEqual(["bob", "hank"]);
    const carol = (await w.issues()).find((i) => i.body?.includes("login=carol "))!;
    expect(carol).toMatchObject({ state: "closed", comments: 1 });
    // A third run changes nothing.
    w.emu.log.reset();
    expect((await w.remind()).code).toBe(0);
    expect(w.emu.log.count({ mutating: true })).toBe(0);
  });
});
