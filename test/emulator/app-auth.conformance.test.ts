// Conformance of the emulator's GitHub App token exchange (POST /app/installations/{id}/access_tokens):
// the JWT is checked (RS256 against the seed's public key, iss, iat, exp), the token it issues works
// on the org endpoints and records what it was asked for, and every answer validates against
// GitHub's published schema.
import { createSign } from "node:crypto";
import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { testApp } from "../helpers/app-credentials.js";
import { raw, Recorder, recordingFetch } from "./harness.js";
import { githubValidator } from "./openapi-validator.js";

const app = testApp({ permissions: { members: "read", organization_copilot_seat_management: "write", contents: "write" } });
const stranger = testApp({ id: 4242 });
const recorder = new Recorder();
let emu: RunningEmulator;

beforeAll(async () => {
  githubValidator();
  emu = await startEmulator({
    seed: {
      org: { login: "acme", seat_management_setting: "assign_selected" },
      members: [{ login: "root", role: "admin" }, "alice"],
      repos: [{ full_name: "acme/seats", files: { "README.md": "x\n" } }],
      apps: [app.seed],
    },
  });
});
afterAll(() => emu.close());
afterEach(() => expect(recorder.takeFailures()).toEqual([]));

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
function jwt(claims: Record<string, unknown>, key = app.privateKey, alg = "RS256"): string {
  const head = `${b64({ alg, typ: "JWT" })}.${b64(claims)}`;
  return `${head}.${createSign("RSA-SHA256").update(head).sign(key).toString("base64url")}`;
}
const now = () => Math.floor(Date.now() / 1000);
const exchange = (token: string, body?: unknown, id = 77) =>
  raw(emu, recorder, "POST", `/app/installations/${id}/access_tokens`, { auth: false, headers: { authorization: `Bearer ${token}` }, ...(body ? { body } : {}) });

describe("POST /app/installations/{installation_id}/access_tokens", () => {
  it("@octokit/auth-app gets an installation token that works on the org endpoints", async () => {
    const gh = new Octokit({
      authStrategy: createAppAuth,
      auth: { appId: app.seed.id, privateKey: app.privateKey, installationId: 77 },
      baseUrl: emu.url,
      request: { fetch: recordingFetch(recorder) },
    });
    const billing = await gh.rest.copilot.getCopilotOrganizationDetails({ org: "acme" });
    expect(billing.status).toBe(200);
    const [issued] = emu.control.issuedTokens();
    expect(issued?.token).toMatch(/^ghs_[0-9A-Za-z]{36}$/);
    expect(issued?.identity).toMatchObject({ kind: "installation", appId: 4242, installationId: 77, repositorySelection: "all" });
  });

  it("records the permissions and repositories a token was narrowed to", async () => {
    const r = await exchange(jwt({ iss: 4242, iat: now() - 30, exp: now() + 540 }), { permissions: { members: "read" }, repositories: ["seats"] });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ permissions: { members: "read" }, repository_selection: "selected", repositories: [{ full_name: "acme/seats" }] });
    const rec = emu.control.issuedTokens().find((t) => t.token === r.body.token);
    expect(rec?.identity).toMatchObject({ permissions: { members: "read" }, repositories: ["seats"] });
    expect(new Date(r.body.expires_at).getTime() - Date.now()).toBeGreaterThan(3_000_000);
  });

  it.each([
    { name: "no JWT", token: "", status: 401 },
    { name: "a JWT signed by another key", token: () => jwt({ iss: 4242, iat: now() - 30, exp: now() + 540 }, stranger.privateKey), status: 401 },
    { name: "an unknown App (iss)", token: () => jwt({ iss: 999, iat: now() - 30, exp: now() + 540 }), status: 401 },
    { name: "an expired JWT", token: () => jwt({ iss: 4242, iat: now() - 700, exp: now() - 100 }), status: 401 },
    { name: "exp more than 10 minutes after iat", token: () => jwt({ iss: 4242, iat: now(), exp: now() + 3600 }), status: 401 },
    { name: "iat in the future", token: () => jwt({ iss: 4242, iat: now() + 600, exp: now() + 900 }), status: 401 },
    { name: "a token instead of a JWT", token: "test-token", status: 401 },
  ])("refuses $name with $status", async ({ token, status }) => {
    const t = typeof token === "function" ? token() : token;
    const r = t ? await exchange(t) : await raw(emu, recorder, "POST", "/app/installations/77/access_tokens", { auth: false });
    expect(r.status).toBe(status);
    expect(typeof r.body.message).toBe("string");
  });

  it("404 for an installation of another App, 422 for permissions it was not granted", async () => {
    const ok = jwt({ iss: "4242", iat: now() - 30, exp: now() + 540 });
    expect((await exchange(ok, undefined, 78)).status).toBe(404);
    expect((await exchange(ok, { permissions: { administration: "write" } })).status).toBe(422);
    expect((await exchange(ok, { repositories: ["nope"] })).status).toBe(422);
  });

  it("an installation token the emulator never issued, and a JWT on an org endpoint, are 401", async () => {
    const fake = await raw(emu, recorder, "GET", "/orgs/acme/copilot/billing", { auth: false, headers: { authorization: "token ghs_notIssuedByThisEmulator000000000000" } });
    expect(fake.status).toBe(401);
    const jwtOnOrg = await raw(emu, recorder, "GET", "/orgs/acme/copilot/billing", { auth: false, headers: { authorization: `Bearer ${jwt({ iss: 4242, iat: now() - 30, exp: now() + 540 })}` } });
    expect(jwtOnOrg.status).toBe(401);
  });

  it("every answer validated against the published schema", () => {
    const covered = recorder.covered().get("POST /app/installations/{installation_id}/access_tokens");
    expect([...(covered ?? [])].sort()).toEqual([201, 401, 404, 422]);
    expect(recorder.failures()).toEqual([]);
    expect(recorder.responses.filter((r) => r.status < 300 && r.schemaSource !== "spec")).toEqual([]);
  });
});
