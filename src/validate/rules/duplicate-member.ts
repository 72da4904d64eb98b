// Logins are case-insensitive on GitHub: `Octocat.yaml` and `octocat.yaml` in one folder are the
// same person twice (and collide on macOS/Windows checkouts).
import { finding, type Finding } from "../../model/findings.js";
import { loginKey } from "../../model/logins.js";
import { at, type Rule } from "../rule.js";

export const duplicateMember: Rule = {
  id: "duplicate-member",
  description: "no login appears twice in one team (logins compare case-insensitively)",
  check(model) {
    const out: Finding[] = [];
    // Grouped by folder over every loaded member file (model.members is in path order), so a
    // folder whose _team.yaml is missing or rejected is checked too; the finding lands on the
    // later file.
    const first = new Map<string, string>();
    for (const m of model.members) {
      const k = `${m.team}/${loginKey(m.login)}`;
      const prev = first.get(k);
      if (prev === undefined) {
        first.set(k, m.file);
        continue;
      }
      out.push(
        finding(
          this.id,
          at(model, m.file, ["login"]),
          `login \`${m.login}\` is already a member of team ${m.team} through ${prev} (logins are case-insensitive)`,
          `delete one of the two files`,
        ),
      );
    }
    return out;
  },
};
