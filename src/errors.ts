// Typed errors and their exit codes (README, "Exit codes"): 1 = input or plan rejected, 2 = usage
// error. src/cli/main.ts is the one place that maps them; anything else that escapes is a bug: the
// CLI prints its stack and exits 70.

/** The input or the plan is rejected (invalid files, unsafe plan, failed API changes). Exit 1. */
export class UserError extends Error {
  override name = "UserError";
}

/** Bad flags, missing or malformed credentials, unknown command. Exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * The run was stopped before it finished: SIGINT/SIGTERM, or `--timeout` ran out. It is the
 * reason of the run's AbortSignal, so whatever notices the abort (the GitHub client, a command
 * waiting on something) can throw it as is. Exit 1: the job did not do what it was asked.
 */
export class Interrupted extends UserError {
  override name = "Interrupted";
  constructor(
    readonly by: "signal" | "timeout",
    message: string,
  ) {
    super(message);
  }
}

/** The Interrupted error a signal's reason carries, or a generic one for a bare abort. */
export function interruption(signal: AbortSignal): Interrupted {
  const r: unknown = signal.reason;
  return r instanceof Interrupted ? r : new Interrupted("signal", "stopped: the run was interrupted");
}
