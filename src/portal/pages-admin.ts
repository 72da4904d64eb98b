// The admin page: the report of `seats report` (src/report), as server-rendered SVG charts with
// the same numbers in tables beside them.
import type { SeatReport } from "../report/data.js";
import { usd } from "../report/render.js";
import { activitySpec, savingsSpec, teamsSpec, toSvg } from "./charts.js";
import { type Html, html, raw } from "./html.js";

export async function adminBody(r: SeatReport): Promise<Html> {
  const [activity, teams, savings] = await Promise.all([toSvg(activitySpec(r)), toSvg(teamsSpec(r)), r.savings.length ? toSvg(savingsSpec(r)) : Promise.resolve("")]);
  const t = r.totals;
  // Several orgs (src/report/orgs.ts): the totals count (and bill) people once; each org its seats.
  const seats = r.orgs?.reduce((n, o) => n + o.seats, 0);
  const head = r.orgs
    ? html`${t.seats} ${t.seats === 1 ? "person holds" : "people hold"} ${seats} seats in ${r.orgs.map((o) => o.org).join(", ")} (a person seated by several of them is billed once)`
    : html`${t.seats} seats in ${r.org}`;
  return html`<h1>Admin</h1><p>${head}, <strong>${usd(t.monthly_cost_usd)}</strong> a month at ${usd(r.usd_per_seat_month)} per seat (pending seats are not counted).</p>
<div class="charts"><figure>${raw(activity)}<figcaption>Seats by activity</figcaption></figure>
<div class="scroll" tabindex="0" role="region" aria-label="Totals (table)"><table><caption>Totals</caption><tbody>
<tr><th scope="row">${r.orgs ? "People" : "Seats"}</th><td class="n">${t.seats}</td></tr><tr><th scope="row">Active in 7 days</th><td class="n">${t.active_7}</td></tr>
<tr><th scope="row">Active in 30 days</th><td class="n">${t.active_30}</td></tr><tr><th scope="row">Idle</th><td class="n">${t.idle}</td></tr>
<tr><th scope="row">Never used</th><td class="n">${t.never_used}</td></tr><tr><th scope="row">Pending</th><td class="n">${t.pending}</td></tr>
<tr><th scope="row">Monthly cost</th><td class="n">${usd(t.monthly_cost_usd)}</td></tr></tbody></table></div></div>
<h2>Per team</h2><div class="charts stack"><figure>${raw(teams)}<figcaption>Seats per team</figcaption></figure>
<div class="scroll" tabindex="0" role="region" aria-label="Per team (table)"><table><caption>Per team</caption><thead><tr><th scope="col">Team</th><th scope="col" class="n">Seats</th><th scope="col" class="n">Active 30 d</th><th scope="col" class="n">Idle</th><th scope="col" class="n">Never used</th><th scope="col" class="n">Pending</th><th scope="col" class="n">Monthly</th></tr></thead>
<tbody>${r.teams.map((x) => html`<tr><th scope="row">${x.team}${x.org ? ` (${x.org})` : ""}</th><td class="n">${x.seats}</td><td class="n">${x.active_30}</td><td class="n">${x.idle}</td><td class="n">${x.never_used}</td><td class="n">${x.pending}</td><td class="n">${usd(x.monthly_cost_usd)}</td></tr>`)}</tbody></table></div></div>
<h2>Savings from reclaims</h2>${
    r.savings.length
      ? html`<div class="charts"><figure>${raw(savings)}<figcaption>Monthly savings from reclaims</figcaption></figure>
<div class="scroll" tabindex="0" role="region" aria-label="Savings by month (table)"><table><caption>Savings by month</caption><thead><tr><th scope="col">Month</th><th scope="col" class="n">Reclaimed</th><th scope="col" class="n">Run rate</th><th scope="col" class="n">Saved to date</th></tr></thead>
<tbody>${r.savings.map((m) => html`<tr><th scope="row">${m.month}</th><td class="n">${m.reclaimed}</td><td class="n">${usd(m.run_rate_usd)}</td><td class="n">${usd(m.saved_to_date_usd)}</td></tr>`)}</tbody></table></div></div>`
      : html`<p>No reclaim PR has been merged yet.</p>`
  }`;
}
