// `seats validate --online [--fix]` over real HTTP against the emulator: logins checked in one
// GraphQL query, missing ids written (layout kept), a renamed account reported with its file
// rename, a login that is nobody's as a located error; read-only without --fix.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../src/emulator/index.js";
import { runCli } from "../helpers/cli.js";
import { tempSeatRepo, type TempRepo } from "../helpers/seat-repo.js";

const FIXTURE = path.resolve("test/fixtures/plan/basic");
const SEED = JSON.parse(readFileSync(path.join(FIXTURE, "seed.json"), "utf8")) as EmulatorSeed;

let emu: RunningEmulator;
let repo: TempRepo;
beforeEach(async () => {
  repo = tempSeatRepo({ from: FIXTURE });
  emu = await startEmulator({ seed: SEED });
});
afterEach(async () => {
  await emu.close();
  repo.remove();
});

async function run(args: string[], env?: Record<string, string>) {
  const r = await runCli(["validate", ...args, "--dir", repo.dir], emu.url, env);
  return { code: r.code, out: r.stdout, err: r.stderr };
}
const file = (rel: string) => readFileSync(path.join(repo.dir, rel), "utf8");
const idOf = async (login: string) => ((await (await fetch(`${emu.url}/users/${login}`, { headers: { authorization: "token t" } })).json()) as { id: number }).id;

describe("seats validate --online", () => {
  it("needs credentials, and --fix needs --online (usage errors, nothing read)", async () => {
    expect((await run(["--online"], { GITHUB_TOKEN: "" })).code).toBe(2);
    const fix = await run(["--fix"]);
    expect(fix.code).toBe(2);
    expect(fix.err).toContain("--fix needs --online");
    expect(emu.log.count()).toBe(0);
  });

  it("checks every login in one GraphQL query and reports the missing ids, writing nothing", async () => {
    const before = file("seats/platform/alice.yaml");
    const r = await run(["--online"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`seats/platform/alice.yaml:1:8: warning: no \`id:\`: alice is user id ${await idOf("alice")}`);
    expect(r.out).toContain("(seats validate --online --fix writes it) [online-identity]");
    expect(r.err).toContain("Online check: 11 member files in 1 GraphQL query and 0 id lookups.");
    expect(emu.log.count({ route: "POST /graphql" })).toBe(1);
    expect(emu.log.count()).toBe(1 + 1); // the query, plus idOf's GET
    expect(file("seats/platform/alice.yaml")).toBe(before);
  });

  it("--fix writes each missing id under login:, and the next run is clean", async () => {
    writeFileSync(path.join(repo.dir, "seats/platform/bob.yaml"), "# bob's seat\nlogin: bob # GitHub login\nreason: builds the platform\n");
    const r = await run(["--online", "--fix"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`fixed: seats/platform/bob.yaml: added \`id: ${await idOf("bob")}\``);
    expect(r.err).toContain("--fix wrote 11 files.");
    expect(file("seats/platform/bob.yaml")).toBe(`# bob's seat\nlogin: bob # GitHub login\nid: ${await idOf("bob")}\nreason: builds the platform\n`);
    const again = await run(["--online"]);
    expect(again.out).toContain("ok: ");
    expect(again.err).toContain("0 id lookups");
  });

  it("a renamed account: the file rename to make, found by one id lookup; a login that is nobody's is an error", async () => {
    await run(["--online", "--fix"]);
    emu.control.renameUser("alice", "alice-2");
    writeFileSync(path.join(repo.dir, "seats/platform/nobody-here.yaml"), "login: nobody-here\nreason: typo\n");
    const r = await run(["--online", "--format", "json"]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out) as { findings: { file: string; line: number; severity: string; message: string; fix?: string }[] };
    const online = out.findings.filter((f) => f.message.includes("GitHub") || f.message.includes("renamed"));
    expect(online).toEqual([
      expect.objectContaining({ file: "seats/platform/alice.yaml", line: 1, severity: "warning", message: expect.stringMatching(/renamed from alice to alice-2/), fix: expect.stringContaining("rename the file to seats/platform/alice-2.yaml") }),
      expect.objectContaining({ file: "seats/platform/nobody-here.yaml", line: 1, severity: "error", message: "login `nobody-here` is no GitHub user (a typo, a deleted account, or an organization)" }),
    ]);
    expect(emu.log.count({ route: "GET /user/{account_id}" })).toBe(1);
    const fix = await run(["--online", "--fix"]);
    expect(fix.err).toContain("renamed: seats/platform/alice.yaml: user id");
    expect(file("seats/platform/alice.yaml")).toMatch(/^login: alice\n/);
  });
});
