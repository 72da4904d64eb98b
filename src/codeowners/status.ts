// Whether a committed CODEOWNERS matches what the seat model says it should be. Pure: the caller
// reads the file (see file.ts), so the command, the validation rule and the tests share one
// decision.
import type { SeatModel } from "../model/types.js";
import { defaultOwners, firstDifference, type Difference } from "./parse.js";
import { renderCodeowners } from "./render.js";

export type CodeownersStatus =
  | { kind: "current"; expected: string; admins: string[] }
  | { kind: "stale"; expected: string; admins: string[]; diff: Difference }
  /** No committed file, and no admins given to generate one from. */
  | { kind: "missing" }
  /** The committed file names no owner on a `*` line, so the admins are unknown. */
  | { kind: "no-admins" };

/**
 * @param committed the current file's text, or undefined when there is none
 * @param admins    explicit admins (the --admins flag); else the committed `*` owners are kept
 */
export function codeownersStatus(model: SeatModel, committed: string | undefined, admins?: readonly string[]): CodeownersStatus {
  const chosen = admins && admins.length > 0 ? [...admins] : committed !== undefined ? defaultOwners(committed) : undefined;
  if (!chosen) return committed === undefined ? { kind: "missing" } : { kind: "no-admins" };
  const expected = renderCodeowners({ teams: model.teams, admins: chosen });
  if (committed === undefined) {
    return { kind: "stale", expected, admins: chosen, diff: { line: 1, expected: expected.split("\n")[0], actual: undefined } };
  }
  const diff = firstDifference(expected, committed);
  return diff ? { kind: "stale", expected, admins: chosen, diff } : { kind: "current", expected, admins: chosen };
}
