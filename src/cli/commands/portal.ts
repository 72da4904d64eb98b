// `seats portal`: starts the self-service web portal (docs/portal.md) until Ctrl-C / SIGTERM.
import { randomBytes } from "node:crypto";
import { UsageError } from "../../errors.js";
import { createGitHubClient, resolveApiUrl, timingFromEnv } from "../../github/client.js";
import { startPortal } from "../../portal/server.js";
import { type Command, stringOpt } from "../command.js";
import { GITHUB_OPTIONS, githubClientFromContext } from "../github-options.js";
import { requireRepoOption } from "../repo-flag.js";

export function parsePort(value: string | undefined): number {
  if (value === undefined) return 8080;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new UsageError(`--port must be a number from 0 to 65535 (got "${value}")`);
  return n;
}

function checkUrl(value: string, from: string): string {
  try {
    const u = new URL(value);
    if (u.protocol !== "https:" && u.protocol !== "http:") throw new Error();
    return value.replace(/\/+$/, "");
  } catch {
    throw new UsageError(`${from} must be an http(s) URL (got "${value}")`);
  }
}

export const portalCommand: Command = {
  name: "portal",
  summary: "the self-service web portal: sign in with GitHub, see your seat, request one",
  dirIsRepo: false,
  help: `Usage: seats portal [--port <n>] [--host <h>] [--repo <owner/name>] [--base <branch>]
                    [--github-url <url>] [--public-url <url>] [--api-url <url>]

A web server for developers: sign in with GitHub, see your Copilot seat, request one with one
button (a pull request, the same as \`seats request --open-pr\`), give it back; approvers see the
requests of the teams they maintain, org owners the seat report with charts. It reads the seat
repo from --base through the API and writes only by opening pull requests (docs/portal.md).

Flags:
  --port <n>           listen port (default 8080; 0 picks a free one)
  --host <h>           listen address (default 127.0.0.1; 0.0.0.0 in a container)
  --repo <owner/name>  the seat repository (default: GITHUB_REPOSITORY)
  --base <branch>      its default branch (default: main)
  --github-url <url>   where people sign in: https://github.com (default), https://<sub>.ghe.com,
                       or the emulator's URL (SEATS_PORTAL_GITHUB_URL)
  --public-url <url>   the URL people open (the OAuth callback is <url>/auth/callback; default
                       http://<host>:<port>; SEATS_PORTAL_URL)
  --api-url <url>      REST API base URL (else GITHUB_API_URL, else https://api.github.com)

Environment:
  SEATS_PORTAL_CLIENT_ID, SEATS_PORTAL_CLIENT_SECRET   the OAuth app people sign in with (required)
  SEATS_PORTAL_SESSION_SECRET   signs session cookies (at least 32 characters; default: random
                                per start, so a restart signs everyone out)
  SEATS_PORTAL_ADMINS           logins (comma-separated) who see the admin page besides org owners
  GITHUB_TOKEN, or GITHUB_APP_ID + GITHUB_APP_PRIVATE_KEY + GITHUB_APP_INSTALLATION_ID: the
  portal's own credentials (read seats and members; contents + pull requests write on --repo)

Exit codes: 0 stopped by a signal, 2 usage error.`,
  options: {
    port: { type: "string" },
    host: { type: "string" },
    repo: { type: "string" },
    base: { type: "string" },
    "github-url": { type: "string" },
    "public-url": { type: "string" },
    ...GITHUB_OPTIONS,
  },
  async run(ctx) {
    const port = parsePort(stringOpt(ctx, "port"));
    const host = stringOpt(ctx, "host") ?? "127.0.0.1";
    const { owner, repo } = requireRepoOption(ctx, "seats portal needs the seat repository");
    const base = stringOpt(ctx, "base") ?? "main";
    const clientId = ctx.env.SEATS_PORTAL_CLIENT_ID?.trim();
    const clientSecret = ctx.env.SEATS_PORTAL_CLIENT_SECRET?.trim();
    if (!clientId || !clientSecret) throw new UsageError("set SEATS_PORTAL_CLIENT_ID and SEATS_PORTAL_CLIENT_SECRET (the OAuth app people sign in with; docs/portal.md)");
    const secretText = ctx.env.SEATS_PORTAL_SESSION_SECRET;
    if (secretText !== undefined && secretText.length < 32) throw new UsageError("SEATS_PORTAL_SESSION_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)");
    const apiUrl = resolveApiUrl(stringOpt(ctx, "api-url"), ctx.env);
    const githubUrl = checkUrl(stringOpt(ctx, "github-url") ?? ctx.env.SEATS_PORTAL_GITHUB_URL ?? "https://github.com", "--github-url");
    const publicFlag = stringOpt(ctx, "public-url") ?? ctx.env.SEATS_PORTAL_URL;
    const publicUrl = publicFlag ? checkUrl(publicFlag, "--public-url") : undefined;
    const { client } = githubClientFromContext(ctx, { allowWrites: true });
    const timing = timingFromEnv(ctx.env);
    const portal = await startPortal({
      host,
      port,
      target: { owner, repo, base },
      oauth: { githubUrl, apiUrl, clientId, clientSecret },
      appClient: client,
      userClient: (token) => createGitHubClient({ apiUrl, auth: { kind: "token", token }, allowWrites: true, ...timing, writeIntervalMs: 0 }),
      ...(publicUrl ? { publicUrl } : {}),
      sessionSecret: secretText ? Buffer.from(secretText) : randomBytes(32),
      admins: (ctx.env.SEATS_PORTAL_ADMINS ?? "").split(",").map((s) => s.trim()).filter(Boolean),
      log: (line) => ctx.io.err(line),
    });
    ctx.io.out(`seats portal: ${publicUrl ?? portal.url} (seat repo ${owner}/${repo}@${base}; sign-in at ${githubUrl})`);
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      else ctx.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    await portal.close();
    return 0;
  },
};
