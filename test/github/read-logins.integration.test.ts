// The targeted read of an incremental plan over real HTTP: org membership comes from one GraphQL
// query per 100 logins, and only the accounts it does not show in the org are checked by REST.
// Against the emulator, and against a scripted server where GraphQL hides a private membership
// (GitHub shows one only to a viewer allowed to see it) or errs on the membership field.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { createGitHubClient } from "../../src/github/client.js";
import { readLoginStates } from "../../src/github/read-logins.js";
import { fakeServer } from "../helpers/fake-server.js";

const SEED = path.resolve(import.meta.dirname, "../fixtures/emulator/org.yaml");
const settings = { seat_management_setting: "assign_selected", plan_type: "business", seat_breakdown: null };
const clientOf = (url: string) => createGitHubClient({ apiUrl: url, auth: { kind: "token", token: "t" }, allowWrites: false, retryAfterBaseMs: 1, warn: () => {} });
/** A JSON reply for the scripted servers below. */
const sender = (res: import("node:http").ServerResponse) => (status: number, body?: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(body === undefined ? "" : JSON.stringify(body));
};
const read = (url: string, logins: string[]) => readLoginStates(clientOf(url), { org: "acme", settings, logins, teams: [], askTeamsFor: new Set() });

describe("readLoginStates against the emulator", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ seed: SEED, now: () => new Date("2026-06-15T12:00:00Z") });
  });
  afterAll(() => emu.close());

  it("checks membership by REST only for accounts GraphQL does not show in the org", async () => {
    emu.log.reset();
    // alice, bob: members; mallory: an account outside the org; pat: invited; no-such-login: nobody.
    const r = await read(emu.url, ["bob", "alice", "mallory", "pat", "no-such-login"]);
    expect(r.snapshot.members).toEqual(["alice", "bob"]);
    expect(r.snapshot.seats.map((s) => s.login)).toEqual(["alice", "bob"]);
    expect(emu.log.count({ route: "POST /graphql" })).toBe(1);
    expect(emu.log.count({ route: "GET /orgs/{org}/members/{username}/copilot" })).toBe(5);
    expect(emu.log.entries.filter((e) => e.route === "GET /orgs/{org}/members/{username}").map((e) => e.path).sort()).toEqual([
      "/orgs/acme/members/mallory",
      "/orgs/acme/members/pat",
    ]);
    expect(emu.log.count({ mutating: true })).toBe(0);
  });

  it.each([
    [1, 0, 1],
    [2, 1, 0],
    [101, 2, 0],
  ])("for %i unknown logins: %i GraphQL queries, %i REST membership checks", async (n, queries, checks) => {
    emu.log.reset();
    await read(emu.url, Array.from({ length: n }, (_, i) => `nobody-${i}`));
    expect(emu.log.count({ route: "POST /graphql" })).toBe(queries);
    expect(emu.log.count({ route: "GET /orgs/{org}/members/{username}" })).toBe(checks);
  });
});

describe("readLoginStates when GraphQL does not show a membership", () => {
  const notFound = { type: "NOT_FOUND", path: ["u1"], message: "Could not resolve to a User with the login of 'nobody'." };
  const graphqlAnswers: Record<string, unknown> = {
    hidden: { data: { u0: { databaseId: 1, login: "hidden", organization: null }, u1: null }, errors: [notFound] },
    forbidden: {
      data: { u0: { databaseId: 2, login: "forbidden", organization: null }, u1: null },
      errors: [{ type: "FORBIDDEN", path: ["u0", "organization"], message: "Resource not accessible by integration" }, notFound],
    },
  };
  let server: Awaited<ReturnType<typeof fakeServer>>;
  let who = "";
  beforeAll(async () => {
    server = await fakeServer((req, res) => {
      const url = req.url ?? "";
      const send = sender(res);
      if (req.method === "POST" && url === "/graphql") return send(200, graphqlAnswers[who]);
      if (url.endsWith("/copilot")) return send(404, { message: "Not Found" });
      if (url === `/orgs/acme/members/${who}`) return send(204);
      send(404, { message: "Not Found" });
    });
  });
  afterAll(() => server.close());

  it.each(["hidden", "forbidden"])("a member whose org GraphQL leaves out (%s) is confirmed by REST", async (login) => {
    who = login;
    server.requests.length = 0;
    const r = await read(server.url, [login, "nobody"]);
    expect(r.snapshot.members).toEqual([login]);
    expect(server.requests.filter((x) => x.startsWith("GET /orgs/acme/members/") && !x.endsWith("/copilot"))).toEqual([`GET /orgs/acme/members/${login}`]);
  });
});

describe("readLoginStates when the server has no usable GraphQL API", () => {
  // An API stand-in or a proxy that passes REST only: the plan must not fail, and stays exact.
  let server: Awaited<ReturnType<typeof fakeServer>>;
  let graphqlStatus = 404;
  beforeAll(async () => {
    server = await fakeServer((req, res) => {
      const url = req.url ?? "";
      const send = sender(res);
      if (req.method === "POST" && url === "/graphql") return send(graphqlStatus, { message: graphqlStatus === 404 ? "Not Found" : "Bad credentials" });
      if (url.endsWith("/copilot")) return send(404, { message: "Not Found" });
      if (url === "/orgs/acme/members/bob" || url === "/orgs/acme/members/alice") return send(204);
      send(404, { message: "Not Found" });
    });
  });
  afterAll(() => server.close());

  it.each([404, 401])("GraphQL answering %i: every login is checked by REST, and the run is told", async (status) => {
    graphqlStatus = status;
    server.requests.length = 0;
    const warnings: string[] = [];
    const r = await readLoginStates(clientOf(server.url), { org: "acme", settings, logins: ["bob", "alice", "mallory"], teams: [], askTeamsFor: new Set(), warn: (m) => warnings.push(m) });
    expect(r.snapshot.members).toEqual(["alice", "bob"]);
    expect(server.requests.filter((x) => x.startsWith("GET /orgs/acme/members/") && !x.endsWith("/copilot")).sort()).toEqual([
      "GET /orgs/acme/members/alice",
      "GET /orgs/acme/members/bob",
      "GET /orgs/acme/members/mallory",
    ]);
    expect(warnings).toEqual([`GraphQL membership lookup failed (HTTP ${status}); checking 3 org memberships by REST instead`]);
  });
});

describe("readLoginStates against the emulator, with private memberships", () => {
  // `public: false`: GraphQL shows the membership to an owner's token, not to an App's.
  const seed = (authAs: "user" | "app") => ({
    org: { login: "acme" },
    viewer: "root",
    auth_as: authAs,
    members: [{ login: "root", role: "admin" as const }, "open", { login: "quiet", public: false }],
    users: ["outsider"],
  });
  it.each([
    ["an App's token: GraphQL hides quiet, REST confirms her", "app" as const, ["/orgs/acme/members/outsider", "/orgs/acme/members/quiet"]],
    ["an owner's token: GraphQL shows both", "user" as const, ["/orgs/acme/members/outsider"]],
  ])("%s", async (_name, authAs, restChecks) => {
    const emu = await startEmulator({ seed: seed(authAs), now: () => new Date("2026-06-15T12:00:00Z") });
    try {
      const r = await read(emu.url, ["quiet", "open", "outsider"]);
      expect(r.snapshot.members).toEqual(["open", "quiet"]);
      expect(emu.log.count({ route: "POST /graphql" })).toBe(1);
      expect(emu.log.entries.filter((e) => e.route === "GET /orgs/{org}/members/{username}").map((e) => e.path).sort()).toEqual(restChecks);
      expect(emu.control.snapshot().members).toContainEqual(expect.objectContaining({ login: "quiet", public: false }));
    } finally {
      await emu.close();
    }
  });
});
