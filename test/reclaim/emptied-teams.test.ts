// A reclaim PR that leaves a `copilot: team` team declaring nobody says so: `pulumi up` cannot
// empty a team, so its people keep the team's seat until they are removed on GitHub.
import { describe, expect, it } from "vitest";
import { resolveTeam } from "../../src/model/load.js";
import type { TeamDecl } from "../../src/model/types.js";
import { emptiedTeams, emptiedTeamsNote } from "../../src/reclaim/maintainers.js";

function team(slug: string, copilot: TeamDecl["copilot"], members: string[], maintainers: string[] = []): TeamDecl {
  const t = resolveTeam(slug, { name: slug, copilot, maintainers });
  return { ...t, members: members.map((login) => ({ login, reason: "r", team: slug, file: `seats/${slug}/${login}.yaml` })) };
}

describe("emptiedTeams", () => {
  it.each([
    { name: "the last member of a copilot: team team", teams: [team("lab", "team", ["erin"])], deleted: ["seats/lab/erin.yaml"], reclaimed: ["erin"], want: ["lab"] },
    { name: "one member of two", teams: [team("lab", "team", ["erin", "gus"])], deleted: ["seats/lab/erin.yaml"], reclaimed: ["erin"], want: [] },
    { name: "a maintainer stays", teams: [team("lab", "team", ["erin"], ["dana"])], deleted: ["seats/lab/erin.yaml"], reclaimed: ["erin"], want: [] },
    { name: "the maintainer is reclaimed too", teams: [team("lab", "team", ["erin"], ["Erin"])], deleted: ["seats/lab/erin.yaml"], reclaimed: ["erin"], want: ["lab"] },
    { name: "a copilot: users team (seats are cancelled per user)", teams: [team("ops", "users", ["erin"])], deleted: ["seats/ops/erin.yaml"], reclaimed: ["erin"], want: [] },
  ])("$name", ({ teams, deleted, reclaimed, want }) => {
    expect(emptiedTeams(teams, deleted, reclaimed)).toEqual(want);
  });

  it("the note names the team and what to do after merging", () => {
    const note = emptiedTeamsNote(["lab"]);
    expect(note).toContain("removes everyone declared in `lab` (`copilot: team`): `pulumi up` cannot empty a team");
    expect(note).toContain("remove them from the team on GitHub");
  });
});
