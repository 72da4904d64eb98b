// Enterprise teams as code: the dynamic provider's create/read/update/delete against the emulator
// directly (over real HTTP, memberships in bulk), and the program under Pulumi mocks (one dynamic
// resource per enterprise team, org teams unchanged, rename aliases and protection).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { loadValidModel } from "../../src/validate/validate.js";
import { EnterpriseTeamProvider, enterpriseResourceName } from "../../infra/enterprise-team.js";
import { diffTeam, membershipDiff, type EnterpriseTeamOutputs } from "../../infra/enterprise-team-ops.js";
import { defineSeatTeams } from "../../infra/program.js";
import { createGitHubProvider } from "../../infra/provider.js";
import { installMocks, TYPES, valueOf } from "./mocks.js";

const people = (n: number) => Array.from({ length: n }, (_, i) => `dev${String(i).padStart(3, "0")}`);

describe("the enterprise-team provider against the emulator", () => {
  let emu: RunningEmulator;
  // Vitest's module sandbox has no native import(): hand the provider the sandbox's own.
  const provider = new EnterpriseTeamProvider(undefined, (url) => import(url));
  const saved = { ...process.env };
  beforeAll(async () => {
    emu = await startEmulator({ seed: { org: { login: "acme" }, members: [{ login: "root", role: "admin" }, ...people(150)], enterprise: { slug: "acme-corp" } } });
    Object.assign(process.env, { GITHUB_TOKEN: "test-token", SEATS_WRITE_INTERVAL_MS: "0" });
  });
  afterAll(async () => {
    process.env = saved;
    await emu.close();
  });

  it("creates, reads, renames in place, resyncs members in bulk and deletes", async () => {
    const inputs = { enterprise: "acme-corp", apiUrl: emu.url, name: "ML", description: "ml", members: people(150) };
    const created = await provider.create(inputs);
    expect(created.outs).toMatchObject({ slug: "ent:ml", members: people(150) });
    expect(emu.log.count({ route: "POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/add" })).toBe(2);

    const read = await provider.read(created.id, created.outs);
    expect(read.props).toMatchObject({ slug: "ent:ml", name: "ML", description: "ml" });
    expect(read.props?.members).toHaveLength(150);

    const news = { ...inputs, name: "ML Research", members: [...people(100), "root"] };
    expect(await provider.diff(created.id, created.outs!, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    emu.log.reset();
    const updated = await provider.update(created.id, created.outs!, news);
    expect(updated.outs).toMatchObject({ slug: "ent:ml-research" });
    expect(emu.log.byRoute()).toMatchObject({
      "PATCH /enterprises/{enterprise}/teams/{team_slug}": 1,
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/add": 1,
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/remove": 1,
    });
    const again = await provider.read(created.id, updated.outs as EnterpriseTeamOutputs);
    expect(again.id).toBe(created.id);
    expect(again.props?.members).toHaveLength(101);

    await provider.delete(created.id, updated.outs as EnterpriseTeamOutputs);
    expect(await provider.read(created.id, updated.outs as EnterpriseTeamOutputs)).toEqual({});
  });

  it("adopts a team of the same name instead of failing on GitHub's uniqueness rule", async () => {
    const first = await provider.create({ enterprise: "acme-corp", apiUrl: emu.url, name: "Data", description: "", members: ["dev001"] });
    const second = await provider.create({ enterprise: "acme-corp", apiUrl: emu.url, name: "Data", description: "", members: ["dev002"] });
    expect(second.id).toBe(first.id);
    expect((await provider.read(second.id, second.outs)).props?.members).toEqual(["dev002"]);
  });

  it("refuses a fine-grained token before any request", async () => {
    process.env.GITHUB_TOKEN = "github_pat_11ABCDEFG0123456789_secretsecret";
    try {
      emu.log.reset();
      await expect(provider.create({ enterprise: "acme-corp", apiUrl: emu.url, name: "X", description: "", members: [] })).rejects.toThrow(/fine-grained token/);
      expect(emu.log.entries).toHaveLength(0);
    } finally {
      process.env.GITHUB_TOKEN = "test-token";
    }
  });
});

describe("diffs (pure)", () => {
  const olds: EnterpriseTeamOutputs = { enterprise: "e", name: "A", description: "", members: ["ann", "bo"], slug: "ent:a" };
  it.each([
    { name: "same members in another case: no change", news: { ...olds, members: ["Bo", "ANN"] }, changes: false, replaces: [] },
    { name: "a rename is an update", news: { ...olds, name: "B" }, changes: true, replaces: [] },
    { name: "another enterprise is a replacement", news: { ...olds, enterprise: "f" }, changes: true, replaces: ["enterprise"] },
  ])("$name", ({ news, changes, replaces }) => {
    expect(diffTeam(olds, news)).toMatchObject({ changes, replaces });
  });
  it("computes the bulk add and remove lists", () => {
    expect(membershipDiff(["ann", "Bo", "cy"], ["bo", "dee"])).toEqual({ add: ["dee"], remove: ["ann", "cy"] });
  });
});

describe("the program under mocks", () => {
  it("declares each enterprise team as one dynamic resource, with its roster, rename aliases and protection", async () => {
    const rec = await installMocks();
    const model = loadValidModel(path.resolve(import.meta.dirname, "../fixtures/infra/enterprise"));
    const provider = createGitHubProvider({ owner: "acme", auth: { kind: "token", token: "t", source: "github:token" }, legacyClient: false });
    const program = defineSeatTeams(model, { provider, apiUrl: "https://api.github.com", warn: () => {} });
    await valueOf(program.outputs.teams);
    await rec.settle();
    expect(program.outputs.enterpriseTeamSlugs).toEqual(["ml"]);
    expect(rec.byType(TYPES.team).map((r) => r.name)).toEqual(["web"]);
    const dyn = rec.registered.filter((r) => r.type === "pulumi-nodejs:dynamic:Resource");
    expect(dyn.map((r) => r.name)).toEqual([enterpriseResourceName("ml")]);
    expect(dyn[0]!.inputs).toMatchObject({ enterprise: "acme-corp", name: "ML", description: "Machine learning", members: ["dana", "erin"], apiUrl: "https://api.github.com" });
    expect(dyn[0]!.protect).toBe(true);
    expect(dyn[0]!.aliases.map((a) => a.name)).toEqual([enterpriseResourceName("research")]);
    // No credential in the resource's inputs (they would land in the state).
    expect(JSON.stringify(dyn[0]!.inputs)).not.toMatch(/token/i);
  });

  it("keeps the people the last check keeps in an enterprise team's roster (SEATS_PLAN), and says so", async () => {
    const rec = await installMocks();
    const model = loadValidModel(path.resolve(import.meta.dirname, "../fixtures/infra/enterprise"));
    const provider = createGitHubProvider({ owner: "acme", auth: { kind: "token", token: "t", source: "github:token" }, legacyClient: false });
    const warnings: string[] = [];
    // Kim's member file was deleted by a reclaim PR; Erin is declared, so keeping her changes nothing.
    const kept = new Map([["ml", ["Kim", "erin"]]]);
    const program = defineSeatTeams(model, { provider, kept, warn: (m) => warnings.push(m) });
    await valueOf(program.outputs.teams);
    await rec.settle();
    const dyn = rec.registered.filter((r) => r.type === "pulumi-nodejs:dynamic:Resource");
    expect(dyn[0]!.inputs).toMatchObject({ members: ["dana", "erin", "Kim"] });
    expect(warnings).toEqual([expect.stringMatching(/^team ml: keeping Kim, removed by a reclaim PR but active since its snapshot/)]);
  });
});
