import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_VERSION, createGitHubClient, DryRunViolation, isDryRunAllowed, isGraphqlRead, resolveApiUrl, resolveAuth } from "../../src/github/client.js";
import { UsageError } from "../../src/errors.js";

// A bare HTTP server that records what reaches it, so "before any request is sent" is checked
// at the socket, not through the client's own bookkeeping.
const seen: { method: string; url: string; headers: IncomingHttpHeaders }[] = [];
const server = createServer((req, res) => {
  seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
  req.resume();
  req.on("end", () => {
    res.writeHead(req.method === "POST" ? 201 : 200, { "content-type": "application/json" });
    // Answers of the shape GitHub sends, which the client checks (transport.ts checkAnswer).
    res.end(JSON.stringify(req.url?.includes("/members") ? [] : req.url?.endsWith("/billing") ? { seat_management_setting: "assign_selected" } : { ok: true }));
  });
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const client = (allowWrites: boolean) =>
  createGitHubClient({ apiUrl: url, auth: { kind: "token", token: "secret-token" }, allowWrites, retryAfterBaseMs: 1, writeIntervalMs: 0, warn: () => {} });

describe("dry run is enforced in the client", () => {
  it.each(["POST", "PUT", "PATCH", "DELETE"])("%s throws DryRunViolation before anything is sent", async (method) => {
    seen.length = 0;
    const c = client(false);
    await expect(c.request(`${method} /orgs/{org}/copilot/billing/selected_users`, { org: "acme", selected_usernames: ["a"] })).rejects.toBeInstanceOf(
      DryRunViolation,
    );
    await expect(c.request(`${method} /orgs/{org}/copilot/billing/selected_users`, { org: "acme", selected_usernames: ["a"] })).rejects.toThrow(
      `dry run: refusing ${method}`,
    );
    expect(seen).toEqual([]);
  });

  it("GET still works in dry run, and writes work when allowed", async () => {
    seen.length = 0;
    await client(false).request("GET /orgs/{org}/copilot/billing", { org: "acme" });
    await client(true).request("POST /orgs/{org}/copilot/billing/selected_users", { org: "acme", selected_usernames: ["a"] });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(["GET /orgs/acme/copilot/billing", "POST /orgs/acme/copilot/billing/selected_users"]);
  });

  it("sends the pinned API version and the token, and a User-Agent", async () => {
    seen.length = 0;
    await client(false).request("GET /orgs/{org}/members", { org: "acme", per_page: 100 });
    const h = seen[0]?.headers ?? {};
    expect(h["x-github-api-version"]).toBe(API_VERSION);
    expect(h.authorization).toBe("token secret-token");
    expect(h["user-agent"]).toContain("copilot-seats-as-code");
  });
});

describe("resolveApiUrl", () => {
  it.each([
    [undefined, {}, "https://api.github.com"],
    [undefined, { GITHUB_API_URL: "https://api.acme.ghe.com/" }, "https://api.acme.ghe.com"],
    ["http://127.0.0.1:9000", { GITHUB_API_URL: "https://api.github.com" }, "http://127.0.0.1:9000"],
  ])("flag %s, env %j → %s", (flag, env, want) => expect(resolveApiUrl(flag, env)).toBe(want));

  it.each(["not a url", "ftp://example.com"])("rejects %s as a usage error", (bad) => {
    expect(() => resolveApiUrl(bad, {})).toThrow(UsageError);
  });
});

const PEM = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString().trim();

describe("resolveAuth", () => {
  it.each([
    [{ GITHUB_TOKEN: " t " }, { kind: "token", token: "t" }],
    [
      // A key pasted into a one-line secret, with literal \n, is restored to real newlines.
      { GITHUB_APP_ID: "1", GITHUB_APP_PRIVATE_KEY: PEM.replace(/\n/g, "\\n"), GITHUB_APP_INSTALLATION_ID: "2", GITHUB_TOKEN: "ignored" },
      { kind: "app", appId: "1", privateKey: PEM, installationId: "2" },
    ],
  ])("%j", (env, want) => expect(resolveAuth(env)).toEqual(want));

  it.each([
    [{}, /no GitHub credentials: set GITHUB_TOKEN/],
    [{ GITHUB_APP_ID: "1" }, /GitHub App credentials are incomplete: set GITHUB_APP_PRIVATE_KEY, GITHUB_APP_INSTALLATION_ID/],
  ])("%j is a usage error", (env, re) => {
    expect(() => resolveAuth(env)).toThrow(UsageError);
    expect(() => resolveAuth(env)).toThrow(re);
  });

  it("never puts the credential in the message", () => {
    try {
      resolveAuth({ GITHUB_APP_PRIVATE_KEY: "super-secret" });
    } catch (err) {
      expect((err as Error).message).not.toContain("super-secret");
    }
  });
});

describe("isGraphqlRead: the GraphQL documents a read-only client may send", () => {
  it.each([
    ["an anonymous query", "/graphql", `{ u0: user(login: "a") { databaseId } }`, true],
    ["a named query", "https://api.github.com/graphql", `query Users { u0: user(login: "a") { login } }`, true],
    ["a login named mutation", "/graphql", `{ u0: user(login: "mutation") { login } }`, true],
    ["a mutation", "/graphql", `mutation { enablePullRequestAutoMerge(input: {}) { clientMutationId } }`, false],
    ["a query followed by a mutation", "/graphql", `query A { viewer { login } } mutation B { x }`, false],
    ["a subscription", "/graphql", `subscription { x }`, false],
    ["no document", "/graphql", undefined, false],
    ["another URL", "/repos/o/r/issues", `{ viewer { login } }`, false],
  ])("%s → %s", (_name, url, query, read) => {
    expect(isGraphqlRead(url, query)).toBe(read);
    expect(isDryRunAllowed("POST", url, query)).toBe(read || url.endsWith("/access_tokens"));
  });

  it("a read-only client sends a GraphQL query and refuses a mutation before anything is sent", async () => {
    seen.length = 0;
    const c = client(false);
    await c.graphql(`{ viewer { login } }`);
    await expect(c.graphql(`mutation { x }`)).rejects.toBeInstanceOf(DryRunViolation);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(["POST /graphql"]);
  });
});
