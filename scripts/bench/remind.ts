// Bench: `seats remind` at 100,000 seats with 1,000 reminders due (idle 25 days: more than
// remind_days 23, not yet reclaimable at 30). Prints the requests of the first run (opens the
// reminders), a re-run (nothing to do), and a run after 100 of those people became active
// (closes theirs): seat reads are one per 100 seats, the rest follows the reminders written.
import { startEmulator } from "../../src/emulator/index.js";
import type { SeedSeat } from "../../src/emulator/types.js";
import { createGitHubClient } from "../../src/github/client.js";
import { resolvePolicy, resolveTeam } from "../../src/model/load.js";
import type { MemberDecl, SeatModel, TeamDecl } from "../../src/model/types.js";
import { runRemind } from "../../src/remind/run.js";
import { DAY_MS as DAY } from "../../src/reclaim/time.js";

const SEATS = 100_000;
const DUE = 1_000;
const TEAMS = 100;
const NOW = new Date("2025-06-01T02:00:00Z");
const login = (i: number) => `dev-${String(i).padStart(6, "0")}`;
const team = (i: number) => `team-${String(i % TEAMS).padStart(3, "0")}`;
const step = SEATS / DUE;

function model(): SeatModel {
  const teams: TeamDecl[] = Array.from({ length: TEAMS }, (_, t) => resolveTeam(team(t), { name: team(t) }));
  const members: MemberDecl[] = [];
  for (let i = 0; i < SEATS; i++) {
    const m: MemberDecl = { login: login(i), reason: "builds things", team: team(i), file: `seats/${team(i)}/${login(i)}.yaml` };
    teams[i % TEAMS]!.members.push(m);
    members.push(m);
  }
  return { dir: "/bench", policy: resolvePolicy({ org: "acme" }), teams, members, sources: new Map() };
}

export async function run(): Promise<void> {
  const seats: SeedSeat[] = Array.from({ length: SEATS }, (_, i) => ({
    login: login(i),
    created_at: "2024-01-01T00:00:00Z",
    last_activity_at: new Date(NOW.getTime() - (i % step === 0 ? 25 : 1) * DAY).toISOString(),
  }));
  const emu = await startEmulator({
    seed: {
      org: { login: "acme", seat_management_setting: "assign_selected" },
      members: [{ login: "admin", role: "admin" }, ...seats.map((s) => s.login)],
      seats,
      repos: [{ full_name: "acme/seats", default_branch: "main", files: { "README.md": "seats\n" } }],
      viewer: "admin",
    },
    now: () => NOW,
  });
  const rows: string[][] = [];
  try {
    const client = createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: "bench" }, allowWrites: true, retryAfterBaseMs: 1, writeIntervalMs: 0 });
    const m = model();
    const target = { owner: "acme", repo: "seats", base: "main" };
    const pass = async (label: string) => {
      emu.log.reset();
      const t0 = performance.now();
      const r = await runRemind(client, { model: m, now: NOW, target, confirm: true });
      const ms = performance.now() - t0;
      const e = emu.log.entries;
      rows.push([
        label,
        String(r.created.length),
        String(r.closed.length),
        String(e.length),
        String(e.filter((x) => x.path.endsWith("/copilot/billing/seats")).length),
        String(e.filter((x) => x.method === "GET" && x.path.startsWith("/repos/")).length),
        String(e.filter((x) => x.method !== "GET").length),
        `${(ms / 1000).toFixed(2)} s`,
      ]);
    };
    await pass("first run");
    await pass("re-run");
    for (let i = 0; i < 100; i++) emu.control.recordActivity(login(i * step), new Date(NOW.getTime() - 3_600_000));
    await pass("100 active again");
  } finally {
    await emu.close();
  }
  const head = ["run", "opened", "closed", "requests", "seat reads", "issue reads", "writes", "wall"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padStart(widths[i]!)).join("  ");
  console.log(`${SEATS.toLocaleString("en-US")} seats, ${DUE.toLocaleString("en-US")} reminders due`);
  console.log(line(head));
  for (const r of rows) console.log(line(r));
}
