// A rule is one small named cross-file check over the loaded model (DESIGN: "small named rule
// functions that each return findings"). Rules are pure: no I/O, no clock.
import type { Finding } from "../model/findings.js";
import type { SeatModel } from "../model/types.js";

export interface Rule {
  /** Stable id, shown with each finding (e.g. `login-matches-file`). */
  id: string;
  /** One line for `seats validate --help` and the docs. */
  description: string;
  check(model: SeatModel): Finding[];
}
