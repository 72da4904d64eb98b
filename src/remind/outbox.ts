// The undelivered-digest outbox: a webhook digest that the chat did not take is kept in one open
// issue of the seat repository, and the next run sends it again (with its own digest, if any)
// and closes the issue once the chat took it. Pure: the I/O is in run.ts.
//
// Why an issue: the digest is one message per run, and a run that only closed reminders leaves
// no open reminder to hang a marker on. The seat repository is the one place every run already
// reads and writes, and the outbox carries the reminder label, so the run's one labelled issue
// list finds it: a pending digest costs no extra read. Only a failed delivery is recorded, so a
// night whose digest goes through sends no extra write.

const OUTBOX_MARKER = "<!-- seats-remind-outbox -->";
const DIGEST_MARKER = "<!-- seats-remind-digest -->";

export const OUTBOX_TITLE = "Copilot seat reminders: chat digest not delivered yet";

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

export function outboxBody(digests: readonly string[]): string {
  return [
    OUTBOX_MARKER,
    "The chat webhook (`SEATS_WEBHOOK_URL`) did not take the digests below. The next `seats remind --confirm` sends them again and closes this issue once the webhook answers; nothing else depends on it.",
    ...digests.flatMap((d) => ["", DIGEST_MARKER, d]),
  ].join("\n");
}

/** What one POST sends: the digests still pending, then this run's (duplicates dropped). */
export function digestsToSend(pending: readonly string[], current: string | undefined): string[] {
  return [...new Set([...pending, ...(current ? [current] : [])])];
}
