import path from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { resolveTeam } from "../../src/model/load.js";
import type { TeamDecl } from "../../src/model/types.js";
import { loadValidModel } from "../../src/validate/validate.js";
import { grantsSeats, planTeams, resourceNames, teamMembers } from "../../infra/plan.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/infra");

function team(slug: string, over: Partial<TeamDecl> = {}): TeamDecl {
  return {
    ...resolveTeam(slug, { name: slug }),
    ...over,
  };
}

const member = (login: string, t = "t") => ({ login, reason: "r", team: t, file: `seats/${t}/${login.toLowerCase()}.yaml` });

describe("teamMembers", () => {
  it.each([
    { name: "nobody", members: [], maintainers: [], want: [] },
    {
      name: "member files are members, sorted case-insensitively",
      members: ["zed", "Amy", "bob"],
      maintainers: [],
      want: [
        { username: "Amy", role: "member" },
        { username: "bob", role: "member" },
        { username: "zed", role: "member" },
      ],
    },
    {
      name: "maintainers without a member file are maintainers",
      members: ["bob"],
      maintainers: ["carol"],
      want: [
        { username: "bob", role: "member" },
        { username: "carol", role: "maintainer" },
      ],
    },
    {
      name: "a maintainer with a member file is listed once, as maintainer, spelled as in the member file",
      members: ["Alice-Admin", "bob"],
      maintainers: ["alice-admin"],
      want: [
        { username: "Alice-Admin", role: "maintainer" },
        { username: "bob", role: "member" },
      ],
    },
    {
      name: "case-insensitive duplicates collapse to the first spelling",
      members: ["Dup", "dup"],
      maintainers: ["MAINT", "maint"],
      want: [
        { username: "Dup", role: "member" },
        { username: "MAINT", role: "maintainer" },
      ],
    },
  ])("$name", ({ members, maintainers, want }) => {
    expect(teamMembers({ members: members.map((l) => member(l)), maintainers })).toEqual(want);
  });
});

describe("planTeams", () => {
  it("orders parents before children, otherwise by slug", () => {
    const plans = planTeams({
      teams: [
        team("a-child", { parent: "z-root" }),
        team("b"),
        team("grandchild", { parent: "a-child" }),
        team("z-root"),
      ],
    });
    expect(plans.map((p) => p.slug)).toEqual(["z-root", "a-child", "b", "grandchild"]);
  });

  it.each([
    { copilot: "users", protect: true },
    { copilot: "team", protect: true },
    { copilot: "none", protect: false },
  ] as const)("copilot: $copilot → protect $protect", ({ copilot, protect }) => {
    expect(planTeams({ teams: [team("t", { copilot })] })[0]!.protect).toBe(protect);
    expect(grantsSeats(copilot)).toBe(protect);
  });

  it("carries name, description, privacy, parent and previously through", () => {
    const [root, child] = planTeams({
      teams: [
        team("root", { name: "Root", description: "d", privacy: "secret" }),
        team("child", { name: "Child", parent: "root", previously: ["old-child", "older"] }),
      ],
    });
    expect(root).toMatchObject({ slug: "root", name: "Root", description: "d", privacy: "secret", previously: [] });
    expect(root).not.toHaveProperty("parent");
    expect(child).toMatchObject({ slug: "child", name: "Child", parent: "root", previously: ["old-child", "older"] });
  });

  it.each([
    { name: "unknown parent", teams: [team("a", { parent: "ghost" })], message: /parent `ghost` is not a declared team/ },
    {
      name: "parent cycle",
      teams: [team("a", { parent: "b" }), team("b", { parent: "a" })],
      message: /cycle: a → b → a/,
    },
    { name: "duplicate slug", teams: [team("a"), team("a")], message: /declared twice/ },
    {
      name: "previously naming a declared team",
      teams: [team("a", { previously: ["b"] }), team("b")],
      message: /previously: b.*clashes with team b/,
    },
    {
      name: "previously claimed by two teams",
      teams: [team("a", { previously: ["old"] }), team("b", { previously: ["old"] })],
      message: /previously: old.*clashes with team a/,
    },
  ])("refuses a model that breaks its invariants: $name", ({ teams, message }) => {
    expect(() => planTeams({ teams })).toThrow(UserError);
    expect(() => planTeams({ teams })).toThrow(message);
  });

  it("plans the basic fixture repo", () => {
    const plans = planTeams(loadValidModel(path.join(FIXTURES, "basic")));
    expect(plans.map((p) => p.slug)).toEqual(["design", "empty", "engineering", "platform", "mobile"]);
    const platform = plans.find((p) => p.slug === "platform")!;
    expect(platform.members).toEqual([
      { username: "Amy-Infra", role: "member" },
      { username: "dave-lead", role: "maintainer" },
      { username: "frank-ops", role: "maintainer" },
      { username: "zoe-sre", role: "member" },
    ]);
  });
});

describe("resourceNames", () => {
  it("derives every name from the slug, children prefixed with the component's name", () => {
    expect(resourceNames.component("platform")).toBe("platform");
    expect(resourceNames.team("platform")).toBe("platform");
    expect(resourceNames.members("platform")).toBe("platform-members");
    // The engine's parent-alias inheritance rewrites a child name's prefix when the parent is
    // renamed; that only works if children start with the component's name.
    for (const name of [resourceNames.team("x"), resourceNames.members("x")]) {
      expect(name.startsWith(resourceNames.component("x"))).toBe(true);
    }
  });
});
