// The undelivered-digest outbox (src/remind/outbox.ts): what an issue body holds, what one POST
// sends. Table-driven; the I/O is covered by webhook.integration.test.ts.
import { describe, expect, it } from "vitest";
import { digestsToSend, type Intent, intentOf, outboxBody, outboxDigests, outboxIntent, recoveredDigest, undelivered } from "../../src/remind/outbox.js";

describe("outbox bodies", () => {
  it.each([
    { name: "one digest", digests: ["*Copilot seat reminders*: 1 opened."] },
    { name: "several, multi-line", digests: ["a\nReminded: bob", "b\n\nFailed: carol (open)", "c"] },
  ])("$name: the body gives back what it was given, in order", ({ digests }) => {
    expect(outboxDigests(outboxBody(digests))).toEqual(digests);
  });

  it.each([
    { name: "a reminder", body: "<!-- seats-remind login=bob -->\n@bob: a reminder" },
    { name: "no body", body: null },
    { name: "the marker not first", body: "quoted:\n<!-- seats-remind-outbox -->" },
  ])("$name is not an outbox", ({ body }) => {
    expect(outboxDigests(body)).toBeUndefined();
  });
});

describe("what one POST sends", () => {
  it.each([
    { pending: [], current: undefined, sent: [] },
    { pending: [], current: "now", sent: ["now"] },
    { pending: ["old"], current: undefined, sent: ["old"] },
    { pending: ["old", "older", "old"], current: "now", sent: ["old", "older", "now"] },
  ])("pending $pending and current $current → $sent", ({ pending, current, sent }) => {
    expect(digestsToSend(pending, current)).toEqual(sent);
  });

  it("a kept digest says which run it was due from", () => {
    expect(undelivered("text", new Date("2025-06-01T02:00:30Z"))).toBe("_Not delivered by the run of 2025-06-01 02:00 UTC:_\ntext");
  });
});

describe("the intent of a run (written before its writes)", () => {
  const AT = "2025-06-01T02:00:00.000Z";
  const intent: Intent = { at: AT, created: ["bob", "carol"], closed: [[7, "dan", "active"], [8, "eve", "reclaimed"]] };
  const open = (...rows: [number, string, string][]) => rows.map(([number, login, title]) => ({ number, login, title }));
  const bobTitle = "Your Copilot seat will be reclaimed from 2025-06-06 unless you use it";

  it("travels in the outbox body beside the digests", () => {
    const body = outboxBody(["old digest"], intent);
    expect(outboxIntent(body)).toEqual(intent);
    expect(outboxDigests(body)).toEqual(["old digest"]);
    expect(outboxIntent(outboxBody(["old digest"]))).toBeUndefined();
  });

  it.each([
    { name: "not an outbox", body: '<!-- seats-remind-intent {"at":"x","created":[],"closed":[]} -->' },
    { name: "bad JSON", body: "<!-- seats-remind-outbox -->\n<!-- seats-remind-intent {at} -->" },
    { name: "no lists", body: '<!-- seats-remind-outbox -->\n<!-- seats-remind-intent {"at":"x"} -->' },
  ])("$name: no intent", ({ body }) => {
    expect(outboxIntent(body)).toBeUndefined();
  });

  it("drops malformed entries of an edited intent", () => {
    const body = '<!-- seats-remind-outbox -->\n<!-- seats-remind-intent {"at":"x","created":["bob",3],"closed":[[7,"dan","active"],["8","eve","active"],[9]]} -->';
    expect(outboxIntent(body)).toEqual({ at: "x", created: ["bob"], closed: [[7, "dan", "active"]] });
  });

  it.each([
    { name: "did everything", open: open([11, "bob", bobTitle], [12, "carol", "Your Copilot seat expires on 2025-06-10"]), want: ["2 opened, 0 updated, 2 closed", "Reminded: bob (reclaim from 2025-06-06), carol (expires 2025-06-10)", "Active again: dan", "Reclaimed: eve"] },
    { name: "stopped after bob", open: open([11, "bob", bobTitle], [7, "dan", "t"], [8, "eve", "t"]), want: ["1 opened, 0 updated, 0 closed", "Reminded: bob (reclaim from 2025-06-06)"] },
    { name: "only closed dan", open: open([8, "eve", "t"]), want: ["0 opened, 0 updated, 1 closed", "Active again: dan"] },
  ])("a stopped run that $name is told from what is open now", ({ open: now, want }) => {
    const text = recoveredDigest(intent, now, "acme/seats")!;
    expect(text.startsWith("_The run of 2025-06-01 02:00 UTC stopped before sending its digest:_\n*Copilot seat reminders* (acme/seats): ")).toBe(true);
    for (const line of want) expect(text).toContain(line);
    if (!now.some((o) => o.login === "carol")) expect(text).not.toContain("carol");
  });

  it("a stopped run that did nothing has no digest", () => {
    expect(recoveredDigest(intent, open([7, "dan", "t"], [8, "eve", "t"]), "acme/seats")).toBeUndefined();
  });

  it("too many to list: only how many it set out to write", () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({ login: `a-rather-long-login-name-number-${i}` }));
    const big = intentOf(AT, many, []);
    expect(big).toEqual({ at: AT, created: [], closed: [], planned: { created: 2000, closed: 0 } });
    expect(outboxBody([], big).length).toBeLessThan(65_536);
    expect(recoveredDigest(big, [], "acme/seats")).toContain("it set out to open 2000 and close 0 reminders");
    expect(intentOf(AT, [{ login: "bob" }], [{ issue: { number: 7, login: "dan" }, reason: "active" }])).toEqual({ at: AT, created: ["bob"], closed: [[7, "dan", "active"]] });
  });
});
