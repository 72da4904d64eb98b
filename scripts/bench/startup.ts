// `npm run bench startup`: how long `seats <cmd>` takes to start, as a new process each time (what
// a user and every CI step pays). `seats validate --help` is start-up alone (load and compile the
// CLI's modules, print); `seats validate` on the example repo adds the checks. `node -e 0` is the
// floor. SEATS_BENCH_BIN=/other/checkout/bin/seats.js times another checkout (before/after).
// Wall time swings with whatever else the machine runs; the CPU time the process used (reported
// by the process itself at exit) is the steadier number. Prints numbers, never asserts.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = process.env.SEATS_BENCH_BIN ?? path.join(root, "bin/seats.js");
const RUNS = Number(process.env.SEATS_BENCH_RUNS ?? 9);

/** Preloaded into the child: prints its CPU time (user + system, ms) on stderr as it exits. */
const CPU_PROBE = `data:text/javascript,${encodeURIComponent('process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("\\ncpu-ms="+Math.round((u.user+u.system)/1000)+"\\n")})')}`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time(args: string[]): { median: number; min: number; cpu: number } {
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ["--import", CPU_PROBE, ...args], { cwd: root, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    cpu.push(Number(/cpu-ms=(\d+)/.exec(r.stderr)?.[1] ?? NaN));
  }
  return { median: median(ms), min: Math.min(...ms), cpu: median(cpu) };
}

export async function run(): Promise<void> {
  const cases: [string, string[]][] = [
    ["node -e 0 (floor)", ["-e", "0"]],
    ["seats --version", [bin, "--version"]],
    ["seats validate --help", [bin, "validate", "--help"]],
    ["seats validate (example repo)", [bin, "validate", "--dir", root]],
  ];
  console.log(`bin: ${path.relative(process.cwd(), bin) || bin}; ${RUNS} runs each`);
  console.log("case                               median ms    min ms   CPU ms (median)");
  for (const [name, args] of cases) {
    const t = time(args);
    console.log(`${name.padEnd(34)} ${t.median.toFixed(0).padStart(9)} ${t.min.toFixed(0).padStart(9)} ${t.cpu.toFixed(0).padStart(9)}`);
  }
}
