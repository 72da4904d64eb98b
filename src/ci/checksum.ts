// The one check of a plan checksum in the pipeline: the sha256 hex digest that `seats plan --json`
// writes as `checksum` (lowercase, 64 digits).
import { UsageError } from "../errors.js";

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isPlanChecksum(value: unknown): value is string {
  return typeof value === "string" && SHA256_HEX.test(value);
}

/** Trims and lowercases a checksum typed by a person; a usage error when it is not one. */
export function parseChecksum(value: string, from: string): string {
  const v = value.trim().toLowerCase();
  if (!isPlanChecksum(v)) throw new UsageError(`${from} must be the 64-hex-digit sha256 of a plan (the plan JSON's \`checksum\`), not "${value.trim().slice(0, 80)}"`);
  return v;
}
