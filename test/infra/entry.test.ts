// The entry module (infra/index.ts) as Pulumi runs it: mocks first, then a dynamic import (a
// static one would register resources before the mocks exist). Each case re-imports it with a
// fresh module registry and its own environment and stack config.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import * as pulumi from "@pulumi/pulumi";
import { afterEach, describe, expect, it, vi } from "vitest";
import { hasErrors } from "../../src/model/findings.js";
import { validateRepo } from "../../src/validate/validate.js";
import { installMocks, TYPES, valueOf, type Recorder } from "./mocks.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/infra");
const ROOT = path.resolve(import.meta.dirname, "../..");
type Entry = typeof import("../../infra/index.js");

const savedEnv = { ...process.env };
afterEach(() => {
  for (const k of [
    "SEATS_DIR",
    "GITHUB_TOKEN",
    "GITHUB_APP_ID",
    "GITHUB_APP_PRIVATE_KEY",
    "GITHUB_APP_INSTALLATION_ID",
    "GITHUB_BASE_URL",
    "GITHUB_API_URL",
    "GITHUB_OWNER",
    "SEATS_PLAN",
  ]) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
});

interface Setup {
  env?: Record<string, string>;
  config?: Record<string, string>;
}

async function prepare(opts: Setup): Promise<Recorder> {
  vi.resetModules();
  delete process.env.SEATS_DIR;
  delete process.env.GITHUB_APP_ID;
  delete process.env.GITHUB_API_URL;
  delete process.env.GITHUB_BASE_URL;
  delete process.env.GITHUB_OWNER;
  process.env.GITHUB_TOKEN = "test-token";
  // The verified plan seats-apply passes to `pulumi up` (infra/org-members.ts): nobody left out.
  process.env.SEATS_PLAN = path.join(FIXTURES, "plans/none-left-out.json");
  Object.assign(process.env, opts.env ?? {});
  pulumi.runtime.setAllConfig(opts.config ?? {});
  return installMocks("copilot-seats", "test");
}

async function run(opts: Setup): Promise<{ entry: Entry; rec: Recorder }> {
  const rec = await prepare(opts);
  const entry = (await import("../../infra/index.js")) as Entry;
  await valueOf(entry.teams);
  await rec.settle();
  return { entry, rec };
}

async function failure(opts: Setup): Promise<{ err: Error; rec: Recorder }> {
  const rec = await prepare(opts);
  try {
    await import("../../infra/index.js");
  } catch (e) {
    await rec.settle();
    return { err: e as Error, rec };
  }
  throw new Error("expected the program to fail");
}

describe("infra/index.ts", () => {
  it("reads the seat repo from SEATS_DIR and exports the stack outputs", async () => {
    const { entry, rec } = await run({ env: { SEATS_DIR: path.join(FIXTURES, "basic") } });
    expect(entry.org).toBe("fixture-org");
    expect(entry.teamSlugs).toEqual(["design", "empty", "engineering", "mobile", "platform"]);
    expect(await valueOf(entry.teamIds)).toMatchObject({ platform: "platform_id", engineering: "engineering_id" });
    expect((await valueOf(entry.teams)).mobile).toMatchObject({ parent: "platform", copilot: "users" });
    expect(rec.byType(TYPES.component)).toHaveLength(5);
    expect(rec.byType(TYPES.team)).toHaveLength(5);
    expect(rec.byType(TYPES.members)).toHaveLength(4);
    expect(rec.get(TYPES.provider, "github").inputs).toMatchObject({ owner: "fixture-org", legacyClient: "false" });
  });

  it("reads seats:dir from stack config, relative to the project root", async () => {
    const { entry } = await run({ config: { "seats:dir": "test/fixtures/infra/basic" } });
    expect(entry.org).toBe("fixture-org");
  });

  it("accepts the project-namespaced key `pulumi config set dir` writes", async () => {
    const { entry } = await run({ config: { "copilot-seats:dir": path.join(FIXTURES, "basic") } });
    expect(entry.teamSlugs).toContain("platform");
  });

  it("prefers SEATS_DIR over seats:dir", async () => {
    const { entry } = await run({ env: { SEATS_DIR: path.join(FIXTURES, "basic") }, config: { "seats:dir": "does-not-exist" } });
    expect(entry.org).toBe("fixture-org");
  });

  it("defaults to the project root (this repository)", async () => {
    const { model, findings } = validateRepo(ROOT);
    if (hasErrors(findings)) {
      // The example seat repo is edited by others; when it is invalid, the program must refuse it.
      expect((await failure({})).err.message).toMatch(/the seat repo has \d+ errors?/);
    } else {
      const { entry } = await run({});
      expect(entry.org).toBe(model.policy.org);
      expect(entry.teamSlugs).toEqual(model.teams.map((t) => t.slug).sort());
    }
  });

  it("fails an invalid seat repo with the validation message, registering nothing", async () => {
    const { err, rec } = await failure({ env: { SEATS_DIR: path.join(FIXTURES, "invalid") } });
    expect(rec.registered).toEqual([]);
    expect(pulumi.RunError.isInstance(err)).toBe(true);
    expect(err.message).toMatch(/the seat repo has 2 errors; run `seats validate` for details/);
    expect(err.message).toContain("seats/broken/_team.yaml:1:1: missing required key `name`");
    expect(err.message).toContain("seats/good/gina.yaml");
  });

  it("fails a seat repo path that does not exist, saying where it came from", async () => {
    const { err } = await failure({ config: { "seats:dir": "no/such/dir" } });
    expect(err.message).toMatch(/the seat repo .*no\/such\/dir \(from seats:dir\) does not exist/);
  });

  it("refuses a github:owner that is not policy.yaml's org", async () => {
    const { err, rec } = await failure({ env: { SEATS_DIR: path.join(FIXTURES, "basic") }, config: { "github:owner": "someone-else" } });
    expect(rec.registered).toEqual([]);
    expect(pulumi.RunError.isInstance(err)).toBe(true);
    expect(err.message).toMatch(/github:owner is "someone-else" but policies\/policy.yaml declares org "fixture-org"/);
  });

  it("refuses a GITHUB_OWNER naming another org (the provider would prefer it), registering nothing", async () => {
    const { err, rec } = await failure({ env: { SEATS_DIR: path.join(FIXTURES, "basic"), GITHUB_OWNER: "the-repo-owner" } });
    expect(rec.registered).toEqual([]);
    expect(pulumi.RunError.isInstance(err)).toBe(true);
    expect(err.message).toMatch(/GITHUB_OWNER is "the-repo-owner" but this stack manages org "fixture-org"/);
  });

  it("takes the API URL from GITHUB_API_URL (set by Actions) when nothing more specific is set", async () => {
    const { rec } = await run({ env: { SEATS_DIR: path.join(FIXTURES, "basic"), GITHUB_API_URL: "https://api.octo.ghe.com" } });
    expect(rec.get(TYPES.provider, "github").inputs).toMatchObject({ baseUrl: "https://api.octo.ghe.com/" });
  });

  it("configures the provider from github:* stack config", async () => {
    const { rec } = await run({
      env: { SEATS_DIR: path.join(FIXTURES, "basic") },
      config: { "github:baseUrl": "https://api.octo.ghe.com", "github:legacyClient": "true", "github:writeDelayMs": "300" },
    });
    expect(rec.get(TYPES.provider, "github").inputs).toMatchObject({
      owner: "fixture-org",
      baseUrl: "https://api.octo.ghe.com/",
      legacyClient: "true",
      writeDelayMs: "300",
    });
  });

  it("runs with the committed stack file's config (values as the Pulumi CLI passes them)", async () => {
    const stack = parse(readFileSync(path.join(ROOT, "Pulumi.production.yaml"), "utf8")) as { config: Record<string, unknown> };
    const config = Object.fromEntries(
      Object.entries(stack.config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    );
    expect(config["pulumi:disable-default-providers"]).toBe(JSON.stringify(["github"]));
    const { entry, rec } = await run({ env: { SEATS_DIR: path.join(FIXTURES, "basic") }, config });
    expect(entry.org).toBe("fixture-org");
    expect(rec.get(TYPES.provider, "github").inputs).toMatchObject({ legacyClient: "false" });
  });
});
