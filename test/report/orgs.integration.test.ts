// `seats report` in a repo that manages two orgs, against one emulator serving both: every org's
// seats are read; people are counted once and billed once (one enterprise bills a person once).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { SeatReport } from "../../src/report/data.js";
import { twoOrgSeed } from "../helpers/two-orgs.js";
import { readTreeFiles, removeDir, runCli, tempCheckout } from "../reclaim/world.js";

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/remind/orgs");
const NOW = "2026-06-15T12:00:00Z";
const ago = (d: number) => new Date(Date.parse(NOW) - d * 86_400_000).toISOString();
const OLD = "2025-01-01T00:00:00Z";
let emu: RunningEmulator;
let dir: string;

beforeAll(async () => {
  dir = tempCheckout(FIXTURE);
  emu = await startEmulator({
    seed: twoOrgSeed(
      {
        members: ["ann", "bo", "cy"],
        seats: [
          { login: "ann", created_at: OLD, last_activity_at: ago(60) },
          { login: "bo", created_at: OLD, last_activity_at: ago(40) },
          { login: "cy", created_at: OLD, last_activity_at: ago(3) },
        ],
      },
      {
        members: ["ann", "bo", "di"],
        seats: [
          { login: "ann", created_at: OLD, last_activity_at: ago(1) },
          { login: "bo", created_at: OLD, last_activity_at: ago(35) },
          { login: "di", created_at: OLD, pending_cancellation_date: "2099-07-01" },
        ],
      },
      readTreeFiles(dir),
    ),
  });
});
afterAll(async () => {
  await emu?.close();
  removeDir(dir);
});

describe("seats report across two orgs", () => {
  it("json: four people, six seats, three people billed; each org's seats and teams", async () => {
    const r = await runCli(["report", "--dir", dir, "--now", NOW, "--format", "json"], emu.url);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as SeatReport;
    // bo is idle in both orgs: one idle person, billed once.
    expect(report.totals).toEqual({ seats: 4, active_7: 2, active_30: 2, idle: 1, never_used: 0, pending: 1, monthly_cost_usd: 57 });
    expect(report.holders.map((h) => [h.login, h.state, h.monthly_cost_usd, h.orgs])).toEqual([
      ["ann", "active_7", 19, ["acme", "acme-labs"]],
      ["bo", "idle", 19, ["acme", "acme-labs"]],
      ["cy", "active_7", 19, ["acme"]],
      ["di", "pending", 0, ["acme-labs"]],
    ]);
    expect(report.orgs!.map((o) => [o.org, o.seats, o.idle, o.monthly_cost_usd])).toEqual([
      ["acme", 3, 2, 57],
      ["acme-labs", 3, 1, 38],
    ]);
    expect(report.teams.map((t) => [t.org, t.team, t.seats])).toEqual([
      ["acme", "platform", 3],
      ["acme-labs", "labs", 3],
    ]);
  });

  it("markdown: people in the totals, seats per org", async () => {
    const r = await runCli(["report", "--dir", dir, "--now", NOW], emu.url);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("4 people hold 6 seats in 2 organizations, $57 a month");
    expect(r.stdout).toContain("| **acme-labs** | 3 | 1 | 1 | 1 | 0 | 1 | $38 |");
  });
});
