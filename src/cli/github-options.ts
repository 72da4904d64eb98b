// Shared CLI glue for commands that talk to GitHub (plan, apply, reclaim, request, import):
// the --api-url flag, and one client built from it and the environment (README, "Talking to
// GitHub"). Missing or malformed credentials are usage errors (exit 2); credentials are never
// printed. The client stops on the run's signal (SIGINT, SIGTERM, --timeout).
import { createGitHubClient, resolveApiUrl, resolveAuth, timingFromEnv, type Auth, type GitHubClient } from "../github/client.js";
import { EtagCache } from "../github/etag-cache.js";
import { displayUrl } from "../github/transport.js";
import { UserError } from "../errors.js";
import type { CommandContext } from "./command.js";
import { stringOpt } from "./command.js";

// The flags and their help live apart (github-flags.ts) so a command's --help loads no client.
export { GITHUB_HELP, GITHUB_OPTIONS } from "./github-flags.js";

export interface ContextClient {
  client: GitHubClient;
  apiUrl: string;
  /** Set when SEATS_ETAG_CACHE names a file: conditional requests across runs. */
  etags?: EtagCache;
  /** What the credentials are (for checks such as enterprise mode's classic-token rule); never print it. */
  auth: Auth;
}

export interface ContextClientOptions {
  /** Only `apply --confirm` (and other explicit write paths) pass true; otherwise every non-GET throws. */
  allowWrites?: boolean;
}

/** Resolves URL and credentials first (so usage errors come before any request) and builds the client. */
export function githubClientFromContext(
  ctx: Pick<CommandContext, "values" | "env" | "io"> & Partial<Pick<CommandContext, "signal">>,
  opts: ContextClientOptions = {},
): ContextClient {
  const apiUrl = resolveApiUrl(stringOpt(ctx as CommandContext, "api-url"), ctx.env);
  const warn = (m: string) => ctx.io.err(`warning: ${m}`);
  const auth = resolveAuth(ctx.env, warn);
  const cacheFile = ctx.env.SEATS_ETAG_CACHE?.trim();
  const etags = cacheFile ? new EtagCache(cacheFile) : undefined;
  const client = createGitHubClient({
    apiUrl,
    auth,
    allowWrites: opts.allowWrites ?? false,
    ...timingFromEnv(ctx.env),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    warn,
    ...(etags ? { etagCache: etags } : {}),
  });
  return { client, apiUrl, auth, ...(etags ? { etags } : {}) };
}

/**
 * The client of the repository a command writes to (its branches, pull requests, issues) when
 * SEATS_REPO_TOKEN is set, else undefined (the caller's client does both). Apart when GITHUB_TOKEN
 * is an owner's classic token that reads the org or enterprise and the PR-bot App's token writes
 * the repository (docs/enterprise.md, "Credentials per job"). The GitHub App variables and the
 * ETag cache stay with the seat client.
 */
export function repoClientFromContext(
  ctx: Pick<CommandContext, "values" | "env" | "io"> & Partial<Pick<CommandContext, "signal">>,
  opts: ContextClientOptions = {},
): GitHubClient | undefined {
  const token = ctx.env.SEATS_REPO_TOKEN?.trim();
  if (!token) return undefined;
  const env = Object.fromEntries(Object.entries(ctx.env).filter(([k]) => !k.startsWith("GITHUB_APP_") && k !== "SEATS_ETAG_CACHE"));
  return githubClientFromContext({ ...ctx, env: { ...env, GITHUB_TOKEN: token } }, opts).client;
}

/** What plan, apply and import need (README, "Permissions a real org needs"). */
export const SEAT_READ_PERMISSIONS =
  "the credentials need, from an org owner, the org's \"GitHub Copilot Business\" and \"Members\" permissions (classic token: manage_billing:copilot + read:org), and policies/policy.yaml must name the right org";

/**
 * A GitHub request that still failed after the client's retries is a rejected run (exit 1) that
 * says which request failed and what to check, not an internal error with a stack trace. Anything
 * that is not an HTTP error from Octokit (a bug, a UserError) passes through unchanged. The
 * message carries no credentials: Octokit redacts the authorization header from `request`, and
 * the URL is printed without any user:password part.
 */
export function githubFailure(err: unknown, permissions: string): unknown {
  const e = err as { status?: unknown; request?: { method?: string; url?: string }; message?: string; response?: unknown };
  if (typeof e?.status !== "number" || !e.request) return err;
  const where = `${e.request.method ?? "?"} ${displayUrl(String(e.request.url ?? "?"))}`;
  // Octokit reports a request that never got an answer (reset, timeout) as status 500 with no response.
  if (!e.response) {
    return new UserError(`GitHub request failed: ${where}: no answer (${e.message ?? "network error"})\nthe network or GitHub failed; re-run later, the job converges`);
  }
  const hint =
    e.status === 401
      ? "check GITHUB_TOKEN or the GitHub App variables"
      : e.status === 403 || e.status === 404
        ? permissions
        : e.status >= 500
          ? "GitHub (or the network) failed; re-run later, the job converges"
          : "see the message above";
  return new UserError(`GitHub request failed: ${where} → ${e.status}: ${e.message ?? ""}\n${hint}`);
}
