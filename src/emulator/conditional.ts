// Conditional requests, as GitHub serves them: every 200 answer to a GET carries an `ETag` (a
// hash of exactly what was sent: the body and the Link header), and a GET whose `If-None-Match`
// names the current ETag gets `304 Not Modified` with no body. A 304 is not counted against the
// primary rate limit (the server leaves `x-ratelimit-remaining` as it was), which is what makes
// re-reading an unchanged org nightly nearly free.
import { createHash } from "node:crypto";
import type { Reply } from "./handler.js";

export function etagOf(body: unknown, link: string | undefined): string {
  return `"${createHash("sha1").update(JSON.stringify(body)).update("\0").update(link ?? "").digest("hex")}"`;
}

/** True when an `If-None-Match` value (a list, or `*`) names `etag`; weak and strong forms match. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (t: string) => t.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((t) => t.trim() === "*" || strip(t) === strip(etag));
}

/** The reply with its ETag, or a 304 in its place when the client already has it. */
export function conditionalReply(method: string, reply: Reply, ifNoneMatch: string | undefined): { reply: Reply; notModified: boolean } {
  if (method !== "GET" || reply.status !== 200 || reply.body === undefined) return { reply, notModified: false };
  const etag = etagOf(reply.body, reply.headers?.link);
  const headers = { ...reply.headers, etag };
  if (matchesEtag(ifNoneMatch, etag)) return { reply: { status: 304, headers }, notModified: true };
  return { reply: { ...reply, headers }, notModified: false };
}
