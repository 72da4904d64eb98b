// The HTTP layer: parses requests, applies faults, auth and API-version checks, dispatches to
// the route table and writes GitHub-shaped responses (JSON, string-valued rate-limit headers,
// `status` as a string in error bodies). Persists the state after every successful write.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { conditionalReply } from "./conditional.js";
import { ApiError, DOCS } from "./errors.js";
import type { FaultInjector } from "./faults.js";
import type { Handler, Reply } from "./handler.js";
import type { MemoryRequestLog } from "./request-log.js";
import { isGraphqlQuery } from "./routes/graphql-users.js";
import type { Router } from "./router.js";
import type { EmulatorState } from "./state.js";
import { authenticate } from "./tokens.js";
import { tokenOf } from "./identities.js";

export const SUPPORTED_API_VERSIONS = ["2022-11-28", "2026-03-10"];
const RATE_LIMIT = 5000;
/** GitHub rejects bodies this large long before; it also keeps a misbehaving client from eating memory. */
const MAX_BODY_BYTES = 50 * 1024 * 1024;

export interface ServerDeps {
  router: Router<Handler>;
  state: () => EmulatorState;
  faults: FaultInjector;
  log: MemoryRequestLog;
  base: () => string;
  requireAuth: boolean;
  /** Called after a successful mutating request (and after billing-cycle roll-overs). */
  persist: () => void;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(413, "Request body too large"));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createRequestListener(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  let windowStart = Math.floor(Date.now() / 1000);
  let used = 0;

  function rateHeaders(counted: boolean): Record<string, string> {
    const nowSec = Math.floor(Date.now() / 1000);
    if (nowSec >= windowStart + 3600) {
      windowStart = nowSec;
      used = 0;
    }
    if (counted) used++;
    return {
      "x-ratelimit-limit": String(RATE_LIMIT),
      "x-ratelimit-remaining": String(Math.max(0, RATE_LIMIT - used)),
      "x-ratelimit-used": String(used),
      "x-ratelimit-reset": String(windowStart + 3600),
      "x-ratelimit-resource": "core",
    };
  }

  function send(res: ServerResponse, reply: Reply, counted = true): void {
    const headers: Record<string, string> = {
      "x-github-media-type": "github.v3; format=json",
      "x-github-api-version-selected": "2022-11-28",
      "x-github-request-id": randomBytes(8).toString("hex").toUpperCase(),
      ...rateHeaders(counted),
      ...reply.headers,
    };
    if (reply.body === undefined || reply.status === 204 || reply.status === 304) {
      res.writeHead(reply.status, headers);
      res.end();
      return;
    }
    const text = JSON.stringify(reply.body);
    headers["content-type"] = "application/json; charset=utf-8";
    headers["content-length"] = String(Buffer.byteLength(text));
    res.writeHead(reply.status, headers);
    res.end(text);
  }

  const errorReply = (err: ApiError): Reply => ({ status: err.status, body: err.body(), headers: err.headers });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const rawUrl = req.url ?? "/";
    const rawPath = rawUrl.split("?")[0]!;
    const url = new URL(rawUrl, deps.base());
    const match = deps.router.match(method, rawPath);
    const route = match?.template ?? `${method} ${deps.router.templateFor(rawPath) ?? "(unknown route)"}`;
    const fault = deps.faults.decide(method, url.pathname);
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.kind === "stall") {
      // Never served, never answered: the socket stays open until the client gives up (or the
      // emulator closes, which ends every connection).
      deps.log.add({ method, path: url.pathname, route, status: 0, fault: true });
      req.resume();
      return;
    }
    if (fault.kind === "drop") {
      deps.log.add({ method, path: url.pathname, route, status: 0, fault: true });
      req.socket.destroy();
      return;
    }
    let reply: Reply;
    let isFault = false;
    let sent: unknown;
    try {
      const raw = await readBody(req);
      if (fault.kind === "secondary") {
        isFault = true;
        throw new ApiError(
          fault.status,
          "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.",
          undefined,
          { "retry-after": String(fault.retryAfter) },
          "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
        );
      }
      if (fault.kind === "error") {
        isFault = true;
        throw new ApiError(fault.status, fault.status === 502 ? "Server Error" : "Service Unavailable");
      }
      if (deps.requireAuth) {
        const auth = req.headers.authorization;
        if (!auth) throw new ApiError(401, "Requires authentication");
        if (!/^(token|bearer)\s+\S+$/i.test(auth.trim())) throw new ApiError(401, "Bad credentials");
        authenticate(deps.state(), auth, url.pathname);
      }
      if (!req.headers["user-agent"]) {
        throw new ApiError(403, "Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required).");
      }
      const version = req.headers["x-github-api-version"];
      if (typeof version === "string" && !SUPPORTED_API_VERSIONS.includes(version)) {
        throw new ApiError(400, `API version ${version} is not supported.`);
      }
      if (!match) throw new ApiError(404, "Not Found");
      // An org route is served by that org's state (the server may serve several orgs); an
      // unknown org falls to the main one, whose checkOrg answers 404 as GitHub does.
      const main = deps.state();
      const state = (match.params.org !== undefined ? main.orgState(match.params.org) : undefined) ?? main;
      if (state.rollBillingCycle()) deps.persist();
      let body: unknown;
      const text = raw.toString("utf8");
      if (text.trim() !== "") {
        try {
          body = JSON.parse(text);
          if (match.mutating) sent = body;
        } catch {
          throw new ApiError(400, "Problems parsing JSON");
        }
      }
      // A GraphQL query is a POST that only reads: no state change, no cache dropped, nothing saved.
      const mutating = match.mutating && !(match.template === "POST /graphql" && isGraphqlQuery((body as { query?: unknown } | undefined)?.query));
      if (mutating) state.changed();
      try {
        reply = match.handler({ params: match.params, query: url.searchParams, body, url, base: deps.base(), state, authorization: req.headers.authorization, token: tokenOf(req.headers.authorization) });
      } finally {
        // Even a rejected write may have validated in stages; never serve a stale cached view.
        if (mutating) state.changed();
      }
      if (mutating && reply.status < 400) deps.persist();
    } catch (err) {
      if (err instanceof ApiError) reply = errorReply(err);
      else {
        process.stderr.write(`emulator: internal error on ${method} ${url.pathname}: ${(err as Error)?.stack ?? String(err)}\n`);
        reply = { status: 500, body: { message: "Server Error", documentation_url: DOCS, status: "500" } };
      }
    }
    if (fault.kind === "lost") {
      // Served (and persisted) but the answer never arrives: status 0 like a drop, marked a fault.
      deps.log.add({ method, path: url.pathname, route, status: 0, fault: true, ...(sent !== undefined ? { body: sent } : {}) });
      req.socket.destroy();
      return;
    }
    const ifNoneMatch = req.headers["if-none-match"];
    const cond = conditionalReply(method, reply, typeof ifNoneMatch === "string" ? ifNoneMatch : undefined);
    reply = cond.reply;
    deps.log.add({ method, path: url.pathname, route, status: reply.status, ...(isFault ? { fault: true } : {}), ...(sent !== undefined ? { body: sent } : {}) });
    send(res, reply, !cond.notModified);
  }

  return (req, res) => {
    handle(req, res).catch((err: unknown) => {
      process.stderr.write(`emulator: ${(err as Error)?.stack ?? String(err)}\n`);
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ message: "Server Error", documentation_url: DOCS, status: "500" }));
      }
    });
  };
}
