// Where drift adopts a seat granted by hand (seatTeamFor): the --seat-team folder in its own org,
// `<seat-team>-<org>` in another, and a refusal with the fix when that folder cannot hold it.
import { describe, expect, it } from "vitest";
import { seatTeamFor } from "../../src/drift/detect.js";
import { resolvePolicy } from "../../src/model/load.js";
import type { SeatModel } from "../../src/model/types.js";

const policy = resolvePolicy({ org: "acme", orgs: ["acme", "acme-labs"] } as never);
type Team = Partial<SeatModel["teams"][number]> & { slug: string };
const model = (teams: Team[]) => ({ policy, teams: teams.map((t) => ({ name: t.slug, copilot: "users", ...t })) }) as unknown as Pick<SeatModel, "teams" | "policy">;

describe("seatTeamFor", () => {
  it.each([
    { name: "no folder yet, the policy's org", teams: [], org: "acme", want: { slug: "copilot-users", org: "acme", exists: false } },
    { name: "no folder yet, another org", teams: [], org: "acme-labs", want: { slug: "copilot-users-acme-labs", org: "acme-labs", exists: false } },
    { name: "the folder exists in the policy's org", teams: [{ slug: "copilot-users" }], org: "acme", want: { slug: "copilot-users", org: "acme", exists: true } },
    { name: "the folder is the other org's: it takes that org's seats", teams: [{ slug: "copilot-users", org: "acme-labs" }], org: "acme-labs", want: { slug: "copilot-users", org: "acme-labs", exists: true } },
    { name: "the folder is the other org's: the policy's org gets its own", teams: [{ slug: "copilot-users", org: "acme-labs" }], org: "acme", want: { slug: "copilot-users-acme", org: "acme", exists: false } },
    { name: "org logins are matched case-insensitively", teams: [], org: "ACME", want: { slug: "copilot-users", org: "ACME", exists: false } },
  ])("$name", ({ teams, org, want }) => {
    expect(seatTeamFor(model(teams), "copilot-users", org)).toEqual(want);
  });

  it.each([
    { name: "a copilot: team folder", teams: [{ slug: "copilot-users-acme-labs", org: "acme-labs", copilot: "team" as const }], want: /is copilot: team in acme-labs/ },
    { name: "a folder of that name in the wrong org", teams: [{ slug: "copilot-users-acme-labs" }], want: /is copilot: users in acme;/ },
    { name: "an enterprise team", teams: [{ slug: "copilot-users-acme-labs", enterprise_team: true }], want: /is an enterprise team/ },
  ])("refuses $name, with the fix", ({ teams, want }) => {
    expect(() => seatTeamFor(model(teams), "copilot-users", "acme-labs")).toThrow(want);
    expect(() => seatTeamFor(model(teams), "copilot-users", "acme-labs")).toThrow(/`org: acme-labs` in its _team.yaml\) or pass another --seat-team/);
  });
});
