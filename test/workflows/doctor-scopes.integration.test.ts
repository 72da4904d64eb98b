// The doctor's read-only job refuses a read token that can write (docs/enterprise.md, "Credentials
// per job"): SEATS_ENTERPRISE_READ_TOKEN sits in environments without required reviewers, in jobs
// that read every PR's data, so an owner's classic token there must carry read scopes only. On the
// emulator, over HTTP, with OAuth tokens (gho_, classic-token scopes) of the org's owner.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeScopes } from "../../src/ci/doctor.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "./step-runner.js";

describe("writeScopes (x-oauth-scopes)", () => {
  it.each([
    { header: undefined, want: [] },
    { header: "", want: [] },
    { header: "read:org, read:enterprise", want: [] },
    { header: "read:org, user:email", want: [] },
    { header: "manage_billing:copilot, read:org", want: ["manage_billing:copilot"] },
    { header: "admin:org,repo", want: ["admin:org", "repo"] },
    { header: "write:org, admin:enterprise", want: ["write:org", "admin:enterprise"] },
  ])("$header", ({ header, want }) => {
    expect(writeScopes(header)).toEqual(want);
  });
});

const CLIENT = { client_id: "doctor-test", client_secret: "s3cret" };
const REDIRECT = "http://127.0.0.1:1/cb";
const REPO = path.join(ROOT, "test/fixtures/workflows/repo");
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({
    seed: { org: { login: "acme-corp", seat_management_setting: "assign_selected" }, members: [{ login: "admin", role: "admin" }], viewer: "admin" },
    oauthApps: [CLIENT],
  });
});
afterAll(() => emu?.close());

/** An OAuth token of the org's owner with `scope` (what a classic token's scopes are). */
async function ownerToken(scope: string): Promise<string> {
  const form = new URLSearchParams({ client_id: CLIENT.client_id, redirect_uri: REDIRECT, state: "s", scope, login: "admin" });
  const auth = await fetch(`${emu.url}/login/oauth/authorize`, { method: "POST", body: form, redirect: "manual" });
  const code = new URL(auth.headers.get("location")!).searchParams.get("code")!;
  const res = await fetch(`${emu.url}/login/oauth/access_token`, { method: "POST", headers: { accept: "application/json" }, body: new URLSearchParams({ ...CLIENT, code }) });
  return ((await res.json()) as { access_token: string }).access_token;
}

const doctor = async (role: string, token: string) =>
  runCli(["ci", "doctor", "--as", role, "--dir", REPO], emu.url, { GITHUB_TOKEN: token, GITHUB_REPOSITORY: "acme-corp/copilot-seats", DEFAULT_BRANCH: "main" });

describe("seats ci doctor --as ro with an owner's classic token", () => {
  it("passes a token of read scopes only", async () => {
    const r = await doctor("ro", await ownerToken("read:org read:enterprise"));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("ok   /user → 200: the token's scopes (classic token)");
  });

  it("refuses a token that can buy and cancel seats, naming the scope, never the token", async () => {
    const token = await ownerToken("read:org manage_billing:copilot");
    const r = await doctor("ro", token);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("the read token carries manage_billing:copilot, which can change seats, teams or the org");
    expect(r.stdout + r.stderr).not.toContain(token);
  });

  it("leaves the write token's scopes to the read-write job", async () => {
    const r = await doctor("rw", await ownerToken("read:org manage_billing:copilot admin:org"));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain("/user");
  });
});
