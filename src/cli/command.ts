// The shape of one `seats` subcommand. Each lives in its own module under commands/ and is
// listed in commands/index.ts; main.ts owns parsing, --help, and the one exit path.
import type { ParseArgsConfig } from "node:util";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export interface CommandContext {
  /** Parsed flag values (strings, booleans, arrays for `multiple`). */
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  /** Absolute path from --dir (default: the repo root found from the working directory; see `dirIsRepo`). */
  dir: string;
  env: NodeJS.ProcessEnv;
  io: Io;
  /**
   * Aborted on SIGINT, SIGTERM and --timeout, with an `Interrupted` error as its reason. The
   * GitHub client built by githubClientFromContext stops on it; anything else that waits should
   * too.
   */
  signal: AbortSignal;
}

export interface Command {
  name: string;
  summary: string;
  /** Full help text shown by `seats <name> --help` (flags, examples). */
  help: string;
  options: OptionSpec;
  allowPositionals?: boolean;
  /**
   * False for commands whose --dir is a target rather than an existing seat repo (import writes
   * one; the emulator only resolves its file flags from it): without --dir they use the working
   * directory instead of walking up to the nearest repo root.
   */
  dirIsRepo?: boolean;
  /** Returns the exit code: 0 success, 1 rejected input/plan, 2 usage. Throw UserError/UsageError. */
  run(ctx: CommandContext): Promise<number>;
}

export function stringOpt(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === "string" ? v : undefined;
}

export function boolOpt(ctx: CommandContext, name: string): boolean {
  return ctx.values[name] === true;
}
