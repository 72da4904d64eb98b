// GitHub Apps in the emulator: the Apps the seed declares (id, public key, installations) and the
// check of the JWT an App signs to ask for an installation token. GitHub keeps only the public
// key; so does the seed. Time checks use the real clock, not the emulator's (which tests move):
// the client signs with the real one.
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { ApiError } from "./errors.js";
import type { EmulatorState } from "./state.js";
import { addApp } from "./identities.js";
import type { SeedApp } from "./types.js";

export interface AppRecord {
  id: number;
  slug: string;
  clientId: string;
  /** Absent when the seed gives no public key: such an App cannot sign in with a JWT. */
  key?: KeyObject;
  installations: Map<number, { id: number; permissions: Record<string, string>; repositorySelection: "all" | "selected"; repositories?: string[] }>;
}

const appsByState = new WeakMap<EmulatorState, AppRecord[]>();

/** Checks the seed's `apps` (structure and keys), with messages that say where. */
export function checkSeedApps(raw: unknown, where: string): void {
  if (raw === undefined) return;
  const fail = (msg: string): never => {
    throw new Error(`${where}: ${msg}`);
  };
  if (!Array.isArray(raw)) fail("`apps` must be a list of {id, public_key, installations}");
  (raw as unknown[]).forEach((a, i) => {
    const app = a as Partial<SeedApp> | null;
    if (!app || typeof app !== "object") fail(`apps[${i}] must be a mapping`);
    if (!Number.isInteger(app!.id) || app!.id! <= 0) fail(`apps[${i}].id must be a positive whole number (the App ID)`);
    if (app!.slug !== undefined && (typeof app!.slug !== "string" || !/^[a-z0-9][a-z0-9-]*$/.test(app!.slug))) fail(`apps[${i}].slug must be a lowercase slug`);
    if (app!.public_key !== undefined) {
      if (typeof app!.public_key !== "string") fail(`apps[${i}].public_key must be the App's public key (PEM)`);
      try {
        createPublicKey(app!.public_key!);
      } catch {
        fail(`apps[${i}].public_key is not a PEM public key (openssl rsa -in app.pem -pubout)`);
      }
    }
    if (app!.installations !== undefined && (!Array.isArray(app!.installations) || !app!.installations.every((x) => Number.isInteger(x?.id) && x.id > 0))) {
      fail(`apps[${i}].installations must be a list of {id, permissions?}`);
    }
  });
}

/** Attaches the seed's Apps to an emulator's state (called once at start). */
export function attachApps(state: EmulatorState, apps: readonly SeedApp[] | undefined): void {
  registerActors(state, apps);
  appsByState.set(
    state,
    (apps ?? []).map((a) => ({
      id: a.id,
      slug: a.slug ?? `app-${a.id}`,
      clientId: a.client_id ?? `Iv1.${a.id.toString(16).padStart(16, "0")}`,
      ...(a.public_key ? { key: createPublicKey(a.public_key) } : {}),
      installations: new Map(
        (a.installations ?? []).map((i) => [
          i.id,
          {
            id: i.id,
            permissions: i.permissions ?? { members: "read", organization_copilot_seat_management: "write" },
            repositorySelection: i.repositories ? "selected" : "all",
            ...(i.repositories ? { repositories: i.repositories } : {}),
          },
        ]),
      ),
    })),
  );
}

/** Registers the seed's Apps as actors too (their tokens write as `<slug>[bot]`: identities.ts). */
function registerActors(state: EmulatorState, apps: readonly SeedApp[] | undefined): void {
  for (const a of apps ?? []) addApp(state, { id: a.id, slug: a.slug ?? `app-${a.id}`, ...(a.name ? { name: a.name } : {}) });
}

export function appsOf(state: EmulatorState): readonly AppRecord[] {
  return appsByState.get(state) ?? [];
}

const b64url = (s: string): Buffer => Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64");

const undecodable = () => new ApiError(401, "A JSON web token could not be decoded");

/**
 * The App that signed `jwt`, after GitHub's checks: RS256 over `header.payload` with the App's
 * key, `iss` naming the App (ID or client ID), `iat` not in the future (60 s of clock drift
 * allowed), `exp` in the future and at most 10 minutes after `iat`.
 */
export function verifyAppJwt(state: EmulatorState, jwt: string, nowMs = Date.now()): AppRecord {
  const parts = jwt.split(".");
  if (parts.length !== 3) throw undecodable();
  let header: { alg?: unknown };
  let claims: { iss?: unknown; iat?: unknown; exp?: unknown };
  try {
    header = JSON.parse(b64url(parts[0]!).toString("utf8")) as typeof header;
    claims = JSON.parse(b64url(parts[1]!).toString("utf8")) as typeof claims;
  } catch {
    throw undecodable();
  }
  if (header.alg !== "RS256") throw undecodable();
  const app = appsOf(state).find((a) => String(a.id) === String(claims.iss) || a.clientId === claims.iss);
  if (!app) throw new ApiError(401, "Integration not found");
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  if (!app.key || !verify("RSA-SHA256", signed, app.key, b64url(parts[2]!))) throw undecodable();
  const now = Math.floor(nowMs / 1000);
  if (typeof claims.iat !== "number" || !Number.isInteger(claims.iat) || claims.iat > now + 60) {
    throw new ApiError(401, "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued.");
  }
  if (typeof claims.exp !== "number" || claims.exp <= now) {
    throw new ApiError(401, "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires.");
  }
  if (claims.exp - claims.iat > 600) throw new ApiError(401, "'Expiration time' claim ('exp') is too far in the future.");
  return app;
}
