import { describe, expect, it } from "vitest";
import { plan } from "../../src/plan/plan.js";
import { GITHUB_COMMENT_LIMIT, PLAN_MARKER, cell, renderMarkdown } from "../../src/plan/render/markdown.js";
import { renderJson } from "../../src/plan/render/json.js";
import { renderText } from "../../src/plan/render/text.js";
import { logins, policy, seat, snapshot, team } from "./builders.js";

const small = () =>
  plan(
    { teams: [team("platform", "users", ["alice", "bob", "c", "d", "e", "ghost"]), team("ml", "team", ["m1"])] },
    snapshot({
      members: ["alice", "bob", "c", "d", "e", "eve", "m1"],
      seats: [seat("bob", { pending_cancellation_date: "2026-02-01" }), seat("c"), seat("d"), seat("e"), seat("eve")],
      teams: [{ slug: "ml", exists: true, members: ["m1"] }],
    }),
    policy(),
  );

/** 3,000 adds with long reasons: far over one comment. */
const huge = () => {
  const many = logins(3000, "developer-with-a-rather-long-login-");
  return plan({ teams: [team("platform", "users", many)] }, snapshot({ members: many }), policy());
};

describe("renderText", () => {
  it("lists every change with its reason, the blocked ones with the fix, and the checksum", () => {
    const p = small();
    const text = renderText(p);
    expect(text).toContain("Copilot seat plan for acme: 1 to add, 1 to re-add, 1 to cancel, 1 team to assign, 0 teams to unassign; 1 blocked, 0 kept");
    expect(text).toMatch(/\+ add\s+alice\s+declared in seats\/platform\/alice\.yaml/);
    expect(text).toMatch(/~ re-add\s+bob\s+seat is pending cancellation \(leaves 2026-02-01\)/);
    expect(text).toMatch(/- cancel\s+eve\s+declared nowhere/);
    expect(text).toMatch(/\+ assign team\s+ml/);
    expect(text).toContain("! ghost: ghost is declared in seats/platform/ghost.yaml but is not a member of the acme organization");
    expect(text).toContain(`checksum: ${p.checksum}`);
  });

  it("says so when there is nothing to do", () => {
    const p = plan({ teams: [team("platform", "users", ["alice"])] }, snapshot({ members: ["alice"], seats: [seat("alice")], teams: [{ slug: "platform", exists: true, members: ["alice"] }] }), policy());
    expect(renderText(p)).toContain("No changes: GitHub matches seats/.");
  });

  it("lists the team changes pulumi up makes, and says the seat changes count on them", () => {
    const p = plan({ teams: [team("platform", "users", ["alice"])] }, snapshot({ members: ["alice"], seats: [seat("alice")] }), policy());
    const text = renderText(p);
    expect(text).toContain("No seat changes");
    expect(text).toContain("  + create team platform");
    expect(text).toContain("  + add alice to platform  (declared in seats/platform/alice.yaml)");
    const md = renderMarkdown(p);
    expect(md).toContain("#### Teams (`pulumi up` makes these first) (2)");
    expect(md).toContain(`teams checksum \`${p.teams.checksum}\``);
  });

  it("prints refusals as errors", () => {
    const p = plan({ teams: [team("p", "users", logins(4))] }, snapshot({ members: logins(16), seats: logins(16).map((l) => seat(l)) }), policy());
    expect(renderText(p)).toContain("error: refusing to cancel 12 of 16 seats (75.0% > 25.0%); pass --force to override");
  });
});

describe("renderMarkdown", () => {
  it("starts with the sticky-comment marker and has one row per change", () => {
    const p = small();
    const md = renderMarkdown(p);
    expect(md.startsWith(`${PLAN_MARKER}\n`)).toBe(true);
    expect(md).toContain("#### Changes (4)");
    expect(md).toContain("| ➕ | add | `alice` | declared in seats/platform/alice.yaml | `seats/platform/alice.yaml` |");
    expect(md).toContain("#### Blocked (not applied; the rest still applies) (1)");
    expect(md).toContain(p.checksum);
    expect(md).not.toContain("more changes");
  });

  it("stays under GitHub's 65,536-character limit with an honest '… and N more' line", () => {
    const p = huge();
    const md = renderMarkdown(p);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    const rows = md.split("\n").filter((l) => l.startsWith("| ➕ |")).length;
    expect(rows).toBeGreaterThan(100);
    expect(md).toContain(`… and ${3000 - rows} more changes`);
    expect(md).toContain(p.checksum);
  });

  it.each([2_000, 10_000, 30_000])("respects a smaller budget (%i) exactly", (limit) => {
    const md = renderMarkdown(huge(), { limit });
    expect(md.length).toBeLessThanOrEqual(limit);
    const rows = md.split("\n").filter((l) => l.startsWith("| ➕ |")).length;
    expect(md).toContain(`… and ${3000 - rows} more changes`);
  });

  it.each([
    ["a|b", "a\\|b"],
    ["line\nbreak", "line break"],
    ["<script>", "&lt;script>"],
    ["back\\slash", "back\\\\slash"],
  ])("escapes table cells: %j", (input, out) => expect(cell(input)).toBe(out));
});

describe("renderJson", () => {
  it("is the plan with its checksum", () => {
    const p = small();
    const parsed = JSON.parse(renderJson(p));
    expect(parsed).toEqual(p);
    expect(parsed.checksum).toBe(p.checksum);
  });
});

describe("renderMarkdown refusals", () => {
  it("shows the summary and each refusal as a caution block", () => {
    const p = plan({ teams: [team("p", "users", logins(4))] }, snapshot({ members: logins(16), seats: logins(16).map((l) => seat(l)) }), policy());
    const md = renderMarkdown(p);
    expect(md).toContain("**0 to add, 0 to re-add, 12 to cancel");
    expect(md).toContain("> [!CAUTION]\n> refusing to cancel 12 of 16 seats (75.0% > 25.0%); pass --force to override");
  });
});
