// The enterprise view the planner sees (pure): one seat per person from the enterprise's own
// grants, and enterprise teams under their GitHub slug `ent:<folder>`.
import { describe, expect, it } from "vitest";
import type { EnterpriseGrant } from "../../src/github/enterprise-read.js";
import { resolveTeam } from "../../src/model/load.js";
import { enterpriseModel, enterpriseSeats, githubSlug } from "../../src/plan/enterprise.js";

const G = (login: string, extra: Partial<EnterpriseGrant> = {}): EnterpriseGrant => ({
  login,
  assigning_team: null,
  organization: null,
  created_at: "2026-01-01T00:00:00Z",
  last_activity_at: null,
  last_activity_editor: null,
  last_authenticated_at: null,
  pending_cancellation_date: null,
  plan_type: "business",
  ...extra,
});

describe("enterpriseSeats", () => {
  it.each([
    { name: "a direct grant is a direct seat", grants: [G("ann")], want: [["ann", null, null]] },
    { name: "a live direct grant wins over a team grant", grants: [G("ann", { assigning_team: "ent:ml" }), G("ann")], want: [["ann", null, null]] },
    { name: "a team grant alone is a team seat", grants: [G("bo", { assigning_team: "ent:ml" })], want: [["bo", "ent:ml", null]] },
    { name: "a pending direct grant and a live team grant: the team seat", grants: [G("cy", { pending_cancellation_date: "2026-02-01" }), G("cy", { assigning_team: "ent:ml" })], want: [["cy", "ent:ml", null]] },
    { name: "every grant pending: pending at the latest date", grants: [G("di", { pending_cancellation_date: "2026-02-01" }), G("di", { assigning_team: "ent:a", pending_cancellation_date: "2026-03-01" })], want: [["di", null, "2026-03-01"]] },
    { name: "org-granted rows are the orgs' business", grants: [G("ed", { organization: "acme" })], want: [] },
  ])("$name", ({ grants, want }) => {
    expect(enterpriseSeats(grants).map((s) => [s.login, s.assigning_team, s.pending_cancellation_date])).toEqual(want);
  });

  it("shows the person's latest activity over every grant, org grants included", () => {
    const [s] = enterpriseSeats([G("ann", { last_activity_at: "2026-01-02T00:00:00Z" }), G("ann", { assigning_team: "ent:x", last_activity_at: "2026-01-09T00:00:00Z", last_activity_editor: "vim" })]);
    expect(s).toMatchObject({ last_activity_at: "2026-01-09T00:00:00Z", last_activity_editor: "vim" });
  });
});

describe("enterpriseModel", () => {
  it("renames enterprise teams to ent:<folder> (members and old slugs too) and leaves org teams alone", () => {
    const ml = { ...resolveTeam("ml", { name: "ML", copilot: "team", enterprise_team: true, previously: ["research"] }), members: [{ login: "dana", reason: "r", team: "ml", file: "seats/ml/dana.yaml" }] };
    const web = resolveTeam("web", { name: "Web" });
    const view = enterpriseModel({ teams: [ml, web] });
    expect(view.teams.map((t) => [t.slug, t.enterprise_team, t.previously, t.members.map((m) => m.team)])).toEqual([
      ["ent:ml", false, ["ent:research"], ["ent:ml"]],
      ["web", false, [], []],
    ]);
    expect([githubSlug(ml), githubSlug(web)]).toEqual(["ent:ml", "web"]);
  });
});
