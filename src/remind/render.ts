// render: the reminder issue (title, body), its closing comment, the dry-run listing and the
// webhook digest. Pure. The body carries a hidden marker naming the person, so a later run finds
// the reminder whatever happens to the title or the assignees.
import { formatUsd } from "../reclaim/render.js";
import type { CloseReason, OpenReminder, Reminder } from "./schedule.js";

export const REMINDER_LABEL = "seats-reminder";
const MARKER = /<!-- seats-remind login=([A-Za-z0-9_.-]+) -->/;
/** Marks the closing comment, so a re-run after a failed close does not comment twice. */
export const CLOSE_MARKER = "<!-- seats-remind closed -->";

export function markerFor(login: string): string {
  return `<!-- seats-remind login=${login} -->`;
}

/** The login a reminder issue is for, from its body's marker; undefined for other issues. */
export function reminderLogin(body: string | null | undefined): string | undefined {
  return body ? MARKER.exec(body)?.[1] : undefined;
}

export interface ReminderContext {
  /** `owner/name` of the seat repository. */
  repo: string;
  base: string;
  inactivityDays: number;
  remindDays: number;
  usdPerSeatMonth: number;
  /** The portal's URL, when one is configured (SEATS_PORTAL_URL). */
  portalUrl?: string;
}

export function reminderTitle(r: Reminder): string {
  return r.kind === "expiry"
    ? `Your Copilot seat expires on ${r.reclaim_on}`
    : `Your Copilot seat will be reclaimed from ${r.reclaim_on} unless you use it`;
}

export function reminderBody(r: Reminder, ctx: ReminderContext): string {
  const last = r.last_activity_at ? `last used Copilot on **${r.last_activity_at.slice(0, 10)}**` : `have not used Copilot since the seat was assigned on **${r.created_at.slice(0, 10)}**`;
  const why =
    r.kind === "expiry"
      ? `Your member file${r.files.length === 1 ? "" : "s"} (${r.files.map((f) => `\`${f}\``).join(", ")}) set${r.files.length === 1 ? "s" : ""} \`expires: ${r.expires}\`. From that date the nightly \`seats reclaim\` job proposes removing your Copilot seat, whatever your activity.`
      : `GitHub reports that you ${last}. Seats idle for more than ${ctx.inactivityDays} days are reclaimed: from **${r.reclaim_on}** the nightly \`seats reclaim\` job proposes removing your seat (a pull request that @-mentions you; nothing is cancelled before it is reviewed and merged).`;
  const keep =
    r.kind === "expiry"
      ? [
          `- **Still need it?** Open a pull request that moves the \`expires:\` date in your member file (or removes it), with a reason.`,
          `- Or ask for an exemption: an \`inactivity.exempt\` entry (login, reason, until) in \`policies/policy.yaml\` on \`${ctx.base}\`.`,
        ]
      : [
          `- **Keep the seat:** use Copilot in your editor (activity can take a day to reach GitHub). This issue closes itself once GitHub sees you active again.`,
          `- **On leave, or a seat you need without daily use?** Ask for an exemption: an \`inactivity.exempt\` entry (login, reason, until) in \`policies/policy.yaml\` on \`${ctx.base}\`, through a pull request.`,
          `- **Don't need it?** Nothing to do; the seat (${formatUsd(ctx.usdPerSeatMonth)}/month) goes back to the pool.`,
        ];
  const again = ctx.portalUrl
    ? `If it is reclaimed and you need it later, ask again at ${ctx.portalUrl}, with \`seats request\`, or with the *Copilot seat* issue form.`
    : "If it is reclaimed and you need it later, ask again with `seats request` or the *Copilot seat* issue form.";
  return [
    markerFor(r.login),
    `@${r.login}: a reminder from the Copilot seat repository (\`${ctx.repo}\`).`,
    "",
    why,
    "",
    ...keep,
    "",
    again,
    "",
    `<sub>Opened by \`seats remind\` for seats idle for more than ${ctx.remindDays} days or expiring soon; updated and closed automatically. Teams: ${r.teams.join(", ") || "none"}.</sub>`,
  ].join("\n");
}

const CLOSE_TEXT: Record<CloseReason, string> = {
  active: "You are active again, so your Copilot seat stays. Thanks!",
  exempt: "You are exempt from inactivity reclaim, so your Copilot seat stays.",
  reclaimed: "Your Copilot seat is being reclaimed, so this reminder is done.",
  duplicate: "This reminder is a duplicate; the older one stays open.",
};

export function closeComment(reason: CloseReason, detail: string): string {
  return `${CLOSE_MARKER}\n${CLOSE_TEXT[reason]} (${detail}.)`;
}

export interface RemindOutcome {
  created: Reminder[];
  updated: Reminder[];
  closed: { issue: OpenReminder; reason: CloseReason }[];
  failed: { login: string; action: string; error: string }[];
}

/** What a digest reports (a run's outcome, or what a stopped run did: outbox.ts). */
export interface DigestInput {
  created: readonly Pick<Reminder, "login" | "kind" | "reclaim_on">[];
  updated: readonly unknown[];
  closed: readonly { issue: Pick<OpenReminder, "login">; reason: CloseReason }[];
  failed: RemindOutcome["failed"];
}

/** Markdown text for the webhook (Slack and Teams both render `text`). */
export function digestText(o: DigestInput, repo: string): string {
  const lines = [`*Copilot seat reminders* (${repo}): ${o.created.length} opened, ${o.updated.length} updated, ${o.closed.length} closed${o.failed.length ? `, ${o.failed.length} failed` : ""}.`];
  const cap = 50;
  const show = (label: string, logins: string[]) => {
    if (!logins.length) return;
    const extra = logins.length > cap ? ` and ${logins.length - cap} more` : "";
    lines.push(`${label}: ${logins.slice(0, cap).join(", ")}${extra}`);
  };
  show("Reminded", o.created.map((r) => `${r.login} (${r.kind === "expiry" ? "expires" : "reclaim from"} ${r.reclaim_on})`));
  show("Active again", o.closed.filter((c) => c.reason === "active").map((c) => c.issue.login));
  show("Exempted", o.closed.filter((c) => c.reason === "exempt").map((c) => c.issue.login));
  show("Reclaimed", o.closed.filter((c) => c.reason === "reclaimed").map((c) => c.issue.login));
  show("Failed", o.failed.map((f) => `${f.login} (${f.action})`));
  return lines.join("\n");
}
