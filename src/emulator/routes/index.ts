// The emulator's whole route table.
import type { Handler } from "../handler.js";
import { Router } from "../router.js";
import { registerCopilot } from "./copilot.js";
import { registerOrgs } from "./orgs.js";
import { registerTeams } from "./teams.js";

export function buildRouter(): Router<Handler> {
  const r = new Router<Handler>();
  registerCopilot(r);
  registerOrgs(r);
  registerTeams(r);
  return r;
}
