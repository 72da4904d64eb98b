// The one entry point and the one exit path of the `seats` CLI: UserError → 1, UsageError → 2,
// anything else is a bug and prints its stack (70). It also owns what every command shares:
// --dir (found by walking up to the repo root), --help, and how a run stops: SIGINT/SIGTERM and
// --timeout abort the run's signal, which the GitHub client honours.
import path from "node:path";
import { parseArgs } from "node:util";
import { Interrupted, interruption, UsageError, UserError } from "../errors.js";
import { printable as safeLine, printableLines as safeLines } from "../printable.js";
import type { Io } from "./command.js";
import { COMMANDS } from "./commands/index.js";
import { formatDuration, parseDuration } from "./duration.js";
import { findRepoRoot } from "./repo-root.js";

const COMMON_OPTIONS = {
  dir: { type: "string" },
  help: { type: "boolean", short: "h" },
  timeout: { type: "string" },
} as const;

export const defaultIo: Io = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
};

const MINUTE = 60_000;

/**
 * How long a command may run (the --timeout default; null: until interrupted) and how long it
 * gets after a signal or timeout to stop on its own (0: stop at once). Writers get a grace period
 * so the request on the wire can finish and they can say what was and was not sent; a second
 * Ctrl-C ends the process regardless.
 */
const RUN_LIMITS: Record<string, { timeoutMs: number | null; graceMs: number }> = {
  apply: { timeoutMs: 120 * MINUTE, graceMs: 30_000 },
  reclaim: { timeoutMs: 30 * MINUTE, graceMs: 10_000 },
  remind: { timeoutMs: 30 * MINUTE, graceMs: 10_000 },
  request: { timeoutMs: 10 * MINUTE, graceMs: 10_000 },
  emulator: { timeoutMs: null, graceMs: 5_000 },
  portal: { timeoutMs: null, graceMs: 5_000 },
};
const DEFAULT_LIMIT = { timeoutMs: 15 * MINUTE, graceMs: 0 };

export function runLimits(command: string): { timeoutMs: number | null; graceMs: number } {
  return RUN_LIMITS[command] ?? DEFAULT_LIMIT;
}

function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "seats: GitHub Copilot seats as code",
    "",
    "Usage: seats <command> [flags]     (seats help <command> for one command's flags)",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Every command takes:",
    "  --dir <path>        the repo holding seats/ and policies/ (default: the nearest folder",
    "                      above the current one that holds them)",
    "  --timeout <time>    stop the run after this long, e.g. 90s, 10m, 2h; 0 for no limit",
    `                      (default ${formatDuration(DEFAULT_LIMIT.timeoutMs)}; apply ${formatDuration(RUN_LIMITS.apply!.timeoutMs!)}; emulator: none)`,
    "  --help",
    "Ctrl-C (SIGINT) or SIGTERM stops a run; apply first lets the batch on the wire finish.",
    "Exit codes: 0 success, 1 input or plan rejected (or the run was stopped), 2 usage error.",
  ].join("\n");
}

export interface MainOptions {
  io?: Io;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Stops the run like SIGINT would; when given, main installs no signal handlers of its own. */
  signal?: AbortSignal;
}

export async function main(argv: string[], opts: MainOptions = {}): Promise<number> {
  const io = opts.io ?? defaultIo;
  const env = opts.env ?? process.env;
  const [first, ...args] = argv;
  let name = first;
  let rest = args;
  if (name === "help" && args[0] && !args[0].startsWith("-")) {
    // `seats help plan` is `seats plan --help`.
    name = args[0];
    rest = ["--help"];
  }
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(topHelp());
    return name ? 0 : 2;
  }
  if (name === "--version") {
    io.out("seats 0.1.0");
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`seats: unknown command "${safeLine(name)}"\n\n${topHelp()}`);
    return 2;
  }
  const command = await entry.load();

  const controller = new AbortController();
  const stop = (reason: Interrupted) => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  const onSigint = () => stop(new Interrupted("signal", "stopped: interrupted (SIGINT)"));
  const onSigterm = () => stop(new Interrupted("signal", "stopped: interrupted (SIGTERM)"));
  const forward = () => stop(opts.signal?.reason instanceof Interrupted ? opts.signal.reason : new Interrupted("signal", "stopped: interrupted"));
  if (opts.signal) {
    if (opts.signal.aborted) forward();
    else opts.signal.addEventListener("abort", forward, { once: true });
  } else {
    // `once`: a second Ctrl-C gets Node's default and ends the process at once.
    process.once("SIGINT", onSigint);
    process.once("SIGTERM", onSigterm);
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: rest,
        options: { ...COMMON_OPTIONS, ...command.options },
        allowPositionals: command.allowPositionals ?? false,
        strict: true,
      });
    } catch (err) {
      throw new UsageError(`${(err as Error).message}\nRun \`seats ${command.name} --help\` for the flags.`);
    }
    if (parsed.values.help) {
      io.out(command.help);
      return 0;
    }
    const limits = runLimits(command.name);
    const timeoutFlag = parsed.values.timeout;
    const timeoutMs = typeof timeoutFlag === "string" ? parseDuration(timeoutFlag, "--timeout") : limits.timeoutMs;
    if (timeoutMs) {
      const shown = typeof timeoutFlag === "string" ? `--timeout ${timeoutFlag}` : `the default --timeout ${formatDuration(timeoutMs)}`;
      timer = setTimeout(
        () => stop(new Interrupted("timeout", `stopped: the run took longer than ${shown}; pass a larger --timeout (e.g. --timeout ${formatDuration(timeoutMs * 2)}) or 0 for no limit`)),
        timeoutMs,
      );
      timer.unref();
    }
    const cwd = opts.cwd ?? process.cwd();
    const dirOpt = parsed.values.dir;
    const dir =
      typeof dirOpt === "string" ? path.resolve(cwd, dirOpt) : command.dirIsRepo === false ? path.resolve(cwd) : (findRepoRoot(cwd) ?? path.resolve(cwd));
    const run = command.run({
      values: parsed.values as Record<string, string | boolean | (string | boolean)[] | undefined>,
      positionals: parsed.positionals,
      dir,
      env,
      io,
      signal: controller.signal,
    });
    return await untilStopped(run, controller.signal, limits.graceMs);
  } catch (err) {
    return await report(command.name, err, io);
  } finally {
    if (timer) clearTimeout(timer);
    opts.signal?.removeEventListener("abort", forward);
    process.off("SIGINT", onSigint);
    process.off("SIGTERM", onSigterm);
  }
}

/**
 * The command's result, or, once the run's signal fires, the interruption after `graceMs` (the
 * command may finish sooner on its own, e.g. apply reporting the batches it sent).
 */
function untilStopped(run: Promise<number>, signal: AbortSignal, graceMs: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let grace: NodeJS.Timeout | undefined;
    const onAbort = () => {
      grace = setTimeout(() => reject(interruption(signal)), graceMs);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    run.then(resolve, reject).finally(() => {
      signal.removeEventListener("abort", onAbort);
      if (grace) clearTimeout(grace);
    });
  });
}

const FS_CODES = new Set(["EACCES", "EPERM", "ENOENT", "ENOTDIR", "EISDIR", "EROFS", "ENOSPC", "EEXIST", "EMFILE", "ENFILE", "ELOOP", "ENAMETOOLONG", "EDQUOT", "EBUSY"]);

/** The exit path: prints what went wrong and returns the exit code. */
async function report(name: string, err: unknown, io: Io): Promise<number> {
  if (err instanceof UsageError) {
    io.err(`seats ${name}: ${safeLines(err.message)}`);
    return 2;
  }
  if (err instanceof UserError) {
    io.err(`seats ${name}: ${safeLines(err.message)}`);
    return 1;
  }
  // A GitHub answer no command translated is still the server's answer, not a bug here.
  // Loaded only on this path, so `seats validate` does not load the GitHub client to start.
  const { githubFailure } = await import("./github-options.js");
  const gh = githubFailure(err, "check that the credentials may do this, and the org and repository names");
  if (gh instanceof UserError) {
    io.err(`seats ${name}: ${safeLines(gh.message)}`);
    return 1;
  }
  // The disk refusing a read or write (permissions, a full disk) is the environment, not a bug.
  const fsErr = err as NodeJS.ErrnoException;
  if (typeof fsErr?.code === "string" && FS_CODES.has(fsErr.code) && (fsErr.path || fsErr.syscall)) {
    io.err(`seats ${name}: cannot ${fsErr.syscall ?? "use"} ${safeLine(fsErr.path ?? "a file")}: ${fsErr.code}; check the path and its permissions`);
    return 1;
  }
  io.err(`seats ${name}: internal error (this is a bug; please report it)\n${(err as Error)?.stack ?? String(err)}`);
  return 70;
}
