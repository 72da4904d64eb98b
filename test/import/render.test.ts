import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { directMembersOnly, type OrgState, type OrgTeam } from "../../src/import/org-state.js";
import { renderImport } from "../../src/import/render.js";
import { seat } from "../plan/builders.js";

const team = (slug: string, members: string[], extra: Partial<OrgTeam> = {}): OrgTeam => ({
  slug,
  name: slug.replace(/-/g, " "),
  description: "",
  privacy: "closed",
  parent: null,
  members,
  maintainers: [],
  ...extra,
});

const opts = { seatTeam: "copilot-users", today: "2026-11-21" };

function yamlAt(files: Map<string, string>, p: string): Record<string, unknown> {
  const text = files.get(p);
  if (text === undefined) throw new Error(`no file ${p}`);
  return parse(text) as Record<string, unknown>;
}

describe("renderImport: team modes", () => {
  it.each([
    {
      name: "team assigned through selected_teams → copilot: team",
      state: { teams: [team("data", ["a", "b"])], seats: [seat("a", { assigning_team: "data" }), seat("b", { assigning_team: "data" })] },
      slug: "data",
      mode: "team",
    },
    {
      name: "every member holds a direct seat → copilot: users",
      state: { teams: [team("eng", ["a", "B"])], seats: [seat("a"), seat("b")] },
      slug: "eng",
      mode: "users",
    },
    {
      name: "mixed team → copilot: none",
      state: { teams: [team("mixed", ["a", "b"])], seats: [seat("a")] },
      slug: "mixed",
      mode: "none",
    },
    {
      name: "empty team → copilot: none",
      state: { teams: [team("empty", [])], seats: [] },
      slug: "empty",
      mode: "none",
    },
    {
      name: "a pending seat does not count as held",
      state: { teams: [team("eng", ["a", "b"])], seats: [seat("a"), seat("b", { pending_cancellation_date: "2026-12-01" })] },
      slug: "eng",
      mode: "none",
    },
  ])("$name", ({ state, slug, mode }) => {
    const r = renderImport({ org: "acme", plan_type: "business", seat_management_setting: "assign_selected", ...state }, opts);
    expect(yamlAt(r.files, `seats/${slug}/_team.yaml`).copilot).toBe(mode);
  });
});

describe("renderImport: files", () => {
  const state: OrgState = {
    org: "acme",
    plan_type: "enterprise",
    seat_management_setting: "assign_selected",
    teams: [
      team("eng", ["alice", "bob"], { name: "Eng", maintainers: ["alice"], description: "Engineers" }),
      team("web", ["carol"], { name: "Web", parent: "eng", privacy: "closed" }),
    ],
    seats: [seat("alice"), seat("bob"), seat("dave"), seat("erin", { pending_cancellation_date: "2026-12-01" })],
  };
  const r = renderImport(state, opts);

  it("writes one _team.yaml per team with parent, maintainers, privacy", () => {
    expect(yamlAt(r.files, "seats/eng/_team.yaml")).toEqual({
      name: "Eng",
      description: "Engineers",
      privacy: "closed",
      maintainers: ["alice"],
      copilot: "users",
    });
    expect(yamlAt(r.files, "seats/web/_team.yaml")).toMatchObject({ name: "Web", parent: "eng", copilot: "none" });
  });

  it("writes a member file per direct member, with the schema line and a reason", () => {
    const text = r.files.get("seats/eng/alice.yaml")!;
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../../policies/member.schema.json");
    expect(parse(text)).toEqual({ login: "alice", reason: "Held a Copilot seat when imported from acme on 2026-11-21" });
    expect(r.files.has("seats/web/carol.yaml")).toBe(true);
  });

  it("puts direct seat holders outside any users team into the seat team, and skips pending seats", () => {
    expect(yamlAt(r.files, "seats/copilot-users/_team.yaml")).toMatchObject({ name: "Copilot Users", copilot: "users" });
    expect(r.files.has("seats/copilot-users/dave.yaml")).toBe(true);
    expect([...r.files.keys()].some((f) => f.includes("erin"))).toBe(false);
    expect(r.notes.join("\n")).toMatch(/1 seat\(s\) pending cancellation/);
  });

  it("writes a starter policy priced by plan type", () => {
    expect(yamlAt(r.files, "policies/policy.yaml")).toMatchObject({ org: "acme", pricing: { usd_per_seat_month: 39 } });
    expect(r.counts).toEqual({ teams: 3, memberFiles: 4, seats: 3 });
  });

  it("refuses a seat team that collides with an existing non-seat team", () => {
    expect(() => renderImport({ ...state, teams: [...state.teams, team("copilot-users", ["x"])] }, opts)).toThrow(/choose another --seat-team/);
  });
});

describe("directMembersOnly", () => {
  it.each([
    {
      name: "child members are removed from the parent listing",
      teams: [team("p", ["a", "b", "c"]), team("c1", ["b"], { parent: "p" }), team("c2", ["c"], { parent: "c1" })],
      want: { p: ["a"], c1: ["b"], c2: ["c"] },
    },
    {
      name: "a parent maintainer stays even if also in a child",
      teams: [team("p", ["a", "b"], { maintainers: ["b"] }), team("c", ["b"], { parent: "p" })],
      want: { p: ["a", "b"], c: ["b"] },
    },
    { name: "no children → unchanged", teams: [team("solo", ["x", "y"])], want: { solo: ["x", "y"] } },
  ])("$name", ({ teams, want }) => {
    const out = Object.fromEntries(directMembersOnly(teams).map((t) => [t.slug, t.members]));
    expect(out).toEqual(want);
  });
});
