// The emulator's whole route table.
import type { Handler } from "../handler.js";
import { Router } from "../router.js";
import { registerApps } from "./apps.js";
import { registerActions } from "./actions.js";
import { registerChecks } from "./checks.js";
import { registerContents } from "./contents.js";
import { registerCopilot } from "./copilot.js";
import { registerEnterpriseCopilot } from "./enterprise-copilot.js";
import { registerEnterpriseTeams } from "./enterprise-teams.js";
import { registerGit } from "./git.js";
import { registerIssues } from "./issues.js";
import { registerOrgs } from "./orgs.js";
import { registerMerges } from "./merges.js";
import { registerPulls } from "./pulls.js";
import { registerReviews } from "./reviews.js";
import { registerTeams } from "./teams.js";
import { registerUser } from "./user.js";

export function buildRouter(): Router<Handler> {
  const r = new Router<Handler>();
  registerCopilot(r);
  registerOrgs(r);
  registerTeams(r);
  registerUser(r);
  // GitHub Enterprise Cloud: enterprise Copilot seats and enterprise teams.
  registerEnterpriseCopilot(r);
  registerEnterpriseTeams(r);
  registerGit(r);
  registerContents(r);
  registerPulls(r);
  registerIssues(r);
  registerApps(r);
  // The pipeline's endpoints: check runs, reviews, merges (and auto-merge over GraphQL), Actions runs.
  registerChecks(r);
  registerReviews(r);
  registerMerges(r);
  registerActions(r);
  return r;
}
