// GitHub's OAuth web flow, as the emulator serves it on its own origin (github.com serves it on
// the web host, not the API host): GET /login/oauth/authorize shows a page that picks who signs
// in (the demo's "user picker": on GitHub this is the login and consent screen), its form posts
// back, and the browser is sent to redirect_uri with a one-time code; POST
// /login/oauth/access_token trades client id + secret + code for a `gho_` user token that works
// for GET /user and every other route (it acts as that user). Errors of the token exchange are
// answered the way GitHub does: 200 with {error, error_description}.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorState } from "../state.js";
import { tokensOf } from "../tokens.js";
import { oauthOf } from "./oauth-store.js";

export const AUTHORIZE_PATH = "/login/oauth/authorize";
export const TOKEN_PATH = "/login/oauth/access_token";
const MAX_FORM_BYTES = 64 * 1024;
/** GitHub's OAuth app tokens do not expire; the emulator's last a working day. */
const USER_TOKEN_TTL_MS = 8 * 3_600_000;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_FORM_BYTES) {
        reject(new Error("form too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      if (/json/i.test(String(req.headers["content-type"] ?? ""))) {
        try {
          const o = JSON.parse(text || "{}") as Record<string, unknown>;
          resolve(new URLSearchParams(Object.entries(o).map(([k, v]): [string, string] => [k, String(v)])));
        } catch {
          resolve(new URLSearchParams());
        }
      } else resolve(new URLSearchParams(text));
    });
    req.on("error", reject);
  });
}

/** `formTarget`: the origin the sign-in form's redirect goes to (CSP form-action covers redirects). */
function page(res: ServerResponse, status: number, title: string, body: string, formTarget = ""): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
button{font:inherit;padding:.5rem 1rem;margin:.25rem 0;width:100%;text-align:left;background:#f6f8fa;border:1px solid #8c959f;border-radius:6px;cursor:pointer}
button:focus{outline:3px solid #0969da}</style></head><body><main>${body}</main></body></html>`;
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'${formTarget ? ` ${formTarget}` : ""}; frame-ancestors 'none'`,
    "x-frame-options": "DENY",
    "cache-control": "no-store",
  });
  res.end(html);
}

function validRedirect(uri: string | null): uri is string {
  if (!uri) return false;
  try {
    return ["http:", "https:"].includes(new URL(uri).protocol);
  } catch {
    return false;
  }
}

function authorizePage(state: EmulatorState, q: URLSearchParams, res: ServerResponse): void {
  const clientId = q.get("client_id") ?? "";
  const redirect = q.get("redirect_uri");
  if (!clientId || !oauthOf(state).knowsClient(clientId)) return page(res, 404, "Unknown application", "<h1>Unknown application</h1><p>No OAuth app has this client_id.</p>");
  if (!validRedirect(redirect)) return page(res, 400, "Bad redirect", "<h1>Bad redirect_uri</h1><p>redirect_uri must be an http(s) URL.</p>");
  const hidden = ["client_id", "redirect_uri", "state", "scope"]
    .map((k) => `<input type="hidden" name="${k}" value="${esc(q.get(k) ?? "")}">`)
    .join("");
  const users = [...state.users.values()].sort((a, b) => a.login.localeCompare(b.login));
  const buttons = users
    .map((u) => {
      const member = state.isActiveMember(u.login) ? "" : " (not an org member)";
      return `<li><form method="post" action="${AUTHORIZE_PATH}">${hidden}<input type="hidden" name="login" value="${esc(u.login)}"><button type="submit">Sign in as ${esc(u.login)}${member}</button></form></li>`;
    })
    .join("");
  page(
    res,
    200,
    "Sign in to the GitHub emulator",
    `<h1>Sign in to the GitHub emulator</h1><p>An application wants to know who you are (client <code>${esc(clientId)}</code>). This is the emulator's stand-in for GitHub's sign-in page: pick the account to sign in as.</p><ul style="list-style:none;padding:0">${buttons}</ul>`,
    new URL(redirect).origin,
  );
}

async function authorizeSubmit(state: EmulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const f = await readForm(req);
  const clientId = f.get("client_id") ?? "";
  const redirect = f.get("redirect_uri");
  const login = f.get("login") ?? "";
  const user = state.user(login);
  if (!clientId || !oauthOf(state).knowsClient(clientId) || !validRedirect(redirect) || !user) {
    return page(res, 400, "Cannot sign in", "<h1>Cannot sign in</h1><p>Unknown application, redirect or account.</p>");
  }
  const code = oauthOf(state).issueCode({ login: user.login, clientId, redirectUri: redirect, scope: f.get("scope") ?? "" });
  const to = new URL(redirect);
  to.searchParams.set("code", code);
  const st = f.get("state");
  if (st) to.searchParams.set("state", st);
  res.writeHead(302, { location: to.toString(), "cache-control": "no-store" });
  res.end();
}

async function exchange(state: EmulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const f = await readForm(req);
  const wantsJson = /json/i.test(String(req.headers.accept ?? ""));
  const reply = (body: Record<string, string>) => {
    const text = wantsJson ? JSON.stringify(body) : new URLSearchParams(body).toString();
    res.writeHead(200, { "content-type": wantsJson ? "application/json; charset=utf-8" : "application/x-www-form-urlencoded; charset=utf-8", "cache-control": "no-store" });
    res.end(text);
  };
  const fail = (error: string, description: string) =>
    reply({ error, error_description: description, error_uri: "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors" });
  const store = oauthOf(state);
  const clientId = f.get("client_id") ?? "";
  if (!clientId || !store.knowsClient(clientId) || !store.secretMatches(clientId, f.get("client_secret") ?? "")) {
    return fail("incorrect_client_credentials", "The client_id and/or client_secret passed are incorrect.");
  }
  const grant = store.redeem(f.get("code") ?? "");
  if (!grant || grant.clientId !== clientId) return fail("bad_verification_code", "The code passed is incorrect or expired.");
  const redirect = f.get("redirect_uri");
  if (redirect && redirect !== grant.redirectUri) return fail("redirect_uri_mismatch", "The redirect_uri MUST match the registered callback URL for this application.");
  const scopes = grant.scope.split(/[\s,]+/).filter(Boolean);
  const { token } = tokensOf(state).issue({ kind: "user", login: grant.login, via: "oauth", clientId, scopes }, { prefix: "gho_", ttlMs: USER_TOKEN_TTL_MS });
  reply({ access_token: token, token_type: "bearer", scope: scopes.join(",") });
}

/** Serves the web-flow paths; false for anything else (the API listener takes it). */
export function handleOAuthWeb(state: EmulatorState, req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? "/", "http://emulator");
  const method = (req.method ?? "GET").toUpperCase();
  let work: Promise<void> | void;
  if (url.pathname === AUTHORIZE_PATH && method === "GET") work = authorizePage(state, url.searchParams, res);
  else if (url.pathname === AUTHORIZE_PATH && method === "POST") work = authorizeSubmit(state, req, res);
  else if (url.pathname === TOKEN_PATH && method === "POST") work = exchange(state, req, res);
  else return false;
  Promise.resolve(work).catch(() => {
    if (!res.headersSent) res.writeHead(400, { "content-type": "text/plain" });
    res.end("bad request");
  });
  return true;
}
