// Maintainers approve a team's seat PRs and become maintainers on GitHub, so each must be a real
// login, listed once.
import { finding, type Finding } from "../../model/findings.js";
import { loginKey, loginProblem } from "../../model/logins.js";
import { at, type Rule } from "../rule.js";

export const teamMaintainers: Rule = {
  id: "team-maintainers",
  description: "maintainers are valid GitHub logins, each listed once",
  check(model) {
    const emu = model.policy.enterprise_managed_users;
    const out: Finding[] = [];
    for (const t of model.teams) {
      const seen = new Map<string, number>();
      const memberKeys = new Set(t.members.map((m) => loginKey(m.login)));
      t.maintainers.forEach((login, i) => {
        const where = at(model, t.file, ["maintainers", i]);
        const problem = loginProblem(login, emu);
        if (problem) {
          out.push(
            finding(
              this.id,
              where,
              `maintainer \`${login}\` is not a valid GitHub login: it ${problem}`,
              "write the maintainer's GitHub login exactly as shown on their profile page",
            ),
          );
          return;
        }
        const k = loginKey(login);
        const prev = seen.get(k);
        if (prev !== undefined) {
          out.push(
            finding(
              this.id,
              where,
              `maintainer \`${login}\` is listed twice (also maintainers[${prev}]; logins are case-insensitive)`,
              "delete one of the two entries",
            ),
          );
          return;
        }
        seen.set(k, i);
        // A maintainer is a team member on GitHub; in a `copilot: team` team that means a seat
        // that no member file declares (so the budget does not count it and reclaim cannot see it).
        if (t.copilot === "team" && !memberKeys.has(k)) {
          out.push(
            finding(
              "maintainer-not-member",
              where,
              `maintainer \`${login}\` has no member file in seats/${t.slug}/, but as a team member gets a Copilot seat through the team assignment`,
              `add seats/${t.slug}/${login}.yaml so the seat is declared and counted in the budget`,
              "warning",
            ),
          );
        }
      });
    }
    return out;
  },
};
