import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { main } from "../../src/cli/main.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { resolveLogin, requestBranch } from "../../src/request/member-file.js";
import { captureIo } from "../helpers/io.js";
import { tempSeatRepo, type TempRepo } from "../helpers/seat-repo.js";

describe("resolveLogin", () => {
  it.each([
    { flag: "Octo", env: { GITHUB_ACTOR: "actor" }, gitUser: "g", want: { login: "Octo", from: "--login" } },
    { flag: undefined, env: { GITHUB_ACTOR: "actor" }, gitUser: "g", want: { login: "actor", from: "GITHUB_ACTOR" } },
    { flag: "  ", env: {}, gitUser: "gituser", want: { login: "gituser", from: "git config github.user" } },
    { flag: undefined, env: {}, gitUser: undefined, want: undefined },
  ])("flag=$flag env=$env git=$gitUser", ({ flag, env, gitUser, want }) => {
    expect(resolveLogin({ flag, env, gitUser })).toEqual(want);
  });

  it("uses one fixed branch per person and team, case-insensitively", () => {
    expect(requestBranch("platform", "Heidi")).toBe("seats/request/platform/heidi");
  });
});

describe("seats request (against the emulator)", () => {
  let emu: RunningEmulator;
  let repo: TempRepo;

  beforeAll(async () => {
    const seedRepo = tempSeatRepo();
    emu = await startEmulator({
      seed: {
        org: { login: "acme-corp", seat_management_setting: "assign_selected" },
        viewer: "alice-admin",
        members: [{ login: "alice-admin", role: "admin" }, "heidi-new"],
        repos: [{ full_name: "acme-corp/copilot-seats", default_branch: "main", files: seedRepo.files() }],
      },
    });
    seedRepo.remove();
  });
  afterAll(async () => {
    await emu.close();
  });
  beforeEach(() => {
    repo = tempSeatRepo();
  });
  afterEach(() => repo.remove());

  const env = () => ({
    GITHUB_API_URL: emu.url,
    GITHUB_TOKEN: "t0ken-value",
    GITHUB_REPOSITORY: "acme-corp/copilot-seats",
    SEATS_WRITE_INTERVAL_MS: "0",
    SEATS_RETRY_BASE_MS: "1",
  });

  async function run(args: string[], extraEnv: Record<string, string> = {}) {
    const io = captureIo();
    const code = await main([...args, "--dir", repo.dir], { io, env: { ...env(), ...extraEnv } });
    return { code, io };
  }

  it("writes a valid member file for the user and sends nothing without --open-pr", async () => {
    emu.log.reset();
    const { code, io } = await run(["request", "--team", "platform", "--reason", "Writes Pulumi modules"], { GITHUB_ACTOR: "heidi-new" });
    expect(code).toBe(0);
    const file = path.join(repo.dir, "seats/platform/heidi-new.yaml");
    expect(parse(readFileSync(file, "utf8"))).toEqual({ login: "heidi-new", reason: "Writes Pulumi modules" });
    expect(io.stdout).toContain("created seats/platform/heidi-new.yaml (login from GITHUB_ACTOR)");
    expect(io.stdout).toContain("open enrollment");
    expect(emu.log.count()).toBe(0);
  });

  it.each([
    { name: "unknown team, with a suggestion", args: ["--team", "platfrom", "--reason", "r", "--login", "heidi-new"], code: 1, msg: 'did you mean "platform"' },
    { name: "already declared (case-insensitive)", args: ["--team", "platform", "--reason", "r", "--login", "FRANK-OPS"], code: 1, msg: "already exists" },
    { name: "no reason", args: ["--team", "platform", "--login", "heidi-new"], code: 2, msg: "--reason" },
    { name: "no team", args: ["--reason", "r", "--login", "heidi-new"], code: 2, msg: "--team" },
    { name: "invalid login", args: ["--team", "platform", "--reason", "r", "--login=-bad-"], code: 2, msg: "starts or ends with a dash" },
    { name: "no login anywhere", args: ["--team", "platform", "--reason", "r"], code: 2, msg: "who are you?" },
    { name: "--open-pr without credentials", args: ["--team", "platform", "--reason", "r", "--login", "heidi-new", "--open-pr"], code: 2, msg: "no GitHub credentials", env: { GITHUB_TOKEN: "" } },
  ])("rejects: $name (exit $code), leaving nothing behind", async ({ args, code, msg, env: extra }) => {
    const r = await run(["request", ...args], extra ?? {});
    expect(r.code).toBe(code);
    expect(r.io.stderr).toContain(msg);
    expect(existsSync(path.join(repo.dir, "seats/platform/heidi-new.yaml"))).toBe(false);
  });

  it("rejects an invalid expires date as a usage error naming the flag, and writes nothing", async () => {
    const r = await run(["request", "--team", "platform", "--reason", "r", "--login", "heidi-new", "--expires", "2026-02-30"]);
    expect(r.code).toBe(2);
    expect(r.io.stderr).toContain('--expires must be a calendar date YYYY-MM-DD, e.g. 2027-01-31 (got "2026-02-30")');
    expect(existsSync(path.join(repo.dir, "seats/platform/heidi-new.yaml"))).toBe(false);
  });

  it("opens one PR on a fixed branch with exactly the new file, and updates it on a re-run", async () => {
    const first = await run(["request", "--team", "platform", "--reason", "Writes Pulumi modules", "--login", "heidi-new", "--open-pr"]);
    expect(first.code).toBe(0);
    expect(first.io.stdout).toMatch(/opened pull request #(\d+)/);
    const branch = emu.control.readBranch("acme-corp/copilot-seats", requestBranch("platform", "heidi-new"));
    const main = emu.control.readBranch("acme-corp/copilot-seats", "main");
    expect(branch).toBeDefined();
    const added = Object.keys(branch!).filter((f) => !(f in main!));
    expect(added).toEqual(["seats/platform/heidi-new.yaml"]);
    expect(parse(branch!["seats/platform/heidi-new.yaml"]!)).toEqual({ login: "heidi-new", reason: "Writes Pulumi modules" });

    // A second request (new reason) from a fresh checkout updates the same PR.
    repo.remove();
    repo = tempSeatRepo();
    const second = await run(["request", "--team", "platform", "--reason", "Pulumi and CI", "--login", "heidi-new", "--open-pr"]);
    expect(second.code).toBe(0);
    expect(second.io.stdout).toMatch(/updated pull request #\d+/);
    const pulls = emu.control.snapshot().repos?.find((r) => r.full_name === "acme-corp/copilot-seats");
    expect(pulls).toBeDefined();
    expect(emu.log.count({ method: "POST", route: "POST /repos/{owner}/{repo}/pulls" })).toBe(1);
  });
});
