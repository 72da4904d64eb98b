// Fault-injection soak (issue 11): 200 seeded runs of plan, apply --confirm and reclaim --confirm
// against the emulator with random faults (5xx, secondary rate limits, dropped connections,
// writes whose answer is lost, requests that are never answered) and latency. Every run must
// either succeed or stop with a clear message (exit 1, never an internal error), none may outlive
// its --timeout, none may cancel a declared seat, and once the faults stop, one more apply
// converges to an empty plan. Every tenth seed also meets a server that answers nothing at all:
// plan and apply must stop on their --timeout and say so.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { mulberry32 } from "../../src/emulator/faults.js";
import { startEmulator, type EmulatorSeed, type FaultConfig, type RunningEmulator, type SeedSeat } from "../../src/emulator/index.js";
import type { Plan } from "../../src/plan/types.js";
import { DAY_MS } from "../../src/reclaim/time.js";
import { captureIo } from "../helpers/io.js";
import { tempDir } from "../helpers/seat-repo.js";

// SOAK_FIRST / SOAK_RUNS replay a range of seeds (e.g. the one a failure names).
const RUNS = Number(process.env.SOAK_RUNS ?? 200);
const FIRST = Number(process.env.SOAK_FIRST ?? 1);
const ORG = "soak-org";
const NOW = new Date("2026-06-15T12:00:00Z");
const USERS = ["ana", "ben", "cat", "dan", "eve", "fin"];
const TEAM = ["gus", "hal"];
const DECLARED = [...USERS, ...TEAM];

let dir: string;
let files: Record<string, string>;
beforeAll(() => {
  dir = tempDir("seats-soak-").dir;
  files = {
    "policies/policy.yaml": `org: ${ORG}\nseats:\n  max_removal_ratio: 0.5\ninactivity:\n  days: 30\n  new_seat_grace_days: 14\n`,
    "seats/web/_team.yaml": "name: Web\ncopilot: users\n",
    "seats/data/_team.yaml": "name: Data\ncopilot: team\n",
    ...Object.fromEntries(USERS.map((u) => [`seats/web/${u}.yaml`, `login: ${u}\nreason: builds the web app\n`])),
    ...Object.fromEntries(TEAM.map((u) => [`seats/data/${u}.yaml`, `login: ${u}\nreason: notebooks\n`])),
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const day = (n: number) => new Date(NOW.getTime() - n * DAY_MS).toISOString();

function seedFor(seats: SeedSeat[]): EmulatorSeed {
  return {
    org: { login: ORG, seat_management_setting: "assign_selected" },
    viewer: "root",
    members: [{ login: "root", role: "admin" }, ...DECLARED, "old1", "old2"],
    teams: [
      { name: "Web", members: USERS },
      { name: "Data", members: TEAM },
    ],
    copilot_teams: ["data"],
    seats,
    repos: [{ full_name: `${ORG}/seats`, default_branch: "main", files }],
    next_billing_cycle: "2026-07-01",
  };
}

/** A different starting state and fault mix for every seed, reproducible. */
function scenario(seed: number): { seeded: EmulatorSeed; faults: FaultConfig } {
  const r = mulberry32(seed);
  const seats: SeedSeat[] = [];
  for (const u of USERS) {
    const x = r();
    if (x < 0.2) continue; // to add
    seats.push({
      login: u,
      created_at: day(200),
      last_activity_at: x < 0.35 ? day(90) : day(1), // some idle: reclaim proposes them
      ...(x > 0.9 ? { pending_cancellation_date: "2026-07-01" } : {}), // to re-add
    });
  }
  if (r() < 0.8) for (const u of TEAM) seats.push({ login: u, assigning_team: "data", created_at: day(100), last_activity_at: day(2) });
  for (const u of ["old1", "old2"]) if (r() < 0.5) seats.push({ login: u, created_at: day(300), last_activity_at: day(5) }); // undeclared: cancel
  const faults: FaultConfig = {
    seed,
    errorRate: r() * 0.25,
    secondaryRateLimitRate: r() * 0.1,
    dropRate: r() * 0.08,
    lostResponseRate: r() * 0.08,
    latencyMs: Math.floor(r() * 3),
    // retry-after 0 would make the throttling plugin fall back to 60 (× SEATS_RETRY_BASE_MS).
    retryAfterSeconds: r() < 0.5 ? 1 : 2,
    // Some seeds get requests that hang until the per-request timeout gives up on them.
    stallRate: r() < 0.15 ? r() * 0.02 : 0,
  };
  return { seeded: seedFor(seats), faults };
}

/** What a failed run may say: the failure named, never a stack trace. */
const CLEAR = /GitHub request failed|stopped: |cannot connect|rate limit|refusing|not applied|failed|could not|cannot |no answer/i;

/** No request ever cancelled a declared seat or unassigned the declared team. */
function expectNoDeclaredCancel(emu: RunningEmulator, seed: number): void {
  for (const e of emu.log.entries.filter((x) => x.method === "DELETE" && x.status < 400 && x.status > 0)) {
    const body = (e.body ?? {}) as { selected_usernames?: string[]; selected_teams?: string[] };
    expect(body.selected_usernames?.filter((u) => DECLARED.includes(u)) ?? [], `seed ${seed}`).toEqual([]);
    expect(body.selected_teams ?? [], `seed ${seed}`).not.toContain("data");
  }
}

describe(`soak: ${RUNS} seeded runs under faults`, () => {
  it("every run converges or stops with a clear message; none hangs; no declared seat is ever cancelled", async () => {
    const outcomes = { ok: 0, stopped: 0, timedOut: 0 };
    // Never aborted: passing a signal keeps main() from installing process signal handlers per run.
    const signal = new AbortController().signal;
    const soak = async (seed: number) => {
      const { seeded, faults } = scenario(seed);
      const emu = await startEmulator({ seed: seeded, now: () => NOW, faults });
      const base = { GITHUB_API_URL: emu.url, GITHUB_TOKEN: "soak", SEATS_RETRY_BASE_MS: "1", SEATS_WRITE_INTERVAL_MS: "0" };
      // Under faults a request that stalls is given up after 0.5 s (on a loaded machine a slow
      // answer may be given up too: that is one more fault). The convergence runs, without faults,
      // get the default so a loaded machine cannot fail them.
      const faulty = { ...base, SEATS_REQUEST_TIMEOUT_MS: "500" };
      const run = async (argv: string[], env: NodeJS.ProcessEnv = faulty, timeout = "20s") => {
        const io = captureIo();
        const code = await main([...argv, "--dir", dir, "--timeout", timeout], { io, env, signal });
        return { code, err: io.stderr, out: io.stdout };
      };
      try {
        for (const argv of [["plan"], ["apply", "--confirm"], ["reclaim", "--repo", `${ORG}/seats`, "--confirm", "--now", NOW.toISOString()]]) {
          const r = await run(argv);
          const what = `seed ${seed} ${argv[0]}: ${r.err}\n${r.out}`;
          expect(r.err, what).not.toContain("internal error");
          expect([0, 1], what).toContain(r.code);
          if (r.code === 1) {
            expect(`${r.err}\n${r.out}`, what).toMatch(CLEAR);
            outcomes.stopped++;
          } else outcomes.ok++;
        }
        // No run, whatever failed, ever cancelled a declared seat or unassigned a declared team.
        expectNoDeclaredCancel(emu, seed);
        if (seed % 10 === 0) {
          // A server that answers nothing: the run stops on its --timeout, says so, and exits 1.
          emu.setFaults({ stallRate: 1 });
          for (const argv of [["plan"], ["apply", "--confirm"]]) {
            const hung = await run(argv, faulty, "1s");
            const what = `seed ${seed} ${argv[0]} (hung server): ${hung.err}`;
            expect(hung.code, what).toBe(1);
            expect(hung.err, what).toContain("stopped: the run took longer than --timeout 1s");
            expect(hung.err, what).not.toContain("internal error");
          }
          outcomes.timedOut++;
        }
        // Once GitHub behaves, one more apply converges: the next plan is empty.
        emu.setFaults(undefined);
        const again = await run(["apply", "--confirm"], base);
        expect(again.code, `seed ${seed} converge: ${again.err}`).toBe(0);
        const planFile = path.join(dir, `plan-${seed}.json`);
        expect((await run(["plan", "--json", planFile], base)).code).toBe(0);
        expect((JSON.parse(readFileSync(planFile, "utf8")) as Plan).changes, `seed ${seed}`).toEqual([]);
        const live = new Map((emu.control.snapshot().seats ?? []).map((s) => [s.login, s]));
        for (const u of DECLARED) expect(live.get(u)?.pending_cancellation_date ?? null, `seed ${seed} ${u}`).toBeNull();
      } finally {
        await emu.close();
      }
    };
    // Seeds run a few at a time: the time is spent waiting (retry back-offs, latency, stalled
    // requests), not computing. Each worker takes the next seed as soon as its last one is done.
    const PARALLEL = 8;
    let next = FIRST;
    const worker = async () => {
      while (next <= RUNS) await soak(next++);
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    // The mix really exercised both outcomes.
    expect(outcomes.ok).toBeGreaterThan(RUNS - FIRST + 1);
    expect(outcomes.stopped).toBeGreaterThan(0);
    expect(outcomes.timedOut).toBe(Math.floor(RUNS / 10) - Math.floor((FIRST - 1) / 10));
  }, 600_000); // ~30-60 s alone; the ceiling is for a machine shared with other test runs
});
