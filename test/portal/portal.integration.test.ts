// The portal over real HTTP against the emulator: sign-in, My Copilot, request, approvals, the
// JSON API, and the security properties (CSRF, ownership, forged cookies, escaping, no token leaks).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPipelineOnce } from "../../scripts/portal/pipeline.js";
import { PIPELINE_TOKEN, REPO, startPortalWorld, type PortalWorld } from "../../scripts/portal/world.js";
import { eventually, signIn, visitor } from "./client.js";

let world: PortalWorld;
beforeAll(async () => {
  world = await startPortalWorld();
});
afterAll(() => world?.close());

const issuedTokens = () => world.emu.control.issuedTokens().map((t) => t.token);

describe("pages and headers", () => {
  it("signed out: a sign-in link, security headers, healthz", async () => {
    const v = visitor(world);
    const res = await v.get("/");
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.text()).toContain('<a href="/auth/login">Sign in with GitHub</a>');
    expect((await v.get("/healthz")).status).toBe(200);
  });

  it("the session cookie is HttpOnly, Secure, SameSite=Lax", async () => {
    const v = await signIn(world, "heidi-new");
    expect(v.cookies.has("seats_session")).toBe(true);
    const res = await v.get("/auth/login");
    const setCookie = res.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/SameSite=Lax/);
  });

  it("a callback with another state is refused", async () => {
    const v = visitor(world);
    await v.get("/auth/login");
    const res = await v.get("/auth/callback?code=abc&state=not-mine");
    expect(res.status).toBe(403);
  });
});

describe("a request, approved by a maintainer, merged and applied", () => {
  it("bob-builder has a seat; heidi-new has none, requests one for engineering, alice approves", async () => {
    const heidi = await signIn(world, "heidi-new");
    let page = await (await heidi.get("/")).text();
    expect(page).toContain("No seat.");
    expect(page).toContain(">Request Copilot</button>");
    // The best eligible team is the open one.
    expect(page).toMatch(/<option value="platform" selected>/);
    const csrf = await heidi.csrf();
    const sent = await heidi.post("/request", { _csrf: csrf, team: "engineering", reason: "<b>pairing</b> & reviews" });
    expect(sent.status).toBe(303);
    page = await eventually(async () => {
      const t = await (await heidi.get("/")).text();
      return /Copilot seat: heidi-new → engineering/.test(t) && t;
    }, "the request PR on the page");
    // HTML in the reason never reaches a page unescaped.
    expect(page).not.toContain("<b>pairing</b>");

    const pipeline1 = await runPipelineOnce(world.emu, REPO, PIPELINE_TOKEN);
    expect(pipeline1.merged).toEqual([]);

    const alice = await signIn(world, "alice-admin");
    const queue = await (await alice.get("/approvals")).text();
    const number = Number(/Approve #(\d+)/.exec(queue)?.[1]);
    expect(number).toBeGreaterThan(0);
    const approved = await alice.post("/approve", { _csrf: await alice.csrf(), number: String(number) });
    expect(approved.status).toBe(303);

    const pipeline2 = await runPipelineOnce(world.emu, REPO, PIPELINE_TOKEN);
    expect(pipeline2.merged).toEqual([number]);
    page = await (await heidi.get("/")).text();
    expect(page).toContain("<strong>Active</strong>");
    expect(page).toContain("merged · applied: seat active");

    // The portal reads the default branch at most once a second: the merge shows up right after.
    const api = await eventually(async () => {
      const me = (await (await heidi.get("/api/me")).json()) as { login: string; seat: unknown; teams: { slug: string }[] };
      return me.teams.length > 0 && me;
    }, "the merged member file");
    expect(api.login).toBe("heidi-new");
    expect(api.seat).not.toBeNull();
    expect(api.teams.map((t) => t.slug)).toEqual(["engineering"]);
  });
});

describe("security", () => {
  it("a form without the CSRF token is refused with 403 and opens nothing", async () => {
    const v = await signIn(world, "frank-ops");
    const res = await v.post("/giveback", {});
    expect(res.status).toBe(403);
    const wrong = await v.post("/giveback", { _csrf: "x".repeat(32) });
    expect(wrong.status).toBe(403);
  });

  it("another person's PR cannot be withdrawn, and a non-maintainer cannot approve", async () => {
    const carol = await signIn(world, "carol-coder");
    const give = await carol.post("/giveback", { _csrf: await carol.csrf() });
    expect(give.status).toBe(303);
    const number = await eventually(async () => {
      const me = (await (await carol.get("/api/me")).json()) as { requests: { number: number; kind: string; state: string }[] };
      return me.requests.find((r) => r.kind === "giveback" && r.state === "open")?.number;
    }, "carol's give-back PR");
    const mallory = await signIn(world, "frank-ops");
    const res = await mallory.post("/withdraw", { _csrf: await mallory.csrf(), number: String(number) });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("is not yours");
    const approve = await mallory.post("/approve", { _csrf: await mallory.csrf(), number: String(number) });
    expect(approve.status).toBe(404);
  });

  it("a forged or tampered session cookie is not a session", async () => {
    const v = await signIn(world, "heidi-new");
    const real = v.cookies.get("seats_session")!;
    for (const forged of [`${real.slice(0, -2)}xx`, "abc.def", `x${real}`]) {
      const res = await fetch(new URL("/api/me", world.portal.url), { headers: { cookie: `seats_session=${forged}` } });
      expect(res.status).toBe(401);
      const page = await (await fetch(new URL("/", world.portal.url), { headers: { cookie: `seats_session=${forged}` } })).text();
      expect(page).toContain("Sign in with GitHub");
    }
  });

  it("the JSON API takes the person's own GitHub token as Bearer, and refuses a made-up one", async () => {
    const token = issuedTokens().at(-1)!;
    const ok = await fetch(new URL("/api/me", world.portal.url), { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    const bad = await fetch(new URL("/api/me", world.portal.url), { headers: { authorization: "Bearer gho_madeup" } });
    expect(bad.status).toBe(401);
  });

  it("POST /api/requests: 201 with the PR, validation errors as 422, ineligible as 403", async () => {
    const mallory = await signIn(world, "mallory");
    const me = (await (await mallory.get("/api/me")).json()) as { eligible: boolean; ineligible_reason: string };
    expect(me.eligible).toBe(false);
    expect(me.ineligible_reason).toContain("not a member of the acme-corp organization");
    const post = (v: typeof mallory, body: unknown) =>
      fetch(new URL("/api/requests", world.portal.url), { method: "POST", headers: { cookie: v.cookieHeader(), "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await post(mallory, { team: "platform", reason: "x" })).status).toBe(403);
    const formPost = await fetch(new URL("/api/requests", world.portal.url), { method: "POST", headers: { cookie: mallory.cookieHeader() }, body: new URLSearchParams({ team: "platform" }) });
    expect(formPost.status).toBe(415);

    const dana = await signIn(world, "dana-lead");
    expect((await post(dana, { team: "platform", reason: "" })).status).toBe(422);
    const created = await post(dana, { team: "platform", reason: "data pipelines" });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { pull_request: { number: number; url: string } };
    expect(body.pull_request.number).toBeGreaterThan(0);
    expect(body.pull_request.url).toContain(`/pull/${body.pull_request.number}`);
  });

  it("no token the emulator issued appears in any log line or response", async () => {
    const v = await signIn(world, "bob-builder");
    const pages = await Promise.all(["/", "/api/me", "/approvals"].map(async (p) => (await v.get(p)).text()));
    for (const t of issuedTokens()) {
      for (const line of world.logs) expect(line).not.toContain(t);
      for (const p of pages) expect(p).not.toContain(t);
    }
    expect(world.logs.some((l) => l.startsWith("GET /api/me 200"))).toBe(true);
  });
});
