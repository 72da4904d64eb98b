// The closing summary of `seats apply`: with several orgs a login is one org's target, so a
// person unsent in one org is neither counted twice nor hides their failure in another.
import { describe, expect, it } from "vitest";
import type { ApplyResult, UnsentBatch } from "../../src/apply/apply.js";
import { applySummary } from "../../src/apply/render.js";
import type { Plan } from "../../src/plan/types.js";

const plan = (changes: number) => ({ changes: Array.from({ length: changes }), blocked: [] }) as unknown as Plan;
const unsent = (org: string, kind: UnsentBatch["kind"], targets: string[]): UnsentBatch => ({ kind, org, route: "{org}", targets, reason: "stopped: interrupted (SIGINT)" });
const notSent = (b: UnsentBatch) => b.targets.map((target) => ({ action: "add" as const, target, org: b.org!, error: `not sent: ${b.reason}` }));

function result(failed: ApplyResult["failures"], batches: UnsentBatch[]): ApplyResult {
  return { requests: [], applied: [], failures: [...failed, ...batches.flatMap(notSent)], unsent: batches, interrupted: "stopped: interrupted (SIGINT)", ok: false };
}

describe("applySummary with several orgs", () => {
  it.each([
    {
      name: "a person unsent in two orgs counts as two changes not sent",
      failed: [],
      batches: [unsent("acme", "add_users", ["bob", "hana"]), unsent("acme-labs", "add_users", ["hana"])],
      want: "Applied 0 of 3 changes in 0 requests; 3 not sent.",
      lines: ["  not sent  acme (2 logins: bob, hana)", "  not sent  acme-labs (hana)"],
    },
    {
      name: "a failure in one org is listed though the same login is unsent in another",
      failed: [{ action: "add" as const, target: "hana", org: "acme", error: "no answer" }],
      batches: [unsent("acme-labs", "add_users", ["hana"])],
      want: "Applied 0 of 2 changes in 0 requests; 1 failed, 1 not sent:",
      lines: ["  ✗ add hana in acme: no answer"],
    },
  ])("$name", ({ failed, batches, want, lines }) => {
    const text = applySummary(plan(failed.length + batches.flatMap((b) => b.targets).length), result(failed, batches));
    expect(text.split("\n")[0]).toBe(want);
    for (const l of lines) expect(text.split("\n")).toContain(l);
  });
});
