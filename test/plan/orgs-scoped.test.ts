// The pure half of an incremental plan of several orgs (src/plan/orgs-scoped.ts): which touched
// files are each org's, and how the orgs' reads add up to one scope line.
import { describe, expect, it } from "vitest";
import { combinedScope, filesOfOrg } from "../../src/plan/orgs-scoped.js";
import type { PlanScope } from "../../src/plan/scoped.js";

const model = {
  policy: { org: "acme" },
  teams: [{ slug: "platform" }, { slug: "research", org: "acme-labs" }, { slug: "ml", org: "ACME-LABS" }, { slug: "ent", enterprise_team: true }],
} as never;

describe("filesOfOrg", () => {
  it.each([
    { org: "acme", want: ["seats/platform/a.yaml"] },
    { org: "acme-labs", want: ["seats/research/b.yaml", "seats/ml/c.yaml"] },
    { org: "Acme-Labs", want: ["seats/research/b.yaml", "seats/ml/c.yaml"] },
    { org: "other", want: [] },
  ])("$org", ({ org, want }) => {
    const files = ["seats/platform/a.yaml", "seats/research/b.yaml", "seats/ml/c.yaml", "seats/ent/d.yaml", "seats/gone/e.yaml"];
    expect(filesOfOrg(files, model, org)).toEqual(want);
  });
});

describe("combinedScope", () => {
  const part = (org: string, mode: PlanScope["mode"], requests: number, reason?: string) => ({ org, scope: { mode, requests, paging_requests: 10, ...(reason ? { reason } : {}) } });
  it.each([
    { name: "every org incremental", parts: [part("a", "incremental", 4), part("b", "incremental", 5)], want: { mode: "incremental", requests: 9, paging_requests: 20 } },
    // One org read login by login leaves partial seats: the whole plan counts as incremental.
    { name: "one org paged, one incremental", parts: [part("a", "incremental", 4), part("b", "paged", 12, "cheaper")], want: { mode: "incremental", requests: 16, reason: "b: cheaper" } },
    { name: "every org paged", parts: [part("a", "paged", 30, "x"), part("b", "paged", 12, "y")], want: { mode: "paged", reason: "a: x; b: y" } },
    { name: "one org in full, one paged", parts: [part("a", "full", 30, "x"), part("b", "paged", 12, "y")], want: { mode: "paged", reason: "a: x; b: y" } },
  ])("$name", ({ parts, want }) => {
    expect(combinedScope(parts, ["hana"])).toMatchObject({ ...want, logins: ["hana"] });
  });
});
