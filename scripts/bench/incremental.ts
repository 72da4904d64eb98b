// `npm run bench incremental`: what a PR's plan costs at 100,000 seats with 20 ms of latency per
// request, incremental (`seats plan --base`) against paging everything (`seats plan --full`), and
// the peer pattern of one request per declared user. Then the full sync as the CLI runs it (a new
// process on a repo of 100,000 member files): its requests against the paging minimum, and its
// peak memory. Prints numbers, never asserts.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../../src/emulator/index.js";
import { createGitHubClient } from "../../src/github/client.js";
import { resolvePolicy, resolveTeam } from "../../src/model/load.js";
import type { SeatModel, TeamDecl } from "../../src/model/types.js";
import { scopedPlan } from "../../src/plan/scoped.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const LATENCY_MS = 20;
const HELD = Number(process.env.BENCH_INCREMENTAL_SEATS ?? 100_000);
const login = (i: number) => `dev-${String(i).padStart(6, "0")}`;

/** Preloaded into the CLI child: its peak RSS (KiB) on stderr as it exits. */
const RSS_PROBE = `data:text/javascript,${encodeURIComponent('process.on("exit",()=>{process.stderr.write("\\nmax-rss-kib="+process.resourceUsage().maxRSS+"\\n")})')}`;

function seatRepo(declared: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), "seats-bench-"));
  mkdirSync(path.join(dir, "policies"));
  writeFileSync(path.join(dir, "policies/policy.yaml"), "org: acme\n");
  mkdirSync(path.join(dir, "seats/eng"), { recursive: true });
  writeFileSync(path.join(dir, "seats/eng/_team.yaml"), "name: eng\n");
  for (const l of declared) writeFileSync(path.join(dir, `seats/eng/${l}.yaml`), `login: ${l}\nreason: bench\n`);
  return dir;
}

export async function run(): Promise<void> {
  // Every holder is declared; ten newcomers are org members without a seat.
  const holders = Array.from({ length: HELD }, (_, i) => login(i));
  const newcomers = Array.from({ length: 10 }, (_, i) => login(HELD + i));
  const emu = await startEmulator({
    seed: {
      org: { login: "acme", seat_management_setting: "assign_selected" },
      members: [{ login: "root-admin", role: "admin" }, ...holders, ...newcomers],
      seats: holders.map((l) => ({ login: l, created_at: "2025-01-01T00:00:00Z" })),
    },
  });
  const client = createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: "bench" }, allowWrites: false, retryAfterBaseMs: 1, warn: () => {} });
  const team = (members: string[]): TeamDecl => ({
    ...resolveTeam("eng", { name: "eng" }),
    members: members.map((l) => ({ login: l, reason: "bench", team: "eng", file: `seats/eng/${l}.yaml` })),
  });
  const policy = resolvePolicy({ org: "acme" });
  const model = (members: string[]): SeatModel => ({ dir: "", policy, teams: [team(members)], members: team(members).members, sources: new Map() });
  const memberPages = Math.ceil((HELD + newcomers.length + 1) / 100);
  // Settings, seat pages, member pages, and one member page per declared team (here: eng).
  const minimumFull = 1 + Math.ceil(HELD / 100) + memberPages + 1;
  const rows: Record<string, string | number>[] = [];
  try {
    emu.setFaults({ latencyMs: LATENCY_MS });
    const cases: [string, string[], string[]][] = [
      ["one-person self-add", [...holders, newcomers[0]!], [newcomers[0]!]],
      // Five join, five leave (their files deleted): ten logins touched.
      ["10-person change", [...holders.slice(5), ...newcomers.slice(0, 5)], [...holders.slice(0, 5), ...newcomers.slice(0, 5)]],
    ];
    for (const [name, declared, touched] of cases) {
      const m = model(declared);
      emu.log.reset();
      const t = performance.now();
      // The touched member files, as `git diff` lists them: one per login in seats/eng/.
      const res = await scopedPlan(client, m, { kind: "logins", logins: touched, files: touched.map((l) => `seats/eng/${l}.yaml`) });
      const ms = performance.now() - t;
      const p = res.plan;
      rows.push({
        change: name,
        mode: res.scope.mode,
        requests: emu.log.count(),
        "plan+read": `${ms.toFixed(0)} ms`,
        changes: `${p.summary.adds} add / ${p.summary.cancels} cancel`,
        "full paging": `${minimumFull} requests`,
        "peer (1 per user)": `${declared.length + 1} requests`,
      });
    }
  } finally {
    await emu.close();
  }
  console.log(`${HELD.toLocaleString("en-US")} seats, latency ${LATENCY_MS} ms per request; in-process (after start-up)\n`);
  console.table(rows);

  // The full sync, as the nightly run does it: a new CLI process, the whole repo loaded.
  const dir = seatRepo([...holders, newcomers[0]!]);
  const emu2 = await startEmulator({
    seed: {
      org: { login: "acme", seat_management_setting: "assign_selected" },
      members: [{ login: "root-admin", role: "admin" }, ...holders, ...newcomers],
      seats: holders.map((l) => ({ login: l, created_at: "2025-01-01T00:00:00Z" })),
    },
  });
  try {
    emu2.setFaults({ latencyMs: LATENCY_MS });
    emu2.log.reset();
    const t = performance.now();
    // Asynchronously: a synchronous spawn would block the emulator this process serves.
    const r = await runChild([process.execPath, "--import", RSS_PROBE, path.join(root, "bin/seats.js"), "plan", "--full", "--dir", dir], {
      GITHUB_TOKEN: "bench",
      GITHUB_API_URL: emu2.url,
    });
    const ms = performance.now() - t;
    const kib = Number(/max-rss-kib=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
    const requests = emu2.log.count();
    console.log(
      `\nfull sync (seats plan --full, new process, ${HELD.toLocaleString("en-US")} member files): exit ${r.status}, ${requests} requests ` +
        `(paging minimum ${minimumFull}: ${(requests / minimumFull).toFixed(2)}x), ${(ms / 1000).toFixed(1)} s, ` +
        `peak RSS ${(kib / 1024).toFixed(0)} MB (the CLI process alone: the emulator runs in this one); ` +
        `peer pattern ${HELD + 2} requests`,
    );
  } finally {
    await emu2.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log("targets: self-add ≤ 4 requests and < 1 s; 10-person change ≤ 25 requests; full sync 1.00x the paging minimum, peak RSS < 300 MB");
}

function runChild(argv: string[], env: Record<string, string>): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (status) => resolve({ status, stderr }));
  });
}
