// Non-members never get into a team by accident (teams.invite_non_members: false): who the
// Pulumi program leaves out, from the verified plan or from the org's members read live.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { loadValidModel } from "../../src/validate/validate.js";
import { keptFromPlanFile, leftOutFromPlanFile, leftOutOf, resolveLeftOut } from "../../infra/org-members.js";
import { planTeams } from "../../infra/plan.js";
import { team } from "../plan/builders.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/infra");
const model = loadValidModel(path.join(FIXTURES, "basic"));

describe("leftOutOf", () => {
  const teams = [
    team("platform", "users", ["alice", "Ghost"], { maintainers: ["carol", "outsider"] }),
    team("data", "team", ["bob"]),
  ];
  it.each([
    { members: ["alice", "ghost", "carol", "outsider", "bob"], want: {} },
    { members: ["alice", "carol", "bob"], want: { platform: ["ghost", "outsider"] } },
    { members: [], want: { platform: ["alice", "carol", "ghost", "outsider"], data: ["bob"] } },
  ])("members $members → left out $want", ({ members, want }) => {
    const got = leftOutOf({ teams }, new Set(members));
    expect(Object.fromEntries([...got].map(([k, v]) => [k, [...v].sort()]))).toEqual(want);
  });

  it("drops the left-out logins from the team's authoritative member list and names them", () => {
    const [data, platform] = planTeams({ teams }, new Map([["platform", new Set(["ghost", "outsider"])]]));
    expect(platform!.members.map((m) => m.username)).toEqual(["alice", "carol"]);
    expect(platform!.leftOut).toEqual(["Ghost", "outsider"]);
    expect(data!.leftOut).toEqual([]);
  });
});

describe("resolveLeftOut", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    const declared = [...new Map(model.teams.flatMap((t) => [...t.members.map((m) => m.login), ...t.maintainers]).map((l) => [l.toLowerCase(), l])).values()];
    emu = await startEmulator({ seed: { org: { login: model.policy.org }, viewer: declared[0]!, members: declared, users: [] } });
  });
  afterAll(() => emu.close());
  const settings = () => ({ owner: model.policy.org, auth: { kind: "token" as const, token: "t", source: "GITHUB_TOKEN" as const }, baseUrl: `${emu.url}/`, legacyClient: false });

  it("reads the org's members live when no verified plan is given", async () => {
    const declared = model.teams.flatMap((t) => [...t.members.map((m) => m.login), ...t.maintainers]);
    expect(declared.length).toBeGreaterThan(1);
    const got = await resolveLeftOut(model, {}, settings());
    expect([...got.values()].flatMap((s) => [...s])).toEqual([]);
  });

  it("leaves out whoever the verified plan (SEATS_PLAN) lists, without reading GitHub", async () => {
    const got = await resolveLeftOut(model, { SEATS_PLAN: path.join(FIXTURES, "plans/ghost-left-out.json") }, { ...settings(), baseUrl: "http://127.0.0.1:9/" });
    expect([...got.entries()].map(([k, v]) => [k, [...v]])).toEqual([["platform", ["ghost-user"]]]);
  });

  it("invites nobody unless the policy opts in, and then leaves nobody out", async () => {
    const opted = { ...model, policy: { ...model.policy, teams: { invite_non_members: true } } };
    expect((await resolveLeftOut(opted, {}, { ...settings(), baseUrl: "http://127.0.0.1:9/" })).size).toBe(0);
  });

  it("fails closed when the members cannot be read (guessing could invite people)", async () => {
    await expect(resolveLeftOut(model, {}, { ...settings(), baseUrl: "http://127.0.0.1:9/" })).rejects.toThrow(/cannot read the members of .* to leave non-members out of teams/);
  });

  it("refuses a SEATS_PLAN that is not a plan", async () => {
    expect(() => leftOutFromPlanFile(path.join(FIXTURES, "basic/policies/policy.yaml"))).toThrow(/SEATS_PLAN=.*cannot read the verified plan|not a plan/);
  });
});

describe("keptFromPlanFile (the last check before revocation, carried by SEATS_PLAN)", () => {
  it.each([
    { file: "kept-by-last-check.json", want: [["platform", ["Kim"]]] },
    { file: "ghost-left-out.json", want: [] },
  ])("$file", ({ file, want }) => {
    expect([...keptFromPlanFile(path.join(FIXTURES, "plans", file)).entries()]).toEqual(want);
  });

  it("keeps them in the team's member list, as plain members, without duplicating a declared one", () => {
    const kept = keptFromPlanFile(path.join(FIXTURES, "plans/kept-by-last-check.json"));
    const platform = planTeams(model, new Map(), kept).find((t) => t.slug === "platform")!;
    expect(platform.kept).toEqual(["Kim"]);
    expect(platform.members).toContainEqual({ username: "Kim", role: "member" });
    const logins = platform.members.map((m) => m.username.toLowerCase());
    expect(logins).toEqual([...logins].sort());
    const declared = platform.members.find((m) => m.username !== "Kim")!.username;
    const again = planTeams(model, new Map(), new Map([["platform", [declared.toUpperCase()]]])).find((t) => t.slug === "platform")!;
    expect(again.kept).toEqual([]);
    expect(again.members.length).toBe(platform.members.length - 1);
  });
});

