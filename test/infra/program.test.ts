// The factory under mocks with the basic fixture repo: what gets registered, with which inputs
// and which resource options (read from the requests the SDK sends to the engine).
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { loadValidModel } from "../../src/validate/validate.js";
import { defineSeatTeams, type SeatTeamsProgram } from "../../infra/program.js";
import { createGitHubProvider } from "../../infra/provider.js";
import { installMocks, TYPES, valueOf, type Recorder } from "./mocks.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/infra/basic");
const DECLARED = ["design", "empty", "engineering", "mobile", "platform"];

let rec: Recorder;
let program: SeatTeamsProgram;
const warnings: string[] = [];

beforeAll(async () => {
  rec = await installMocks();
  const model = loadValidModel(FIXTURE);
  const provider = createGitHubProvider({ owner: model.policy.org, auth: { kind: "token", token: "t", source: "github:token" }, legacyClient: false });
  program = defineSeatTeams(model, { provider, warn: (m) => warnings.push(m) });
  await valueOf(program.outputs.teams);
  await rec.settle();
});

describe("resources", () => {
  it("registers one component and one Team per declared team, and nothing for anything else", () => {
    expect(rec.byType(TYPES.component).map((r) => r.name).sort()).toEqual(DECLARED);
    expect(rec.byType(TYPES.team).map((r) => r.name).sort()).toEqual(DECLARED);
    const types = new Set(rec.registered.map((r) => r.type));
    expect(types).toEqual(new Set([TYPES.component, TYPES.team, TYPES.members, TYPES.provider]));
    expect(rec.registered.filter((r) => r.type === "github:index/teamMembership:TeamMembership")).toEqual([]);
  });

  it("registers one authoritative TeamMembers per team that declares anybody", () => {
    expect(rec.byType(TYPES.members).map((r) => r.name).sort()).toEqual(
      DECLARED.filter((s) => s !== "empty").map((s) => `${s}-members`),
    );
    expect(program.teams.get("empty")!.members).toBeUndefined();
    expect(warnings.filter((w) => w.includes("team empty declares no members"))).toHaveLength(1);
  });

  it("gives the Team its name, description and privacy", () => {
    expect(rec.get(TYPES.team, "design").inputs).toEqual({
      name: "Design",
      description: "Team membership only; no Copilot seats.",
      privacy: "secret",
    });
    expect(rec.get(TYPES.team, "empty").inputs).toEqual({ name: "Empty", description: "Declared, nobody in it yet.", privacy: "closed" });
  });

  it("lists member files as members and maintainers as maintainers, deduplicated case-insensitively and sorted", () => {
    expect(rec.get(TYPES.members, "platform-members").inputs).toEqual({
      teamSlug: "platform",
      members: [
        { username: "Amy-Infra", role: "member" },
        { username: "dave-lead", role: "maintainer" },
        { username: "frank-ops", role: "maintainer" },
        { username: "zoe-sre", role: "member" },
      ],
    });
    expect(rec.get(TYPES.members, "engineering-members").inputs).toEqual({
      teamSlug: "engineering",
      members: [
        { username: "alice-admin", role: "maintainer" },
        { username: "bob-builder", role: "member" },
        { username: "Carol-Coder", role: "member" },
      ],
    });
  });

  it("gives TeamMembers the team's slug and an explicit dependency on the Team", () => {
    const team = rec.get(TYPES.team, "mobile");
    const members = rec.get(TYPES.members, "mobile-members");
    expect(members.inputs.teamSlug).toBe("mobile");
    expect(members.dependencies.some((d) => d.endsWith(`::${team.name}`) && d.includes("github:index/team:Team"))).toBe(true);
  });
});

describe("parents", () => {
  it("wires parentTeamId to the parent team's id, and registers parents first", () => {
    expect(rec.get(TYPES.team, "platform").inputs.parentTeamId).toBe(rec.get(TYPES.team, "engineering").id);
    expect(rec.get(TYPES.team, "mobile").inputs.parentTeamId).toBe(rec.get(TYPES.team, "platform").id);
    expect(rec.get(TYPES.team, "engineering").inputs).not.toHaveProperty("parentTeamId");
    const order = rec.byType(TYPES.team).map((r) => r.name);
    expect(order.indexOf("engineering")).toBeLessThan(order.indexOf("platform"));
    expect(order.indexOf("platform")).toBeLessThan(order.indexOf("mobile"));
  });

  it("parents both children to their component, and every component to the stack (not to the parent team)", () => {
    for (const slug of DECLARED) {
      const component = rec.get(TYPES.component, slug);
      expect(component.parentUrn).not.toContain(TYPES.component);
      expect(rec.get(TYPES.team, slug).parentUrn).toMatch(new RegExp(`::${TYPES.component}::${slug}$`));
    }
    expect(rec.get(TYPES.members, "platform-members").parentUrn).toMatch(/::copilot-seats:index:Team::platform$/);
  });
});

describe("renames (previously:)", () => {
  it("aliases the component and each child to every old slug", () => {
    expect(rec.get(TYPES.component, "platform").aliases).toEqual([{ name: "infra" }, { name: "ops" }]);
    expect(rec.get(TYPES.team, "platform").aliases.map((a) => a.name)).toEqual(["infra", "ops"]);
    expect(rec.get(TYPES.members, "platform-members").aliases.map((a) => a.name)).toEqual(["infra-members", "ops-members"]);
  });

  it("child aliases resolve to the URNs the children had under the old name", async () => {
    // A child's URN is <stack>::<project>::<component type>$<child type>::<child name>: the parent's
    // name is not in it, so a name-only alias under the new parent is exactly the old child URN.
    const stack = pulumi.getStack();
    const project = pulumi.getProject();
    const oldTeamUrn = `urn:pulumi:${stack}::${project}::${TYPES.component}$${TYPES.team}::infra`;
    const oldMembersUrn = `urn:pulumi:${stack}::${project}::${TYPES.component}$${TYPES.members}::infra-members`;
    const component = program.teams.get("platform")!;
    const aliasUrn = (name: string, type: string) => valueOf(pulumi.createUrn(name, type, component));
    expect(await aliasUrn("infra", TYPES.team)).toBe(oldTeamUrn);
    expect(await aliasUrn("infra-members", TYPES.members)).toBe(oldMembersUrn);
  });

  it("gives teams without previously no aliases", () => {
    expect(rec.get(TYPES.component, "engineering").aliases).toEqual([]);
    expect(rec.get(TYPES.team, "engineering").aliases).toEqual([]);
  });
});

describe("protection", () => {
  it.each([
    { slug: "engineering", copilot: "users", protect: true },
    { slug: "platform", copilot: "team", protect: true },
    { slug: "mobile", copilot: "users", protect: true },
    { slug: "design", copilot: "none", protect: false },
    { slug: "empty", copilot: "none", protect: false },
  ])("Team $slug (copilot: $copilot) has protect=$protect", ({ slug, protect }) => {
    expect(rec.get(TYPES.team, slug).protect).toBe(protect);
  });

  it("never protects TeamMembers (renames replace it) but always retains it on delete", () => {
    for (const r of rec.byType(TYPES.members)) {
      expect(r.protect, r.name).toBe(false);
      expect(r.retainOnDelete, r.name).toBe(true);
    }
  });

  it("leaves the Team's own delete alone (deleting a team file deletes the team, once unprotected)", () => {
    for (const r of rec.byType(TYPES.team)) expect(r.retainOnDelete, r.name).toBeUndefined();
  });
});

describe("provider", () => {
  it("routes every GitHub resource through the one explicit provider", () => {
    const providers = rec.byType(TYPES.provider);
    expect(providers).toHaveLength(1);
    const ref = rec.byType(TYPES.team)[0]!.provider;
    expect(ref).toMatch(/::pulumi:providers:github::github::github-provider-id$/);
    for (const r of [...rec.byType(TYPES.team), ...rec.byType(TYPES.members)]) expect(r.provider, r.name).toBe(ref);
  });
});

describe("stack outputs", () => {
  it("exports the org, the slugs, slug → id, and per-team details", async () => {
    expect(program.outputs.org).toBe("fixture-org");
    expect(program.outputs.teamSlugs).toEqual(DECLARED);
    expect(await valueOf(program.outputs.teamIds)).toEqual(Object.fromEntries(DECLARED.map((s) => [s, `${s}_id`])));
    const teams = await valueOf(program.outputs.teams);
    expect(teams.platform).toEqual({ id: "platform_id", slug: "platform", name: "Platform", copilot: "team", parent: "engineering", members: 4 });
    expect(teams.empty).toEqual({ id: "empty_id", slug: "empty", name: "Empty", copilot: "none", parent: null, members: 0 });
  });

  it("does not warn about slugs when GitHub's slug matches the folder", () => {
    expect(warnings.filter((w) => w.includes("GitHub gave it the slug"))).toEqual([]);
  });
});
