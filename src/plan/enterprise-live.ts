// The I/O half of an enterprise-billing plan: preflight, then the enterprise's grants, the
// members of every managed org (enterprise members who can hold a seat), and each declared
// team's members (enterprise teams at the enterprise, org teams in their org), read in parallel.
import { UserError } from "../errors.js";
import type { Auth, GitHubClient } from "../github/client.js";
import { listEnterpriseGrants, listEnterpriseTeamMembers } from "../github/enterprise-read.js";
import { listOrgMembers, listTeamMembers, type ReadOptions } from "../github/read.js";
import { mapLimit } from "../github/concurrency.js";
import { notAnOwnerToken } from "../github/token-kind.js";
import { isEnterpriseTeam, type SeatRow, type Snapshot, type TeamMembership } from "../model/live-state.js";
import { compareLogins, loginKey } from "../model/logins.js";
import type { SeatModel } from "../model/types.js";
import { enterpriseModel, enterpriseSeats } from "./enterprise.js";
import { plan, type PlanOptions } from "./plan.js";
import { teamSlugsToRead } from "./project.js";
import type { Plan } from "./types.js";

export const ENTERPRISE_TOKEN_HELP =
  "enterprise endpoints accept classic personal access tokens only (GitHub refuses GitHub App and fine-grained tokens there): " +
  "set GITHUB_TOKEN to a classic token of an enterprise owner with manage_billing:copilot and read:enterprise " +
  "(admin:enterprise for the job that writes enterprise teams) and unset the GITHUB_APP_* variables (docs/enterprise.md)";

/** Credentials the enterprise endpoints refuse, caught before any request (never printed). */
export function checkEnterpriseCredentials(auth: Auth): void {
  if (auth.kind === "app") throw new UserError(`copilot.billing: enterprise, but the credentials are a GitHub App: ${ENTERPRISE_TOKEN_HELP}`);
  const refused = notAnOwnerToken(auth.token);
  if (refused) throw new UserError(`copilot.billing: enterprise, but GITHUB_TOKEN is ${refused}: ${ENTERPRISE_TOKEN_HELP}`);
}

/** The enterprise slug of an enterprise-billing model (validate's enterprise-config rule checks it is set). */
export function enterpriseOf(model: Pick<SeatModel, "policy">): string {
  const e = model.policy.enterprise;
  if (!e) throw new UserError(`${model.policy.file}: copilot.billing: enterprise needs \`enterprise: <slug>\` (the <slug> of github.com/enterprises/<slug>)`);
  return e;
}

export async function readEnterpriseSnapshot(client: GitHubClient, model: SeatModel, opts: ReadOptions = {}): Promise<Snapshot> {
  return (await readEnterpriseState(client, model, opts)).snapshot;
}

/** The snapshot, and every grant read, each tagged with where it is held (the last check reads them). */
export async function readEnterpriseState(client: GitHubClient, model: SeatModel, opts: ReadOptions = {}): Promise<{ snapshot: Snapshot; rows: SeatRow[] }> {
  const enterprise = enterpriseOf(model);
  const view = enterpriseModel(model);
  const slugs = teamSlugsToRead(view);
  const orgOfTeam = new Map(model.teams.map((t) => [t.slug.toLowerCase(), t.org ?? model.policy.org]));
  const [grants, memberLists, teams] = await Promise.all([
    listEnterpriseGrants(client, enterprise, opts),
    mapLimit(model.policy.orgs, 2, (org) => listOrgMembers(client, org, opts)),
    mapLimit(slugs, 4, async (slug): Promise<TeamMembership> => {
      const m = isEnterpriseTeam(slug)
        ? await listEnterpriseTeamMembers(client, enterprise, slug, opts)
        : await listTeamMembers(client, orgOfTeam.get(slug) ?? model.policy.org, slug, opts);
      return { slug, exists: m !== undefined, members: m ?? [] };
    }),
  ]);
  const members = [...new Map(memberLists.flat().map((l) => [loginKey(l), l])).values()].sort(compareLogins);
  const snapshot: Snapshot = {
    org: model.policy.org,
    // The enterprise has no settings endpoint; its access setting shows as a 422 on the first write.
    settings: { seat_management_setting: "assign_selected", plan_type: null, seat_breakdown: null },
    seats: enterpriseSeats(grants),
    members,
    ...(model.policy.orgs.length > 1 ? { membersByOrg: Object.fromEntries(model.policy.orgs.map((o, i) => [o.toLowerCase(), memberLists[i]!])) } : {}),
    teams,
  };
  return { snapshot, rows: grants.map(({ organization, ...seat }) => ({ ...seat, org: organization })) };
}

export async function liveEnterprisePlan(client: GitHubClient, model: SeatModel, opts: PlanOptions & ReadOptions = {}): Promise<{ snapshot: Snapshot; rows: SeatRow[]; plan: Plan }> {
  const { snapshot, rows } = await readEnterpriseState(client, model, opts);
  return { snapshot, rows, plan: plan(enterpriseModel(model), snapshot, model.policy, { force: opts.force ?? false }) };
}
