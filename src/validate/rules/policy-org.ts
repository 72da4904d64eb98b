// The org is addressed by login in every API call; a malformed one fails only at apply time.
import { finding } from "../../model/findings.js";
import { loginProblem } from "../../model/logins.js";
import { at, type Rule } from "../rule.js";

export const policyOrg: Rule = {
  id: "policy-org",
  description: "`org` in policy.yaml is a valid GitHub organization login",
  check(model) {
    const org = model.policy.org;
    // An empty org means policy.yaml is missing or was rejected; that is already reported.
    if (org === "") return [];
    const problem = loginProblem(org, false, "org");
    if (!problem) return [];
    return [
      finding(
        this.id,
        at(model, model.policy.file, ["org"]),
        `org \`${org}\` is not a valid GitHub organization login: it ${problem}`,
        "write the organization login as it appears in https://github.com/<org>",
      ),
    ];
  },
};
