// Who a request is: a token → identity registry, kept beside the emulator state (not in it: tokens
// are process-lifetime, like a server's session store, and are not persisted).
//
// GitHub hands out several kinds of tokens; the emulator knows the ones it issued itself
// (installation tokens from POST /app/installations/{id}/access_tokens, and whatever other
// modules issue, e.g. OAuth user tokens) and treats every other well-formed token as the seed's
// `viewer`, as it always has. A token with an issued-token prefix that it never issued, or that
// has expired, is refused with 401 like GitHub does. Routes ask `identityOf(ctx)` who is calling
// (e.g. "which App created this check run").
import { randomBytes } from "node:crypto";
import { ApiError } from "./errors.js";
import type { EmulatorState } from "./state.js";

export interface InstallationIdentity {
  kind: "installation";
  appId: number;
  appSlug: string;
  installationId: number;
  /** What the token may do (the installation's, or the subset the exchange asked for). */
  permissions: Record<string, string>;
  repositorySelection: "all" | "selected";
  /** Repository names the token was limited to, when the exchange asked for some. */
  repositories?: string[];
}

export interface UserIdentity {
  kind: "user";
  login: string;
  /** How the token was obtained: the seed's ambient token, or a flow another module emulates. */
  via: "token" | "oauth";
  /** For OAuth tokens: the OAuth/GitHub App that the user authorised. */
  clientId?: string;
  scopes?: string[];
}

export type Identity = InstallationIdentity | UserIdentity;

/** Prefixes GitHub uses for tokens it issues (ghs_ installation, gho_ OAuth, ghu_ App user). */
const ISSUED_PREFIXES = ["ghs_", "gho_", "ghu_"];

interface Issued {
  identity: Identity;
  expiresAt: number;
}

export class TokenRegistry {
  private readonly tokens = new Map<string, Issued>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A fresh token for `identity`, valid for `ttlMs` (GitHub: one hour for installation tokens). */
  issue(identity: Identity, opts: { prefix?: string; ttlMs?: number } = {}): { token: string; expiresAt: Date } {
    const prefix = opts.prefix ?? (identity.kind === "installation" ? "ghs_" : "gho_");
    const token = `${prefix}${base62(36)}`;
    const expiresAt = this.now() + (opts.ttlMs ?? 3_600_000);
    this.tokens.set(token, { identity, expiresAt });
    return { token, expiresAt: new Date(expiresAt) };
  }

  /** The identity of a token this registry issued and that is still valid. */
  lookup(token: string): Identity | undefined {
    const t = this.tokens.get(token);
    if (!t) return undefined;
    if (t.expiresAt <= this.now()) {
      this.tokens.delete(token);
      return undefined;
    }
    return t.identity;
  }

  /** Tokens issued so far, with what they were issued for (tests assert on requested permissions). */
  issued(): { token: string; identity: Identity; expiresAt: Date }[] {
    return [...this.tokens].map(([token, t]) => ({ token, identity: t.identity, expiresAt: new Date(t.expiresAt) }));
  }
}

function base62(n: number): string {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  let out = "";
  for (const b of randomBytes(n)) out += alphabet[b % 62];
  return out;
}

const registries = new WeakMap<EmulatorState, TokenRegistry>();

/** The token registry of one emulator (created on first use). */
export function tokensOf(state: EmulatorState): TokenRegistry {
  let r = registries.get(state);
  if (!r) registries.set(state, (r = new TokenRegistry()));
  return r;
}

/** The bare token of an `Authorization: token …` / `Bearer …` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header?.trim() ?? "");
  return m?.[1];
}

/** A JWT (three base64url parts, header first): what an App sends before it has a token. */
export function looksLikeJwt(token: string): boolean {
  return /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(token);
}

/**
 * Refuses what GitHub refuses before any route runs: an issued-looking token that was never
 * issued or has expired, and an App JWT used anywhere but the /app endpoints.
 */
export function authenticate(state: EmulatorState, header: string | undefined, path: string): void {
  const token = bearerToken(header);
  if (!token) return;
  if (looksLikeJwt(token)) {
    if (!path.startsWith("/app/") && path !== "/app") {
      throw new ApiError(401, "A JSON web token could not be decoded: App JWTs only work on /app endpoints; exchange it for an installation token first");
    }
    return;
  }
  if (ISSUED_PREFIXES.some((p) => token.startsWith(p)) && !tokensOf(state).lookup(token)) throw new ApiError(401, "Bad credentials");
}

/** Who is calling: an identity the registry issued, else the seed's viewer (any other token). */
export function identityOf(ctx: { state: EmulatorState; authorization?: string | undefined }): Identity {
  const token = bearerToken(ctx.authorization);
  const issued = token ? tokensOf(ctx.state).lookup(token) : undefined;
  return issued ?? { kind: "user", login: ctx.state.viewer, via: "token" };
}
