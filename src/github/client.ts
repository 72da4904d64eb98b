// The one Octokit factory (DESIGN: "one Octokit factory"): @octokit/rest with the throttling
// and retry plugins, base URL and credentials resolved in one place, the REST API version
// pinned, and dry run enforced inside the client: unless the caller asks for a mutating
// client, every non-GET request throws before it leaves the process.
import { Octokit } from "@octokit/rest";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { createAppAuth } from "@octokit/auth-app";
import Bottleneck from "bottleneck";
import { UsageError } from "../errors.js";

export const DEFAULT_API_URL = "https://api.github.com";
export const API_VERSION = "2022-11-28";

const SeatsOctokit = Octokit.plugin(throttling, retry);
export type GitHubClient = InstanceType<typeof SeatsOctokit>;

export type Auth =
  | { kind: "token"; token: string }
  | { kind: "app"; appId: string; privateKey: string; installationId: string };

/** `--api-url`, else GITHUB_API_URL (set by Actions; GHE.com; the emulator), else api.github.com. */
export function resolveApiUrl(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const url = (flag || env.GITHUB_API_URL || DEFAULT_API_URL).replace(/\/+$/, "");
  try {
    const u = new URL(url);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("protocol");
  } catch {
    throw new UsageError(`invalid API URL "${url}": pass --api-url https://api.github.com (or your GHE.com / emulator URL)`);
  }
  return url;
}

/**
 * Credentials from the environment: a GitHub App (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY,
 * GITHUB_APP_INSTALLATION_ID) when any of its variables is set, else GITHUB_TOKEN; undefined when
 * neither is. Shared by the CLI and the Pulumi provider so both read the same variables.
 */
export function authFromEnv(env: NodeJS.ProcessEnv): Auth | undefined {
  const appId = env.GITHUB_APP_ID?.trim();
  const key = env.GITHUB_APP_PRIVATE_KEY;
  const installationId = env.GITHUB_APP_INSTALLATION_ID?.trim();
  if (appId || key || installationId) {
    const missing = [
      !appId && "GITHUB_APP_ID",
      !key && "GITHUB_APP_PRIVATE_KEY",
      !installationId && "GITHUB_APP_INSTALLATION_ID",
    ].filter(Boolean);
    if (missing.length) {
      throw new UsageError(`GitHub App credentials are incomplete: set ${missing.join(", ")} (or use GITHUB_TOKEN instead)`);
    }
    // Secrets pasted into one-line env vars often carry literal "\n"; PEM needs real newlines.
    return { kind: "app", appId: appId!, privateKey: key!.replace(/\\n/g, "\n"), installationId: installationId! };
  }
  const token = env.GITHUB_TOKEN?.trim();
  return token ? { kind: "token", token } : undefined;
}

/** GITHUB_TOKEN, or a GitHub App; a usage error when there are no credentials at all. */
export function resolveAuth(env: NodeJS.ProcessEnv): Auth {
  const auth = authFromEnv(env);
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
}

/** Timing knobs from the environment (SEATS_RETRY_BASE_MS, SEATS_WRITE_INTERVAL_MS). */
export function timingFromEnv(env: NodeJS.ProcessEnv): Pick<ClientOptions, "retryAfterBaseMs" | "writeIntervalMs"> {
  const num = (v: string | undefined) => (v !== undefined && v !== "" && Number.isFinite(Number(v)) ? Number(v) : undefined);
  const out: Pick<ClientOptions, "retryAfterBaseMs" | "writeIntervalMs"> = {};
  const base = num(env.SEATS_RETRY_BASE_MS);
  const write = num(env.SEATS_WRITE_INTERVAL_MS);
  if (base !== undefined) out.retryAfterBaseMs = base;
  if (write !== undefined) out.writeIntervalMs = write;
  return out;
}

const MAX_RATE_LIMIT_RETRIES = 4;

export function createGitHubClient(opts: ClientOptions): GitHubClient {
  const warn = opts.warn ?? ((m: string) => process.stderr.write(`warning: ${m}\n`));
  const base = opts.retryAfterBaseMs ?? 1000;
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
    throttle: {
      retryAfterBaseValue: base,
      // The plugin's default write group is process-global with 1 s spacing; ours is per client.
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: opts.writeIntervalMs ?? 1000 }),
      // Writes that notify people (PRs, comments, labels) get the plugin's 3x spacing, also per client.
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3 * (opts.writeIntervalMs ?? 1000) }),
      onRateLimit: (retryAfter, options, _o, retryCount) => {
        warn(`rate limit hit on ${options.method} ${options.url}; retrying in ${retryAfter}s (attempt ${retryCount + 1})`);
        return retryCount < MAX_RATE_LIMIT_RETRIES;
      },
      onSecondaryRateLimit: (retryAfter, options, _o, retryCount) => {
        warn(`secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter}s (attempt ${retryCount + 1})`);
        return retryCount < MAX_RATE_LIMIT_RETRIES;
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
      if (method !== "GET" && method !== "HEAD") {
        throw new DryRunViolation(`dry run: refusing ${method} ${String(options.url)} (pass --confirm to make changes)`);
      }
    });
  }
  return octokit;
}
