// The person's pages: signed out, My Copilot (seat, teams, reclaim countdown, PRs, the request
// and give-back forms) and the approvers' queue. Every value is escaped by `html`.
import type { SeatModel } from "../model/types.js";
import { DAY_MS, parseInstant } from "../reclaim/time.js";
import { type Html, html } from "./html.js";
import type { Person, PullState } from "./people.js";

export interface Job {
  state: "opening" | "failed";
  kind: "request" | "giveback";
  message: string;
}

export function signedOutBody(): Html {
  return html`<h1>My Copilot</h1><section><p>See your GitHub Copilot seat, ask for one, or give yours back.</p><p><a href="/auth/login">Sign in with GitHub</a></p></section>`;
}

const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : "never");

/** Days until an idle seat becomes reclaimable (0: it already is), or undefined when it never will by inactivity. */
export function daysUntilReclaimable(person: Person, model: Pick<SeatModel, "policy">, now: number): number | undefined {
  const seat = person.seat;
  if (!seat || seat.pending_cancellation_date) return undefined;
  const p = model.policy.inactivity;
  const today = new Date(now).toISOString().slice(0, 10);
  if (p.exempt.some((e) => e.login.toLowerCase() === person.login.toLowerCase() && e.until >= today)) return undefined;
  const last = parseInstant(seat.last_activity_at) ?? parseInstant(seat.created_at) ?? now;
  const grace = (parseInstant(seat.created_at) ?? now) + p.new_seat_grace_days * DAY_MS;
  const at = Math.max(last + p.days * DAY_MS, grace);
  return Math.max(0, Math.ceil((at - now) / DAY_MS));
}

function checkText(p: PullState): Html {
  if (p.state !== "open") return html`${p.state === "merged" ? "merged" : "closed"}`;
  const parts = p.checks.map((c) => html`<li>${c.name}: ${c.conclusion ?? c.status}${c.summary ? html` — ${c.summary.split("\n")[0]}` : ""}</li>`);
  return html`<ul class="plain">${parts.length ? parts : html`<li>checks: waiting to start</li>`}<li>approvals: ${p.approvals.length ? p.approvals.map((a) => `@${a}`).join(", ") : "none yet"}</li></ul>`;
}

export function pullList(pulls: readonly PullState[], seatActive: boolean, csrf: string, withdrawable: boolean): Html {
  if (!pulls.length) return html`<p>No seat pull requests.</p>`;
  return html`<ul class="plain">${pulls.map(
    (p) =>
      html`<li><a href="${p.url}">#${p.number} ${p.title}</a> <span class="badge">${p.state === "merged" && p.kind === "request" ? (seatActive ? "merged · applied: seat active" : "merged · waiting for apply") : p.state === "merged" ? "merged" : p.state}</span>${checkText(p)}${
        withdrawable && p.state === "open"
          ? html`<form method="post" action="/withdraw"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="number" value="${p.number}"><button class="danger" type="submit">Withdraw #${p.number}</button></form>`
          : ""
      }</li>`,
  )}</ul>`;
}

export function meBody(person: Person, model: SeatModel, csrf: string, job: Job | undefined, now: number): Html {
  const s = person.seat;
  const openRequest = person.pulls.find((p) => p.kind === "request" && p.state === "open");
  const openGiveback = person.pulls.find((p) => p.kind === "giveback" && p.state === "open");
  const days = daysUntilReclaimable(person, model, now);
  const status = s
    ? html`<p><strong>${s.pending_cancellation_date ? "Pending cancellation" : "Active"}</strong>: seat since ${day(s.created_at)}${s.pending_cancellation_date ? html`, usable until ${s.pending_cancellation_date}` : ""}.</p>
<p>Last activity: ${day(s.last_activity_at)}${s.last_activity_editor ? html` in <code>${s.last_activity_editor}</code>` : ""}.</p>
<p>Granted ${s.assigning_team ? html`through the team <strong>${s.assigning_team}</strong>` : "directly (your member file)"}.</p>
${person.seatOrgs ? html`<p>Seats in ${person.seatOrgs.join(", ")} (each organization assigns its own, and you are billed once; the dates above are over all of them).</p>` : ""}
${days !== undefined ? html`<p>${days === 0 ? "Idle long enough to be reclaimed by the next nightly run: use Copilot to keep it." : html`Reclaimable in <strong>${days} days</strong> if you do not use Copilot (after ${model.policy.inactivity.days} idle days).`}</p>` : ""}`
    : html`<p><strong>No seat.</strong> You do not have a GitHub Copilot seat.</p>`;
  const teams = person.declaredIn.length
    ? html`<ul class="plain">${person.declaredIn.map((t) => html`<li><strong>${t.name}</strong> (<code>${t.file}</code>, copilot: ${t.copilot}${t.expires ? `, until ${t.expires}` : ""})</li>`)}</ul>`
    : html`<p>No team declares you in the seat repository.</p>`;
  const jobBox = job ? html`<p class="flash ${job.state === "failed" ? "error" : "ok"}" role="status">${job.message}</p>` : "";
  let request: Html | string = "";
  if (!s && !openRequest && !(job?.state === "opening" && job.kind === "request")) {
    const el = person.eligibility;
    request = el.eligible
      ? html`<section aria-labelledby="req"><h2 id="req">Request Copilot</h2><form method="post" action="/request"><input type="hidden" name="_csrf" value="${csrf}">
<label for="team">Team</label><select id="team" name="team">${el.teams.map((t) => html`<option value="${t.slug}" ${t.slug === el.best?.slug ? "selected" : ""}>${t.name} (${t.enrollment === "open" ? "open: approved automatically" : "needs a maintainer's approval"})</option>`)}</select>
<label for="reason">Reason</label><textarea id="reason" name="reason" required maxlength="1000" aria-describedby="reason-hint"></textarea><p class="hint" id="reason-hint">Why you need Copilot; the reviewer reads it.</p>
<label for="expires">End date (optional)</label><input id="expires" name="expires" type="date" aria-describedby="expires-hint"><p class="hint" id="expires-hint">The seat is reclaimed from this date on.</p>
<button class="primary" type="submit">Request Copilot</button></form></section>`
      : html`<section aria-labelledby="req"><h2 id="req">Request Copilot</h2><p role="note"><strong>You cannot request a seat here.</strong> ${el.reason ?? ""}</p></section>`;
  }
  const seatFiles = person.declaredIn.filter((t) => t.copilot !== "none");
  const giveback =
    seatFiles.length && !openGiveback
      ? html`<section aria-labelledby="give"><h2 id="give">Give back my seat</h2><p>Opens a pull request that deletes ${seatFiles.map((t) => t.file).join(", ")}. The seat is cancelled when it is merged.</p><form method="post" action="/giveback"><input type="hidden" name="_csrf" value="${csrf}"><button class="danger" type="submit">Give back my seat</button></form></section>`
      : "";
  return html`<h1>My Copilot</h1>${jobBox}<section aria-labelledby="seat"><h2 id="seat">Seat</h2>${status}</section>
<section><h2>Teams that declare me</h2>${teams}</section>
<section aria-labelledby="prs"><h2 id="prs">My seat pull requests</h2>${pullList(person.pulls, !!s && !s.pending_cancellation_date, csrf, true)}</section>
${request}${giveback}`;
}

export function approvalsBody(queue: readonly PullState[], maintains: readonly string[], csrf: string): Html {
  return html`<h1>Approvals</h1><p>Seat requests for the teams you maintain (${maintains.join(", ") || "none"}).</p>${
    queue.length
      ? html`<ul class="plain">${queue.map(
          (p) => html`<li><section aria-label="Pull request ${p.number}"><h2><a href="${p.url}">#${p.number} ${p.title}</a></h2><p>@${p.login} asks to join <strong>${p.team ?? ""}</strong>.</p>${checkText(p)}
<form method="post" action="/approve"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="number" value="${p.number}"><button class="primary" type="submit">Approve #${p.number}</button></form></section></li>`,
        )}</ul>`
      : html`<p>Nothing is waiting for you.</p>`
  }`;
}
