// Routes that test/emulator/issues.conformance.test.ts covers, so the general conformance suite
// leaves them to it.
export const ISSUE_ROUTES: readonly string[] = [
  "GET /repos/{owner}/{repo}/issues",
  "POST /repos/{owner}/{repo}/issues",
  "GET /repos/{owner}/{repo}/issues/{issue_number}",
  "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
  "POST /repos/{owner}/{repo}/issues/{issue_number}/assignees",
  "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}",
];
