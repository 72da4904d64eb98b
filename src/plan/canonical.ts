// Canonical JSON (keys sorted at every level, no whitespace) and its sha256: the same plan
// always has the same checksum, whatever order its objects were built in.
import { createHash } from "node:crypto";
import type { Plan } from "./types.js";

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * The checksum covers what is reviewed and executed: the changes, and what is blocked or kept.
 * Not `safety` (--force changes it and apply re-checks it against live state) and not the
 * summary's seat counts, which move whenever anyone's seat changes elsewhere (a person leaving
 * the org) without changing a single request this plan would send; a reviewed plan stays
 * applicable until what it would do changes.
 */
export function planChecksum(plan: Omit<Plan, "checksum" | "safety"> & Partial<Pick<Plan, "checksum" | "safety">>): string {
  const { version, org, changes, blocked, kept } = plan;
  return sha256(canonicalJson({ version, org, changes, blocked, kept }));
}
