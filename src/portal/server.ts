// `seats portal`: the self-service web portal (docs/portal.md). node:http, server-rendered HTML,
// no client script. It reads the seat repo from the default branch through the API and writes
// only by opening pull requests; people sign in with GitHub's OAuth web flow.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { GitHubClient } from "../github/client.js";
import { scrub } from "../github/transport.js";
import { type OAuthConfig } from "./github-auth.js";
import { HttpError, newNonce, securityHeaders, sendHtml, sendJson } from "./http.js";
import { html } from "./html.js";
import { page } from "./layout.js";
import type { Job } from "./pages.js";
import { handleRoute } from "./routes.js";
import { SeatRepo, type RepoTarget } from "./seat-repo.js";
import { SessionStore } from "./session.js";

export interface PortalOptions {
  host: string;
  port: number;
  target: RepoTarget;
  oauth: OAuthConfig;
  /** The portal's own credentials (GITHUB_TOKEN or the App): reads, and writes through PRs. */
  appClient: GitHubClient;
  /** A client acting as the signed-in person (their approvals are theirs on GitHub). */
  userClient: (token: string) => GitHubClient;
  /** The URL people reach the portal at (the OAuth callback is built from it); default http://host:port. */
  publicUrl?: string;
  sessionSecret: Buffer;
  /** False only when serving plain http beyond localhost (not recommended; docs/portal.md). */
  secureCookies?: boolean;
  /** Logins that see the admin page besides the org's owners. */
  admins?: readonly string[];
  /** One line per request; never receives a token. */
  log?: (line: string) => void;
  now?: () => Date;
}

export interface PortalContext extends Required<Pick<PortalOptions, "target" | "oauth" | "appClient" | "userClient" | "sessionSecret">> {
  publicUrl: string;
  secure: boolean;
  admins: Set<string>;
  repo: SeatRepo;
  sessions: SessionStore;
  jobs: Map<string, Job>;
  now: () => Date;
  log: (line: string) => void;
  /** Tokens seen in this process, so a log line or error can never carry one. */
  secrets: Set<string>;
}

export interface RunningPortal {
  url: string;
  server: Server;
  context: PortalContext;
  close(): Promise<void>;
}

export interface Reply {
  nonce: string;
  headers: Record<string, string>;
}

function errorPage(res: ServerResponse, r: Reply, status: number, message: string): void {
  sendHtml(res, status, page({ title: "Error", nonce: r.nonce }, html`<h1>${status === 403 ? "Not allowed" : status === 404 ? "Not found" : "Something went wrong"}</h1><p role="alert">${message}</p><p><a href="/">Back to My Copilot</a></p>`), r.headers);
}

export async function startPortal(o: PortalOptions): Promise<RunningPortal> {
  const log = o.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const ctx: PortalContext = {
    target: o.target,
    oauth: o.oauth,
    appClient: o.appClient,
    userClient: o.userClient,
    sessionSecret: o.sessionSecret,
    publicUrl: "",
    secure: o.secureCookies ?? true,
    admins: new Set((o.admins ?? []).map((a) => a.toLowerCase())),
    repo: new SeatRepo(o.appClient, o.target),
    sessions: new SessionStore(o.sessionSecret),
    jobs: new Map(),
    now: o.now ?? (() => new Date()),
    log: (line) => log(scrub(line, [...ctx.secrets, o.oauth.clientSecret])),
    secrets: new Set(),
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    const r: Reply = { nonce: newNonce(), headers: {} };
    r.headers = securityHeaders(r.nonce, ctx.publicUrl.startsWith("https:"));
    const path = (req.url ?? "/").split("?")[0]!;
    const api = path.startsWith("/api/");
    handleRoute(ctx, req, res, r)
      .catch((err: unknown) => {
        if (res.headersSent) return;
        if (err instanceof HttpError) {
          if (api) sendJson(res, err.status, { message: err.message }, r.headers);
          else errorPage(res, r, err.status, err.message);
          return;
        }
        ctx.log(`portal: error on ${req.method} ${path}: ${(err as Error)?.message ?? String(err)}`);
        if (api) sendJson(res, 502, { message: "GitHub did not answer as expected; try again" }, r.headers);
        else errorPage(res, r, 502, "GitHub did not answer as expected; try again in a moment.");
      })
      .finally(() => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        // The path only: a query may carry an OAuth code.
        ctx.log(`${req.method} ${path} ${res.statusCode} ${ms.toFixed(1)}ms`);
      });
  });
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${o.host.includes(":") ? `[${o.host}]` : o.host}:${port}`;
  ctx.publicUrl = (o.publicUrl ?? url).replace(/\/+$/, "");
  // Read the seat repo now, so the first person signing in does not wait for it.
  ctx.repo.snapshot().catch((err: unknown) => ctx.log(`portal: cannot read ${o.target.owner}/${o.target.repo}@${o.target.base} yet: ${(err as Error)?.message ?? String(err)}`));
  return {
    url,
    server,
    context: ctx,
    close: () =>
      new Promise<void>((resolve, reject) => {
        ctx.repo.close();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
