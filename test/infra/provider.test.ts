import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { createGitHubProvider, resolveProviderSettings, type GitHubConfigValues } from "../../infra/provider.js";
import { installMocks, TYPES, valueOf, type Recorder } from "./mocks.js";

const ORG = "acme";
const resolve = (cfg: GitHubConfigValues, env: NodeJS.ProcessEnv = {}) => resolveProviderSettings(cfg, env, ORG);

describe("resolveProviderSettings: owner", () => {
  it.each([
    { name: "policy.yaml's org by default", cfg: {}, owner: "acme" },
    { name: "github:owner when it matches (case-insensitively)", cfg: { owner: "ACME" }, owner: "ACME" },
  ])("$name", ({ cfg, owner }) => {
    expect(resolve(cfg, { GITHUB_TOKEN: "t" }).settings.owner).toBe(owner);
  });

  it("refuses a github:owner that differs from policy.yaml", () => {
    expect(() => resolve({ owner: "other" })).toThrow(UserError);
    expect(() => resolve({ owner: "other" })).toThrow(/github:owner is "other" but policies\/policy.yaml declares org "acme"/);
  });
});

describe("resolveProviderSettings: credentials", () => {
  const app = { id: "12", installationId: "34", pemFile: "-----BEGIN KEY-----\\nabc" };
  it.each([
    { name: "github:token", cfg: { token: "cfg-token" }, env: { GITHUB_TOKEN: "env" }, auth: { kind: "token", token: "cfg-token", source: "github:token" } },
    { name: "GITHUB_TOKEN", cfg: {}, env: { GITHUB_TOKEN: "env" }, auth: { kind: "token", token: "env", source: "GITHUB_TOKEN" } },
    {
      name: "github:appAuth (literal \\n become newlines)",
      cfg: { appAuth: app },
      env: { GITHUB_TOKEN: "env" },
      auth: { kind: "app", id: "12", installationId: "34", pemFile: "-----BEGIN KEY-----\nabc", source: "github:appAuth" },
    },
    {
      name: "numeric app ids from structured config",
      cfg: { appAuth: { id: 12, installationId: 34, pemFile: "k" } },
      env: {},
      auth: { kind: "app", id: "12", installationId: "34", pemFile: "k", source: "github:appAuth" },
    },
    {
      name: "the seats CLI's App variables win over GITHUB_TOKEN",
      cfg: {},
      env: { GITHUB_APP_ID: "1", GITHUB_APP_INSTALLATION_ID: "2", GITHUB_APP_PRIVATE_KEY: "k", GITHUB_TOKEN: "env" },
      auth: { kind: "app", id: "1", installationId: "2", pemFile: "k", source: "GITHUB_APP_*" },
    },
    {
      name: "the provider's GITHUB_APP_PEM_FILE is accepted too",
      cfg: {},
      env: { GITHUB_APP_ID: "1", GITHUB_APP_INSTALLATION_ID: "2", GITHUB_APP_PEM_FILE: "k" },
      auth: { kind: "app", id: "1", installationId: "2", pemFile: "k", source: "GITHUB_APP_*" },
    },
  ])("$name", ({ cfg, env, auth }) => {
    const r = resolve(cfg, env);
    expect(r.settings.auth).toEqual(auth);
    expect(r.warnings).toEqual([]);
  });

  it("warns, without failing, when there are no credentials at all", () => {
    const r = resolve({}, {});
    expect(r.settings.auth).toEqual({ kind: "anonymous" });
    expect(r.warnings.join("\n")).toMatch(/no GitHub credentials: set `pulumi config set --secret github:token/);
  });

  it.each([
    { name: "token and appAuth both in config", cfg: { token: "t", appAuth: app }, env: {}, message: /both github:token and github:appAuth/ },
    { name: "incomplete appAuth", cfg: { appAuth: { id: "1" } }, env: {}, message: /github:appAuth.installationId, github:appAuth.pemFile/ },
    { name: "incomplete App env", cfg: {}, env: { GITHUB_APP_ID: "1" }, message: /set GITHUB_APP_PRIVATE_KEY, GITHUB_APP_INSTALLATION_ID/ },
  ])("refuses $name", ({ cfg, env, message }) => {
    expect(() => resolve(cfg, env)).toThrow(UserError);
    expect(() => resolve(cfg, env)).toThrow(message);
  });

  it("never puts a credential in an error or warning", () => {
    const secret = "ghp_supersecretvalue";
    const messages: string[] = [];
    for (const [cfg, env] of [
      [{ owner: "other", token: secret }, {}],
      [{ token: secret, appAuth: { id: "1", installationId: "2", pemFile: secret } }, {}],
      [{}, { GITHUB_APP_ID: "1", GITHUB_APP_PRIVATE_KEY: secret }],
    ] as Array<[GitHubConfigValues, NodeJS.ProcessEnv]>) {
      try {
        messages.push(...resolve(cfg, env).warnings);
      } catch (e) {
        messages.push((e as Error).message);
      }
    }
    expect(messages).toHaveLength(3);
    for (const m of messages) expect(m).not.toContain(secret);
  });
});

describe("resolveProviderSettings: endpoint and performance", () => {
  it.each([
    { name: "defaults: new client, provider's default URL", cfg: {}, env: {}, want: { legacyClient: false } },
    { name: "legacyClient can be turned back on", cfg: { legacyClient: true }, env: {}, want: { legacyClient: true } },
    {
      name: "github:baseUrl gets its trailing slash",
      cfg: { baseUrl: "https://api.octo.ghe.com" },
      env: {},
      want: { baseUrl: "https://api.octo.ghe.com/" },
    },
    { name: "GITHUB_BASE_URL", cfg: {}, env: { GITHUB_BASE_URL: "https://ghe.example/" }, want: { baseUrl: "https://ghe.example/" } },
    {
      name: "GITHUB_API_URL (what Actions sets, and the seats CLI reads) when GITHUB_BASE_URL is unset",
      cfg: {},
      env: { GITHUB_API_URL: "https://api.octo.ghe.com" },
      want: { baseUrl: "https://api.octo.ghe.com/" },
    },
    {
      name: "a GHES API URL is passed as is (the provider strips api/v3/ itself)",
      cfg: {},
      env: { GITHUB_API_URL: "https://ghes.example.com/api/v3" },
      want: { baseUrl: "https://ghes.example.com/api/v3/" },
    },
    {
      name: "GITHUB_BASE_URL wins over GITHUB_API_URL, github:baseUrl over both",
      cfg: { baseUrl: "https://api.cfg.ghe.com" },
      env: { GITHUB_BASE_URL: "https://api.base.ghe.com/", GITHUB_API_URL: "https://api.github.com" },
      want: { baseUrl: "https://api.cfg.ghe.com/" },
    },
    {
      name: "GITHUB_OWNER equal to the org (case-insensitively) is fine",
      cfg: {},
      env: { GITHUB_OWNER: "ACME", GITHUB_ORGANIZATION: "acme" },
      want: { owner: "acme" },
    },
    {
      name: "tuning knobs pass through",
      cfg: { writeDelayMs: 250, readDelayMs: 0, retryDelayMs: 500, maxRetries: 5, parallelRequests: true },
      env: {},
      want: { writeDelayMs: 250, readDelayMs: 0, retryDelayMs: 500, maxRetries: 5, parallelRequests: true },
    },
  ])("$name", ({ cfg, env, want }) => {
    const s = resolve(cfg, { GITHUB_TOKEN: "t", ...env }).settings;
    expect(s).toMatchObject(want);
    if (!("baseUrl" in want)) expect(s).not.toHaveProperty("baseUrl");
  });

  it.each([
    { cfg: { baseUrl: "not a url" }, message: /github:baseUrl "not a url" is not a URL/ },
    { cfg: { baseUrl: "ftp://x/" }, message: /must be an http\(s\) URL/ },
    { cfg: { writeDelayMs: -1 }, message: /github:writeDelayMs must be a non-negative number/ },
    { cfg: { baseUrl: "http://api.octo.ghe.com" }, message: /must use https for api.octo.ghe.com/ },
    { cfg: { baseUrl: "https://api.octo.ghe.com/api/v3" }, message: /must not have a path for api.octo.ghe.com; use https:\/\/api.octo.ghe.com\// },
    { cfg: { baseUrl: "https://api.github.com/v3/" }, message: /must not have a path for api.github.com/ },
  ])("refuses $cfg", ({ cfg, message }) => {
    expect(() => resolve(cfg, { GITHUB_TOKEN: "t" })).toThrow(message);
  });

  it.each([
    { key: "GITHUB_OWNER", value: "someone-else" },
    { key: "GITHUB_ORGANIZATION", value: "other-org" },
  ])("refuses $key naming another org (the provider would prefer it over `owner`)", ({ key, value }) => {
    const call = () => resolve({}, { GITHUB_TOKEN: "t", [key]: value });
    expect(call).toThrow(UserError);
    expect(call).toThrow(new RegExp(`${key} is "${value}" but this stack manages org "acme".*unset it, or set it to acme`));
  });
});

describe("createGitHubProvider (under mocks)", () => {
  let rec: Recorder;
  beforeAll(async () => {
    rec = await installMocks();
  });
  // How a secret travels to the engine: wrapped in the SDK's secret envelope (encrypted in state).
  const secret = (value: unknown) => ({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value });

  it("passes owner, endpoint and client choice, and the token as a secret", async () => {
    const p = createGitHubProvider(
      { owner: "acme", auth: { kind: "token", token: "tok", source: "github:token" }, legacyClient: false, baseUrl: "https://api.x.ghe.com/" },
    );
    await valueOf(p.urn);
    await rec.settle();
    expect(rec.get(TYPES.provider, "github").inputs).toEqual({
      owner: "acme",
      baseUrl: "https://api.x.ghe.com/",
      legacyClient: "false",
      token: secret("tok"),
    });
  });

  it("with a GitHub App, sends appAuth as a secret and never the environment's GITHUB_TOKEN", async () => {
    const saved = process.env.GITHUB_TOKEN;
    process.env.GITHUB_TOKEN = "ghs_from_the_actions_environment";
    try {
      const p = createGitHubProvider(
        { owner: "acme", auth: { kind: "app", id: "1", installationId: "2", pemFile: "pem", source: "github:appAuth" }, legacyClient: true },
        { aliases: [] },
      );
      await valueOf(p.urn);
      await rec.settle();
    } finally {
      if (saved === undefined) delete process.env.GITHUB_TOKEN;
      else process.env.GITHUB_TOKEN = saved;
    }
    const inputs = rec.registered.filter((r) => r.type === TYPES.provider).at(-1)!.inputs;
    expect(JSON.stringify(inputs)).not.toContain("ghs_from_the_actions_environment");
    expect(inputs.token).toEqual(secret(""));
    expect(inputs.appAuth).toEqual(secret(JSON.stringify({ id: "1", installationId: "2", pemFile: "pem" })));
    expect(inputs.legacyClient).toBe("true");
  });
});
