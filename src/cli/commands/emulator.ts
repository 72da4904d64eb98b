// `seats emulator`: serves the local GitHub API emulator (src/emulator) until SIGINT/SIGTERM.
// stdout gets exactly one line, the base URL, so scripts can capture it:
//   GITHUB_API_URL=$(seats emulator --port 0 & ...)
import { existsSync } from "node:fs";
import path from "node:path";
import { UsageError, UserError } from "../../errors.js";
import { DEMO_SEED_FILE, SeedError, startEmulator } from "../../emulator/index.js";
import { type Command, stringOpt } from "../command.js";

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 0;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new UsageError(`--port must be a number from 0 to 65535 (got "${raw}"); 0 picks a free port`);
  return Number(raw);
}

export const emulatorCommand: Command = {
  name: "emulator",
  summary: "start the local GitHub API emulator and print its base URL",
  help: `Usage: seats emulator [--port <n>] [--host <addr>] [--seed <file>] [--state <file>]

Starts a local GitHub REST API emulator (Copilot seats, org members, teams, git data,
contents and pull requests) and prints its base URL on stdout, e.g.
  http://127.0.0.1:4010
Point the other commands at it with --api-url <url> or GITHUB_API_URL=<url>, and any token
(GITHUB_TOKEN=test). It runs until interrupted (Ctrl-C, SIGTERM).

Flags:
  --port <n>      port to listen on (default 0: a free port)
  --host <addr>   address to bind (default 127.0.0.1)
  --seed <file>   initial state, JSON or YAML (org, members, teams, seats, repos);
                  default: a small built-in demo org (${path.relative(process.cwd(), DEMO_SEED_FILE) || DEMO_SEED_FILE})
  --state <file>  load the state from this file if it exists, and save every change to it,
                  so the emulator survives restarts (the seed is used only when it is missing)

Exit codes: 0 stopped by a signal, 1 bad seed or state file, 2 usage error.`,
  options: {
    port: { type: "string" },
    host: { type: "string" },
    seed: { type: "string" },
    state: { type: "string" },
  },
  async run(ctx) {
    const port = parsePort(stringOpt(ctx, "port"));
    const host = stringOpt(ctx, "host") ?? "127.0.0.1";
    const seedOpt = stringOpt(ctx, "seed");
    const stateOpt = stringOpt(ctx, "state");
    const seed = seedOpt ? path.resolve(ctx.dir, seedOpt) : undefined;
    const stateFile = stateOpt ? path.resolve(ctx.dir, stateOpt) : undefined;
    if (seed && !existsSync(seed)) throw new UsageError(`--seed ${seedOpt}: no such file`);
    if (ctx.signal.aborted) return 0;
    let emulator;
    try {
      emulator = await startEmulator({
        ...(seed ? { seed } : {}),
        ...(stateFile ? { stateFile } : {}),
        port,
        host,
      });
    } catch (err) {
      if (err instanceof SeedError) throw new UserError(err.message);
      const e = err as NodeJS.ErrnoException;
      if (e.code === "EADDRINUSE") throw new UserError(`port ${port} on ${host} is already in use; pick another with --port (0 picks a free one)`);
      if (e.code === "EADDRNOTAVAIL" || e.code === "ENOTFOUND") throw new UserError(`cannot bind to ${host}: ${e.code}; use --host 127.0.0.1`);
      if (e instanceof Error && /^(seed|state file)/.test(e.message)) throw new UserError(e.message);
      throw err;
    }
    const snap = emulator.control.snapshot();
    ctx.io.out(emulator.url);
    ctx.io.err(
      [
        `GitHub API emulator listening on ${emulator.url}`,
        `  org: ${snap.org.login} (${snap.members.length} members, ${snap.teams?.length ?? 0} teams, ${snap.seats?.length ?? 0} Copilot seats, seat management: ${snap.org.seat_management_setting})`,
        `  repos: ${(snap.repos ?? []).map((r) => r.full_name).join(", ") || "none"}`,
        `  seed: ${seed ?? "built-in demo org"}${stateFile ? `; state saved to ${stateFile}` : ""}`,
        `  use: GITHUB_API_URL=${emulator.url} GITHUB_TOKEN=test seats plan`,
        "  stop with Ctrl-C",
      ].join("\n"),
    );
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      else ctx.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    await emulator.close();
    ctx.io.err("emulator stopped");
    return 0;
  },
};
