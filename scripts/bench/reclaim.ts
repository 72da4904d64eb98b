// Bench: `seats reclaim` at scale against the emulator. 100,000 seats in 100 teams; 10, 1,000
// and 10,000 of them idle. Prints requests (seat reads vs. PR building) and wall time (reading
// the seats, then classify + building the PR) for the first run (opens the PR) and a second run
// a day later (updates it). Wall times are the emulator's as much as ours: it serves from the
// same process. The target: the PR side
// costs the same handful of requests whatever the number of deleted files.
import { startEmulator } from "../../src/emulator/index.js";
import type { SeedSeat } from "../../src/emulator/types.js";
import { createGitHubClient } from "../../src/github/client.js";
import { listAllSeats } from "../../src/github/read.js";
import { resolvePolicy, resolveTeam } from "../../src/model/load.js";
import type { MemberDecl, SeatModel, TeamDecl } from "../../src/model/types.js";
import { runReclaim } from "../../src/reclaim/run.js";
import { DAY_MS as DAY } from "../../src/reclaim/time.js";

const SEATS = 100_000;
const TEAMS = 100;
const IDLE = [10, 1_000, 10_000];
const NOW = new Date("2025-06-01T02:00:00Z");

const login = (i: number) => `dev-${String(i).padStart(6, "0")}`;
const team = (i: number) => `team-${String(i % TEAMS).padStart(3, "0")}`;

function buildModel(): { model: SeatModel; files: Record<string, string> } {
  const files: Record<string, string> = { "policies/policy.yaml": "org: acme\n" };
  const teams: TeamDecl[] = Array.from({ length: TEAMS }, (_, t) => {
    const slug = team(t);
    files[`seats/${slug}/_team.yaml`] = `name: ${slug}\n`;
    return resolveTeam(slug, { name: slug });
  });
  const members: MemberDecl[] = [];
  for (let i = 0; i < SEATS; i++) {
    const m: MemberDecl = { login: login(i), reason: "builds things", team: team(i), file: `seats/${team(i)}/${login(i)}.yaml` };
    files[m.file] = `login: ${m.login}\nreason: ${m.reason}\n`;
    teams[i % TEAMS]!.members.push(m);
    members.push(m);
  }
  return { model: { dir: "/bench", policy: resolvePolicy({ org: "acme" }), teams, members, sources: new Map() }, files };
}

function seatsWithIdle(idle: number): SeedSeat[] {
  // Spread the idle seats over the whole range (every team is touched).
  const step = Math.floor(SEATS / idle);
  return Array.from({ length: SEATS }, (_, i) => ({
    login: login(i),
    created_at: "2024-01-01T00:00:00Z",
    last_activity_at: new Date(NOW.getTime() - (i % step === 0 ? 60 : 1) * DAY).toISOString(),
  }));
}

export async function run(): Promise<void> {
  const { model, files } = buildModel();
  const rows: string[][] = [];
  for (const idle of IDLE) {
    const seats = seatsWithIdle(idle);
    const emu = await startEmulator({
      seed: {
        org: { login: "acme", seat_management_setting: "assign_selected" },
        members: [{ login: "admin", role: "admin" }, ...seats.map((s) => s.login)],
        seats,
        repos: [{ full_name: "acme/seats", default_branch: "main", files }],
        viewer: "admin",
      },
      now: () => NOW,
    });
    try {
      const client = createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: "bench" }, allowWrites: true, retryAfterBaseMs: 1, writeIntervalMs: 0 });
      const target = { owner: "acme", repo: "seats", base: "main", branch: "seats/reclaim" };
      for (const [label, now] of [
        ["open", NOW],
        ["update", new Date(NOW.getTime() + DAY)],
      ] as const) {
        emu.log.reset();
        const t0 = performance.now();
        const live = await listAllSeats(client, "acme");
        const t1 = performance.now();
        const report = await runReclaim(client, { model, now, target, confirm: true, seats: live });
        const t2 = performance.now();
        const entries = emu.log.entries;
        const seatReads = entries.filter((e) => e.path.endsWith("/copilot/billing/seats")).length;
        const prSide = entries.filter((e) => e.path.startsWith("/repos/"));
        rows.push([
          `${idle.toLocaleString("en-US")} / ${SEATS.toLocaleString("en-US")}`,
          label,
          String(report.files.length),
          String(entries.length),
          String(seatReads),
          String(prSide.length),
          String(prSide.filter((e) => e.method !== "GET").length),
          `${((t1 - t0) / 1000).toFixed(2)} s`,
          `${((t2 - t1) / 1000).toFixed(2)} s`,
        ]);
      }
    } finally {
      await emu.close();
    }
  }
  const head = ["reclaimed", "run", "files", "requests", "seat reads", "PR requests", "PR writes", "read seats", "classify + PR"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padStart(widths[i]!)).join("  ");
  console.log(line(head));
  for (const r of rows) console.log(line(r));
}
