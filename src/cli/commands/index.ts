// Every `seats` subcommand, in the order `seats --help` lists them. Only the one being run is
// loaded: `seats validate` never loads the GitHub client, the emulator or another command's code,
// which is most of the CLI's start-up time. The summaries are here so the top-level help loads
// nothing; test/cli/main.test.ts checks them against each command's own.
import type { Command } from "../command.js";

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: "validate", summary: "checks of every file: YAML, schema, cross-file rules (offline); --online: logins and ids on GitHub", load: async () => (await import("./validate.js")).validateCommand },
  { name: "plan", summary: "show the Copilot seat diff between seats/ and GitHub (never changes anything)", load: async () => (await import("./plan.js")).planCommand },
  { name: "apply", summary: "apply the seat plan to GitHub (dry run unless --confirm)", load: async () => (await import("./apply.js")).applyCommand },
  { name: "codeowners", summary: "generate .github/CODEOWNERS from every team's maintainers (--check: fail when stale)", load: async () => (await import("./codeowners.js")).codeownersCommand },
  { name: "remind", summary: "open, update and close one reminder issue per person whose seat is about to be reclaimed", load: async () => (await import("./remind.js")).remindCommand },
  { name: "reclaim", summary: "open or update the one PR that removes inactive and expired seats", load: async () => (await import("./reclaim.js")).reclaimCommand },
  { name: "notice", summary: "tell the people whose seats a merged PR cancelled (a PR comment and the webhook)", load: async () => (await import("./notice.js")).noticeCommand },
  { name: "drift", summary: "find changes made on GitHub outside the repo and open or update one PR that adopts them", load: async () => (await import("./drift.js")).driftCommand },
  { name: "request", summary: "create seats/<team>/<login>.yaml for yourself (and open the PR)", load: async () => (await import("./request.js")).requestCommand },
  { name: "report", summary: "seats, activity, cost per team and savings from reclaims (markdown, json, csv)", load: async () => (await import("./report.js")).reportCommand },
  { name: "import", summary: "write seats/ from the live organization (teams, members, current seats)", load: async () => (await import("./import.js")).importCommand },
  { name: "portal", summary: "the self-service web portal: sign in with GitHub, see your seat, request one", load: async () => (await import("./portal.js")).portalCommand },
  { name: "emulator", summary: "start the local GitHub API emulator and print its base URL", load: async () => (await import("./emulator.js")).emulatorCommand },
  { name: "ci", summary: "the workflows' steps: plan records, approval gate, merges, apply order (docs/workflows.md)", load: async () => (await import("./ci.js")).ciCommand },
];
