#!/usr/bin/env node
// The `seats` CLI. The sources are TypeScript; tsx compiles them on the fly so a checkout
// runs with no build step after `npm ci` (and so the Pulumi program and the CLI share code).
import { setFlagsFromString } from "node:v8";
import { register } from "tsx/esm/api";

// A run is network-bound (a full plan pages 2,000 times at 100,000 seats) and every page it reads
// is garbage at once; V8's default lets that garbage grow the heap to four times what is live
// before collecting it. Favouring memory over speed keeps the peak near what is live: at 100,000
// member files `seats plan --full` peaks at about half the memory, for a few more (short) GCs.
// Set first thing, before the heap holds anything (`npm run bench incremental` measures it).
setFlagsFromString("--optimize-for-size");
register();
// `seats plan | head -1`: a reader that goes away is not an error of ours. Output that cannot
// be written at all (a full disk, `> /dev/full`) is the environment's: one line, exit 1.
for (const [name, stream] of [["stdout", process.stdout], ["stderr", process.stderr]]) {
  stream.on("error", (err) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    if (name === "stdout") {
      try {
        process.stderr.write(`seats: cannot write to stdout: ${err.code ?? err.message}\n`);
      } catch {
        // stderr is gone too: the exit code is all that is left.
      }
    }
    process.exit(1);
  });
}
const { main } = await import("../src/cli/main.ts");
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Once main has returned, the run is over: a request abandoned by Ctrl-C or --timeout (a hung
// socket, a retry timer) must not keep the process alive. Output is flushed by then; the
// timer is unref'd, so a process with nothing pending exits at once as usual.
setTimeout(() => process.exit(code), 200).unref();
