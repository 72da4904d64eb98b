// Process settings that keep a large program fast under `pulumi up`.
//
// The Pulumi SDK captures a full stack trace for every resource it registers (Resource.callsites
// sets Error.stackTraceLimit to Infinity) plus one per internal promise. tsx turns on Node's
// source-map support, and mapping those traces through source maps dominated the run: measured
// here, declaring 2,000 github.Team resources took 16 s with source maps on and 3.6 s with them
// off (scripts/bench/pulumi.ts runs the whole program). The only cost of turning them off is that
// a stack trace from a bug in this program points at tsx's transpiled output (close to, but not
// exactly, the TypeScript line); user errors end the run with a message and no stack anyway.
export function tuneForLargePrograms(): void {
  process.setSourceMapsEnabled(false);
}
