// The org is addressed by login in every API call; a malformed one fails only at apply time.
import { finding, type Finding } from "../../model/findings.js";
import { loginProblem } from "../../model/logins.js";
import { at, type Rule } from "../rule.js";

export const policyOrg: Rule = {
  id: "policy-org",
  description: "`org` and every `orgs` entry in policy.yaml is a valid GitHub organization login",
  check(model) {
    const { org, orgs, file } = model.policy;
    // An empty org means policy.yaml is missing or was rejected; that is already reported.
    if (org === "") return [];
    const out: Finding[] = [];
    const check = (login: string, where: (string | number)[], key: string) => {
      const problem = loginProblem(login, false, "org");
      if (!problem) return;
      out.push(
        finding(
          this.id,
          at(model, file, where),
          `${key} \`${login}\` is not a valid GitHub organization login: it ${problem}`,
          "write the organization login as it appears in https://github.com/<org>",
        ),
      );
    };
    check(org, ["org"], "org");
    // `orgs` defaults to `[org]`, and an entry equal to `org` has been judged above.
    orgs.forEach((o, i) => {
      if (o.toLowerCase() !== org.toLowerCase()) check(o, ["orgs", i], "orgs entry");
    });
    return out;
  },
};
