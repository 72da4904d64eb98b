// The Pulumi program with several orgs (`orgs:`), under the mocks: one github.Provider per org
// (the first org's keeps the name `github`), each team created through the provider of its
// `org:`, who is left out of a team judged by that team's org, and the settings each org's
// provider gets (or why there can be none).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineSeatTeams } from "../../infra/program.js";
import { leftOutPerOrg, resolveLeftOut } from "../../infra/org-members.js";
import { createGitHubProviders, settingsPerOrg, type ProviderSettings } from "../../infra/provider.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { loadValidModel } from "../../src/validate/validate.js";
import { team } from "../plan/builders.js";
import { installMocks, TYPES, valueOf, type Recorder } from "./mocks.js";

// The two-org repo of the plan tests: platform in acme, research and lab-ml in acme-labs.
const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/plan/orgs");
const model = loadValidModel(FIXTURE);
const token: ProviderSettings = { owner: "acme", auth: { kind: "token", token: "t", source: "github:token" }, legacyClient: false };

describe("one provider per org", () => {
  let rec: Recorder;
  const warnings: string[] = [];
  beforeAll(async () => {
    rec = await installMocks();
    const providers = createGitHubProviders(settingsPerOrg(token, model.policy.orgs, {}), model.policy.org);
    const leftOut = new Map([["research", new Set(["dana"])]]);
    const program = defineSeatTeams(model, { provider: providers.get("acme")!, providers, leftOut, warn: (m) => warnings.push(m) });
    await valueOf(program.outputs.teams);
    await rec.settle();
  });

  it("registers a provider for each org, owned by that org; the first keeps the name github", () => {
    const providers = rec.byType(TYPES.provider).map((p) => [p.name, p.inputs.owner]);
    expect(providers.sort()).toEqual([
      ["github", "acme"],
      ["github-acme-labs", "acme-labs"],
    ]);
  });

  it.each([
    ["platform", "github"],
    ["research", "github-acme-labs"],
    ["lab-ml", "github-acme-labs"],
  ])("creates team %s through the provider %s", (slug, provider) => {
    expect(rec.get(TYPES.team, slug).provider).toMatch(new RegExp(`::pulumi:providers:github::${provider}::`));
    expect(rec.get(TYPES.members, `${slug}-members`).provider).toMatch(new RegExp(`::pulumi:providers:github::${provider}::`));
  });

  it("names the team's org when it leaves someone out", () => {
    expect(warnings.filter((w) => w.includes("left out"))).toEqual([expect.stringContaining("team research: dana is not a member of acme-labs")]);
  });
});

describe("a nested team in another org than its parent (validation refuses it first)", () => {
  it("is refused before the child is declared", async () => {
    await installMocks();
    const teams = [team("eng", "users", ["alice"]), team("labs", "users", ["alice"], { org: "acme-labs", parent: "eng" })];
    const providers = createGitHubProviders(settingsPerOrg(token, model.policy.orgs, {}), model.policy.org);
    expect(() => defineSeatTeams({ teams, policy: model.policy }, { provider: providers.get("acme")!, providers, warn: () => {} })).toThrow(/seats\/labs is in org acme-labs but its parent eng is in acme/);
  });
});

describe("settingsPerOrg", () => {
  it.each([
    { name: "one org: its settings only", orgs: ["acme"], env: {}, want: ["acme"] },
    { name: "two orgs: the same settings, another owner", orgs: ["acme", "acme-labs"], env: {}, want: ["acme", "acme-labs"] },
    { name: "GITHUB_OWNER of the first org would point every provider there", orgs: ["acme", "acme-labs"], env: { GITHUB_OWNER: "acme" }, error: /GITHUB_OWNER is "acme" but this stack manages org "acme-labs"/ },
  ])("$name", ({ orgs, env, want, error }) => {
    if (error) expect(() => settingsPerOrg(token, orgs, env)).toThrow(error);
    else expect([...settingsPerOrg(token, orgs, env).values()].map((s) => s.owner)).toEqual(want);
  });

  it("refuses a GitHub App installation for several orgs (an installation is one org's), with the fix", () => {
    const app: ProviderSettings = { ...token, auth: { kind: "app", id: "1", installationId: "2", pemFile: "/k.pem", source: "github:appAuth" } };
    expect(() => settingsPerOrg(app, ["acme", "acme-labs"], {})).toThrow(/belongs to one org: give `pulumi up` a token/);
    expect([...settingsPerOrg(app, ["acme"], {}).keys()]).toEqual(["acme"]);
  });

  it("refuses an installation token in GITHUB_TOKEN (what a workflow's App step mints) for several orgs", () => {
    const minted: ProviderSettings = { ...token, auth: { kind: "token", token: "ghs_abcdefghijklmnopqrstuvwxyz0123456789", source: "GITHUB_TOKEN" } };
    expect(() => settingsPerOrg(minted, ["acme", "acme-labs"], {})).toThrow(/credentials are a GitHub App installation token, which belongs to one org/);
    expect([...settingsPerOrg(minted, ["acme"], {}).keys()]).toEqual(["acme"]);
  });
});

describe("who is left out, org by org", () => {
  it("judges each org team by its own org's members, an enterprise team by any managed org's", () => {
    const teams = [
      team("platform", "users", ["alice", "lena"]),
      team("research", "users", ["alice", "lena"], { org: "acme-labs" }),
      team("ml", "users", ["alice", "lena", "zed"], { enterprise_team: true }),
    ];
    const got = leftOutPerOrg({ teams, policy: model.policy }, new Map([["acme", new Set(["alice"])], ["acme-labs", new Set(["lena"])]]));
    expect(Object.fromEntries([...got].map(([k, v]) => [k, [...v]]))).toEqual({ platform: ["lena"], research: ["alice"], ml: ["zed"] });
  });

  describe("read live from each org", () => {
    let emu: RunningEmulator;
    beforeAll(async () => {
      emu = await startEmulator({ seed: path.join(FIXTURE, "seed.yaml") });
    });
    afterAll(() => emu.close());

    it("reads both orgs' members (the seed's acme-labs has everyone declared there)", async () => {
      const got = await resolveLeftOut(model, {}, { ...token, baseUrl: `${emu.url}/` });
      expect([...got.entries()].map(([k, v]) => [k, [...v]])).toEqual([]);
      const orgsRead = new Set(emu.log.entries.filter((e) => e.route === "GET /orgs/{org}/members").map((e) => e.path.split("/")[2]));
      expect([...orgsRead].sort()).toEqual(["acme", "acme-labs"]);
    });
  });
});
