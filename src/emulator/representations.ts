// JSON shapes of GitHub's REST resources, built to validate against the published OpenAPI
// schemas (simple-user, team, team-full, copilot-seat-details, git-ref, pull-request, ...).
// Every URL points at the emulator's own origin (`base`), so clients that follow them stay local.
// One module per resource family under representations/; this module is their single entry point.
export type { View } from "./representations/view.js";
export { orgSimpleJson, userByKey, userJson } from "./representations/people.js";
export { seatJson, teamFullJson, teamJson, teamSimpleJson } from "./representations/teams-seats.js";
export {
  contentDirEntryJson,
  contentFileJson,
  fullRepositoryJson,
  gitCommitJson,
  gitRefJson,
  gitTreeJson,
  ownerJson,
  repositoryJson,
} from "./representations/repos.js";
export { commentJson, labelJson, pullJson, pullSimpleJson } from "./representations/pulls.js";
export { enterpriseGrantJson, enterpriseSeatRowJson, enterpriseTeamJson, type EnterpriseSeatRow } from "./representations/enterprise.js";
