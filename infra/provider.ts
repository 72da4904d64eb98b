// The explicit github.Provider every team resource uses, configured from stack config (the same
// `github:*` keys the provider documents) with the seats CLI's environment variables as
// fallback, so one workflow environment drives both `pulumi up` and `seats apply`.
//
// `resolveProviderSettings` is pure (config values and env in, settings out); `createGitHubProvider`
// is the one place that builds the Pulumi resource. Credentials are always passed wrapped in
// pulumi.secret: the generated Provider class copies GITHUB_TOKEN from the environment into its
// inputs *unencrypted* when no token is given, and provider inputs are stored in the state file.
import * as pulumi from "@pulumi/pulumi";
import * as github from "@pulumi/github";
import { UserError } from "../src/errors.js";
import { authFromEnv, type Auth } from "../src/github/client.js";
import { notAnOwnerToken } from "../src/github/token-kind.js";

/** The `github:*` stack config keys this program reads (all optional). */
export interface GitHubConfigValues {
  owner?: string | undefined;
  token?: string | undefined;
  appAuth?: { id?: unknown; installationId?: unknown; pemFile?: unknown } | undefined;
  baseUrl?: string | undefined;
  legacyClient?: boolean | undefined;
  writeDelayMs?: number | undefined;
  readDelayMs?: number | undefined;
  retryDelayMs?: number | undefined;
  maxRetries?: number | undefined;
  parallelRequests?: boolean | undefined;
}

export type ProviderAuth =
  | { kind: "token"; token: string; source: "github:token" | "GITHUB_TOKEN" }
  | { kind: "app"; id: string; installationId: string; pemFile: string; source: "github:appAuth" | "GITHUB_APP_*" }
  | { kind: "anonymous" };

export interface ProviderSettings {
  owner: string;
  auth: ProviderAuth;
  baseUrl?: string;
  legacyClient: boolean;
  writeDelayMs?: number;
  readDelayMs?: number;
  retryDelayMs?: number;
  maxRetries?: number;
  parallelRequests?: boolean;
}

export interface ResolvedProvider {
  settings: ProviderSettings;
  /** Things worth a `pulumi.log.warn`, never containing a credential. */
  warnings: string[];
}

/**
 * Owner: `github:owner`, else policy.yaml's `org`; both set and different is refused (the stack
 * would manage a different org than the one the seat repo declares).
 * Credentials, first match wins: `github:appAuth`, `github:token` (both set is refused), then the
 * environment the seats CLI uses: GITHUB_APP_ID + GITHUB_APP_INSTALLATION_ID +
 * GITHUB_APP_PRIVATE_KEY (or the provider's GITHUB_APP_PEM_FILE), then GITHUB_TOKEN.
 * `legacyClient` defaults to false (see docs/pulumi.md, "Performance").
 */
export function resolveProviderSettings(
  cfg: GitHubConfigValues,
  env: NodeJS.ProcessEnv,
  policyOrg: string,
): ResolvedProvider {
  const warnings: string[] = [];
  const configOwner = cfg.owner?.trim();
  if (configOwner && policyOrg && configOwner.toLowerCase() !== policyOrg.toLowerCase()) {
    throw new UserError(
      `github:owner is "${configOwner}" but policies/policy.yaml declares org "${policyOrg}"; ` +
        "`pulumi config rm github:owner` (the org comes from policy.yaml) or fix `org:` in policies/policy.yaml",
    );
  }
  const owner = configOwner || policyOrg;
  if (!owner) throw new UserError("no GitHub org: set `org:` in policies/policy.yaml (or `pulumi config set github:owner <org>`)");
  refuseConflictingOwnerEnv(owner, env);

  const baseUrl = normalizeBaseUrl(cfg.baseUrl || env.GITHUB_BASE_URL || env.GITHUB_API_URL);
  const settings: ProviderSettings = {
    owner,
    auth: resolveAuth(cfg, env, warnings),
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    legacyClient: cfg.legacyClient ?? false,
    ...definedNumber("writeDelayMs", cfg.writeDelayMs),
    ...definedNumber("readDelayMs", cfg.readDelayMs),
    ...definedNumber("retryDelayMs", cfg.retryDelayMs),
    ...definedNumber("maxRetries", cfg.maxRetries),
    ...(cfg.parallelRequests !== undefined ? { parallelRequests: cfg.parallelRequests } : {}),
  };
  return { settings, warnings };
}

function resolveAuth(cfg: GitHubConfigValues, env: NodeJS.ProcessEnv, warnings: string[]): ProviderAuth {
  const token = cfg.token?.trim();
  if (cfg.appAuth !== undefined && token) {
    throw new UserError("both github:token and github:appAuth are set; keep one (`pulumi config rm github:token`)");
  }
  if (cfg.appAuth !== undefined) {
    const { id, installationId, pemFile } = cfg.appAuth;
    const missing = [
      !str(id) && "github:appAuth.id",
      !str(installationId) && "github:appAuth.installationId",
      !str(pemFile) && "github:appAuth.pemFile",
    ].filter(Boolean);
    if (missing.length) {
      throw new UserError(
        `GitHub App config is incomplete: set ${missing.join(", ")} ` +
          "(e.g. `pulumi config set --path github:appAuth.id 123`; the key with `--secret`)",
      );
    }
    return { kind: "app", id: str(id)!, installationId: str(installationId)!, pemFile: pem(str(pemFile)!), source: "github:appAuth" };
  }
  if (token) return { kind: "token", token, source: "github:token" };

  // The same variables as the `seats` CLI (one reader); the provider's own GITHUB_APP_PEM_FILE
  // is accepted as the key too.
  let fromEnv: Auth | undefined;
  try {
    fromEnv = authFromEnv({ ...env, GITHUB_APP_PRIVATE_KEY: env.GITHUB_APP_PRIVATE_KEY || env.GITHUB_APP_PEM_FILE });
  } catch (err) {
    throw new UserError((err as Error).message);
  }
  if (fromEnv?.kind === "app") {
    return { kind: "app", id: fromEnv.appId, installationId: fromEnv.installationId, pemFile: pem(fromEnv.privateKey), source: "GITHUB_APP_*" };
  }
  if (fromEnv?.kind === "token") return { kind: "token", token: fromEnv.token, source: "GITHUB_TOKEN" };

  warnings.push(
    "no GitHub credentials: set `pulumi config set --secret github:token <token>` (or GITHUB_TOKEN, or a GitHub App); " +
      "the provider will call the API anonymously and every write will fail",
  );
  return { kind: "anonymous" };
}

/**
 * The provider's own environment fallbacks for the org. The provider process inherits this
 * process's environment, and terraform-provider-github v6 reads GITHUB_OWNER *before* the `owner`
 * argument (configureProvider: `organization`, then env GITHUB_OWNER, then `owner`), so a stray
 * GITHUB_OWNER (say, a workflow's repository owner) would silently point every team at another
 * org than policy.yaml's. Refuse instead of guessing which one was meant.
 */
function refuseConflictingOwnerEnv(owner: string, env: NodeJS.ProcessEnv): void {
  for (const key of ["GITHUB_OWNER", "GITHUB_ORGANIZATION"] as const) {
    const v = env[key]?.trim();
    if (v && v.toLowerCase() !== owner.toLowerCase()) {
      throw new UserError(
        `${key} is "${v}" but this stack manages org "${owner}" (policies/policy.yaml); ` +
          `the GitHub provider would use ${key} instead: unset it, or set it to ${owner}`,
      );
    }
  }
}

/**
 * The API base URL: `github:baseUrl`, else GITHUB_BASE_URL (the provider's variable), else
 * GITHUB_API_URL (the `seats` CLI's; GitHub Actions sets it to the instance's API URL, e.g.
 * https://api.<subdomain>.ghe.com or https://<host>/api/v3), so one environment drives both.
 * The provider (v6.13 getBaseURL) appends the trailing slash, strips a GHES `api/v3/` suffix
 * and maps github.com / <subdomain>.ghe.com to their api. hosts; it refuses an http URL or a path
 * for github.com and ghe.com hosts, which is checked here so the error names the setting.
 */
function normalizeBaseUrl(raw: string | undefined): string | undefined {
  const v = raw?.trim();
  if (!v) return undefined;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new UserError(`github:baseUrl "${v}" is not a URL; use e.g. https://api.<subdomain>.ghe.com/`);
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") {
    throw new UserError(`github:baseUrl "${v}" must be an http(s) URL`);
  }
  const host = u.hostname.toLowerCase();
  if (host === "github.com" || host === "api.github.com" || host.endsWith(".ghe.com")) {
    if (u.protocol !== "https:") throw new UserError(`github:baseUrl "${v}" must use https for ${host}`);
    if (u.pathname.replace(/\/+$/, "") !== "") {
      throw new UserError(`github:baseUrl "${v}" must not have a path for ${host}; use ${u.origin}/`);
    }
  }
  return v.endsWith("/") ? v : `${v}/`;
}

function definedNumber<K extends string>(key: K, v: number | undefined): Partial<Record<K, number>> {
  if (v === undefined) return {};
  if (!Number.isFinite(v) || v < 0) throw new UserError(`github:${key} must be a non-negative number, got ${v}`);
  return { [key]: v } as Record<K, number>;
}

function str(v: unknown): string | undefined {
  if (typeof v === "number") return String(v);
  return typeof v === "string" && v.trim() ? v.trim() : undefined;
}

/** Secrets pasted into one-line variables often carry literal "\n"; PEM needs real newlines. */
function pem(key: string): string {
  return key.replace(/\\n/g, "\n");
}

/** Reads the `github:*` keys from stack config. */
export function readGitHubConfig(config: pulumi.Config): GitHubConfigValues {
  return {
    owner: config.get("owner"),
    token: config.get("token"),
    appAuth: config.getObject<GitHubConfigValues["appAuth"]>("appAuth"),
    baseUrl: config.get("baseUrl"),
    legacyClient: config.getBoolean("legacyClient"),
    writeDelayMs: config.getNumber("writeDelayMs"),
    readDelayMs: config.getNumber("readDelayMs"),
    retryDelayMs: config.getNumber("retryDelayMs"),
    maxRetries: config.getNumber("maxRetries"),
    parallelRequests: config.getBoolean("parallelRequests"),
  };
}

/** The provider resource's Pulumi name; changing it would re-home every team resource. */
export const PROVIDER_NAME = "github";

/**
 * The settings of each org a repo manages (`orgs:`, first is policy.yaml's `org`), by lower-cased
 * login: the first org's settings with that org as owner. GITHUB_OWNER / GITHUB_ORGANIZATION
 * would point every provider at one org, so any value that is not each org is refused. A GitHub
 * App installation (or its ghs_ token, or a fine-grained token) is one org's, so several orgs
 * need an org owner's classic token.
 */
export function settingsPerOrg(first: ProviderSettings, orgs: readonly string[], env: NodeJS.ProcessEnv): Map<string, ProviderSettings> {
  const out = new Map<string, ProviderSettings>([[first.owner.toLowerCase(), first]]);
  const others = orgs.filter((o) => o.toLowerCase() !== first.owner.toLowerCase());
  const oneOrgOnly = first.auth.kind === "app" ? "a GitHub App installation" : first.auth.kind === "token" ? notAnOwnerToken(first.auth.token) : undefined;
  if (others.length && oneOrgOnly) {
    throw new UserError(
      `policies/policy.yaml manages several orgs (${[first.owner, ...others].join(", ")}), but the credentials are ${oneOrgOnly}, which belongs to one org: ` +
        "give `pulumi up` a token of an owner of every org (github:token or GITHUB_TOKEN, scope admin:org)",
    );
  }
  for (const org of others) {
    refuseConflictingOwnerEnv(org, env);
    out.set(org.toLowerCase(), { ...first, owner: org });
  }
  return out;
}

/** One provider per org: the first org's keeps the name `github` (its stack's teams stay put), the others `github-<org>`. */
export function createGitHubProviders(perOrg: ReadonlyMap<string, ProviderSettings>, firstOrg: string): Map<string, github.Provider> {
  return new Map(
    [...perOrg].map(([k, s]) => [k, createGitHubProvider(s, undefined, k === firstOrg.toLowerCase() ? PROVIDER_NAME : `${PROVIDER_NAME}-${k}`)]),
  );
}

export function createGitHubProvider(s: ProviderSettings, opts?: pulumi.CustomResourceOptions, name = PROVIDER_NAME): github.Provider {
  const auth: Pick<github.ProviderArgs, "token" | "appAuth"> =
    s.auth.kind === "token"
      ? { token: pulumi.secret(s.auth.token) }
      : s.auth.kind === "app"
        ? {
            appAuth: pulumi.secret({ id: s.auth.id, installationId: s.auth.installationId, pemFile: s.auth.pemFile }),
            // An explicit (secret, empty) token stops the SDK from copying GITHUB_TOKEN, which
            // Actions always sets, into the provider's inputs in plain text.
            token: pulumi.secret(""),
          }
        : {};
  return new github.Provider(
    name,
    {
      owner: s.owner,
      ...auth,
      ...(s.baseUrl !== undefined ? { baseUrl: s.baseUrl } : {}),
      legacyClient: s.legacyClient,
      ...(s.writeDelayMs !== undefined ? { writeDelayMs: s.writeDelayMs } : {}),
      ...(s.readDelayMs !== undefined ? { readDelayMs: s.readDelayMs } : {}),
      ...(s.retryDelayMs !== undefined ? { retryDelayMs: s.retryDelayMs } : {}),
      ...(s.maxRetries !== undefined ? { maxRetries: s.maxRetries } : {}),
      ...(s.parallelRequests !== undefined ? { parallelRequests: s.parallelRequests } : {}),
    },
    opts,
  );
}
