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
    for (const t of model.teams) {
      const first = new Map<string, string>();
      // Files in path order, so the finding lands on the later file.
      for (const m of [...t.members].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
        const k = loginKey(m.login);
        const prev = first.get(k);
        if (prev === undefined) {
          first.set(k, m.file);
          continue;
        }
        out.push(
          finding(
            this.id,
            at(model, m.file, ["login"]),
            `login \`${m.login}\` is already a member of team ${t.slug} through ${prev} (logins are case-insensitive)`,
            `delete one of the two files`,
          ),
        );
      }
    }
    return out;
  },
};
