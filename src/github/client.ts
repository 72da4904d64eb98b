// The one Octokit factory: @octokit/rest with the throttling
// and retry plugins, base URL and credentials resolved in one place, the REST API version
// pinned, and dry run enforced inside the client: unless the caller asks for a mutating
// client, every non-GET request throws before it leaves the process.
import { Octokit } from "@octokit/rest";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { createAppAuth } from "@octokit/auth-app";
import Bottleneck from "bottleneck";
import { createPrivateKey } from "node:crypto";
import { setMaxListeners } from "node:events";
import { interruption, UsageError } from "../errors.js";
import { useEtagCache, type EtagCache } from "./etag-cache.js";
import { appAuthFailure, changesState, checkAnswer, errorIsNotApi, guardedFetch, isTokenExchange, rateLimitStop, scrub, unwrap } from "./transport.js";

export const DEFAULT_API_URL = "https://api.github.com";
export const API_VERSION = "2022-11-28";

const SeatsOctokit = Octokit.plugin(throttling, retry);
export type GitHubClient = InstanceType<typeof SeatsOctokit>;

export type Auth =
  | { kind: "token"; token: string }
  | { kind: "app"; appId: string; privateKey: string; installationId: string };

/** `--api-url`, else GITHUB_API_URL (set by Actions; GHE.com; the emulator), else api.github.com. */
export function resolveApiUrl(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag !== undefined && flag.trim() === "") throw new UsageError("--api-url needs a URL, e.g. --api-url https://api.github.com");
  const from = flag ? "--api-url" : env.GITHUB_API_URL ? "GITHUB_API_URL" : "the default";
  const url = (flag || env.GITHUB_API_URL || DEFAULT_API_URL).trim().replace(/\/+$/, "");
  let u: URL;
  try {
    u = new URL(url);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("protocol");
  } catch {
    // The value itself is not echoed: a mistyped URL can hold a pasted secret.
    throw new UsageError(`${from} is not an http(s) URL: pass e.g. --api-url https://api.github.com (or your GHE.com / GHES .../api/v3 / emulator URL)`);
  }
  if (u.username || u.password) {
    throw new UsageError(`${from} must not contain a user name or password (user:pass@host); put the credential in GITHUB_TOKEN instead`);
  }
  return url;
}

/**
 * Where people change org settings, for the links in messages: github.com for api.github.com,
 * https://<sub>.ghe.com for https://api.<sub>.ghe.com, the server root for GHES (…/api/v3), and
 * the origin itself for anything else (the emulator).
 */
export function webUrlOf(apiUrl: string): string {
  try {
    const u = new URL(apiUrl);
    if (u.hostname === "api.github.com") return "https://github.com";
    if (u.hostname.startsWith("api.") && u.hostname.endsWith(".ghe.com")) return `${u.protocol}//${u.hostname.slice(4)}`;
    return u.origin;
  } catch {
    return "https://github.com";
  }
}

/** The base URL a client was built for. */
export function apiUrlOf(client: GitHubClient): string {
  return String(client.request.endpoint.DEFAULTS.baseUrl);
}

/**
 * Credentials from the environment: a GitHub App (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY,
 * GITHUB_APP_INSTALLATION_ID) when any of its variables is set, else GITHUB_TOKEN; undefined when
 * neither is. Shared by the CLI and the Pulumi provider so both read the same variables. Malformed
 * values are usage errors that name the variable and never echo it; `note` hears which
 * credentials won when both kinds are set.
 */
export function authFromEnv(env: NodeJS.ProcessEnv, note?: (message: string) => void): Auth | undefined {
  const appId = env.GITHUB_APP_ID?.trim();
  const key = env.GITHUB_APP_PRIVATE_KEY;
  const installationId = env.GITHUB_APP_INSTALLATION_ID?.trim();
  const token = env.GITHUB_TOKEN?.trim();
  if (appId || key?.trim() || installationId) {
    const missing = [
      !appId && "GITHUB_APP_ID",
      !key?.trim() && "GITHUB_APP_PRIVATE_KEY",
      !installationId && "GITHUB_APP_INSTALLATION_ID",
    ].filter(Boolean);
    if (missing.length) {
      throw new UsageError(
        `GitHub App credentials are incomplete: set ${missing.join(", ")}` +
          (token
            ? "; the GitHub App variables take precedence over GITHUB_TOKEN, so unset them to use the token"
            : " (or use GITHUB_TOKEN instead)"),
      );
    }
    if (!/^\d+$/.test(appId!) && !/^Iv[0-9A-Za-z.]+$/.test(appId!)) {
      throw new UsageError("GITHUB_APP_ID must be the App's numeric ID (or its client ID, Iv…), as shown on the App's settings page");
    }
    if (!/^\d+$/.test(installationId!)) {
      throw new UsageError("GITHUB_APP_INSTALLATION_ID must be a number (the last part of the installation's settings URL, …/installations/<id>)");
    }
    // Secrets pasted into one-line env vars often carry literal "\n"; PEM needs real newlines.
    const privateKey = key!.replace(/\\n/g, "\n").trim();
    if (token) note?.("both GITHUB_TOKEN and the GitHub App variables are set; using the GitHub App");
    return { kind: "app", appId: appId!, privateKey, installationId: installationId! };
  }
  if (!token) return undefined;
  checkToken(token, "GITHUB_TOKEN");
  return { kind: "token", token };
}

/** A token goes into an HTTP header: printable ASCII only. Says what is wrong, never the value. */
export function checkToken(token: string, variable: string): void {
  if (/[\u2018\u2019\u201c\u201d\u00ab\u00bb]/.test(token)) {
    throw new UsageError(`${variable} contains typographic quotes (“ ” ‘ ’), probably from copy-paste; set it to the bare token`);
  }
  if (/[^\x20-\x7e]/.test(token)) {
    const what = /[\r\n]/.test(token) ? "a line break" : /[^\x00-\x7f]/.test(token) ? "non-ASCII characters" : "control characters";
    throw new UsageError(`${variable} contains ${what}, which cannot go into an HTTP header; set it to the bare token`);
  }
  if (/\s/.test(token)) {
    throw new UsageError(`${variable} contains spaces; set it to the bare token (without "token " or "Bearer ")`);
  }
}

/** The PEM text of an RSA private key, or a usage error that says what was given instead. */
function checkPrivateKey(pem: string): string {
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    const looksLikePath = !/\s/.test(pem) && /[/\\]|\.pem$/i.test(pem);
    throw new UsageError(
      looksLikePath
        ? "GITHUB_APP_PRIVATE_KEY looks like a file path; it must hold the key itself: GITHUB_APP_PRIVATE_KEY=\"$(cat app.pem)\""
        : "GITHUB_APP_PRIVATE_KEY is not a PEM private key (it must start with -----BEGIN RSA PRIVATE KEY-----); paste the whole .pem file",
    );
  }
  try {
    const k = createPrivateKey(pem);
    if (k.asymmetricKeyType !== "rsa") throw new Error("not RSA");
  } catch {
    throw new UsageError("GITHUB_APP_PRIVATE_KEY is not a valid RSA private key (the PEM text is damaged or incomplete); download a new key from the App's settings");
  }
  return pem;
}

/** GITHUB_TOKEN, or a GitHub App; a usage error when there are no credentials at all. */
export function resolveAuth(env: NodeJS.ProcessEnv, note?: (message: string) => void): Auth {
  const auth = authFromEnv(env, note);
  // The CLI signs its own JWTs, so a damaged key is caught here, before any request.
  if (auth?.kind === "app") checkPrivateKey(auth.privateKey);
  if (auth) return auth;
  throw new UsageError(
    "no GitHub credentials: set GITHUB_TOKEN, or GITHUB_APP_ID + GITHUB_APP_PRIVATE_KEY + GITHUB_APP_INSTALLATION_ID",
  );
}

/**
 * The HTTP status of a failed Octokit request, or undefined for anything else (a network error
 * that never got an answer, a bug). Callers branch on it: 404 "not there yet", 422 "content
 * refused", and so on.
 */
export function httpStatus(err: unknown): number | undefined {
  const s = (err as { status?: unknown })?.status;
  return typeof s === "number" && s > 0 ? s : undefined;
}

/** Thrown by the dry-run request hook; reaching it is a bug in the caller, not a user error. */
export class DryRunViolation extends Error {
  override name = "DryRunViolation";
}

/**
 * The non-GETs a read-only client may send: a GitHub App trading its JWT for an installation
 * token (as prow's `isDryRunAllowed` allows exactly this), and a GraphQL query (a read sent as
 * POST; a `mutation` is refused). Neither changes anything in the org.
 */
export function isDryRunAllowed(method: string, url: string, graphqlQuery?: unknown): boolean {
  const m = method.toUpperCase();
  return m === "GET" || m === "HEAD" || (m === "POST" && (isTokenExchange(url) || isGraphqlRead(url, graphqlQuery)));
}

/**
 * `POST /graphql` whose document is a query (`{ … }` or `query … { … }`), never a mutation. String
 * literals are blanked first, so a login named "mutation" is still a read; the word anywhere
 * else (a second operation, a comment) refuses the document, which errs on the safe side.
 */
export function isGraphqlRead(url: string, query: unknown): boolean {
  if (typeof query !== "string" || !/(^|\/)graphql$/.test(url.replace(/[?#].*$/, ""))) return false;
  const doc = query.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return /^\s*(query\b[^{]*)?\{/.test(doc) && !/\b(mutation|subscription)\b/.test(doc);
}

export interface ClientOptions {
  apiUrl: string;
  auth: Auth;
  /** When false (the default), every request other than GET/HEAD throws DryRunViolation. */
  allowWrites?: boolean;
  /**
   * Milliseconds per second of `retry-after` and of retry back-off. GitHub wants real seconds
   * (1000); tests and the demo against the emulator use a small value so faults stay fast.
   */
  retryAfterBaseMs?: number;
  /** Spacing between mutating requests; GitHub asks for at least 1 s (best practices). */
  writeIntervalMs?: number;
  /** Where warnings (rate limits, retries) go; never receives credentials. */
  warn?: (message: string) => void;
  userAgent?: string;
  /**
   * The run's signal (SIGINT, SIGTERM, --timeout): reads in flight are aborted, no new request
   * starts, and the request being waited on (a retry back-off, a rate-limit wait) rejects at once
   * with the signal's reason.
   */
  signal?: AbortSignal;
  /** Per attempt (default 60 s); a retry starts a fresh one. */
  requestTimeoutMs?: number;
  /** Longest rate-limit wait before the run stops with the reset time instead (default 300 s). */
  maxRateLimitWaitSeconds?: number;
  /** The fetch to use (tests); default the global one. */
  fetch?: typeof fetch;
  /** Conditional GETs (If-None-Match) answered from this cache on a 304 (src/github/etag-cache.ts). */
  etagCache?: EtagCache;
}

type Timing = Pick<ClientOptions, "retryAfterBaseMs" | "writeIntervalMs" | "requestTimeoutMs">;

/** Timing knobs from the environment (SEATS_RETRY_BASE_MS, SEATS_WRITE_INTERVAL_MS, SEATS_REQUEST_TIMEOUT_MS). */
export function timingFromEnv(env: NodeJS.ProcessEnv): Timing {
  const num = (v: string | undefined) => (v !== undefined && v !== "" && Number.isFinite(Number(v)) && Number(v) >= 0 ? Number(v) : undefined);
  const out: Timing = {};
  const base = num(env.SEATS_RETRY_BASE_MS);
  const write = num(env.SEATS_WRITE_INTERVAL_MS);
  const request = num(env.SEATS_REQUEST_TIMEOUT_MS);
  if (base !== undefined) out.retryAfterBaseMs = base;
  if (write !== undefined) out.writeIntervalMs = write;
  if (request !== undefined && request > 0) out.requestTimeoutMs = request;
  return out;
}

const MAX_RATE_LIMIT_RETRIES = 4;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = 300;

export function createGitHubClient(opts: ClientOptions): GitHubClient {
  const secrets = opts.auth.kind === "token" ? [opts.auth.token] : [];
  const warn = (m: string) => (opts.warn ?? ((t: string) => process.stderr.write(`warning: ${t}\n`)))(scrub(m, secrets));
  const base = opts.retryAfterBaseMs ?? 1000;
  const maxWait = opts.maxRateLimitWaitSeconds ?? DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS;
  const signal = opts.signal;
  // Each request in flight listens on the run's signal (reads page with concurrency 8), so the
  // default limit of 10 listeners would print a false "possible memory leak" warning.
  if (signal) setMaxListeners(0, signal);
  const authOptions =
    opts.auth.kind === "token"
      ? { auth: opts.auth.token }
      : {
          authStrategy: createAppAuth,
          auth: { appId: opts.auth.appId, privateKey: opts.auth.privateKey, installationId: opts.auth.installationId },
        };
  const octokit = new SeatsOctokit({
    ...authOptions,
    baseUrl: opts.apiUrl,
    userAgent: opts.userAgent ?? "copilot-seats-as-code",
    // plugin-request-log reports every failed request at `error`, including 404s that callers
    // expect and handle (e.g. "does the bot branch exist yet?"); failures surface as exceptions.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => warn(m), error: () => {} },
    retry: { retryAfterBaseValue: base },
    request: {
      fetch: guardedFetch({
        apiUrl: opts.apiUrl,
        requestTimeoutMs: opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        secrets,
        ...(signal ? { signal } : {}),
        ...(opts.fetch ? { fetch: opts.fetch } : {}),
      }),
    },
    throttle: {
      retryAfterBaseValue: base,
      // The plugin's default write group is process-global with 1 s spacing; ours is per client.
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: opts.writeIntervalMs ?? 1000 }),
      // Writes that notify people (PRs, comments, labels) get the plugin's 3x spacing, also per client.
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3 * (opts.writeIntervalMs ?? 1000) }),
      // A wait longer than the cap is not slept through: the request fails and the outer hook
      // turns it into a message with the reset time (rateLimitStop).
      onRateLimit: (retryAfter, options, _o, retryCount) => {
        if (retryAfter > maxWait || retryCount >= MAX_RATE_LIMIT_RETRIES || signal?.aborted) return false;
        warn(`rate limit hit on ${options.method} ${options.url}; retrying in ${retryAfter}s (attempt ${retryCount + 1})`);
        return true;
      },
      onSecondaryRateLimit: (retryAfter, options, _o, retryCount) => {
        if (retryAfter > maxWait || retryCount >= MAX_RATE_LIMIT_RETRIES || signal?.aborted) return false;
        warn(`secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter}s (attempt ${retryCount + 1})`);
        return true;
      },
    },
  });
  // Octokit has no option for default headers (`request.headers` is silently ignored), so the
  // version is pinned in a hook; every request, retries included, carries it.
  octokit.hook.before("request", (options) => {
    options.headers["x-github-api-version"] = API_VERSION;
  });
  if (!opts.allowWrites) {
    octokit.hook.before("request", (options) => {
      const method = String(options.method).toUpperCase();
      if (!isDryRunAllowed(method, String(options.url), (options as { query?: unknown }).query)) {
        throw new DryRunViolation(`dry run: refusing ${method} ${String(options.url)} (pass --confirm to make changes)`);
      }
    });
  }
  // Inside the outer hook below, so a cached answer is checked like any other.
  if (opts.etagCache) useEtagCache(octokit as unknown as Parameters<typeof useEtagCache>[0], opts.etagCache);
  // Registered last, so it wraps everything above (auth, throttling, retries): the one place that
  // stops on the run's signal, checks what came back, and says why a run stopped.
  octokit.hook.wrap("request", async (request, options) => {
    const route = `${String(options.method).toUpperCase()} ${String(options.url)}`;
    if (signal?.aborted) throw interruption(signal);
    let response;
    try {
      // A write already under way is waited for (its outcome must be known); anything else stops now.
      const pending = Promise.resolve(request(options));
      response = changesState(String(options.method), String(options.url)) ? await pending : await abortable(pending, signal);
    } catch (err) {
      const e = unwrap(err);
      if (signal?.aborted && !(e instanceof DryRunViolation)) throw interruption(signal);
      throw appAuthFailure(e) ?? rateLimitStop(e, maxWait) ?? errorIsNotApi(opts.apiUrl, route, e) ?? e;
    }
    checkAnswer(opts.apiUrl, route, response.status, response.data, response.headers as Record<string, unknown>);
    return response;
  });
  return octokit;
}

/** `p`, or the signal's reason as soon as it fires (a retry back-off or rate-limit wait is not waited out). */
function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(interruption(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
