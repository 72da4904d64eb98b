// Member logins must be logins GitHub can have; EMU logins
// (`name_shortcode`) only when the policy says the org is an Enterprise Managed Users org.
import { finding, type Finding } from "../../model/findings.js";
import { loginProblem } from "../../model/logins.js";
import { at, type Rule } from "../rule.js";

export const loginSyntax: Rule = {
  id: "login-syntax",
  description: "member logins are valid GitHub logins (EMU logins only with `enterprise_managed_users: true`)",
  check(model) {
    const emu = model.policy.enterprise_managed_users;
    const out: Finding[] = [];
    for (const m of model.members) {
      const problem = loginProblem(m.login, emu);
      if (!problem) continue;
      out.push(
        finding(
          this.id,
          at(model, m.file, ["login"]),
          `login \`${m.login}\` is not a valid GitHub login: it ${problem}`,
          "write the GitHub login exactly as shown on the person's profile page",
        ),
      );
    }
    return out;
  },
};
