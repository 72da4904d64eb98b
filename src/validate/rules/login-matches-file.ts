// A member file is named for its login so that `seats/<team>/<login>.yaml` is the whole request
// and a reviewer sees who it is from the file list alone.
import { finding, type Finding } from "../../model/findings.js";
import { sameLogin } from "../../model/logins.js";
import { at, type Rule } from "../rule.js";

export function fileLogin(file: string): string {
  const base = file.slice(file.lastIndexOf("/") + 1);
  return base.endsWith(".yaml") ? base.slice(0, -5) : base;
}

export const loginMatchesFile: Rule = {
  id: "login-matches-file",
  description: "a member file's `login` equals its file name (compared case-insensitively)",
  check(model) {
    const out: Finding[] = [];
    for (const m of model.members) {
      const name = fileLogin(m.file);
      if (sameLogin(name, m.login)) continue;
      out.push(
        finding(
          this.id,
          at(model, m.file, ["login"]),
          `login \`${m.login}\` does not match the file name ${name}.yaml`,
          `rename the file to seats/${m.team}/${m.login}.yaml, or set \`login: ${name}\``,
        ),
      );
    }
    return out;
  },
};
