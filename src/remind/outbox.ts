// The undelivered-digest outbox: a webhook digest that the chat did not take is kept in one open
// issue of the seat repository, and the next run sends it again (with its own digest, if any)
// and closes the issue once the chat took it. Pure: the I/O is in run.ts.
//
// A run stopped between its writes and the webhook (killed, cancelled, timed out) would leave no
// digest at all, and its re-run sees nothing left to say. So before a run with a webhook opens or
// closes any reminder, it writes what it sets out to do into the outbox (the intent: logins to
// remind, issues to close). The next run that finds an intent of an earlier run turns it into that
// run's digest from what is true now (a reminder it meant to open is open; an issue it meant to
// close is no longer open), so it reports what happened, and what did not happen is left to the
// re-run's own plan and digest.
//
// Why an issue: the digest is one message per run, and a run that only closed reminders leaves
// no open reminder to hang a marker on. The seat repository is the one place every run already
// reads and writes, and the outbox carries the reminder label, so the run's one labelled issue
// list finds it: a pending digest costs no extra read. A quiet night writes nothing to it; a
// night that opens or closes reminders writes its intent first and closes the issue once the
// digest is delivered (two writes, whatever the number of reminders).

import { digestText } from "./render.js";
import type { CloseReason, OpenReminder, Reminder } from "./schedule.js";

const OUTBOX_MARKER = "<!-- seats-remind-outbox -->";
const DIGEST_MARKER = "<!-- seats-remind-digest -->";
const INTENT_OPEN = "<!-- seats-remind-intent ";
const INTENT_CLOSE = " -->";

export const OUTBOX_TITLE = "Copilot seat reminders: chat digest not delivered yet";

/** What a run sets out to write, recorded before its first write (compact: it shares a body limit). */
export interface Intent {
  /** The run's clock (--now, ISO), which its digest names. */
  at: string;
  /** Logins it opens a reminder for. */
  created: string[];
  /** Reminders it closes: issue number, login, why. */
  closed: [number, string, CloseReason][];
  /** Set instead of the lists when they would not fit the issue body: how many it set out to open and close. */
  planned?: { created: number; closed: number };
}

/**
 * Most characters of intent an outbox body holds: GitHub's issue body limit is 65,536, and the
 * digests waiting beside it need room too (some 1,300 logins fit).
 */
const INTENT_MAX = 20_000;

export function intentOf(at: string, created: readonly Pick<Reminder, "login">[], closed: readonly { issue: Pick<OpenReminder, "number" | "login">; reason: CloseReason }[]): Intent {
  const full: Intent = { at, created: created.map((r) => r.login), closed: closed.map((c) => [c.issue.number, c.issue.login, c.reason]) };
  return JSON.stringify(full).length <= INTENT_MAX ? full : { at, created: [], closed: [], planned: { created: created.length, closed: closed.length } };
}

/** The digests an outbox issue holds, oldest first; undefined for any other issue. */
export function outboxDigests(body: string | null | undefined): string[] | undefined {
  if (!body?.startsWith(OUTBOX_MARKER)) return undefined;
  return body
    .split(DIGEST_MARKER)
    .slice(1)
    .map((d) => d.trim())
    .filter(Boolean);
}

/** A digest as it waits in the outbox: it says when it was due, since it arrives late. */
export function undelivered(text: string, at: Date): string {
  return `_Not delivered by the run of ${at.toISOString().slice(0, 16).replace("T", " ")} UTC:_\n${text}`;
}

export function outboxBody(digests: readonly string[], intent?: Intent): string {
  return [
    OUTBOX_MARKER,
    "The chat webhook (`SEATS_WEBHOOK_URL`) did not take the digests below (or a run is under way, or was stopped before its digest went out). The next `seats remind --confirm` sends them and closes this issue once the webhook answers; nothing else depends on it.",
    ...(intent ? ["", `${INTENT_OPEN}${JSON.stringify(intent)}${INTENT_CLOSE}`] : []),
    ...digests.flatMap((d) => ["", DIGEST_MARKER, d]),
  ].join("\n");
}

/** The intent an outbox issue holds, if any (a malformed one counts as none). */
export function outboxIntent(body: string | null | undefined): Intent | undefined {
  if (!body?.startsWith(OUTBOX_MARKER)) return undefined;
  const i = body.indexOf(INTENT_OPEN);
  const j = i < 0 ? -1 : body.indexOf(INTENT_CLOSE, i + INTENT_OPEN.length);
  if (j < 0) return undefined;
  try {
    const x = JSON.parse(body.slice(i + INTENT_OPEN.length, j)) as Partial<Intent>;
    if (typeof x.at !== "string" || !Array.isArray(x.created) || !Array.isArray(x.closed)) return undefined;
    const created = x.created.filter((l): l is string => typeof l === "string");
    const closed = x.closed.filter((c): c is Intent["closed"][number] => Array.isArray(c) && typeof c[0] === "number" && typeof c[1] === "string" && typeof c[2] === "string");
    const p = x.planned;
    return { at: x.at, created, closed, ...(p && typeof p.created === "number" && typeof p.closed === "number" ? { planned: { created: p.created, closed: p.closed } } : {}) };
  } catch {
    return undefined;
  }
}

/** `reclaim_on` and kind from a reminder's title (render.ts), for a recovered digest. */
function fromTitle(login: string, title: string): Pick<Reminder, "login" | "kind" | "reclaim_on"> {
  const expiry = /expires on (\d{4}-\d{2}-\d{2})/.exec(title);
  if (expiry) return { login, kind: "expiry", reclaim_on: expiry[1]! };
  return { login, kind: "idle", reclaim_on: /from (\d{4}-\d{2}-\d{2})/.exec(title)?.[1] ?? "?" };
}

/**
 * The digest of a run that was stopped before sending it, from what is true now: the reminders
 * it meant to open that are open, the issues it meant to close that are not. Undefined when it
 * did none of it. An intent too big to list says only how many it set out to write.
 */
export function recoveredDigest(intent: Intent, open: readonly Pick<OpenReminder, "login" | "number" | "title">[], repo: string): string | undefined {
  const at = new Date(intent.at).toISOString().slice(0, 16).replace("T", " ");
  const head = `_The run of ${at} UTC stopped before sending its digest:_\n`;
  if (intent.planned) return `${head}*Copilot seat reminders* (${repo}): it set out to open ${intent.planned.created} and close ${intent.planned.closed} reminders; the open reminders in ${repo} show which it did.`;
  const openBy = new Map(open.map((o) => [o.login.toLowerCase(), o]));
  const openNumbers = new Set(open.map((o) => o.number));
  const created = intent.created.flatMap((l) => {
    const o = openBy.get(l.toLowerCase());
    return o ? [fromTitle(o.login, o.title)] : [];
  });
  const closed = intent.closed.filter(([n]) => !openNumbers.has(n)).map(([, login, reason]) => ({ issue: { login }, reason }));
  if (!created.length && !closed.length) return undefined;
  return `${head}${digestText({ created, updated: [], closed, failed: [] }, repo)}`;
}

/** What one POST sends: the digests still pending, then this run's (duplicates dropped). */
export function digestsToSend(pending: readonly string[], current: string | undefined): string[] {
  return [...new Set([...pending, ...(current ? [current] : [])])];
}
