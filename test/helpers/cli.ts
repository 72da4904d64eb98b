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

/** `node bin/seats.js …` with the same environment; `exited` resolves with the exit code, or the signal that ended it. */
export function spawnCli(argv: string[], apiUrl: string, env: Record<string, string> = {}): { child: ChildProcess; exited: Promise<number | NodeJS.Signals | null> } {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin/seats.js"), ...argv], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...testEnv(apiUrl, env) },
    stdio: "ignore",
  });
  return { child, exited: new Promise((r) => child.on("exit", (code, signal) => r(code ?? signal))) };
}
