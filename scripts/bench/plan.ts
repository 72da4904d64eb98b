// `npm run bench plan`: requests and wall time of `seats plan` + `seats apply --confirm` against
// the emulator with 20 ms of latency per request, for 1,000 / 20,000 / 100,000 held seats and
// 1% drift each way (1% of holders undeclared → cancels, 1% declared without a seat → adds).
//
// Minimum requests = seat pages + member pages + 1 (settings) + write batches (100 per batch).
// Baseline for wall time: the same reads strictly one page after another (octokit.paginate
// following rel="next"), what most tools in this niche do.
import { applyPlan } from "../../src/apply/apply.js";
import { startEmulator } from "../../src/emulator/index.js";
import { createGitHubClient } from "../../src/github/client.js";
import { readSnapshot } from "../../src/github/read.js";
import { octokitSeatWriter } from "../../src/github/write.js";
import { resolvePolicy, resolveTeam } from "../../src/model/load.js";
import type { TeamDecl } from "../../src/model/types.js";
import { plan } from "../../src/plan/plan.js";

const LATENCY_MS = 20;
const SIZES = (process.env.BENCH_PLAN_SIZES ?? "1000,20000,100000").split(",").map(Number);

function login(i: number): string {
  return `dev-${String(i).padStart(6, "0")}`;
}

async function scenario(held: number) {
  const drift = Math.max(1, Math.round(held * 0.01));
  const holders = Array.from({ length: held }, (_, i) => login(i));
  const newcomers = Array.from({ length: drift }, (_, i) => login(held + i));
  const declared = [...holders.slice(drift), ...newcomers]; // first `drift` holders are undeclared
  const members = [...holders, ...newcomers];
  const emu = await startEmulator({
    seed: {
      org: { login: "acme", seat_management_setting: "assign_selected" },
      members: [{ login: "root-admin", role: "admin" }, ...members],
      seats: holders.map((l) => ({ login: l, created_at: "2025-01-01T00:00:00Z" })),
    },
  });
  try {
    const team: TeamDecl = {
      ...resolveTeam("eng", { name: "Eng" }),
      members: declared.map((l) => ({ login: l, reason: "bench", team: "eng", file: `seats/eng/${l}.yaml` })),
    };
    // Keep the ratio guard out of the way: 1% drift is far below 25%.
    const policy = resolvePolicy({ org: "acme" });
    const client = createGitHubClient({
      apiUrl: emu.url,
      auth: { kind: "token", token: "bench" },
      allowWrites: true,
      retryAfterBaseMs: 1,
      writeIntervalMs: 0, // GitHub wants ≥1 s between writes; the emulator does not, and it is not what we measure
      warn: () => {},
    });

    // Sequential baseline: settings, then every seat page, then every member page, one at a time.
    emu.setFaults({ latencyMs: LATENCY_MS });
    emu.log.reset();
    let t = performance.now();
    await client.request("GET /orgs/{org}/copilot/billing", { org: "acme" });
    await client.paginate("GET /orgs/{org}/copilot/billing/seats", { org: "acme", per_page: 100 }, (r) => (r.data as unknown as { seats: unknown[] }).seats);
    await client.paginate("GET /orgs/{org}/members", { org: "acme", per_page: 100 });
    const sequentialMs = performance.now() - t;
    const sequentialRequests = emu.log.count();

    // Ours: read (concurrent paging) + plan + apply.
    emu.log.reset();
    t = performance.now();
    const snapshot = await readSnapshot(client, { org: "acme" });
    const p = plan({ teams: [team] }, snapshot, policy);
    const readMs = performance.now() - t;
    const readRequests = emu.log.count();
    const t2 = performance.now();
    const result = await applyPlan(p, octokitSeatWriter(client, "acme"));
    const applyMs = performance.now() - t2;
    const requests = emu.log.count();

    const pages = (n: number) => Math.max(1, Math.ceil(n / 100));
    const minimum = pages(held) + pages(members.length + 1) + 1 + pages(p.summary.adds) + pages(p.summary.cancels);
    if (!result.ok || p.summary.adds !== drift || p.summary.cancels !== drift) throw new Error(`bench scenario ${held} did not apply cleanly`);
    return { held, drift, requests, minimum, readRequests, sequentialRequests, readMs, sequentialMs, applyMs };
  } finally {
    await emu.close();
  }
}

export async function run(): Promise<void> {
  const rows = [];
  for (const n of SIZES) rows.push(await scenario(n));
  const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`latency ${LATENCY_MS} ms per request; drift 1% each way; writes in batches of 100\n`);
  console.table(
    rows.map((r) => ({
      "held seats": r.held,
      "adds / cancels": `${r.drift} / ${r.drift}`,
      requests: r.requests,
      minimum: r.minimum,
      "requests / min": `${(r.requests / r.minimum).toFixed(3)}x`,
      "read+plan": fmt(r.readMs),
      "sequential paging": fmt(r.sequentialMs),
      speedup: `${(r.sequentialMs / r.readMs).toFixed(1)}x`,
      apply: fmt(r.applyMs),
    })),
  );
  console.log("targets: requests ≤ 1.05x minimum; read at least 3x faster than sequential paging at 100,000 seats");
}
