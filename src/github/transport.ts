// The GitHub client's transport guards: what happens between Octokit and the network so that a
// run is interruptible, bounded and honest about what it talked to.
//
// - `guardedFetch` is the `fetch` Octokit calls for every attempt (retries included): each attempt
//   gets its own timeout; reads are aborted at once when the run's signal fires, writes already
//   on the wire are let finish (so `apply` knows what it sent) and no new request starts.
//   Connection failures that a retry cannot fix (refused, unknown host, untrusted certificate)
//   stop the run at once with a message that says what to check, instead of 15 s of retries and
//   "HTTP 500".
// - `checkAnswer` refuses an answer that is not the GitHub API's (an HTML login page, a GHES URL
//   without /api/v3, JSON of the wrong shape), before anything is planned on it.
// - `rateLimitStop` turns a rate limit that would need too long a wait into a message with the
//   reset time, rather than a silent hour-long sleep.
import { interruption, UserError } from "../errors.js";

/** The web origin of an API URL, for messages: http://user:pass@host/api/v3 → http://host/api/v3. */
export function displayUrl(apiUrl: string): string {
  try {
    const u = new URL(apiUrl);
    u.username = "";
    u.password = "";
    u.search = "";
    u.hash = "";
    return u.toString().replace(/\/+$/, "");
  } catch {
    return "(the API URL)";
  }
}

/** A connection that cannot succeed on retry: the URL, the host or the trust is wrong. */
export class ConnectionFailed extends UserError {
  override name = "ConnectionFailed";
}

/** The server answered, but not like the GitHub REST API. */
export class NotGitHubApi extends UserError {
  override name = "NotGitHubApi";
}

/** The rate limit is used up for longer than a run may wait. */
export class RateLimitStop extends UserError {
  override name = "RateLimitStop";
}

/**
 * Carries an error through @octokit/request untouched. Octokit wraps every fetch failure into a
 * retryable "HTTP 500" RequestError except one named AbortError, which it rethrows as is (and
 * neither the retry nor the throttling plugin retries an error without a response). The client's
 * outermost hook unwraps it (see `unwrap`).
 */
export class Passthrough extends Error {
  override name = "AbortError";
  constructor(readonly error: Error) {
    super(error.message);
  }
}

export function unwrap(err: unknown): unknown {
  return err instanceof Passthrough ? err.error : err;
}

const NO_RETRY_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_NONAME: "host not found",
  CERT_HAS_EXPIRED: "its TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "its TLS certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "its TLS certificate is not trusted (self-signed chain)",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its TLS certificate is not trusted",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "its TLS certificate is not trusted",
  ERR_TLS_CERT_ALTNAME_INVALID: "its TLS certificate is for another host name",
  // https:// to a server that speaks plain HTTP (an emulator, a local proxy).
  ERR_SSL_WRONG_VERSION_NUMBER: "it does not speak TLS",
  ERR_SSL_PACKET_LENGTH_TOO_LONG: "it does not speak TLS",
};

/** The errno-style code of a fetch failure (undici nests it in `cause`, or in an AggregateError). */
export function failureCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === "object"; depth++) {
    const o = e as { code?: unknown; cause?: unknown; errors?: unknown[]; message?: unknown };
    if (typeof o.code === "string" && o.code !== "UND_ERR_SOCKET") return o.code;
    if (o.message === "bad port") return "BAD_PORT";
    if (Array.isArray(o.errors) && o.errors.length) e = o.errors[0];
    else e = o.cause;
  }
  return undefined;
}

export interface GuardOptions {
  apiUrl: string;
  /** The run's signal (SIGINT/SIGTERM/--timeout). */
  signal?: AbortSignal;
  /** Per attempt; a retry gets a fresh one. */
  requestTimeoutMs: number;
  /** Strings that must never appear in an error message (the token). */
  secrets: readonly string[];
  /** A body larger than this is refused (default MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
  fetch?: typeof fetch;
}

export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join("[redacted]");
  return out;
}

function connectionMessage(apiUrl: string, code: string): string {
  const where = displayUrl(apiUrl);
  if (code === "BAD_PORT") return `cannot connect to ${where}: fetch refuses that port (bad port); is --api-url right?`;
  const why = NO_RETRY_CODES[code] ?? code;
  if (code.startsWith("ERR_SSL_")) return `cannot connect to ${where} (${why}): is it an http:// URL (the emulator serves plain HTTP)?`;
  const hint = code.startsWith("E")
    ? "is --api-url (or GITHUB_API_URL) right / is the emulator running?"
    : "for a server with a private certificate authority, set NODE_EXTRA_CA_CERTS to its CA file";
  return `cannot connect to ${where} (${why}): ${hint}`;
}

const TOKEN_EXCHANGE = /^\/app\/installations\/(?:\{installation_id\}|\d+)\/access_tokens$/;

/** `POST /app/installations/{id}/access_tokens`, as a route template or a full URL. */
export function isTokenExchange(url: string): boolean {
  let p = url.replace(/[?#].*$/, "");
  try {
    if (/^https?:/i.test(p)) p = new URL(p).pathname;
  } catch {
    return false;
  }
  return TOKEN_EXCHANGE.test(p.replace(/^\/api\/v3(?=\/)/, ""));
}

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A request that may change something on GitHub (the App token exchange does not). */
export function changesState(method: string, url: string): boolean {
  return MUTATING.has(method.toUpperCase()) && !isTokenExchange(url);
}

/**
 * No GitHub API answer this project reads comes near this (a page of 100 seats is ~100 KB). A
 * server that streams without end must not fill the memory until the per-request timeout.
 */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/**
 * The body read here, within the attempt's timeout and a size cap, and handed to Octokit as a
 * buffered Response: Octokit swallows errors while reading a body (it answers "" instead), so a
 * cut-off or endless body would otherwise look like an empty answer.
 */
async function bufferedBody(res: Response, cap: number, tooLarge: () => Error): Promise<Response> {
  if (!res.body) return res;
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (declared > cap) {
    await res.body.cancel().catch(() => {});
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Response(Buffer.concat(chunks), { status: res.status, statusText: res.statusText, headers: res.headers });
  Object.defineProperty(out, "url", { value: res.url });
  return out;
}

export function guardedFetch(o: GuardOptions): typeof fetch {
  const inner = o.fetch ?? globalThis.fetch;
  return async (input, init) => {
    if (o.signal?.aborted) throw new Passthrough(interruption(o.signal));
    const timeout = AbortSignal.timeout(o.requestTimeoutMs);
    // A write already sent is let finish: the caller must learn whether it happened. Reads stop.
    const write = changesState(String(init?.method ?? "GET"), input instanceof Request ? input.url : String(input));
    const signals = [timeout, ...(o.signal && !write ? [o.signal] : []), ...(init?.signal ? [init.signal] : [])];
    const cap = o.maxResponseBytes ?? MAX_RESPONSE_BYTES;
    const route = `${String(init?.method ?? "GET").toUpperCase()} ${new URL(input instanceof Request ? input.url : String(input)).pathname}`;
    const tooLarge = () => new Passthrough(notApi(o.apiUrl, route, `more than ${Math.round(cap / 1024 / 1024)} MB (no GitHub API answer is that large)`));
    try {
      const res = await inner(input, { ...init, signal: AbortSignal.any(signals) });
      return await bufferedBody(res, cap, tooLarge);
    } catch (err) {
      if (err instanceof Passthrough) throw err;
      if (o.signal?.aborted && !write) throw new Passthrough(interruption(o.signal));
      if (timeout.aborted) {
        const ms = o.requestTimeoutMs;
        throw new Error(`no answer within ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`}`);
      }
      // Redirects that never end (a misconfigured proxy or web server): not the API, and retrying
      // cannot help. GitHub itself redirects at most once (a renamed repository).
      if (/redirect count exceeded/i.test(String((err as Error)?.message ?? "")) || /redirect count exceeded/i.test(String((err as { cause?: Error })?.cause?.message ?? ""))) {
        throw new Passthrough(notApi(o.apiUrl, route, "with one redirect after another (more than 20)"));
      }
      const code = failureCode(err);
      if (code && (code in NO_RETRY_CODES || code === "BAD_PORT")) throw new Passthrough(new ConnectionFailed(connectionMessage(o.apiUrl, code)));
      const e = err instanceof Error ? err : new Error(String(err));
      e.message = scrub(e.message, o.secrets);
      throw e;
    }
  };
}

/**
 * A name GitHub could have sent (a login, a team slug): no whitespace, control characters,
 * slashes or backslashes. Not GitHub's exact syntax (EMU logins have `_`, bots `[bot]`); it is
 * what keeps a hostile or broken server from putting a line break into a job log or a `../`
 * into a file name that `import` writes.
 */
const NAME = /^[^\s/\\\u0000-\u001f\u007f-\u009f\u2028\u2029]{1,100}$/;
const isName = (v: unknown): boolean => typeof v === "string" && NAME.test(v);

/** A user as the API lists one: an object with a login. */
const isUser = (u: unknown): boolean => isObject(u) && isName(u.login);

/** A seat: `assignee` is a user, null (a deleted account) or, in old API versions, a team or an org. */
const isSeat = (s: unknown): boolean =>
  isObject(s) && "assignee" in s && (s.assignee === null || (isObject(s.assignee) && (isName(s.assignee.login) || isName(s.assignee.slug))));

const listOf = (item: (x: unknown) => boolean) => (d: unknown) => Array.isArray(d) && d.every(item);

/** Routes whose answer must have a given shape, item by item, before anyone plans on it. */
const SHAPES: Record<string, (data: unknown) => boolean> = {
  "GET /orgs/{org}/copilot/billing": (d) => isObject(d) && typeof d.seat_management_setting === "string",
  "GET /orgs/{org}/copilot/billing/seats": (d) => isObject(d) && Array.isArray(d.seats) && d.seats.every(isSeat),
  "GET /orgs/{org}/members": listOf(isUser),
  "GET /orgs/{org}/teams": listOf((t) => isObject(t) && isName(t.slug) && typeof t.name === "string"),
  "GET /orgs/{org}/teams/{team_slug}/members": listOf(isUser),
  "GET /repos/{owner}/{repo}/pulls": listOf((p) => isObject(p) && typeof p.number === "number"),
  "POST /app/installations/{installation_id}/access_tokens": (d) => isObject(d) && typeof d.token === "string",
};

function isObject(d: unknown): d is Record<string, unknown> {
  return typeof d === "object" && d !== null && !Array.isArray(d);
}

function notApi(apiUrl: string, route: string, what: string): NotGitHubApi {
  const where = displayUrl(apiUrl);
  const u = new URL(where);
  // The web hosts people paste instead of their API hosts.
  const hint =
    u.hostname === "github.com" || u.hostname === "www.github.com"
      ? " (the API of github.com is https://api.github.com)"
      : u.hostname.endsWith(".ghe.com") && !u.hostname.startsWith("api.")
        ? ` (the API of ${u.hostname} is https://api.${u.hostname})`
        : /\/api\/v3$/.test(u.pathname)
          ? ""
          : " (for GitHub Enterprise Server the API URL ends in /api/v3)";
  return new NotGitHubApi(`this does not look like the GitHub API at ${where}: ${route} answered ${what}; check --api-url / GITHUB_API_URL${hint}, or a proxy in between`);
}

/** Routes whose answer is one object (the others answer lists). */
const OBJECT_ROUTES = new Set(["GET /orgs/{org}/copilot/billing", "GET /orgs/{org}/copilot/billing/seats", "POST /app/installations/{installation_id}/access_tokens"]);

function describe(data: unknown, contentType: string | undefined, route = ""): string {
  if (typeof data === "string") {
    const type = contentType?.split(";")[0] ?? "no content type";
    if (/^\s*</.test(data)) return `an HTML page (${type}), not JSON`;
    // Octokit hands over the raw text when a JSON content type does not parse.
    return /json/i.test(type) ? `${type} that is not valid JSON (cut short?)` : `${type}, not JSON`;
  }
  if (data instanceof ArrayBuffer) return `binary data (${contentType ?? "no content type"}), not JSON`;
  if (Array.isArray(data)) return OBJECT_ROUTES.has(route) ? "a JSON list where an object was expected" : "a JSON list whose entries have another shape";
  if (route === "GET /orgs/{org}/copilot/billing/seats" && isObject(data) && Array.isArray(data.seats)) return "a seat list whose entries have another shape";
  return "JSON of another shape";
}

/** Throws NotGitHubApi when a successful answer is not what the GitHub API sends for `route`. */
export function checkAnswer(apiUrl: string, route: string, status: number, data: unknown, headers: Record<string, unknown>): void {
  if (status === 204 || status === 304 || route.startsWith("HEAD ")) return;
  const contentType = typeof headers["content-type"] === "string" ? (headers["content-type"] as string) : undefined;
  const shape = SHAPES[route];
  if (typeof data !== "object" || data === null || data instanceof ArrayBuffer) throw notApi(apiUrl, route, describe(data, contentType, route));
  if (shape && !shape(data)) throw notApi(apiUrl, route, describe(data, contentType, route));
}

/**
 * An HTTP error whose body is not JSON and that is not a server error (a proxy's or web server's
 * 401/403/404 page) is the same finding as a 200 HTML page: the URL is not the API. 5xx pages
 * from load balancers are left to the retry logic.
 */
export function errorIsNotApi(apiUrl: string, route: string, err: unknown): NotGitHubApi | undefined {
  const e = err as { status?: unknown; response?: { data?: unknown; headers?: Record<string, unknown> } };
  if (typeof e?.status !== "number" || e.status >= 500 || !e.response) return undefined;
  const data = e.response.data;
  if (typeof data !== "string" || data.trim() === "") return undefined;
  const ct = e.response.headers?.["content-type"];
  if (typeof ct === "string" && /json/i.test(ct)) return undefined;
  return notApi(apiUrl, route, `HTTP ${e.status} with ${describe(data, typeof ct === "string" ? ct : undefined)}`);
}

/** The App's token exchange failed: the credentials, not the org or the request, are wrong. */
export class AppAuthFailed extends UserError {
  override name = "AppAuthFailed";
}

/**
 * A failure of the GitHub App's own token exchange (which Octokit makes inside whatever request
 * needed the token), said in terms of the App variables rather than of the request that waited.
 */
export function appAuthFailure(err: unknown): AppAuthFailed | undefined {
  const e = err as { status?: unknown; request?: { method?: string; url?: string }; message?: string };
  if (typeof e?.status !== "number" || !e.request?.url || !isTokenExchange(e.request.url)) return undefined;
  const id = /\/app\/installations\/(\d+)\//.exec(e.request.url)?.[1] ?? "?";
  const why =
    e.status === 404
      ? `installation ${id} of this App was not found: check GITHUB_APP_INSTALLATION_ID (the App must be installed on the org)`
      : e.status === 401
        ? "GitHub refused the App's signed token: check that GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY belong to the same App (and the machine's clock)"
        : e.status === 403 || e.status === 422
          ? `the installation refused the token request (${e.message ?? ""}): check the App's permissions`
          : undefined;
  return why ? new AppAuthFailed(`GitHub App authentication failed (HTTP ${e.status} from the token exchange): ${why}`) : undefined;
}

/**
 * A rate-limited answer (primary: `x-ratelimit-remaining: 0`; secondary: `retry-after`) that
 * the throttling plugin gave up on, as a message with the time it is worth trying again.
 */
export function rateLimitStop(err: unknown, maxWaitSeconds: number, now = Date.now()): RateLimitStop | undefined {
  const e = err as { status?: unknown; message?: unknown; response?: { headers?: Record<string, unknown> } };
  if (e?.status !== 403 && e?.status !== 429) return undefined;
  const h = e.response?.headers ?? {};
  const cap = `seats waits at most ${Math.round(maxWaitSeconds / 60)} min for a rate limit`;
  if (String(h["x-ratelimit-remaining"]) === "0" && h["x-ratelimit-reset"] !== undefined) {
    const reset = Number(h["x-ratelimit-reset"]) * 1000;
    const mins = Math.max(0, Math.ceil((reset - now) / 60_000));
    return new RateLimitStop(
      `GitHub's API rate limit for these credentials is used up until ${new Date(reset).toISOString()} (in ${mins} min); ${cap}, so it stopped. ` +
        "Re-run after the reset (nothing was left half-done), or use a GitHub App, which has a higher limit",
    );
  }
  if (h["retry-after"] !== undefined || /secondary rate/i.test(String(e.message ?? ""))) {
    return new RateLimitStop(
      `GitHub's secondary rate limit kept refusing requests (retry-after ${String(h["retry-after"] ?? "?")} s); ${cap}, so it stopped. Re-run in a few minutes`,
    );
  }
  return undefined;
}
