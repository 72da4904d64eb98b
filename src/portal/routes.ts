// The portal's routes (docs/portal.md): pages, sign-in, the forms (each checks its CSRF token and
// who is acting), and the JSON API.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { approve, checkRequest, openGiveback, openRequest, withdraw } from "./actions.js";
import { adminReport } from "./admin-data.js";
import { authorizeUrl, exchangeCode, newState, SignInError, userOfToken } from "./github-auth.js";
import { cookie, HttpError, parseCookies, readBody, redirect, sendHtml, sendJson } from "./http.js";
import { page } from "./layout.js";
import { adminBody } from "./pages-admin.js";
import { approvalsBody, meBody, signedOutBody } from "./pages.js";
import { listSeatPulls, pullState, readPerson, repoOrgRole, type Person } from "./people.js";
import { parseRequestBranch } from "../request/pull-request.js";
import type { PortalContext, Reply } from "./server.js";
import { SESSION_COOKIE, safeEqual, type Session, SESSION_TTL_MS } from "./session.js";

const STATE_COOKIE = "seats_oauth_state";

function sessionOf(ctx: PortalContext, req: IncomingMessage): Session | undefined {
  return ctx.sessions.fromCookie(parseCookies(req.headers.cookie).get(SESSION_COOKIE));
}

async function form(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readBody(req));
}

/** Every form carries the session's CSRF token; anything else is refused before it acts. */
function requireCsrf(s: Session | undefined, f: URLSearchParams): Session {
  if (!s) throw new HttpError(403, "your session has ended; sign in again");
  if (!safeEqual(f.get("_csrf") ?? "", s.csrf)) throw new HttpError(403, "the form was not sent from this portal (missing or wrong CSRF token); reload the page and try again");
  return s;
}

async function person(ctx: PortalContext, login: string): Promise<{ p: Person; snap: Awaited<ReturnType<PortalContext["repo"]["snapshot"]>> }> {
  const [snap, pulls] = await Promise.all([ctx.repo.snapshot(), listSeatPulls(ctx.appClient, ctx.target)]);
  return { p: await readPerson(ctx.appClient, snap.model, ctx.target, login, pulls), snap };
}

/** What the navigation shows; `known` is the org role when the page already read it. */
async function navFor(ctx: PortalContext, login: string, known?: { orgAdmin: boolean }) {
  const snap = await ctx.repo.snapshot();
  const l = login.toLowerCase();
  const maintains = snap.model.teams.filter((t) => t.maintainers.some((m) => m.toLowerCase() === l)).map((t) => t.slug);
  const admin = ctx.admins.has(l) || (known ? known.orgAdmin : (await repoOrgRole(ctx.appClient, snap.model, login)) === "admin");
  return { approvals: maintains.length > 0, admin, maintains };
}

/** Opens the PR in the background; the page shows progress and then the PR's live state. */
function startJob(ctx: PortalContext, login: string, kind: "request" | "giveback", work: () => Promise<{ number: number; url: string }>): void {
  const key = login.toLowerCase();
  ctx.jobs.set(key, { state: "opening", kind, message: kind === "request" ? "Opening your request pull request…" : "Opening the pull request that gives your seat back…" });
  work()
    .then(() => {
      ctx.jobs.delete(key);
      ctx.repo.invalidate();
    })
    .catch((err: unknown) => {
      const msg = err instanceof HttpError ? err.message : "GitHub did not accept the pull request; try again in a moment";
      if (!(err instanceof HttpError)) ctx.log(`portal: ${kind} for ${login} failed: ${(err as Error)?.message ?? String(err)}`);
      ctx.jobs.set(key, { state: "failed", kind, message: msg });
    });
}

function remember(ctx: PortalContext, token: string): void {
  ctx.secrets.add(token);
}

const tokenCache = new Map<string, { login: string; until: number }>();

/** The API's caller: a Bearer GitHub token (verified with GET /user, cached a minute by hash) or the session. */
async function apiCaller(ctx: PortalContext, req: IncomingMessage): Promise<{ login: string; session?: Session }> {
  const auth = req.headers.authorization;
  if (auth) {
    const token = /^Bearer\s+(\S+)$/i.exec(auth.trim())?.[1];
    if (!token) throw new HttpError(401, "Authorization must be `Bearer <your GitHub token>`");
    remember(ctx, token);
    const key = createHash("sha256").update(token).digest("hex");
    const hit = tokenCache.get(key);
    if (hit && hit.until > Date.now()) return { login: hit.login };
    const user = await userOfToken(ctx.oauth.apiUrl, token).catch(() => undefined);
    if (!user) throw new HttpError(401, "GitHub does not accept this token");
    if (tokenCache.size > 10_000) tokenCache.clear();
    tokenCache.set(key, { login: user.login, until: Date.now() + 60_000 });
    return { login: user.login };
  }
  const s = sessionOf(ctx, req);
  if (!s) throw new HttpError(401, "sign in to the portal, or send your GitHub token as `Authorization: Bearer <token>`");
  return { login: s.login, session: s };
}

export async function handleRoute(ctx: PortalContext, req: IncomingMessage, res: ServerResponse, r: Reply): Promise<void> {
  const url = new URL(req.url ?? "/", "http://portal");
  const method = (req.method ?? "GET").toUpperCase();
  const route = `${method} ${url.pathname}`;
  const s = sessionOf(ctx, req);
  const frame = (title: string, current?: "me" | "approvals" | "admin") => ({ title, nonce: r.nonce, ...(s ? { login: s.login, csrf: s.csrf } : {}), ...(current ? { current } : {}) });
  const sessionCookie = (value: string, maxAge: number) => cookie(SESSION_COOKIE, value, { secure: ctx.secure, maxAgeSeconds: maxAge });

  switch (route) {
    case "GET /healthz":
      return sendJson(res, 200, { ok: true }, r.headers);
    case "GET /auth/login": {
      const state = newState();
      res.setHeader("set-cookie", cookie(STATE_COOKIE, ctx.sessions.sign(state), { secure: ctx.secure, maxAgeSeconds: 600 }));
      return redirect(res, authorizeUrl(ctx.oauth, `${ctx.publicUrl}/auth/callback`, state), r.headers, 302);
    }
    case "GET /auth/callback": {
      const expected = ctx.sessions.unsign(parseCookies(req.headers.cookie).get(STATE_COOKIE) ?? "");
      const state = url.searchParams.get("state") ?? "";
      const code = url.searchParams.get("code") ?? "";
      if (!expected || !safeEqual(expected, state) || !code) throw new HttpError(403, "this sign-in did not start here (state mismatch); sign in again from the portal");
      try {
        const token = await exchangeCode(ctx.oauth, code, `${ctx.publicUrl}/auth/callback`);
        remember(ctx, token);
        const user = await userOfToken(ctx.oauth.apiUrl, token);
        if (!user) throw new SignInError("GitHub did not accept the new token");
        const { cookieValue } = ctx.sessions.create(user.login, token);
        res.setHeader("set-cookie", [sessionCookie(cookieValue, SESSION_TTL_MS / 1000), cookie(STATE_COOKIE, "", { secure: ctx.secure, maxAgeSeconds: 0 })]);
        return redirect(res, "/", r.headers);
      } catch (err) {
        if (err instanceof SignInError) throw new HttpError(403, err.message);
        throw err;
      }
    }
    case "POST /auth/logout": {
      const me = requireCsrf(s, await form(req));
      ctx.sessions.destroy(me.id);
      res.setHeader("set-cookie", sessionCookie("", 0));
      return redirect(res, "/", r.headers);
    }
    case "GET /live": {
      // The live part of My Copilot, for the page's polling script.
      if (!s) throw new HttpError(401, "signed out");
      const { p, snap } = await person(ctx, s.login);
      const job = ctx.jobs.get(s.login.toLowerCase());
      if (job?.state === "failed") ctx.jobs.delete(s.login.toLowerCase());
      res.setHeader("x-seats-waiting", isWaiting(p, job) ? "1" : "0");
      return sendHtml(res, 200, meBody(p, snap.model, s.csrf, job, ctx.now().getTime()).text, r.headers);
    }
    case "GET /": {
      if (!s) return sendHtml(res, 200, page(frame("My Copilot"), signedOutBody()), r.headers);
      const { p, snap } = await person(ctx, s.login);
      const nav = await navFor(ctx, s.login, p);
      const job = ctx.jobs.get(s.login.toLowerCase());
      if (job?.state === "failed") ctx.jobs.delete(s.login.toLowerCase());
      const flash = s.flash;
      delete s.flash;
      const body = meBody(p, snap.model, s.csrf, job, ctx.now().getTime());
      return sendHtml(res, 200, page({ ...frame("My Copilot", "me"), nav, flash, watch: isWaiting(p, job) }, body), r.headers);
    }
    case "POST /request": {
      const f = await form(req);
      const me = requireCsrf(s, f);
      const { p } = await person(ctx, me.login);
      if (p.pulls.some((x) => x.kind === "request" && x.state === "open")) throw new HttpError(409, "you already have an open request");
      const checked = checkRequest(p, { team: f.get("team") ?? undefined, reason: f.get("reason") ?? undefined, expires: f.get("expires") ?? undefined }, ctx.now().toISOString().slice(0, 10));
      startJob(ctx, me.login, "request", () => openRequest(ctx.appClient, ctx.target, me.login, checked));
      return redirect(res, "/", r.headers);
    }
    case "POST /giveback": {
      const me = requireCsrf(s, await form(req));
      const snap = await ctx.repo.snapshot();
      startJob(ctx, me.login, "giveback", () => openGiveback(ctx.appClient, ctx.target, snap.model, me.login));
      return redirect(res, "/", r.headers);
    }
    case "POST /approve":
    case "POST /withdraw": {
      const f = await form(req);
      const me = requireCsrf(s, f);
      const number = Number(f.get("number"));
      const snap = await ctx.repo.snapshot();
      if (route === "POST /approve") await approve(ctx.appClient, ctx.userClient(me.token), ctx.target, snap.model, me.login, number);
      else await withdraw(ctx.appClient, ctx.target, me.login, number);
      me.flash = { kind: "ok", text: route === "POST /approve" ? `Approved #${number}.` : `Withdrew #${number}.` };
      return redirect(res, route === "POST /approve" ? "/approvals" : "/", r.headers);
    }
    case "GET /approvals": {
      if (!s) return redirect(res, "/", r.headers);
      const nav = await navFor(ctx, s.login);
      const mine = new Set(nav.maintains);
      const pulls = (await listSeatPulls(ctx.appClient, ctx.target)).filter((x) => {
        const b = parseRequestBranch(x.head.ref);
        return x.state === "open" && b && mine.has(b.team) && b.login.toLowerCase() !== s.login.toLowerCase();
      });
      const queue = (await Promise.all(pulls.slice(0, 30).map((x) => pullState(ctx.appClient, ctx.target, x)))).filter((x) => !!x);
      const flash = s.flash;
      delete s.flash;
      return sendHtml(res, 200, page({ ...frame("Approvals", "approvals"), nav, flash }, approvalsBody(queue, nav.maintains, s.csrf)), r.headers);
    }
    case "GET /admin": {
      if (!s) return redirect(res, "/", r.headers);
      const nav = await navFor(ctx, s.login);
      if (!nav.admin) throw new HttpError(403, "the admin page is for the organization's owners and the portal's admins");
      const snap = await ctx.repo.snapshot();
      const report = await adminReport(ctx.appClient, snap.model, ctx.target, ctx.now());
      return sendHtml(res, 200, page({ ...frame("Admin", "admin"), nav }, await adminBody(report)), r.headers);
    }
    case "GET /api/me": {
      const who = await apiCaller(ctx, req);
      const { p } = await person(ctx, who.login);
      return sendJson(res, 200, apiPerson(p), r.headers);
    }
    case "POST /api/requests": {
      // JSON only: a cross-site form cannot send application/json without a CORS preflight,
      // which the portal never allows, so a session cookie cannot be ridden from another site.
      if (!/^application\/json\b/i.test(String(req.headers["content-type"] ?? ""))) throw new HttpError(415, "send JSON: Content-Type: application/json");
      const who = await apiCaller(ctx, req);
      let body: { team?: unknown; reason?: unknown; expires?: unknown };
      try {
        body = JSON.parse(await readBody(req)) as typeof body;
      } catch {
        throw new HttpError(400, "the body is not valid JSON; send {\"team\": \"<slug>\", \"reason\": \"<why>\"}");
      }
      const str = (v: unknown) => (typeof v === "string" ? v : undefined);
      const { p } = await person(ctx, who.login);
      if (p.pulls.some((x) => x.kind === "request" && x.state === "open")) throw new HttpError(409, "you already have an open request");
      const checked = checkRequest(p, { team: str(body.team), reason: str(body.reason), expires: str(body.expires) }, ctx.now().toISOString().slice(0, 10));
      const pr = await openRequest(ctx.appClient, ctx.target, who.login, checked);
      ctx.repo.invalidate();
      return sendJson(res, 201, { pull_request: pr }, r.headers);
    }
    default:
      throw new HttpError(404, `no page ${url.pathname}`);
  }
}

/** Something is in progress: a PR opening, open, or merged but not yet applied. */
function isWaiting(p: Person, job: { state: string } | undefined): boolean {
  const last = p.pulls[0];
  if (job?.state === "opening" || p.pulls.some((x) => x.state === "open")) return true;
  if (!last || last.state !== "merged") return false;
  // Merged: wait until GitHub shows the applied seat and the default branch shows the file change.
  const declared = p.declaredIn.some((t) => t.slug === last.team);
  if (last.kind === "request") return !p.seat || !declared;
  return (!!p.seat && !p.seat.pending_cancellation_date) || p.declaredIn.some((t) => t.copilot !== "none");
}

export function apiPerson(p: Person) {
  return {
    login: p.login,
    seat: p.seat ?? null,
    // Several orgs: where the seat is held (`seat` is every org's, as one).
    ...(p.seatOrgs ? { seat_orgs: p.seatOrgs } : {}),
    teams: p.declaredIn,
    eligible: p.eligibility.eligible,
    ...(p.eligibility.reason ? { ineligible_reason: p.eligibility.reason } : {}),
    requests: p.pulls.map((x) => ({ number: x.number, url: x.url, kind: x.kind, team: x.team ?? null, state: x.state, checks: x.checks, approvals: x.approvals })),
  };
}
