// `.github/CODEOWNERS` is generated from every team's maintainers; a stale file means GitHub asks
// the wrong people to approve. The loader reads the committed file (model.codeowners); the
// decision itself is the pure codeownersStatus().
import { CODEOWNERS_FILE } from "../../codeowners/render.js";
import { codeownersStatus } from "../../codeowners/status.js";
import { finding, type Finding } from "../../model/findings.js";
import type { Rule } from "../rule.js";

export const codeownersCurrent: Rule = {
  id: "codeowners",
  description: ".github/CODEOWNERS matches every team's maintainers (when the repo has one or runs seats-pr.yml)",
  check(model) {
    if (!model.codeowners) return [];
    const { committed, required } = model.codeowners;
    if (committed === undefined && !required) return [];
    // A team whose _team.yaml did not load is already reported; comparing without it would add a
    // second, misleading "stale" finding for the same mistake.
    if (model.rejectedTeams?.length) return [];

    const status = codeownersStatus(model, committed);
    const org = model.policy.org || "<org>";
    const out: Finding[] = [];
    switch (status.kind) {
      case "current":
        break;
      case "missing":
        out.push(
          finding(
            this.id,
            { file: CODEOWNERS_FILE, line: 1, col: 1 },
            `${CODEOWNERS_FILE} is missing, so GitHub cannot ask team maintainers to approve seat changes`,
            `run \`npx seats codeowners --admins @${org}/<admin-team>\` and commit ${CODEOWNERS_FILE}`,
          ),
        );
        break;
      case "no-admins":
        out.push(
          finding(
            this.id,
            { file: CODEOWNERS_FILE, line: 1, col: 1 },
            `${CODEOWNERS_FILE} has no \`*\` line naming the admins who own everything outside the team folders`,
            `run \`npx seats codeowners --admins @${org}/<admin-team>\` and commit ${CODEOWNERS_FILE}`,
          ),
        );
        break;
      case "stale": {
        const d = status.diff;
        const detail =
          d.actual === undefined
            ? `line ${d.line} is missing (expected \`${d.expected ?? ""}\`)`
            : d.expected === undefined
              ? `line ${d.line} should not be there (\`${d.actual}\`)`
              : `line ${d.line} is \`${d.actual}\`, expected \`${d.expected}\``;
        out.push(
          finding(
            this.id,
            { file: CODEOWNERS_FILE, line: d.line, col: 1 },
            `${CODEOWNERS_FILE} is out of date with the teams' maintainers: ${detail}`,
            `run \`npx seats codeowners\` and commit ${CODEOWNERS_FILE}`,
          ),
        );
        break;
      }
    }
    return out;
  },
};
