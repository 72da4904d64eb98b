// Defects 2, 12 and 16: every run is interruptible and bounded. The CLI is spawned as a real
// process against a server that never answers; SIGTERM/SIGINT and --timeout must end it with a
// clear message (what is asserted is the exit and the message, not how long it took).
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { closedPort, fakeServer, type FakeServer } from "../helpers/fake-server.js";
import { REPO_ROOT } from "../helpers/seat-repo.js";

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  stdout: string;
}

function spawnSeats(args: string[], env: NodeJS.ProcessEnv, onStart?: (child: ReturnType<typeof spawn>) => void): Promise<Exit> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin/seats.js"), ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let stdout = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  onStart?.(child);
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stderr, stdout })));
}

describe("defect 2: SIGINT and SIGTERM stop read-only commands at once", () => {
  it.each([
    { signal: "SIGTERM" as const, argv: ["plan"] },
    { signal: "SIGINT" as const, argv: ["reclaim"] },
    { signal: "SIGTERM" as const, argv: ["import", "--org", "acme-corp", "--dir", path.join(tmpdir(), `seats-import-never-${process.pid}`)] },
  ])("$argv.0 stops on $signal against a server that never answers", async ({ signal, argv }) => {
    const hang = await fakeServer();
    servers.push(hang);
    const exit = await spawnSeats([...argv, "--api-url", hang.url], { GITHUB_TOKEN: "test-token" }, (child) => {
      void hang.waitForRequests(1).then(() => child.kill(signal));
    });
    expect(exit.signal).toBeNull();
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain(`stopped: interrupted (${signal})`);
    expect(exit.stderr).not.toContain("internal error");
  }, 30_000);
});

describe("defect 12: --timeout bounds a whole run", () => {
  it("plan against a hung server stops when --timeout runs out, and says how to give it longer", async () => {
    const hang = await fakeServer();
    servers.push(hang);
    const exit = await spawnSeats(["plan", "--api-url", hang.url, "--timeout", "1s"], { GITHUB_TOKEN: "test-token" });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain("stopped: the run took longer than --timeout 1s");
    expect(exit.stderr).toContain("pass a larger --timeout");
    expect(hang.requests.length).toBeGreaterThanOrEqual(1);
  }, 30_000);
});

describe("defect 16: a connection failure says what to check, at once", () => {
  it("connection refused names the URL and the likely causes, without retrying for 15 s", async () => {
    const port = await closedPort();
    const exit = await spawnSeats(["plan", "--api-url", `http://127.0.0.1:${port}`], { GITHUB_TOKEN: "test-token" });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain(`cannot connect to http://127.0.0.1:${port} (connection refused): is --api-url (or GITHUB_API_URL) right / is the emulator running?`);
    expect(exit.stderr).not.toMatch(/→ 500|re-run later/);
    expect(exit.stderr).not.toContain("warning: ");
  }, 30_000);
});

describe("output that cannot be written ends the run with one line", () => {
  it.skipIf(!existsSync("/dev/full"))("stdout on a full disk (> /dev/full): exit 1, no stack trace", async () => {
    const fd = openSync("/dev/full", "w");
    try {
      const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin/seats.js"), "validate"], {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
        stdio: ["ignore", fd, "pipe"],
      });
      let stderr = "";
      child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
      expect(code).toBe(1);
      expect(stderr.trim()).toBe("seats: cannot write to stdout: ENOSPC");
    } finally {
      closeSync(fd);
    }
  }, 30_000);
});
