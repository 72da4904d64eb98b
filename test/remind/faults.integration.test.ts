// `seats remind --confirm` with a fault at every write (open, comment, close), as a 5xx or as a
// response lost after GitHub applied the write, then a re-run: never a second open reminder for
// anyone, never a second closing comment, and nobody's reminder is lost.
import { afterEach, describe, expect, it } from "vitest";
import type { FaultConfig } from "../../src/emulator/types.js";
import { idleSeat, NOW, remindWorld, type RemindWorld, SEATS } from "./world.js";

const REMINDED = ["bob", "carol", "hank"];

let current: RemindWorld | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

async function world() {
  const w = await remindWorld({ seats: [...SEATS, idleSeat("hank", 24)] });
  current = w;
  const openLogins = async () => (await w.issues()).filter((i) => i.state === "open").map((i) => /login=(\S+)/.exec(i.body ?? "")![1]).sort();
  return { ...w, openLogins };
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
