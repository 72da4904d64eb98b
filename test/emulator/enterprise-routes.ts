// Routes that test/emulator/enterprise-conformance.test.ts covers against GitHub Enterprise
// Cloud's description (the enterprise Copilot endpoints exist only there), so the general
// conformance suite leaves them to it. That file asserts it covers exactly this list.
export const ENTERPRISE_ROUTES = [
  "GET /enterprises/{enterprise}/copilot/billing/seats",
  "POST /enterprises/{enterprise}/copilot/billing/selected_users",
  "DELETE /enterprises/{enterprise}/copilot/billing/selected_users",
  "POST /enterprises/{enterprise}/copilot/billing/selected_enterprise_teams",
  "DELETE /enterprises/{enterprise}/copilot/billing/selected_enterprise_teams",
  "GET /enterprises/{enterprise}/members/{username}/copilot",
  "GET /enterprises/{enterprise}/teams",
  "POST /enterprises/{enterprise}/teams",
  "GET /enterprises/{enterprise}/teams/{team_slug}",
  "PATCH /enterprises/{enterprise}/teams/{team_slug}",
  "DELETE /enterprises/{enterprise}/teams/{team_slug}",
  "GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships",
  "POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/add",
  "POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/remove",
  "GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}",
  "PUT /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}",
  "DELETE /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}",
] as const;
