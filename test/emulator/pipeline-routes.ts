// Routes that test/emulator/pipeline-conformance.test.ts covers (check runs, reviews, a PR's
// commits, a commit's PRs, Actions runs, GraphQL), so the general conformance suite's "every route
// covered" check leaves them to it. That file asserts it covers exactly this list.
export const PIPELINE_ROUTES = [
  "POST /repos/{owner}/{repo}/check-runs",
  "GET /repos/{owner}/{repo}/check-runs/{check_run_id}",
  "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}",
  "GET /repos/{owner}/{repo}/commits/{ref}/check-runs",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/commits",
  "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls",
  "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
  "POST /graphql",
] as const;
