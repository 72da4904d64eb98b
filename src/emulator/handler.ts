// What a route handler sees and returns. Handlers are synchronous: each request's reads and
// writes happen in one turn of the event loop, so concurrent requests never interleave halfway.
import type { View } from "./representations.js";

export interface RequestContext extends View {
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body (undefined when the request had none). */
  body: unknown;
  /** The request URL on the emulator's origin (for Link and Location headers). */
  url: URL;
  /** The request's Authorization header (who is calling: tokens.ts `identityOf`). */
  authorization?: string | undefined;
  /** The request's bearer token, parsed from `authorization` (identities.ts `actorFor`). */
  token?: string | undefined;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => Reply;

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => (headers ? { status, body, headers } : { status, body });

export const noContent = (): Reply => ({ status: 204 });
