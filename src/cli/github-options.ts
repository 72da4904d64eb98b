// Shared CLI glue for commands that talk to GitHub (plan, apply, reclaim, request, import):
// the --api-url flag, and one client built from it and the environment (SPEC §3). Missing or
// incomplete credentials are usage errors (exit 2); credentials are never printed.
import { createGitHubClient, resolveApiUrl, resolveAuth, timingFromEnv, type GitHubClient } from "../github/client.js";
import type { CommandContext, OptionSpec } from "./command.js";
import { stringOpt } from "./command.js";

export const GITHUB_OPTIONS: OptionSpec = {
  "api-url": { type: "string" },
};

export const GITHUB_HELP = `GitHub:
  --api-url <url>   REST API base URL (else GITHUB_API_URL, else https://api.github.com)
  Credentials: GITHUB_TOKEN, or GITHUB_APP_ID + GITHUB_APP_PRIVATE_KEY + GITHUB_APP_INSTALLATION_ID.`;

export interface ContextClient {
  client: GitHubClient;
  apiUrl: string;
}

export interface ContextClientOptions {
  /** Only `apply --confirm` (and other explicit write paths) pass true; otherwise every non-GET throws. */
  allowWrites?: boolean;
}

/** Resolves URL and credentials first (so usage errors come before any request) and builds the client. */
export function githubClientFromContext(ctx: Pick<CommandContext, "values" | "env" | "io">, opts: ContextClientOptions = {}): ContextClient {
  const apiUrl = resolveApiUrl(stringOpt(ctx as CommandContext, "api-url"), ctx.env);
  const auth = resolveAuth(ctx.env);
  const client = createGitHubClient({
    apiUrl,
    auth,
    allowWrites: opts.allowWrites ?? false,
    ...timingFromEnv(ctx.env),
    warn: (m) => ctx.io.err(`warning: ${m}`),
  });
  return { client, apiUrl };
}
