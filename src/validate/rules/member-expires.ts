// `expires` makes a seat reclaimable from that date on; a date already past is legal (reclaim
// will remove the file) but usually a typo or forgotten cleanup, so it is a warning.
import { finding, type Finding } from "../../model/findings.js";
import { at, type Rule } from "../rule.js";

export const memberExpires: Rule = {
  id: "member-expires",
  description: "a member file whose `expires` date has come is a warning (the seat is reclaimable)",
  check(model, ctx) {
    const out: Finding[] = [];
    for (const m of model.members) {
      // README: "reclaimable from this date on", so the date itself already counts.
      if (m.expires === undefined || m.expires > ctx.today) continue;
      out.push(
        finding(
          this.id,
          at(model, m.file, ["expires"]),
          `the seat of \`${m.login}\` expires on ${m.expires}, which is not after today (${ctx.today}): it is reclaimable whatever the activity`,
          "move `expires` to a later date to keep the seat, or delete this file",
          "warning",
        ),
      );
    }
    return out;
  },
};
