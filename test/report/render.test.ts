// Report output: Markdown tables with Mermaid charts, CSV rows safe for spreadsheets, JSON.
import { describe, expect, it } from "vitest";
import type { SeatReport } from "../../src/report/data.js";
import { csvField, renderCsv, renderJson, renderMarkdown, usd } from "../../src/report/render.js";

const report: SeatReport = {
  generated_at: "2026-06-15T12:00:00.000Z",
  org: "acme",
  usd_per_seat_month: 19,
  totals: { seats: 3, active_7: 1, active_30: 2, idle: 0, never_used: 1, pending: 0, monthly_cost_usd: 57 },
  teams: [
    { team: "plat|form", seats: 2, active_7: 1, active_30: 2, idle: 0, never_used: 0, pending: 0, monthly_cost_usd: 38 },
    { team: 'we"b', seats: 1, active_7: 0, active_30: 0, idle: 0, never_used: 1, pending: 0, monthly_cost_usd: 19 },
  ],
  savings: [{ month: "2026-05", reclaimed: 2, savings_usd: 38, run_rate_usd: 38, saved_to_date_usd: 0 }],
  reclaims: [{ at: "2026-05-01T00:00:00.000Z", logins: ["x", "y"], source: "merged", ref: "c1" }],
  holders: [
    { login: "ann", team: "plat|form", state: "active_7", last_activity_at: "2026-06-14T00:00:00Z", last_activity_editor: "=cmd,x", created_at: "2026-01-01T00:00:00Z", pending_cancellation_date: null, idle_days: 1, monthly_cost_usd: 19 },
  ],
};

describe("usd", () => {
  it.each([
    [0, "$0"],
    [19, "$19"],
    [1234.5, "$1,234.50"],
  ])("%s → %s", (n, want) => expect(usd(n)).toBe(want));
});

describe("renderMarkdown", () => {
  const md = renderMarkdown(report);
  it.each([
    ["the totals row", "| **all** | 3 | 1 | 2 | 0 | 1 | 0 | $57 |"],
    ["a team with an escaped pipe", "| plat\\|form | 2 | 1 | 2 | 0 | 0 | 0 | $38 |"],
    ["the activity pie (zero slices left out)", '```mermaid\npie showData title Seats by activity\n  "active in the last 7 days" : 1\n  "active 8 to 30 days ago" : 1\n  "never used" : 1\n```'],
    ["the per-team bars, quotes made safe", `x-axis ["plat|form", "we'b"]`],
    ["the savings table", "| 2026-05 | 2 | $38 | $38 | $0 |"],
    ["the savings summary", "Reclaims have removed 2 seats: $38 a month, $0 saved so far."],
  ])("has %s", (_name, text) => {
    expect(md).toContain(text);
  });
  it("says when nothing was reclaimed, and draws no chart for no seats", () => {
    const empty = renderMarkdown({ ...report, totals: { ...report.totals, seats: 0 }, teams: [], savings: [], reclaims: [] });
    expect(empty).toContain("No reclaim has been merged yet.");
    expect(empty).not.toContain("```mermaid");
  });
});

describe("csv", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["=SUM(A1)", "'=SUM(A1)"],
    ["@x", "'@x"],
    [null, ""],
    [12, "12"],
  ])("field %s", (v, want) => expect(csvField(v)).toBe(want));
  it("one header and one row per holder, CRLF", () => {
    expect(renderCsv(report)).toBe(
      "login,team,state,last_activity_at,last_activity_editor,created_at,pending_cancellation_date,idle_days,monthly_cost_usd\r\n" +
        "ann,plat|form,active_7,2026-06-14T00:00:00Z,\"'=cmd,x\",2026-01-01T00:00:00Z,,1,19\r\n",
    );
  });
});

describe("json", () => {
  it("round-trips the report with the state labels", () => {
    const j = JSON.parse(renderJson(report));
    expect(j.totals).toEqual(report.totals);
    expect(j.states.map((s: { state: string }) => s.state)).toEqual(["active_7", "active_30", "idle", "never_used", "pending"]);
  });
});
