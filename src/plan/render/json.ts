// The JSON form of a plan: what `--json <file>` writes and `apply --checksum` is compared to.
import type { Plan } from "../types.js";

export function renderJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
