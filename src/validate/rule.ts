// A rule is one small named cross-file check over the loaded model (small named rule functions
// that each return findings). Rules are pure: no I/O and no clock; anything that
// depends on the date comes in through the context, which the caller fills in.
import type { Finding, Location } from "../model/findings.js";
import type { SeatModel } from "../model/types.js";
// From yaml-ast.ts itself, not the yaml-source.ts facade, which also loads the file reader:
// rules stay pure (no I/O module reachable; test/validate/pure-rules.test.ts).
import { locate } from "../model/yaml-ast.js";
import type { JsonPath } from "../model/yaml-source.js";

export interface RuleContext {
  /** Today's date as YYYY-MM-DD (UTC), for date checks such as exemptions that have run out. */
  today: string;
}

export interface Rule {
  /** Stable id, shown with each finding (e.g. `login-matches-file`). */
  id: string;
  /** One line for `seats validate --help` and the docs. */
  description: string;
  check(model: SeatModel, ctx: RuleContext): Finding[];
}

/** Where the value at `path` of `file` sits; line 1 col 1 of the file when it was not parsed. */
export function at(model: Pick<SeatModel, "sources">, file: string, path: JsonPath = [], which: "value" | "key" = "value"): Location {
  const src = model.sources.get(file);
  return src ? locate(src, path, which) : { file, line: 1, col: 1 };
}

// `plural` lives in src/text.ts; re-exported for the modules that still take it from here.
export { plural } from "../text.js";

/** "a, b and c" for messages. */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

