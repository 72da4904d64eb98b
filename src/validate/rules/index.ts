// Every cross-file rule, in the order they run. Add a rule by writing a module in this folder
// and listing it here.
import type { Rule } from "../rule.js";
import { budget } from "./budget.js";
import { codeownersCurrent } from "./codeowners.js";
import { duplicateMember } from "./duplicate-member.js";
import { enterpriseConfig } from "./enterprise-config.js";
import { exemptions } from "./exemptions.js";
import { loginMatchesFile } from "./login-matches-file.js";
import { loginSyntax } from "./login-syntax.js";
import { teamMaintainers } from "./maintainers.js";
import { memberExpires } from "./member-expires.js";
import { policyOrg } from "./policy-org.js";
import { teamPreviously } from "./previously.js";
import { teamParent } from "./team-parent.js";
import { teamPrivacyNesting } from "./team-privacy.js";
import { teamFolderSlug } from "./team-slug.js";
import { userIds } from "./user-ids.js";

export const RULES: readonly Rule[] = [
  policyOrg,
  enterpriseConfig,
  loginMatchesFile,
  loginSyntax,
  duplicateMember,
  userIds,
  memberExpires,
  teamFolderSlug,
  teamParent,
  teamPrivacyNesting,
  teamMaintainers,
  teamPreviously,
  budget,
  exemptions,
  codeownersCurrent,
];
