// Typed errors and their exit codes (SPEC §3): 1 = input or plan rejected, 2 = usage error.
// Anything else that escapes is a bug: the CLI prints its stack and exits 70.

/** The input or the plan is rejected (invalid files, unsafe plan, failed API changes). Exit 1. */
export class UserError extends Error {
  override name = "UserError";
  readonly exitCode = 1;
}

/** Bad flags, missing credentials, unknown command. Exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
  readonly exitCode = 2;
}

export function exitCodeOf(err: unknown): number | undefined {
  if (err instanceof UserError || err instanceof UsageError) return err.exitCode;
  return undefined;
}
