// A username change in the emulator (control.renameUser) and the GraphQL user lookups that
// `seats validate --online` batches: over real HTTP, as GitHub answers them.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";

const SEED = path.resolve(import.meta.dirname, "../fixtures/emulator/org.yaml");
const H = { authorization: "token t", "user-agent": "t", "content-type": "application/json" };
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ seed: SEED });
});
afterAll(() => emu.close());

async function get(p: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${emu.url}${p}`, { headers: H });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function graphql(query: string): Promise<{ data?: Record<string, unknown> | null; errors?: Record<string, unknown>[] }> {
  const res = await fetch(`${emu.url}/graphql`, { method: "POST", headers: H, body: JSON.stringify({ query }) });
  expect(res.status).toBe(200);
  return (await res.json()) as { data?: Record<string, unknown> | null; errors?: Record<string, unknown>[] };
}

describe("GraphQL user(login:) lookups", () => {
  it("answers each alias; an unknown login is null plus a NOT_FOUND error at its path and location", async () => {
    const alice = (await get("/users/alice")).body;
    const out = await graphql(`query {\n  u0: user(login: "alice") { databaseId login }\n  u1: user(login: "no-such-user") { databaseId login }\n}`);
    expect(out.data).toEqual({ u0: { databaseId: alice.id, login: "alice" }, u1: null });
    expect(out.errors).toEqual([
      { type: "NOT_FOUND", path: ["u1"], locations: [{ line: 3, column: 3 }], message: "Could not resolve to a User with the login of 'no-such-user'." },
    ]);
  });

  it("answers only the fields asked for, and matches logins case-insensitively", async () => {
    const out = await graphql(`{ a: user(login: "BOB") { login } }`);
    expect(out).toEqual({ data: { a: { login: "bob" } } });
  });

  it.each([
    ["an active member", "alice", { login: "acme" }],
    ["a user outside the org", "mallory", null],
    ["a pending invitation", "pat", null],
  ])("a user's organization(login:) field: %s", async (_name, login, org) => {
    const out = await graphql(`{ u0: user(login: "${login}") { login organization(login: "acme") { login } } u1: user(login: "${login}") { o: organization(login: "other-org") { login } } }`);
    expect(out).toEqual({ data: { u0: { login, organization: org }, u1: { o: null } } });
  });

  it.each([
    ["a mutation", `mutation { u: user(login: "alice") { login } }`],
    ["a query of other fields", `query { viewer { login } }`],
  ])("does not answer %s as a user lookup", async (_name, query) => {
    const out = await graphql(query);
    expect(out.data ?? null).toBeNull();
    expect(out.errors?.[0]?.message).toMatch(/serves only/);
  });
});

describe("control.renameUser", () => {
  it("keeps the id and moves membership, teams and the seat to the new login; the old login is nobody", async () => {
    const before = (await get("/users/erin")).body;
    emu.control.renameUser("erin", "erin-renamed");
    expect((await get("/users/erin")).status).toBe(404);
    expect((await get(`/user/${String(before.id)}`)).body).toMatchObject({ id: before.id, login: "erin-renamed" });
    expect((await get("/orgs/acme/members/erin-renamed")).status).toBe(204);
    expect((await get("/orgs/acme/members/erin")).status).toBe(404);
    expect((await get("/orgs/acme/teams/ml-research/memberships/erin-renamed")).body).toMatchObject({ state: "active" });
    const seat = (await get("/orgs/acme/members/erin-renamed/copilot")).body;
    expect(seat).toMatchObject({ assignee: { login: "erin-renamed", id: before.id }, assigning_team: { slug: "ml-research" } });
    const gql = await graphql(`{ u0: user(login: "erin-renamed") { databaseId } u1: user(login: "erin") { databaseId } }`);
    expect(gql.data).toEqual({ u0: { databaseId: before.id }, u1: null });
  });

  it.each([
    ["an unknown user", "nobody", "x", /no user nobody/],
    ["a login that is taken", "alice", "bob", /login bob is taken/],
  ])("refuses %s", (_name, from, to, message) => {
    expect(() => emu.control.renameUser(from, to)).toThrow(message);
  });
});
