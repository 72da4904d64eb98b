// The OAuth web flow's server-side memory: registered OAuth apps (client id → secret) and the
// one-time codes the authorize page hands out. Kept beside the emulator state, like the token
// registry (tokens.ts): process-lifetime, never persisted.
import { randomBytes } from "node:crypto";
import type { EmulatorState } from "../state.js";

export interface OAuthAppSeed {
  client_id: string;
  client_secret: string;
}

interface PendingCode {
  login: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  expiresAt: number;
}

/** GitHub's codes expire after 10 minutes and work once. */
export const CODE_TTL_MS = 10 * 60_000;

export class OAuthStore {
  /** Empty: any client id is accepted (the demo needs no registration); else only these. */
  readonly apps = new Map<string, string>();
  private readonly codes = new Map<string, PendingCode>();

  constructor(private readonly now: () => number = Date.now) {}

  knowsClient(clientId: string): boolean {
    return this.apps.size === 0 || this.apps.has(clientId);
  }

  secretMatches(clientId: string, secret: string): boolean {
    if (this.apps.size === 0) return secret.length > 0;
    return this.apps.get(clientId) === secret;
  }

  issueCode(c: Omit<PendingCode, "expiresAt">): string {
    const code = randomBytes(10).toString("hex");
    this.codes.set(code, { ...c, expiresAt: this.now() + CODE_TTL_MS });
    return code;
  }

  /** The code's grant, consumed (a second exchange of the same code fails, as on GitHub). */
  redeem(code: string): PendingCode | undefined {
    const c = this.codes.get(code);
    this.codes.delete(code);
    if (!c || c.expiresAt <= this.now()) return undefined;
    return c;
  }
}

const stores = new WeakMap<EmulatorState, OAuthStore>();

export function oauthOf(state: EmulatorState): OAuthStore {
  let s = stores.get(state);
  if (!s) stores.set(state, (s = new OAuthStore(() => state.now().getTime())));
  return s;
}

export function registerOAuthApps(state: EmulatorState, apps: readonly OAuthAppSeed[]): void {
  const s = oauthOf(state);
  for (const a of apps) s.apps.set(a.client_id, a.client_secret);
}
