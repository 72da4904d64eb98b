// Defect 1: GitHub App credentials (GITHUB_APP_ID + GITHUB_APP_PRIVATE_KEY +
// GITHUB_APP_INSTALLATION_ID) work for every read-only command: the dry-run client allows the
// App's own token exchange and nothing else, over real HTTP against the emulator.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { testApp } from "../helpers/app-credentials.js";
import { captureIo } from "../helpers/io.js";
import { REPO_ROOT, tempDir } from "../helpers/seat-repo.js";

const app = testApp();
let emu: RunningEmulator;
let dir: string;

beforeAll(async () => {
  emu = await startEmulator({
    seed: {
      org: { login: "globex", seat_management_setting: "assign_selected", plan_type: "business" },
      viewer: "root-admin",
      members: [{ login: "root-admin", role: "admin" }, "ana", "ben", "cy"],
      teams: [{ name: "Backend", members: [{ login: "ana", role: "maintainer" }, "ben"] }],
      seats: [
        { login: "ana", created_at: "2026-01-01T00:00:00Z", last_activity_at: "2026-11-14T00:00:00Z" },
        { login: "ben", created_at: "2026-01-01T00:00:00Z" },
        { login: "cy", created_at: "2026-01-01T00:00:00Z" },
      ],
      apps: [app.seed],
    },
    now: () => new Date("2026-11-15T00:00:00Z"),
  });
  dir = tempDir("seats-app-").dir;
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  const io = captureIo();
  const code = await main([...args, "--dir", dir], { io, env: { ...app.env, GITHUB_API_URL: emu.url, SEATS_RETRY_BASE_MS: "1" } });
  return { code, out: io.stdout, err: io.stderr };
}

const writesOtherThanTokens = () =>
  emu.log.entries.filter((e) => e.method !== "GET" && e.route !== "POST /app/installations/{installation_id}/access_tokens");

describe("defect 1: GitHub App credentials work for every read-only command", () => {
  it("import, plan, dry-run apply and a reclaim dry run all authenticate as the App and change nothing", async () => {
    const imp = await run(["import", "--org", "globex"]);
    expect(imp.err).not.toContain("internal error");
    expect(imp.code).toBe(0);
    for (const argv of [["plan"], ["apply"], ["reclaim", "--now", "2026-11-15"]]) {
      const r = await run(argv);
      expect(r.err, argv.join(" ")).not.toMatch(/internal error|DryRunViolation/);
      expect(r.code, `${argv.join(" ")}: ${r.err}\n${r.out}`).toBe(0);
    }
    // Each command exchanged its JWT for an installation token, and the reads used that token.
    const exchanges = emu.log.entries.filter((e) => e.route === "POST /app/installations/{installation_id}/access_tokens");
    expect(exchanges.length).toBeGreaterThanOrEqual(4);
    expect(exchanges.every((e) => e.status === 201)).toBe(true);
    expect(emu.control.issuedTokens().every((t) => t.identity.kind === "installation" && t.identity.installationId === 77)).toBe(true);
    expect(writesOtherThanTokens()).toEqual([]);
  });

  it("the dry run still refuses every other write, and the App's key is never printed", async () => {
    const r = await run(["apply", "--confirm", "--checksum", "0".repeat(64)]);
    expect(r.out + r.err).not.toContain("PRIVATE KEY");
    expect(writesOtherThanTokens()).toEqual([]);
  });

  it("a wrong installation id is GitHub's 404, reported in terms of the App variables (exit 1), not an internal error", async () => {
    const io = captureIo();
    const code = await main(["plan", "--dir", REPO_ROOT], { io, env: { ...app.env, GITHUB_APP_INSTALLATION_ID: "999", GITHUB_API_URL: emu.url, SEATS_RETRY_BASE_MS: "1" } });
    expect(io.stderr).not.toContain("internal error");
    expect(io.stderr).toContain("GitHub App authentication failed (HTTP 404 from the token exchange): installation 999 of this App was not found: check GITHUB_APP_INSTALLATION_ID");
    expect(code).toBe(1);
  });

  it("a private key of another App is refused by the token exchange, said in terms of the App variables", async () => {
    const io = captureIo();
    const other = testApp();
    const code = await main(["plan", "--dir", REPO_ROOT], { io, env: { ...app.env, GITHUB_APP_PRIVATE_KEY: other.privateKey, GITHUB_API_URL: emu.url, SEATS_RETRY_BASE_MS: "1" } });
    expect(code).toBe(1);
    expect(io.stderr).toContain("GitHub App authentication failed (HTTP 401 from the token exchange): GitHub refused the App's signed token");
    expect(io.stderr).not.toContain("PRIVATE KEY");
  });
});

describe("defect 1: GitHub App credentials work for the commands that write, too", () => {
  it("apply --confirm, reclaim --confirm and request --open-pr authenticate as the App; every write carries an installation token", async () => {
    const w = testApp({ id: 9001, installationId: 88 });
    const files = {
      "policies/policy.yaml": "org: initech\ninactivity:\n  days: 30\n  new_seat_grace_days: 14\n",
      "seats/web/_team.yaml": "name: Web\ncopilot: users\nenrollment: open\n",
      "seats/web/ana.yaml": "login: ana\nreason: builds the web app\n",
      "seats/web/ben.yaml": "login: ben\nreason: builds the web app\n",
      "seats/web/dan.yaml": "login: dan\nreason: builds the web app\n",
    };
    const e = await startEmulator({
      seed: {
        org: { login: "initech", seat_management_setting: "assign_selected" },
        viewer: "root",
        members: [{ login: "root", role: "admin" }, "ana", "ben", "cy", "dan"],
        teams: [{ name: "Web", members: ["ana", "ben", "cy", "dan"] }],
        // ana is new (apply adds her), ben has been idle for months (reclaim proposes him).
        // dan is active, so the activity data is fresh.
        seats: [
          { login: "ben", created_at: "2026-01-01T00:00:00Z", last_activity_at: "2026-07-01T00:00:00Z" },
          { login: "dan", created_at: "2026-01-01T00:00:00Z", last_activity_at: "2026-11-14T00:00:00Z" },
        ],
        repos: [{ full_name: "initech/seats", default_branch: "main", files }],
        apps: [w.seed],
      },
      now: () => new Date("2026-11-15T00:00:00Z"),
    });
    const local = tempDir("seats-app-write-").dir;
    try {
      for (const [rel, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(local, rel)), { recursive: true });
        writeFileSync(path.join(local, rel), text);
      }
      const env = { ...w.env, GITHUB_API_URL: e.url, SEATS_RETRY_BASE_MS: "1", SEATS_WRITE_INTERVAL_MS: "0" };
      const go = async (argv: string[]) => {
        const io = captureIo();
        const code = await main([...argv, "--dir", local], { io, env });
        return { code, out: io.stdout, err: io.stderr };
      };
      const applied = await go(["apply", "--confirm"]);
      expect(applied.err).not.toMatch(/internal error|DryRunViolation/);
      expect(applied.code, applied.err).toBe(0);
      const reclaimed = await go(["reclaim", "--repo", "initech/seats", "--confirm", "--now", "2026-11-15"]);
      expect(reclaimed.code, reclaimed.err).toBe(0);
      expect(reclaimed.out).toMatch(/created PR #\d+/);
      const requested = await go(["request", "--team", "web", "--login", "cy", "--reason", "new hire", "--open-pr", "--repo", "initech/seats"]);
      expect(requested.code, requested.err).toBe(0);
      expect(requested.out).toMatch(/opened pull request #\d+/);
      expect(e.control.snapshot().seats?.some((s) => s.login === "ana")).toBe(true);
      // Every write was made with a token the emulator issued to installation 88 of this App.
      const writes = e.log.entries.filter((x) => x.method !== "GET" && x.route !== "POST /app/installations/{installation_id}/access_tokens");
      expect(writes.length).toBeGreaterThan(3);
      expect(writes.every((x) => x.status < 400)).toBe(true);
      expect(e.control.issuedTokens().length).toBeGreaterThanOrEqual(3);
      expect(e.control.issuedTokens().every((t) => t.identity.kind === "installation" && t.identity.installationId === 88)).toBe(true);
      expect(applied.out + reclaimed.out + requested.out + applied.err + reclaimed.err + requested.err).not.toContain("PRIVATE KEY");
    } finally {
      await e.close();
      rmSync(local, { recursive: true, force: true });
    }
  });
});
