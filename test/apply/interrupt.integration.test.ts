// `seats apply --confirm` stopped by SIGTERM/SIGINT (a cancelled Actions job, Ctrl-C), as a real
// process against the emulator: the batch on the wire is let finish, no further batch is sent, the
// output and the audit record say exactly which batches were and were not sent, and the exit is 1.
// A proxy holds the first user batch's answer until the CLI has said it heard the signal, so
// what is asserted does not depend on timing.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../src/emulator/index.js";
import type { AuditRecord } from "../../src/apply/audit.js";
import { holdingProxy, type HoldingProxy } from "../helpers/holding-proxy.js";
import { REPO_ROOT, tempSeatRepo, type TempRepo } from "../helpers/seat-repo.js";

const FIXTURE = path.resolve("test/fixtures/plan/basic");
const SEED = JSON.parse(readFileSync(path.join(FIXTURE, "seed.json"), "utf8")) as EmulatorSeed;
const NEW = Array.from({ length: 250 }, (_, i) => `dev${String(i).padStart(3, "0")}`);
const USERS = "/orgs/acme/copilot/billing/selected_users";

let emu: RunningEmulator | undefined;
let proxy: HoldingProxy | undefined;
let repo: TempRepo | undefined;
afterEach(async () => {
  await proxy?.close();
  await emu?.close();
  repo?.remove();
  emu = proxy = repo = undefined;
});

describe("apply stopped by a signal", () => {
  it.each(["SIGTERM", "SIGINT"] as const)("%s during the first user batch: that batch finishes, the rest are listed as not sent, exit 1", async (signal) => {
    repo = tempSeatRepo({ from: FIXTURE });
    for (const l of NEW) writeFileSync(path.join(repo.dir, "seats/platform", `${l}.yaml`), `login: ${l}\nreason: ships features\n`);
    emu = await startEmulator({ seed: { ...SEED, members: [...SEED.members, ...NEW] }, now: () => new Date("2026-01-15T12:00:00Z") });
    proxy = await holdingProxy(emu.url, (route) => route === `POST ${USERS}`);
    const audit = path.join(repo.dir, "audit.json");

    const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin/seats.js"), "apply", "--confirm", "--dir", repo.dir, "--audit", audit, "--api-url", proxy.url], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_TOKEN: "test-token", SEATS_RETRY_BASE_MS: "1", SEATS_WRITE_INTERVAL_MS: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let heard: () => void;
    const heardSignal = new Promise<void>((r) => (heard = r));
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes("sending no further batch")) heard();
    });
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));

    await proxy.held;
    child.kill(signal);
    await heardSignal;
    proxy.release();
    const code = await exited;

    expect(code).toBe(1);
    expect(stderr).toContain(`seats apply: stopped: interrupted (${signal})`);
    expect(stderr).not.toContain("internal error");
    // Sent: the team assignment and the held user batch. Not sent: two user batches and the cancels.
    expect(emu.log.entries.filter((e) => e.method !== "GET").map((e) => `${e.method} ${e.path}`)).toEqual([
      "POST /orgs/acme/copilot/billing/selected_teams",
      `POST ${USERS}`,
    ]);
    expect(stdout).toMatch(/ok {4}POST \/orgs\/\{org\}\/copilot\/billing\/selected_users \(batch: 100 logins\) → 201, 100/);
    expect(stdout).toContain("Applied 101 of 255 changes in 2 requests; 154 not sent.");
    expect(stdout).toContain(`3 batches not sent (stopped: interrupted (${signal})):`);
    expect(stdout).toMatch(/not sent {2}POST \/orgs\/\{org\}\/copilot\/billing\/selected_users \(100 logins: /);
    expect(stdout).toMatch(/not sent {2}POST \/orgs\/\{org\}\/copilot\/billing\/selected_users \(52 logins: /);
    expect(stdout).toMatch(/not sent {2}DELETE \/orgs\/\{org\}\/copilot\/billing\/selected_users \(2 logins: frank, gina\)/);

    const rec = JSON.parse(readFileSync(audit, "utf8")) as AuditRecord;
    expect(rec.outcome).toBe("interrupted");
    expect(rec.exit_code).toBe(1);
    expect(rec.requests.map((q) => [q.route, q.status, q.targets.length])).toEqual([
      ["POST /orgs/{org}/copilot/billing/selected_teams", 201, 1],
      ["POST /orgs/{org}/copilot/billing/selected_users", 201, 100],
    ]);
    expect(rec.not_sent.map((b) => `${b.route} ${b.targets.length}`)).toEqual([
      "POST /orgs/{org}/copilot/billing/selected_users 100",
      "POST /orgs/{org}/copilot/billing/selected_users 52",
      "DELETE /orgs/{org}/copilot/billing/selected_users 2",
    ]);
  }, 60_000);
});
