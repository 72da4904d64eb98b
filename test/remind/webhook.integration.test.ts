// The reminder digest is not lost when the chat webhook fails: the digest waits in an outbox
// issue of the seat repository, and the next run, even one with nothing new to say, sends it
// again and closes the issue; a delivered digest is never sent twice.
import { afterEach, describe, expect, it } from "vitest";
import { spawnCli } from "../helpers/cli.js";
import { webhookSink, type WebhookSink } from "../helpers/webhook-sink.js";
import { NOW, remindWorld, type RemindWorld } from "./world.js";

let current: RemindWorld | undefined;
let sink: WebhookSink | undefined;
afterEach(async () => {
  await current?.close();
  await sink?.close();
});

async function world() {
  const s = await webhookSink();
  sink = s;
  const w = await remindWorld({ env: { SEATS_WEBHOOK_URL: s.url } });
  current = w;
  const outbox = async () => (await w.issues()).filter((i) => i.body?.startsWith("<!-- seats-remind-outbox -->"));
  return { ...w, sink: s, outbox };
}

describe("the reminder digest when the webhook fails", () => {
  it("fails once: the digest waits in an issue; an unchanged re-run delivers it exactly once", async () => {
    const w = await world();
    w.sink.failWith(500, 1);
    const first = await w.remind();
    expect(first.code).toBe(1);
    expect(first.stdout).toContain("Reminders: 2 opened");
    expect(first.stdout).toMatch(/answered HTTP 500; the digest waits in #\d+ and the next run sends it again/);
    expect(first.stdout + first.stderr).not.toContain("secret-part");
    expect(w.sink.received).toEqual([]);
    const [kept, ...more] = await w.outbox();
    expect(more).toEqual([]);
    expect(kept).toMatchObject({ state: "open", labels: [{ name: "seats-reminder" }] });
    expect(kept!.body).toContain("2 opened");
    expect((await w.preview()).stdout).toContain("1 webhook digest not delivered earlier would be sent again.");

    // Nothing changed since: the re-run writes no reminder, but sends the kept digest.
    const again = await w.remind();
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("0 opened, 0 updated, 0 closed, 2 unchanged");
    expect(again.stdout).toContain("digest sent to the webhook (with 1 not delivered earlier)");
    expect(w.sink.received).toHaveLength(1);
    expect(w.sink.received[0]!.text).toContain("_Not delivered by the run of 2025-06-01 02:00 UTC:_\n*Copilot seat reminders* (acme/seats): 2 opened");
    expect(w.sink.received[0]!.text).toContain("bob (reclaim from 2025-06-06)");
    expect((await w.outbox()).map((i) => i.state)).toEqual(["closed"]);

    // Delivered: a third run sends nothing and writes nothing.
    w.emu.log.reset();
    expect((await w.remind()).code).toBe(0);
    expect(w.emu.log.count({ mutating: true })).toBe(0);
    expect(w.sink.attempts).toBe(2);
    expect(w.sink.received).toHaveLength(1);
  });

  it("fails twice across a change: both digests wait in the one issue and go out together", async () => {
    const w = await world();
    w.sink.failWith(503);
    expect((await w.remind()).code).toBe(1);
    // A failed resend with nothing new keeps the issue as it is (no write).
    w.emu.log.reset();
    expect((await w.remind()).code).toBe(1);
    expect(w.emu.log.count({ mutating: true })).toBe(0);
    // carol is active again: her reminder closes, and that digest joins the waiting one.
    w.emu.control.recordActivity("carol", new Date(NOW.getTime() - 3_600_000));
    const third = await w.remind();
    expect(third.code).toBe(1);
    const [kept] = await w.outbox();
    expect(kept!.body).toContain("2 opened");
    expect(kept!.body).toContain("Active again: carol");

    w.sink.failWith(undefined);
    expect((await w.remind()).stdout).toContain("(with 2 not delivered earlier)");
    expect(w.sink.received).toHaveLength(1);
    const text = w.sink.received[0]!.text;
    expect(text.indexOf("2 opened")).toBeLessThan(text.indexOf("Active again: carol"));
    expect((await w.outbox()).map((i) => i.state)).toEqual(["closed"]);
    expect((await w.remind()).code).toBe(0);
    expect(w.sink.received).toHaveLength(1);
  });

  it("the outbox issue cannot be written either: the run says the digest is lost", async () => {
    const w = await world();
    w.sink.failWith(500);
    // Every issue create fails: the reminders (reported) and then the outbox.
    w.emu.setFaults({ errorRate: 1, match: /^POST \/repos\/acme\/seats\/issues$/ });
    const r = await w.remind();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("2 failed");
    expect(r.stdout).toMatch(/answered HTTP 500; the digest could not be kept for the next run either: .*50[23]/);
    w.emu.setFaults(undefined);
    expect(await w.outbox()).toEqual([]);
  });

  it("a run killed between its writes and the webhook: the next run sends its digest, from what it did, exactly once", async () => {
    const w = await world();
    // A real process, killed (SIGKILL: no handler runs) while the webhook has its digest unanswered.
    const held = w.sink.hold();
    const run = spawnCli(w.argv, w.emu.url, { SEATS_WEBHOOK_URL: w.sink.url });
    await run.reaches(held);
    run.child.kill("SIGKILL");
    expect(await run.exited).toBe("SIGKILL");
    expect(w.sink.received).toEqual([]);
    expect((await w.issues()).filter((i) => i.state === "open" && !i.body?.startsWith("<!-- seats-remind-outbox -->"))).toHaveLength(2);
    const [intent] = await w.outbox();
    expect(intent!.body).toContain("<!-- seats-remind-intent ");
    expect((await w.preview()).stdout).toContain("1 webhook digest not delivered earlier would be sent again.");

    // The re-run has nothing new to write; it tells the chat what the killed run did.
    const again = await w.remind();
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("0 opened, 0 updated, 0 closed, 2 unchanged");
    expect(w.sink.received).toHaveLength(1);
    expect(w.sink.received[0]!.text).toMatch(/^_The run of 2025-06-01 02:00 UTC stopped before sending its digest:_\n\*Copilot seat reminders\* \(acme\/seats\): 2 opened/);
    expect(w.sink.received[0]!.text).toContain("bob (reclaim from 2025-06-06)");
    expect((await w.outbox()).map((i) => i.state)).toEqual(["closed"]);
    w.emu.log.reset();
    expect((await w.remind()).code).toBe(0);
    expect(w.emu.log.count({ mutating: true })).toBe(0);
    expect(w.sink.received).toHaveLength(1);
  });
});
