// `inactivity.exempt` keeps named seats from being reclaimed until a date. Each entry is for one
// valid login, once; an entry whose date has passed protects nobody and is flagged for cleanup.
import { finding, type Finding } from "../../model/findings.js";
import { loginKey, loginProblem } from "../../model/logins.js";
import { seatHolders } from "../../model/seat-holders.js";
import { at, type Rule } from "../rule.js";

export const exemptions: Rule = {
  id: "exemptions",
  description: "exemptions name valid logins, once each; expired ones and ones for non-seat-holders are warnings",
  check(model, ctx) {
    const out: Finding[] = [];
    const p = model.policy;
    const holders = new Set(seatHolders(model).map((h) => loginKey(h.login)));
    const seen = new Map<string, number>();
    p.inactivity.exempt.forEach((e, i) => {
      const base = ["inactivity", "exempt", i] as const;
      const problem = loginProblem(e.login, p.enterprise_managed_users);
      if (problem) {
        out.push(
          finding(
            this.id,
            at(model, p.file, [...base, "login"]),
            `exempt login \`${e.login}\` is not a valid GitHub login: it ${problem}`,
            "write the GitHub login exactly as shown on the person's profile page",
          ),
        );
        return;
      }
      const k = loginKey(e.login);
      const prev = seen.get(k);
      if (prev !== undefined) {
        out.push(
          finding(
            this.id,
            at(model, p.file, [...base, "login"]),
            `\`${e.login}\` is exempted twice (also inactivity.exempt[${prev}]; logins are case-insensitive)`,
            "merge the two entries into one, keeping the later `until`",
          ),
        );
        return;
      }
      seen.set(k, i);
      if (e.until < ctx.today) {
        out.push(
          finding(
            this.id,
            at(model, p.file, [...base, "until"]),
            `the exemption of \`${e.login}\` ran out on ${e.until}; the seat can be reclaimed again`,
            "remove the entry, or move `until` to a later date",
            "warning",
          ),
        );
      }
      if (!holders.has(k)) {
        out.push(
          finding(
            this.id,
            at(model, p.file, [...base, "login"]),
            `\`${e.login}\` is exempt but holds no seat in the files (no member file in a \`copilot: users\` or \`copilot: team\` team)`,
            "remove the entry, or check the spelling of the login",
            "warning",
          ),
        );
      }
    });
    return out;
  },
};
