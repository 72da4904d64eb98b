// The emulator's whole route table.
import type { Handler } from "../handler.js";
import { Router } from "../router.js";
import { registerApps } from "./apps.js";
import { registerContents } from "./contents.js";
import { registerCopilot } from "./copilot.js";
import { registerGit } from "./git.js";
import { registerOrgs } from "./orgs.js";
import { registerPulls } from "./pulls.js";
import { registerTeams } from "./teams.js";

export function buildRouter(): Router<Handler> {
  const r = new Router<Handler>();
  registerCopilot(r);
  registerOrgs(r);
  registerTeams(r);
  registerGit(r);
  registerContents(r);
  registerPulls(r);
  registerApps(r);
  return r;
}
