// The undelivered-digest outbox (src/remind/outbox.ts): what an issue body holds, what one POST
// sends. Table-driven; the I/O is covered by webhook.integration.test.ts.
import { describe, expect, it } from "vitest";
import { digestsToSend, outboxBody, outboxDigests, undelivered } from "../../src/remind/outbox.js";

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
