// The notice comment as a record (src/notify/notice.ts): who it told, and whether its webhook
// digest is still pending. Table-driven.
import { describe, expect, it } from "vitest";
import { affectedAcrossOrgs, affectedOf, markPending, noticeComments, noticeDigest, noticedIn, WEBHOOK_PENDING, webhookPending } from "../../src/notify/notice.js";

const ctx = { pull: { number: 7, title: "Reclaim 2 seats" }, repo: "acme/seats" };
const [body] = noticeComments(
  [
    { login: "bob", ends: "2025-07-01", why: "inactive: no Copilot activity for 45 days" },
    { login: "hank-2", ends: "2025-07-01" },
  ],
  ctx,
);

describe("notice comments", () => {
  it("give back the people they told, reasons included", () => {
    expect(noticedIn(body)).toEqual([
      { login: "bob", ends: "2025-07-01", why: "inactive: no Copilot activity for 45 days" },
      { login: "hank-2", ends: "2025-07-01" },
    ]);
  });

  it.each([
    { name: "a plain comment", text: "- @bob: access ends on **2025-07-01**", told: [] },
    { name: "no body", text: null, told: [] },
  ])("$name told nobody", ({ text, told }) => {
    expect(noticedIn(text)).toEqual(told);
  });

  it.each([
    { name: "fresh", text: body!, pending: false },
    { name: "marked", text: markPending(body!, true), pending: true },
    { name: "marked twice", text: markPending(markPending(body!, true), true), pending: true },
    { name: "marked, then delivered", text: markPending(markPending(body!, true), false), pending: false },
    { name: "a marker outside a notice", text: `hello\n${WEBHOOK_PENDING}`, pending: false },
  ])("$name: pending $pending", ({ text, pending }) => {
    expect(webhookPending(text)).toBe(pending);
  });

  it("the mark comes off leaving the comment as it was, and never changes who it told", () => {
    expect(markPending(markPending(body!, true), false)).toBe(body);
    expect(noticedIn(markPending(body!, true))).toEqual(noticedIn(body));
  });
});

describe("notice lines with several orgs", () => {
  it.each([
    {
      name: "cancelled in both orgs, each with its own date",
      affected: affectedAcrossOrgs("bo", [{ org: "acme", ends: "2025-07-01" }, { org: "acme-labs", ends: "2025-06-15" }], []),
      line: "- @bo: access ends on **2025-07-01** in acme, **2025-06-15** in acme-labs; why: inactive",
      digest: "bo (until 2025-07-01 in acme, 2025-06-15 in acme-labs)",
    },
    {
      name: "cancelled in one org, the other org's seat stays",
      affected: affectedAcrossOrgs("cy", [{ org: "acme-labs", ends: "2025-06-15" }], ["acme"]),
      line: "- @cy: access ends on **2025-06-15** in acme-labs (your seat in acme stays); why: inactive",
      digest: "cy (until 2025-06-15 in acme-labs)",
    },
  ])("$name: written, read back as written, and in the digest", ({ affected, line, digest }) => {
    const withWhy = { ...affected, why: "inactive" };
    const [comment] = noticeComments([withWhy], ctx);
    expect(comment!.split("\n")).toContain(line);
    expect(noticedIn(comment)).toEqual([withWhy]);
    expect(noticeDigest([withWhy], ctx)).toContain(digest);
  });

  it("the latest org's date is when access ends", () => {
    expect(affectedAcrossOrgs("bo", [{ org: "acme", ends: "2025-06-15" }, { org: "acme-labs", ends: "2025-07-01" }], []).ends).toBe("2025-07-01");
  });
});

describe("affectedOf: who a merged PR took a seat from", () => {
  const ends = new Map([["bo", { login: "bo", ends: "2026-07-01" }]]);
  const why = new Map([
    ["bo", "inactive: no Copilot activity for 40 days (limit 30)"],
    ["cy", "inactive: no Copilot activity for 50 days (limit 30)"],
    ["di", "left the organization"],
  ]);
  const base = { removed: ["bo", "cy", "di", "ed"], ends, why, told: new Set<string>() };
  it.each([
    { name: "org billing: pending seats only", input: base, want: ["bo 2026-07-01"] },
    { name: "an earlier notice told bo", input: { ...base, told: new Set(["bo"]) }, want: [] },
    {
      name: "enterprise billing, cy's grant gone (revoked at once): told with the merge day; di left, ed was never reclaimed",
      input: { ...base, held: new Set(["ann"]), revokedOn: "2026-06-10" },
      want: ["bo 2026-07-01", "cy 2026-06-10 immediate"],
    },
    { name: "enterprise billing, cy still holds a grant (an org's, a team's): not told", input: { ...base, held: new Set(["cy"]), revokedOn: "2026-06-10" }, want: ["bo 2026-07-01"] },
  ])("$name", ({ input, want }) => {
    expect(affectedOf(input).map((a) => `${a.login} ${a.ends}${a.immediate ? " immediate" : ""}`)).toEqual(want);
  });

  it("a notice with a seat revoked at once says so in its header", () => {
    const [body] = noticeComments(affectedOf({ ...base, held: new Set(), revokedOn: "2026-06-10" }), { pull: { number: 7, title: "Reclaim" }, repo: "acme/seats" });
    expect(body).toContain("for a seat the enterprise revoked at once (it is gone from the seat list), the day of the apply");
    expect(body).toContain("- @cy: access ends on **2026-06-10**; why: inactive");
    // The line reads back as the digest reads notices (noticedIn).
    expect(noticedIn(body).map((a) => `${a.login} ${a.ends}`)).toEqual(["bo 2026-07-01", "cy 2026-06-10"]);
  });
});
