// The one definition of who holds a seat and why (src/model/seat-holders.ts), over nested teams
// of every mode: what validate's budget counts, what the planner wants, what reclaim deletes.
import { describe, expect, it } from "vitest";
import { grantFiles, maintainerOnlyGrants, seatHolders, teamClosures, teamRoster } from "../../src/model/seat-holders.js";
import type { CopilotMode } from "../../src/model/types.js";
import { team } from "../plan/builders.js";

type T = { slug: string; copilot: CopilotMode; members: string[]; parent?: string; maintainers?: string[] };
const build = (ts: T[]) => ts.map((t) => team(t.slug, t.copilot, t.members, { ...(t.parent ? { parent: t.parent } : {}), maintainers: t.maintainers ?? [] }));
/** "login: grant, grant" with grants as `direct@team` or `team@copilot-team via roster-team (role)`. */
const view = (ts: T[]) =>
  seatHolders({ teams: build(ts) }).map(
    (h) => `${h.login}: ${h.grants.map((g) => (g.kind === "direct" ? `direct@${g.team}` : `team@${g.team} via ${g.via}${g.role === "maintainer" ? " (maintainer)" : ""}`)).join(", ")}`,
  );

describe("seatHolders", () => {
  it.each<{ name: string; teams: T[]; want: string[] }>([
    { name: "copilot: users grants direct seats", teams: [{ slug: "a", copilot: "users", members: ["x", "y"] }], want: ["x: direct@a", "y: direct@a"] },
    { name: "copilot: none grants nothing", teams: [{ slug: "a", copilot: "none", members: ["x"] }], want: [] },
    { name: "copilot: team grants team seats", teams: [{ slug: "a", copilot: "team", members: ["x"] }], want: ["x: team@a via a"] },
    {
      name: "a copilot: none child of a copilot: team parent: its members hold seats through the parent",
      teams: [{ slug: "p", copilot: "team", members: ["x"] }, { slug: "c", copilot: "none", members: ["y"], parent: "p" }],
      want: ["x: team@p via p", "y: team@p via c"],
    },
    {
      name: "a copilot: users child of a copilot: team parent: direct and through the parent",
      teams: [{ slug: "p", copilot: "team", members: [] }, { slug: "c", copilot: "users", members: ["y"], parent: "p" }],
      want: ["y: direct@c, team@p via c"],
    },
    {
      name: "grandchildren count too",
      teams: [{ slug: "p", copilot: "team", members: [] }, { slug: "c", copilot: "none", members: [], parent: "p" }, { slug: "g", copilot: "none", members: ["z"], parent: "c" }],
      want: ["z: team@p via g"],
    },
    {
      name: "a copilot: none parent of a copilot: team child grants only the child's members",
      teams: [{ slug: "p", copilot: "none", members: ["x"] }, { slug: "c", copilot: "team", members: ["y"], parent: "p" }],
      want: ["y: team@c via c"],
    },
    {
      name: "maintainers of a copilot: team team are members, so holders; of a copilot: users team they are not",
      teams: [{ slug: "t", copilot: "team", members: ["x"], maintainers: ["boss"] }, { slug: "u", copilot: "users", members: ["y"], maintainers: ["lead"] }],
      want: ["boss: team@t via t (maintainer)", "x: team@t via t", "y: direct@u"],
    },
    {
      name: "one person in several teams holds one seat, case-insensitively",
      teams: [{ slug: "a", copilot: "users", members: ["Xena"] }, { slug: "b", copilot: "team", members: ["xena"] }],
      want: ["Xena: direct@a, team@b via b"],
    },
  ])("$name", ({ teams, want }) => {
    expect(view(teams)).toEqual(want);
  });

  it("names the files that end a holder's grants, and the grants no file deletion ends", () => {
    const [boss, x] = seatHolders({ teams: build([{ slug: "t", copilot: "team", members: ["x"], maintainers: ["boss"] }, { slug: "u", copilot: "users", members: ["x"] }]) });
    expect(grantFiles(x!).map((m) => m.file)).toEqual(["seats/t/x.yaml", "seats/u/x.yaml"]);
    expect(maintainerOnlyGrants(x!)).toEqual([]);
    expect(grantFiles(boss!)).toEqual([]);
    expect(maintainerOnlyGrants(boss!).map((g) => g.team)).toEqual(["t"]);
  });
});

describe("teamRoster and teamClosures", () => {
  it("a maintainer with a member file is listed once, as maintainer", () => {
    const [t] = build([{ slug: "t", copilot: "users", members: ["amy", "bo"], maintainers: ["Amy", "cy"] }]);
    expect(teamRoster(t!).map((r) => `${r.login}:${r.role}:${r.member ? "file" : "none"}`)).toEqual(["amy:maintainer:file", "bo:member:file", "cy:maintainer:none"]);
  });
  it("a cycle (a validation error) ends the walk instead of looping", () => {
    const teams = build([{ slug: "a", copilot: "team", members: [], parent: "b" }, { slug: "b", copilot: "none", members: [], parent: "a" }]);
    expect(teamClosures(teams).get("a")!.map((t) => t.slug)).toEqual(["a", "b"]);
  });
});
