// Process settings that keep a large program fast under `pulumi up`.
//
// The Pulumi SDK captures a stack trace for every resource it registers (Resource.callsites, with
// Error.stackTraceLimit raised to Infinity for source positions) and another one for each of its
// internal promises (kept only for leak diagnostics). Formatting those traces dominated the run
// (measured with scripts/bench/pulumi.ts and a CPU profile): tsx turns on Node's source-map
// support, and mapping traces through source maps made declaring 2,000 github.Team resources take
// 16 s instead of 3.6 s; the per-promise traces were most of what remained.
//
// So: source maps off for the whole run (a stack trace from a bug in this program then points at
// tsx's transpiled output, close to but not exactly the TypeScript line; user errors end the run
// with a message and no stack anyway), and no per-promise traces while the resources are declared
// (the SDK still records each resource's own source position).
export function tuneForLargePrograms(): void {
  process.setSourceMapsEnabled(false);
}

/** Runs `declare` with Error.stackTraceLimit = 0, restoring the previous limit afterwards. */
export function withoutPromiseStackTraces<T>(declare: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return declare();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
