// The report of a repo with several orgs: people counted once (their state over all their
// seats), each person billed once, and each org's seats and teams on their own.
import { describe, expect, it } from "vitest";
import { resolvePolicy, resolveTeam } from "../../src/model/load.js";
import type { TeamDecl } from "../../src/model/types.js";
import { buildOrgsReport } from "../../src/report/orgs.js";
import { renderCsv, renderMarkdown } from "../../src/report/render.js";
import { seat } from "../helpers/seat.js";

const NOW = new Date("2026-06-15T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();
const policy = resolvePolicy({ org: "acme", orgs: ["acme", "acme-labs"], pricing: { usd_per_seat_month: 19 } });

function team(slug: string, members: string[], org?: string): TeamDecl {
  const t = resolveTeam(slug, { name: slug, copilot: "users", ...(org ? { org } : {}) });
  return { ...t, members: members.map((login) => ({ login, reason: "r", team: slug, file: `seats/${slug}/${login}.yaml` })) };
}
const model = { teams: [team("platform", ["ann", "bo", "cy"]), team("labs", ["ann", "bo", "di"], "acme-labs")], policy };

const report = (acme: ReturnType<typeof seat>[], labs: ReturnType<typeof seat>[]) =>
  buildOrgsReport({ orgs: [{ org: "acme", seats: acme }, { org: "acme-labs", seats: labs }], model, now: NOW });

describe("buildOrgsReport", () => {
  it.each([
    {
      name: "idle in two orgs: one idle person, billed once",
      acme: [seat("bo", { last_activity_at: daysAgo(60) })],
      labs: [seat("bo", { last_activity_at: daysAgo(45) })],
      holder: { login: "bo", state: "idle", monthly_cost_usd: 19, orgs: ["acme", "acme-labs"] },
      totals: { seats: 1, idle: 1, active_30: 0, monthly_cost_usd: 19 },
    },
    {
      name: "active through one org: one active person, billed once",
      acme: [seat("ann", { last_activity_at: daysAgo(60) })],
      labs: [seat("ann", { last_activity_at: daysAgo(1) })],
      holder: { login: "ann", state: "active_7", monthly_cost_usd: 19, orgs: ["acme", "acme-labs"] },
      totals: { seats: 1, idle: 0, active_7: 1, monthly_cost_usd: 19 },
    },
    {
      name: "pending in one org: not pending, billed once",
      acme: [seat("cy", { last_activity_at: daysAgo(3), pending_cancellation_date: "2026-07-01" })],
      labs: [seat("cy", { last_activity_at: daysAgo(50) })],
      holder: { login: "cy", state: "active_7", monthly_cost_usd: 19, orgs: ["acme", "acme-labs"] },
      totals: { seats: 1, pending: 0, monthly_cost_usd: 19 },
    },
    {
      name: "pending in both: pending, nothing in the monthly cost",
      acme: [seat("cy", { pending_cancellation_date: "2026-07-01" })],
      labs: [seat("cy", { pending_cancellation_date: "2026-06-20" })],
      holder: { login: "cy", state: "pending", monthly_cost_usd: 0, orgs: ["acme", "acme-labs"] },
      totals: { seats: 1, pending: 1, monthly_cost_usd: 0 },
    },
    {
      name: "a seat in one org only",
      acme: [],
      labs: [seat("di", { last_activity_at: daysAgo(10) })],
      holder: { login: "di", state: "active_30", monthly_cost_usd: 19, orgs: ["acme-labs"] },
      totals: { seats: 1, active_30: 1, monthly_cost_usd: 19 },
    },
  ])("$name", ({ acme, labs, holder, totals }) => {
    const r = report(acme, labs);
    expect(r.holders).toEqual([expect.objectContaining(holder)]);
    expect(r.totals).toMatchObject(totals);
  });

  it("each org's row and each team's count that org's seats; the bill counts each person once", () => {
    const r = report(
      [seat("ann", { last_activity_at: daysAgo(60) }), seat("bo", { last_activity_at: daysAgo(2) }), seat("zed", { last_activity_at: daysAgo(2) })],
      [seat("ann", { last_activity_at: daysAgo(1) }), seat("di", { pending_cancellation_date: "2026-07-01" })],
    );
    expect(r.totals).toMatchObject({ seats: 4, active_7: 3, pending: 1, monthly_cost_usd: 57 });
    expect(r.orgs).toEqual([
      { org: "acme", seats: 3, active_7: 2, active_30: 2, idle: 1, never_used: 0, pending: 0, monthly_cost_usd: 57 },
      { org: "acme-labs", seats: 2, active_7: 1, active_30: 1, idle: 0, never_used: 0, pending: 1, monthly_cost_usd: 19 },
    ]);
    // A team belongs to one org; zed holds an acme seat no team declares.
    expect(r.teams.map((t) => [t.org, t.team, t.seats, t.monthly_cost_usd])).toEqual([
      ["acme", "platform", 2, 38],
      ["acme", "(no team)", 1, 19],
      ["acme-labs", "labs", 2, 19],
    ]);
    // The orgs' rows add up to more than the bill by ann's second seat: GitHub bills her once.
    expect(r.orgs!.reduce((n, o) => n + o.monthly_cost_usd, 0) - r.totals.monthly_cost_usd).toBe(19);
  });

  it("the chart tells each org's seats of no team apart", () => {
    const r = report([seat("zed", { last_activity_at: daysAgo(2) })], [seat("yan", { last_activity_at: daysAgo(2) }), seat("di", { last_activity_at: daysAgo(2) })]);
    expect(renderMarkdown(r)).toContain('x-axis ["(no team) acme", "labs", "(no team) acme-labs"]');
  });

  it("markdown says people, then each org's seats with its teams; csv names the orgs", () => {
    const r = report([seat("bo", { last_activity_at: daysAgo(60) })], [seat("bo", { last_activity_at: daysAgo(45) }), seat("di", { last_activity_at: daysAgo(1) })]);
    const md = renderMarkdown(r);
    expect(md).toContain("## Copilot seats in acme, acme-labs\n\n2 people hold 3 seats in 2 organizations, $38 a month at $19 per seat (a person seated by several organizations of one enterprise is billed once;");
    expect(md).toContain("| | people | active 7 days |");
    expect(md).toContain("| **all** | 2 | 1 | 1 | 1 | 0 | 0 | $38 |");
    expect(md).toContain("| **acme** | 1 | 0 | 0 | 1 | 0 | 0 | $19 |\n| platform | 1 | 0 | 0 | 1 | 0 | 0 | $19 |\n| **acme-labs** | 2 | 1 | 1 | 1 | 0 | 0 | $38 |\n| labs | 2 |");
    expect(md).toContain("pie showData title People by activity");
    expect(renderCsv(r).split("\r\n").slice(0, 2)).toEqual([
      "login,team,state,last_activity_at,last_activity_editor,created_at,pending_cancellation_date,idle_days,monthly_cost_usd,orgs",
      `bo,platform,idle,${daysAgo(45)},,${seat("bo").created_at},,45,19,acme acme-labs`,
    ]);
  });
});
