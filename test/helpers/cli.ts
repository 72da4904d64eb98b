// The CLI in-process against an API URL (the emulator): a test token, no retry or write pacing;
// or as a real process (bin/seats.js), for a test that kills it.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { main } from "../../src/cli/main.js";
import { captureIo } from "./io.js";
import { REPO_ROOT } from "./seat-repo.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const testEnv = (apiUrl: string, env: Record<string, string>) => ({ GITHUB_TOKEN: "test-token", GITHUB_API_URL: apiUrl, SEATS_RETRY_BASE_MS: "1", SEATS_WRITE_INTERVAL_MS: "0", ...env });

export async function runCli(argv: string[], apiUrl: string, env: Record<string, string> = {}): Promise<CliRun> {
  const io = captureIo();
  const code = await main(argv, { io, env: testEnv(apiUrl, env) });
  return { code, stdout: io.stdout, stderr: io.stderr };
}

export interface SpawnedCli {
  child: ChildProcess;
  /** The exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals | null>;
  /** Waits for `point` (e.g. a held request), failing if the process ends first. */
  reaches(point: Promise<void>): Promise<void>;
}

/** `node bin/seats.js …` with the same environment. */
export function spawnCli(argv: string[], apiUrl: string, env: Record<string, string> = {}): SpawnedCli {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin/seats.js"), ...argv], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...testEnv(apiUrl, env) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((r) => child.on("exit", (code, signal) => r(code ?? signal)));
  const early = exited.then((code) => Promise.reject(new Error(`seats ${argv[0]} ended (${code}) first: ${stderr}`)));
  early.catch(() => undefined);
  return { child, exited, reaches: (point) => Promise.race([point, early]) };
}
