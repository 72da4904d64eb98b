// The admin page's charts: Vega-Lite specs compiled to Vega and rendered to SVG on the server
// (vega's headless View.toSVG), so the browser runs no script. Each chart carries a title and
// a description for screen readers; the page shows the same numbers as a table beside it.
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { type SeatReport, STATE_LABELS } from "../report/data.js";

const CONFIG = { font: "system-ui, sans-serif", view: { stroke: null }, axis: { labelFontSize: 12, titleFontSize: 12 }, background: "white" };

export async function toSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    const svg = await view.toSVG();
    // An accessible image: role and name from the spec's description.
    const label = typeof spec.description === "string" ? spec.description.replace(/[&<>"]/g, "") : "chart";
    return svg.replace("<svg ", `<svg role="img" aria-label="${label}" `);
  } finally {
    view.finalize();
  }
}

export function activitySpec(r: SeatReport): TopLevelSpec {
  const t = r.totals;
  const values = [
    { state: STATE_LABELS.active_7, seats: t.active_7 },
    { state: STATE_LABELS.active_30, seats: t.active_30 - t.active_7 },
    { state: STATE_LABELS.idle, seats: t.idle },
    { state: STATE_LABELS.never_used, seats: t.never_used },
    { state: STATE_LABELS.pending, seats: t.pending },
  ];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `Seats by activity: ${values.map((v) => `${v.state} ${v.seats}`).join(", ")}`,
    title: "Seats by activity",
    width: 320,
    height: 160,
    data: { values },
    mark: { type: "bar", color: "#0969da" },
    encoding: {
      y: { field: "state", type: "nominal", sort: null, title: null, axis: { labelLimit: 220 } },
      x: { field: "seats", type: "quantitative", title: "seats", axis: { tickMinStep: 1 } },
    },
    config: CONFIG,
  };
}

export function teamsSpec(r: SeatReport): TopLevelSpec {
  const values = r.teams.flatMap((t) => [
    { team: t.team, kind: "active in 30 days", seats: t.active_30 },
    { team: t.team, kind: "idle or never used", seats: t.idle + t.never_used },
    { team: t.team, kind: "pending", seats: t.pending },
  ]);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `Seats per team: ${r.teams.map((t) => `${t.team} ${t.seats}`).join(", ")}`,
    title: "Seats per team",
    width: 320,
    height: Math.max(60, r.teams.length * 22),
    data: { values },
    mark: "bar",
    encoding: {
      y: { field: "team", type: "nominal", sort: r.teams.map((t) => t.team), title: null },
      x: { field: "seats", type: "quantitative", stack: "zero", title: "seats", axis: { tickMinStep: 1 } },
      color: { field: "kind", type: "nominal", title: null, scale: { range: ["#1a7f37", "#9a6700", "#6e7781"] }, legend: { orient: "bottom" } },
    },
    config: CONFIG,
  };
}

export function savingsSpec(r: SeatReport): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `Monthly savings from reclaims: ${r.savings.map((m) => `${m.month} $${m.run_rate_usd}`).join(", ") || "none yet"}`,
    title: "Monthly savings from reclaims (USD)",
    width: 320,
    height: 160,
    data: { values: r.savings },
    mark: { type: "bar", color: "#1a7f37" },
    encoding: {
      x: { field: "month", type: "ordinal", title: null },
      y: { field: "run_rate_usd", type: "quantitative", title: "USD per month" },
    },
    config: CONFIG,
  };
}
