// Deterministic numeric ids and node ids, so the same seed always yields the same responses.
import { createHash } from "node:crypto";

/** A stable id in [1_000_000, 99_999_999] derived from a string (e.g. a login). */
export function stableId(key: string): number {
  const h = createHash("sha1").update(key.toLowerCase()).digest();
  return 1_000_000 + (h.readUInt32BE(0) % 98_999_999);
}

/** GitHub's legacy global node id shape: base64 of `0<len(Type)>:<Type><id>` (e.g. `04:User1`). */
export function nodeId(type: string, id: number | string): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString("base64");
}
