// Sessions: the browser holds only a random session id, signed with the portal's secret
// (HMAC-SHA256) in an HttpOnly; Secure; SameSite=Lax cookie. Everything else, the person's
// GitHub token included, stays in server memory, so the token never reaches the browser. A
// cookie whose signature does not verify (forged, or from before a secret change) is ignored.
// Sessions live in this process: a restart signs everyone out (docs/portal.md).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export interface Session {
  id: string;
  login: string;
  /** The person's OAuth token: used server-side for GET /user and their own reviews only. */
  token: string;
  /** Compared with the `_csrf` field of every form this session posts. */
  csrf: string;
  expiresAt: number;
  /** One message for the next page (after a redirect), then cleared. */
  flash?: { kind: "ok" | "error"; text: string };
}

export const SESSION_COOKIE = "seats_session";
export const SESSION_TTL_MS = 8 * 3_600_000;
const MAX_SESSIONS = 100_000;

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly secret: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  sign(value: string): string {
    return `${value}.${createHmac("sha256", this.secret).update(value).digest("base64url")}`;
  }

  /** The value of a signed string, or undefined when the signature is wrong. */
  unsign(signed: string): string | undefined {
    const i = signed.lastIndexOf(".");
    if (i <= 0) return undefined;
    const value = signed.slice(0, i);
    return safeEqual(this.sign(value), signed) ? value : undefined;
  }

  create(login: string, token: string): { session: Session; cookieValue: string } {
    this.sweep();
    const session: Session = {
      id: randomBytes(24).toString("base64url"),
      login,
      token,
      csrf: randomBytes(24).toString("base64url"),
      expiresAt: this.now() + SESSION_TTL_MS,
    };
    this.sessions.set(session.id, session);
    return { session, cookieValue: this.sign(session.id) };
  }

  fromCookie(value: string | undefined): Session | undefined {
    if (!value) return undefined;
    const id = this.unsign(value);
    const s = id ? this.sessions.get(id) : undefined;
    if (!s) return undefined;
    if (s.expiresAt <= this.now()) {
      this.sessions.delete(s.id);
      return undefined;
    }
    return s;
  }

  destroy(id: string): void {
    this.sessions.delete(id);
  }

  /** Drops expired sessions, and the oldest ones beyond the cap (memory stays bounded). */
  private sweep(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
    while (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
  }
}
