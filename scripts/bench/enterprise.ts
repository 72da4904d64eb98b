// `npm run bench enterprise`: requests and wall time of an enterprise sync (`copilot.billing:
// enterprise`: read the enterprise's grants + org members, plan, apply to the enterprise's
// selected_users) against the emulator with 20 ms of latency per request, for 1,000 / 20,000 /
// 100,000 seats and 1% drift each way. Half the people also hold an org seat, so the enterprise
// seat list has 1.5 rows per person (one per grant): pages follow rows, not `total_seats`.
//
// Minimum requests = grant pages + member pages + one members read per declared team + write
// batches (100 logins per batch).
import { applyPlan } from "../../src/apply/apply.js";
import { startEmulator } from "../../src/emulator/index.js";
import { createGitHubClient } from "../../src/github/client.js";
import { enterpriseSeatWriter } from "../../src/github/enterprise-write.js";
import { resolvePolicy, resolveTeam } from "../../src/model/load.js";
import type { SeatModel } from "../../src/model/types.js";
import { readEnterpriseSnapshot } from "../../src/plan/enterprise-live.js";
import { enterpriseModel } from "../../src/plan/enterprise.js";
import { plan } from "../../src/plan/plan.js";

const LATENCY_MS = 20;
const SIZES = (process.env.BENCH_ENTERPRISE_SIZES ?? "1000,20000,100000").split(",").map(Number);

const login = (i: number): string => `dev-${String(i).padStart(6, "0")}`;

async function scenario(held: number) {
  const drift = Math.max(1, Math.round(held * 0.01));
  const holders = Array.from({ length: held }, (_, i) => login(i));
  const newcomers = Array.from({ length: drift }, (_, i) => login(held + i));
  const declared = [...holders.slice(drift), ...newcomers];
  const members = [...holders, ...newcomers];
  const emu = await startEmulator({
    seed: {
      org: { login: "acme" },
      members: [{ login: "root-admin", role: "admin" }, ...members],
      seats: holders.filter((_, i) => i % 2 === 0).map((l) => ({ login: l, created_at: "2025-01-01T00:00:00Z" })),
      enterprise: { slug: "acme-corp", seats: holders.map((l) => ({ login: l, created_at: "2025-01-01T00:00:00Z" })) },
    },
  });
  try {
    const model = {
      dir: "",
      policy: resolvePolicy({ org: "acme", enterprise: "acme-corp", copilot: { billing: "enterprise" } }),
      teams: [{ ...resolveTeam("eng", { name: "Eng" }), members: declared.map((l) => ({ login: l, reason: "bench", team: "eng", file: `seats/eng/${l}.yaml` })) }],
      members: [],
      sources: new Map(),
    } as SeatModel;
    const client = createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: "bench" }, allowWrites: true, retryAfterBaseMs: 1, writeIntervalMs: 0, warn: () => {} });
    emu.setFaults({ latencyMs: LATENCY_MS });
    emu.log.reset();
    let t = performance.now();
    const snapshot = await readEnterpriseSnapshot(client, model);
    const p = plan(enterpriseModel(model), snapshot, model.policy);
    const readMs = performance.now() - t;
    const readRequests = emu.log.count();
    t = performance.now();
    const result = await applyPlan(p, enterpriseSeatWriter(client, "acme-corp"));
    const applyMs = performance.now() - t;
    const requests = emu.log.count();
    const pages = (n: number) => Math.max(1, Math.ceil(n / 100));
    const rows = held + Math.ceil(held / 2);
    const minimum = pages(rows) + pages(members.length + 1) + model.teams.length + pages(p.summary.adds) + pages(p.summary.cancels);
    if (!result.ok || p.summary.adds !== drift || p.summary.cancels !== drift) throw new Error(`bench scenario ${held} did not apply cleanly`);
    return { held, rows, drift, requests, minimum, readRequests, readMs, applyMs };
  } finally {
    await emu.close();
  }
}

export async function run(): Promise<void> {
  console.log(`enterprise sync, ${LATENCY_MS} ms latency per request, 1% drift each way; seat-list rows = 1.5 per person`);
  console.log("seats    | rows     | requests (minimum) | reads | read+plan ms | apply ms");
  for (const held of SIZES) {
    const r = await scenario(held);
    console.log(
      `${String(r.held).padEnd(8)} | ${String(r.rows).padEnd(8)} | ${`${r.requests} (${r.minimum})`.padEnd(18)} | ${String(r.readRequests).padEnd(5)} | ${r.readMs.toFixed(0).padStart(12)} | ${r.applyMs.toFixed(0).padStart(8)}`,
    );
  }
}
