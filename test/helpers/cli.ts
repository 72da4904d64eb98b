// The CLI in-process against an API URL (the emulator): a test token, no retry or write pacing.
import { main } from "../../src/cli/main.js";
import { captureIo } from "./io.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], apiUrl: string, env: Record<string, string> = {}): Promise<CliRun> {
  const io = captureIo();
  const code = await main(argv, {
    io,
    env: { GITHUB_TOKEN: "test-token", GITHUB_API_URL: apiUrl, SEATS_RETRY_BASE_MS: "1", SEATS_WRITE_INTERVAL_MS: "0", ...env },
  });
  return { code, stdout: io.stdout, stderr: io.stderr };
}
