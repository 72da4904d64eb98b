// `seats report` under `copilot.billing: enterprise`: the seats are the enterprise's grants (the
// org's own seat list holds only what the org assigns), one per person, as the plan reads them.
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { SeatReport } from "../../src/report/data.js";
import { runCli } from "../helpers/cli.js";

const FIXTURE = path.resolve("test/fixtures/plan/enterprise-orgs");
const NOW = new Date("2026-01-15T12:00:00Z");
let emu: RunningEmulator;
afterEach(() => emu?.close());

describe("seats report in enterprise billing", () => {
  it("counts the enterprise's seats, not the org's (which assigns none)", async () => {
    emu = await startEmulator({ seed: path.join(FIXTURE, "seed.yaml"), now: () => NOW });
    const r = await runCli(["report", "--dir", FIXTURE, "--format", "json", "--now", NOW.toISOString()], emu.url);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as SeatReport;
    expect(report.totals).toMatchObject({ seats: 1, monthly_cost_usd: 19 });
    expect(report.holders.map((h) => [h.login, h.team])).toEqual([["alice", "platform"]]);
    expect(emu.log.entries.map((e) => e.path)).toContain("/enterprises/acme-corp/copilot/billing/seats");
    expect(emu.log.count({ mutating: true })).toBe(0);
  });
});
