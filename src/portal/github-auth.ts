// Signing in with GitHub: the OAuth web flow (authorize → code → token) against the web host
// (github.com, <sub>.ghe.com, or the emulator), then GET /user on the API with that token, so a
// login is proven by GitHub and never typed. The same GET /user verifies a Bearer token on the
// JSON API. Tokens never appear in an error message or a log line.
import { randomBytes } from "node:crypto";

export interface OAuthConfig {
  githubUrl: string;
  apiUrl: string;
  clientId: string;
  clientSecret: string;
}

const TIMEOUT_MS = 15_000;

export class SignInError extends Error {}

export function newState(): string {
  return randomBytes(18).toString("base64url");
}

/** Where the browser goes to sign in. No scope: the portal only needs to know who you are. */
export function authorizeUrl(c: OAuthConfig, redirectUri: string, state: string): string {
  const u = new URL("/login/oauth/authorize", c.githubUrl);
  u.searchParams.set("client_id", c.clientId);
  u.searchParams.set("redirect_uri", redirectUri);
  u.searchParams.set("state", state);
  u.searchParams.set("allow_signup", "false");
  return u.toString();
}

export async function exchangeCode(c: OAuthConfig, code: string, redirectUri: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(new URL("/login/oauth/access_token", c.githubUrl), {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded", "user-agent": "seats-portal" },
      body: new URLSearchParams({ client_id: c.clientId, client_secret: c.clientSecret, code, redirect_uri: redirectUri }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new SignInError(`cannot reach ${c.githubUrl} to finish signing in (${(err as Error).name})`);
  }
  const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; error?: unknown; error_description?: unknown };
  if (typeof body.access_token === "string" && body.access_token) return body.access_token;
  const why = typeof body.error === "string" ? `${body.error}${typeof body.error_description === "string" ? `: ${body.error_description}` : ""}` : `HTTP ${res.status}`;
  throw new SignInError(`GitHub refused the sign-in (${why}); try again`);
}

export interface GitHubUser {
  login: string;
  id: number;
}

/** Who the token belongs to; undefined when GitHub does not accept it (401, or not a user). */
export async function userOfToken(apiUrl: string, token: string): Promise<GitHubUser | undefined> {
  if (!/^[\x21-\x7e]{1,512}$/.test(token)) return undefined;
  let res: Response;
  try {
    res = await fetch(`${apiUrl.replace(/\/+$/, "")}/user`, {
      headers: { authorization: `Bearer ${token}`, accept: "application/vnd.github+json", "user-agent": "seats-portal", "x-github-api-version": "2022-11-28" },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new SignInError(`cannot reach the GitHub API to check who you are (${(err as Error).name})`);
  }
  if (res.status === 401 || res.status === 403) return undefined;
  if (!res.ok) throw new SignInError(`GitHub answered ${res.status} to GET /user`);
  const u = (await res.json()) as { login?: unknown; id?: unknown; type?: unknown };
  if (typeof u.login !== "string" || u.type === "Bot") return undefined;
  return { login: u.login, id: typeof u.id === "number" ? u.id : 0 };
}
