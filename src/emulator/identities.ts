// Who a request acts as, derived from its token: a user, or a GitHub App (its installation token,
// whose writes appear as `<slug>[bot]`). GitHub answers some things by identity only: a check run
// remembers the App that created it and only that App may update it; a PR's author cannot approve
// it. Tokens that nobody registered act as the seed's `viewer`, as before, so every existing test
// and the demo keep working. Register tokens through the seed (`apps`, `tokens`), `control.ci`, or
// `registerToken` (the App installation-token route can call it for the tokens it mints).
import { nodeId } from "./ids.js";
import type { EmulatorState } from "./state.js";
import { tokensOf } from "./tokens.js";
import { userJson, type View } from "./representations.js";

export interface AppRec {
  id: number;
  slug: string;
  name: string;
}

export type Actor = { kind: "user"; login: string } | { kind: "app"; app: AppRec; login: string };

export interface TokenIdentity {
  /** A user's token … */
  login?: string;
  /** … or an installation token of this App (its slug or id). */
  app?: string | number;
}

interface Registry {
  apps: Map<number, AppRec>;
  tokens: Map<string, TokenIdentity>;
}

const registries = new WeakMap<EmulatorState, Registry>();

function registry(state: EmulatorState): Registry {
  let r = registries.get(state);
  if (!r) {
    r = { apps: new Map(), tokens: new Map() };
    registries.set(state, r);
  }
  return r;
}

export function addApp(state: EmulatorState, app: { id: number; slug: string; name?: string }): AppRec {
  const rec = { id: app.id, slug: app.slug, name: app.name ?? app.slug };
  registry(state).apps.set(app.id, rec);
  return rec;
}

export function appBy(state: EmulatorState, key: string | number): AppRec | undefined {
  const apps = registry(state).apps;
  if (typeof key === "number") return apps.get(key);
  return [...apps.values()].find((a) => a.slug.toLowerCase() === key.toLowerCase());
}

export function registerToken(state: EmulatorState, token: string, identity: TokenIdentity): void {
  if (identity.app !== undefined && !appBy(state, identity.app)) throw new Error(`emulator: unknown GitHub App ${identity.app} (list it under apps:)`);
  registry(state).tokens.set(token, identity);
}

/** The token of an `Authorization: token …` / `Bearer …` header. */
export function tokenOf(header: string | undefined): string | undefined {
  return /^(?:token|bearer)\s+(\S+)$/i.exec(header?.trim() ?? "")?.[1];
}

export function actorFor(state: EmulatorState, token: string | undefined): Actor {
  const id = token === undefined ? undefined : (registry(state).tokens.get(token) ?? issuedIdentity(state, token));
  if (id?.app !== undefined) {
    const app = appBy(state, id.app)!;
    return { kind: "app", app, login: botLogin(app) };
  }
  return { kind: "user", login: id?.login ?? state.viewer };
}

/** A token the emulator minted itself (an App installation token, an OAuth user token: tokens.ts). */
function issuedIdentity(state: EmulatorState, token: string): TokenIdentity | undefined {
  const issued = tokensOf(state).lookup(token);
  if (!issued) return undefined;
  if (issued.kind === "installation") return appBy(state, issued.appId) ? { app: issued.appId } : undefined;
  return { login: issued.login };
}

export const botLogin = (app: AppRec): string => `${app.slug}[bot]`;

/** Bot accounts get ids of their own, away from the seeded users'. */
export const botUserId = (app: AppRec): number => 41_000_000 + app.id;

export function appOfBotLogin(state: EmulatorState, login: string): AppRec | undefined {
  const m = /^(.+)\[bot\]$/i.exec(login);
  return m ? appBy(state, m[1]!) : undefined;
}

/** The git signature of an actor's commits (GitHub's noreply address links it to the account). */
export function actorSignature(state: EmulatorState, actor: Actor): { name: string; email: string } {
  if (actor.kind === "app") return { name: actor.login, email: `${botUserId(actor.app)}+${actor.login}@users.noreply.github.com` };
  const id = state.user(actor.login)?.id ?? 0;
  return { name: actor.login, email: `${id}+${actor.login}@users.noreply.github.com` };
}

/** The account a commit e-mail belongs to (only GitHub's noreply addresses are modelled). */
export function loginOfEmail(state: EmulatorState, email: string): string | undefined {
  const m = /^\d+\+(.+)@users\.noreply\.github\.com$/i.exec(email);
  if (!m) return undefined;
  const login = m[1]!;
  if (appOfBotLogin(state, login)) return botLogin(appOfBotLogin(state, login)!);
  return state.user(login)?.login;
}

/** `simple-user` of an App's bot account. */
export function botUserJson(v: View, app: AppRec): Record<string, unknown> {
  const id = botUserId(app);
  return {
    // `[bot]` is not allowed raw in the URLs (they must be valid URIs).
    ...userJson(v, { login: encodeURIComponent(botLogin(app)), id }),
    login: botLogin(app),
    node_id: nodeId("Bot", id),
    avatar_url: `https://avatars.githubusercontent.com/in/${app.id}?v=4`,
    html_url: `${v.base}/apps/${app.slug}`,
    type: "Bot",
  };
}

/** `integration` (a check run's `app`). */
export function appJson(v: View, app: AppRec): Record<string, unknown> {
  const o = v.state.org;
  const created = "2024-01-01T00:00:00Z";
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId("Integration", app.id),
    client_id: `Iv1.${app.id.toString(16).padStart(16, "0")}`,
    owner: { ...botUserJson(v, app), login: o.login, id: o.id, node_id: nodeId("Organization", o.id), type: "Organization", html_url: `${v.base}/${o.login}` },
    name: app.name,
    description: null,
    external_url: `${v.base}/apps/${app.slug}`,
    html_url: `${v.base}/apps/${app.slug}`,
    created_at: created,
    updated_at: created,
    permissions: { checks: "write", contents: "write", pull_requests: "write", metadata: "read" },
    events: ["check_run", "pull_request"],
  };
}
