// Small helpers shared by the plan phases.
export { plural } from "../validate/rule.js";

/** Sorted, without duplicates (code-unit order: for file paths). */
export function sortUnique(xs: Iterable<string>): string[] {
  return [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
