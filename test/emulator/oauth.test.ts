// The emulator's OAuth web flow over real HTTP: authorize page → code → token → GET /user.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";

let emu: RunningEmulator;
const CLIENT = { client_id: "portal-test", client_secret: "s3cret" };
const REDIRECT = "http://127.0.0.1:1/auth/callback";

beforeAll(async () => {
  emu = await startEmulator({
    seed: { org: { login: "acme", seat_management_setting: "assign_selected" }, members: [{ login: "admin", role: "admin" }, "ann"], users: [{ login: "outsider" }], viewer: "admin" },
    oauthApps: [CLIENT],
  });
});
afterAll(() => emu?.close());

async function authorize(login: string, extra: Record<string, string> = {}): Promise<Response> {
  const form = new URLSearchParams({ client_id: CLIENT.client_id, redirect_uri: REDIRECT, state: "xyz", scope: "read:user", login, ...extra });
  return fetch(`${emu.url}/login/oauth/authorize`, { method: "POST", body: form, redirect: "manual" });
}

async function exchange(body: Record<string, string>): Promise<Record<string, string>> {
  const res = await fetch(`${emu.url}/login/oauth/access_token`, { method: "POST", headers: { accept: "application/json" }, body: new URLSearchParams(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, string>;
}

describe("OAuth web flow", () => {
  it("the authorize page lists every account as a sign-in button, escaping the request's values", async () => {
    const q = new URLSearchParams({ client_id: CLIENT.client_id, redirect_uri: REDIRECT, state: '"><script>x</script>' });
    const res = await fetch(`${emu.url}/login/oauth/authorize?${q}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain("Sign in as ann</button>");
    expect(html).toContain("Sign in as outsider (not an org member)</button>");
    expect(html).not.toContain("<script>");
  });

  it.each<{ name: string; q: Record<string, string>; status: number }>([
    { name: "an unknown client", q: { client_id: "nope", redirect_uri: REDIRECT }, status: 404 },
    { name: "no redirect_uri", q: { client_id: CLIENT.client_id }, status: 400 },
    { name: "a javascript: redirect", q: { client_id: CLIENT.client_id, redirect_uri: "javascript:alert(1)" }, status: 400 },
  ])("refuses $name", async ({ q, status }) => {
    const res = await fetch(`${emu.url}/login/oauth/authorize?${new URLSearchParams(q)}`);
    expect(res.status).toBe(status);
  });

  it("code → token → GET /user, and the code works once", async () => {
    const res = await authorize("ann");
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get("location")!);
    expect(to.origin + to.pathname).toBe(REDIRECT);
    expect(to.searchParams.get("state")).toBe("xyz");
    const code = to.searchParams.get("code")!;
    const tok = await exchange({ ...CLIENT, code, redirect_uri: REDIRECT });
    expect(tok).toMatchObject({ token_type: "bearer", scope: "read:user" });
    expect(tok.access_token).toMatch(/^gho_/);
    const user = await fetch(`${emu.url}/user`, { headers: { authorization: `Bearer ${tok.access_token}`, "user-agent": "t" } });
    expect(user.status).toBe(200);
    expect(((await user.json()) as { login: string }).login).toBe("ann");
    expect(await exchange({ ...CLIENT, code })).toMatchObject({ error: "bad_verification_code" });
  });

  it.each<{ name: string; body: Record<string, string>; error: string }>([
    { name: "a wrong secret", body: { client_secret: "wrong" }, error: "incorrect_client_credentials" },
    { name: "another redirect_uri", body: { redirect_uri: "http://evil.example/cb" }, error: "redirect_uri_mismatch" },
    { name: "a made-up code", body: { code: "0000" }, error: "bad_verification_code" },
  ])("the exchange refuses $name", async ({ body, error }) => {
    const code = new URL((await authorize("ann")).headers.get("location")!).searchParams.get("code")!;
    expect(await exchange({ ...CLIENT, code, ...body })).toMatchObject({ error });
  });

  it("answers form-encoded without Accept: application/json", async () => {
    const code = new URL((await authorize("outsider")).headers.get("location")!).searchParams.get("code")!;
    const res = await fetch(`${emu.url}/login/oauth/access_token`, { method: "POST", body: new URLSearchParams({ ...CLIENT, code }) });
    expect(new URLSearchParams(await res.text()).get("access_token")).toMatch(/^gho_/);
  });

  it("an unknown account cannot sign in", async () => {
    expect((await authorize("ghost")).status).toBe(400);
  });

  it("a forged gho_ token is refused by GET /user", async () => {
    const res = await fetch(`${emu.url}/user`, { headers: { authorization: "Bearer gho_forged", "user-agent": "t" } });
    expect(res.status).toBe(401);
  });
});
