// `seats emulator`: serves the local GitHub API emulator (src/emulator) until SIGINT/SIGTERM.
// stdout gets exactly one line, the base URL, so scripts can capture it:
//   GITHUB_API_URL=$(seats emulator --port 0 & ...)
// The emulator (some 60 modules) is imported only when this command runs, so every other
// command starts without it.
import { existsSync } from "node:fs";
import path from "node:path";
import { UsageError, UserError } from "../../errors.js";
import type { FaultConfig } from "../../emulator/types.js";
import { type Command, stringOpt } from "../command.js";
import { plural } from "../../text.js";

const RATE_KEYS: Record<string, keyof FaultConfig> = {
  error: "errorRate",
  secondary: "secondaryRateLimitRate",
  drop: "dropRate",
  lost: "lostResponseRate",
  stall: "stallRate",
};

/**
 * `--faults error=0.1,secondary=0.05,drop=0.02,lost=0.01,latency=200,retry-after=1,max=5,seed=7,match=POST`
 * → a FaultConfig (the same one `startEmulator({faults})` takes).
 */
export function parseFaults(raw: string): FaultConfig {
  const out: FaultConfig = {};
  const bad = (msg: string): never => {
    throw new UsageError(`--faults: ${msg}; e.g. --faults error=0.1,latency=200,seed=7 (see seats emulator --help)`);
  };
  for (const part of raw.split(",").map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf("=");
    if (eq < 1) bad(`"${part}" is not key=value`);
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    const num = Number(value);
    const rate = RATE_KEYS[key];
    if (rate) {
      if (value === "" || !(num >= 0 && num <= 1)) bad(`${key} must be a probability from 0 to 1 (got "${value}")`);
      (out as Record<string, number>)[rate] = num;
    } else if (key === "latency" || key === "retry-after" || key === "max" || key === "seed") {
      if (!/^\d+$/.test(value)) bad(`${key} must be a whole number (got "${value}")`);
      if (key === "latency") out.latencyMs = num;
      else if (key === "retry-after") out.retryAfterSeconds = num;
      else if (key === "max") out.maxFaults = num;
      else out.seed = num;
    } else if (key === "match") {
      try {
        new RegExp(value);
      } catch {
        bad(`match must be a regular expression over "METHOD /path" (got "${value}")`);
      }
      out.match = value;
    } else {
      bad(`unknown key "${key}" (known: error, secondary, drop, lost, stall, latency, retry-after, max, seed, match)`);
    }
  }
  return out;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 0;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new UsageError(`--port must be a number from 0 to 65535 (got "${raw}"); 0 picks a free port`);
  return Number(raw);
}

export const emulatorCommand: Command = {
  name: "emulator",
  summary: "start the local GitHub API emulator and print its base URL",
  dirIsRepo: false,
  help: `Usage: seats emulator [--port <n>] [--host <addr>] [--seed <file>] [--state <file>] [--faults <spec>]

Starts a local GitHub REST API emulator (Copilot seats, org members, teams, git data,
contents and pull requests) and prints its base URL on stdout, e.g.
  http://127.0.0.1:4010
Point the other commands at it with --api-url <url> or GITHUB_API_URL=<url>, and any token
(GITHUB_TOKEN=test). It runs until interrupted (Ctrl-C, SIGTERM).

Flags:
  --port <n>      port to listen on (default 0: a free port)
  --host <addr>   address to bind (default 127.0.0.1)
  --seed <file>   initial state, JSON or YAML (org, members, teams, seats, repos);
                  default: the example organization of this repo (acme-corp, matching
                  policies/policy.yaml and seats/; src/emulator/seeds/demo.yaml)
  --state <file>  load the state from this file if it exists, and save every change to it,
                  so the emulator survives restarts (the seed is used only when it is missing)
  --faults <spec> misbehave on purpose, to rehearse failures: comma-separated key=value,
                    error=<p>        502/503 instead of serving (never half-applied)
                    secondary=<p>    secondary rate limit (403/429 with retry-after)
                    drop=<p>         connection closed before serving
                    lost=<p>         served, then the connection closed before the answer
                    stall=<p>        never served nor answered (the client must time out)
                    latency=<ms>     added to every request
                    retry-after=<s>  sent with secondary rate limits (default 1)
                    max=<n>          stop after n faults
                    seed=<n>         the same faults for the same requests, every run
                    match=<regex>    only requests whose "METHOD /path" matches
                  probabilities <p> are from 0 to 1, e.g. --faults error=0.2,latency=100,seed=7

Exit codes: 0 stopped by a signal, 1 bad seed or state file, 2 usage error.`,
  options: {
    port: { type: "string" },
    host: { type: "string" },
    seed: { type: "string" },
    state: { type: "string" },
    faults: { type: "string" },
  },
  async run(ctx) {
    const faultsOpt = stringOpt(ctx, "faults");
    const faults = faultsOpt !== undefined ? parseFaults(faultsOpt) : undefined;
    const port = parsePort(stringOpt(ctx, "port"));
    const host = stringOpt(ctx, "host") ?? "127.0.0.1";
    const seedOpt = stringOpt(ctx, "seed");
    const stateOpt = stringOpt(ctx, "state");
    const seed = seedOpt ? path.resolve(ctx.dir, seedOpt) : undefined;
    const stateFile = stateOpt ? path.resolve(ctx.dir, stateOpt) : undefined;
    if (seed && !existsSync(seed)) throw new UsageError(`--seed ${seedOpt}: no such file`);
    if (ctx.signal.aborted) return 0;
    const { SeedError, startEmulator } = await import("../../emulator/index.js");
    let emulator;
    try {
      emulator = await startEmulator({
        ...(seed ? { seed } : {}),
        ...(stateFile ? { stateFile } : {}),
        ...(faults ? { faults } : {}),
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
        // Every org it serves (`other_orgs:` too): a repo with several orgs plans each of them.
        ...[snap, ...(snap.other_orgs ?? [])].map(
          (o) =>
            `  org: ${o.org.login} (${plural(o.members.length, "member")}, ${plural(o.teams?.length ?? 0, "team")}, ${plural(o.seats?.length ?? 0, "Copilot seat")}, seat management: ${o.org.seat_management_setting ?? "assign_selected"})`,
        ),
        `  repos: ${(snap.repos ?? []).map((r) => r.full_name).join(", ") || "none"}`,
        `  seed: ${seed ?? "built-in example org (src/emulator/seeds/demo.yaml)"}${stateFile ? `; state saved to ${stateFile}` : ""}`,
        ...(faultsOpt ? [`  faults: ${faultsOpt}`] : []),
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
