// Where the portal looks a `self_service.eligible_teams` slug up: the org of the team declared
// under that slug (several orgs, `org:` in its _team.yaml), else the policy's `org`.
import { describe, expect, it } from "vitest";
import { eligibleTeamOrg } from "../../src/portal/people.js";

const model = {
  policy: { org: "acme" },
  teams: [{ slug: "platform" }, { slug: "research", org: "acme-labs" }, { slug: "ent", enterprise_team: true, org: undefined }],
} as never;

describe("eligibleTeamOrg", () => {
  it.each([
    { slug: "platform", want: "acme" },
    { slug: "research", want: "acme-labs" },
    { slug: "Research", want: "acme-labs" },
    { slug: "not-declared", want: "acme" },
    { slug: "ent", want: "acme" },
  ])("$slug → $want", ({ slug, want }) => {
    expect(eligibleTeamOrg(model, slug)).toBe(want);
  });
});
