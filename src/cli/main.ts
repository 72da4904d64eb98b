// The one entry point and the one exit path of the `seats` CLI (DESIGN: typed errors, one
// exit path): UserError → 1, UsageError → 2, anything else is a bug and prints its stack (70).
import path from "node:path";
import { parseArgs } from "node:util";
import { UsageError, UserError } from "../errors.js";
import type { Command, Io } from "./command.js";
import { COMMANDS } from "./commands/index.js";

const COMMON_OPTIONS = {
  dir: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export const defaultIo: Io = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
};

function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "seats: GitHub Copilot seats as code",
    "",
    "Usage: seats <command> [flags]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Every command takes --dir <path> (the repo holding seats/ and policies/; default: .) and --help.",
    "Exit codes: 0 success, 1 input or plan rejected, 2 usage error.",
  ].join("\n");
}

export interface MainOptions {
  io?: Io;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  signal?: AbortSignal;
}

export async function main(argv: string[], opts: MainOptions = {}): Promise<number> {
  const io = opts.io ?? defaultIo;
  const env = opts.env ?? process.env;
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(topHelp());
    return name ? 0 : 2;
  }
  if (name === "--version") {
    io.out("seats 0.1.0");
    return 0;
  }
  const command: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`seats: unknown command "${name}"\n\n${topHelp()}`);
    return 2;
  }
  let controller: AbortController | undefined;
  let signal = opts.signal;
  if (!signal) {
    controller = new AbortController();
    signal = controller.signal;
  }
  const onSignal = () => controller?.abort();
  if (controller) {
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }
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
    const dirOpt = parsed.values.dir;
    const dir = path.resolve(opts.cwd ?? process.cwd(), typeof dirOpt === "string" ? dirOpt : ".");
    return await command.run({
      values: parsed.values as Record<string, string | boolean | (string | boolean)[] | undefined>,
      positionals: parsed.positionals,
      dir,
      env,
      io,
      signal,
    });
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`seats ${command.name}: ${err.message}`);
      return 2;
    }
    if (err instanceof UserError) {
      io.err(`seats ${command.name}: ${err.message}`);
      return 1;
    }
    io.err(`seats ${command.name}: internal error (this is a bug; please report it)\n${(err as Error)?.stack ?? String(err)}`);
    return 70;
  } finally {
    if (controller) {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  }
}
