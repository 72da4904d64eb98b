// The Pulumi program as a factory: model in, resources and stack outputs out. No top-level side
// effects, so tests and the benchmark call it directly under mocks; infra/index.ts is the thin
// entry module that reads config, loads the model and exports the outputs.
import * as pulumi from "@pulumi/pulumi";
import type * as github from "@pulumi/github";
import { UserError } from "../src/errors.js";
import type { CopilotMode, SeatModel } from "../src/model/types.js";
import { teamOrg } from "../src/plan/orgs.js";
import { EnterpriseTeam } from "./enterprise-team.js";
import { grantsSeats, membersKeeping, planTeams, type TeamPlan } from "./plan.js";
import { SeatTeam } from "./team.js";

export interface TeamOutput {
  /** GitHub's numeric team id, as a string. */
  id: string;
  /** The team's slug: its folder name, which validation checks is the slug GitHub derives from
   * `name` (and the program warns if GitHub ever reports another). */
  slug: string;
  name: string;
  copilot: CopilotMode;
  parent: string | null;
  /** Number of logins in the authoritative member list (members + maintainers). */
  members: number;
}

/** Stack outputs: what the seat script and reports read (`pulumi stack output --json`). */
export interface SeatStackOutputs {
  org: string;
  /** Every declared team slug, sorted. */
  teamSlugs: string[];
  /** Declared slug → GitHub team id. */
  teamIds: pulumi.Output<Record<string, string>>;
  /** Declared slug → details. */
  teams: pulumi.Output<Record<string, TeamOutput>>;
  /** Folder slugs of the declared enterprise teams (`enterprise_team: true`), sorted. */
  enterpriseTeamSlugs: string[];
}

export interface SeatTeamsProgram {
  /** Components by slug, in creation order (parents first). */
  teams: Map<string, SeatTeam>;
  /** Enterprise teams by folder slug (docs/enterprise.md). */
  enterpriseTeams: Map<string, EnterpriseTeam>;
  outputs: SeatStackOutputs;
}

export interface DefineOptions {
  /** The provider of policy.yaml's `org`. */
  provider: github.Provider;
  /**
   * With several orgs (`orgs:`): each org's provider, by lower-cased login; a team is created in
   * its `org:` through that org's provider (infra/provider.ts, createGitHubProviders).
   */
  providers?: ReadonlyMap<string, github.Provider>;
  /** Where warnings go; defaults to pulumi.log.warn (shown by preview and up). */
  warn?: (message: string) => void;
  /** Declared team slug → login keys to leave out (not org members; infra/org-members.ts). */
  leftOut?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Declared team slug → undeclared logins the last check keeps in it (infra/org-members.ts). */
  kept?: ReadonlyMap<string, readonly string[]>;
  /** API base URL the enterprise-team provider talks to (GITHUB_API_URL); default api.github.com. */
  apiUrl?: string;
}

export function defineSeatTeams(model: Pick<SeatModel, "teams" | "policy">, opts: DefineOptions): SeatTeamsProgram {
  const warn = opts.warn ?? ((m: string) => void pulumi.log.warn(m));
  // Enterprise teams live at the enterprise, through their own dynamic provider; the rest are org teams.
  const plans = planTeams({ teams: model.teams.filter((x) => !x.enterprise_team) }, opts.leftOut, opts.kept);
  const enterpriseTeams = new Map<string, EnterpriseTeam>();
  for (const t of model.teams.filter((x) => x.enterprise_team).sort((a, b) => (a.slug < b.slug ? -1 : 1))) {
    if (!model.policy.enterprise) throw new Error(`seats/${t.slug} is an enterprise team but policies/policy.yaml names no enterprise; run \`seats validate\``);
    // An enterprise team's seat ends when its membership does, as an org team's (kept-members.ts).
    const { members, kept } = membersKeeping(t, opts.leftOut?.get(t.slug), opts.kept?.get(t.slug) ?? []);
    if (kept.length) warn(keptWarning(t.slug, kept));
    enterpriseTeams.set(
      t.slug,
      new EnterpriseTeam({
        enterprise: model.policy.enterprise,
        ...(opts.apiUrl ? { apiUrl: opts.apiUrl } : {}),
        name: t.name,
        description: t.description,
        members: members.map((m) => m.username),
        slug: t.slug,
        previously: t.previously,
        protect: grantsSeats(t.copilot),
      }),
    );
  }
  const orgOf = new Map(model.teams.map((t) => [t.slug, teamOrg(t, model.policy)]));
  const providerOf = (org: string): github.Provider => {
    const p = org.toLowerCase() === model.policy.org.toLowerCase() ? opts.provider : opts.providers?.get(org.toLowerCase());
    if (!p) throw new Error(`no GitHub provider for org ${org}; pass one per org of policies/policy.yaml \`orgs:\``);
    return p;
  };
  const teams = new Map<string, SeatTeam>();
  for (const plan of plans) {
    const org = orgOf.get(plan.slug) ?? model.policy.org;
    if (plan.leftOut.length) {
      warn(`team ${plan.slug}: ${plan.leftOut.join(", ")} ${plan.leftOut.length === 1 ? "is" : "are"} not a member of ${org}, so ${plan.leftOut.length === 1 ? "is" : "are"} left out of the team (teams.invite_non_members: false); invite them to the org first`);
    }
    if (plan.members.length === 0 && plan.leftOut.length === 0) warn(emptyTeamWarning(plan));
    if (plan.kept.length) {
      warn(keptWarning(plan.slug, plan.kept));
    }
    const parentTeam = plan.parent !== undefined ? teams.get(plan.parent) : undefined;
    // GitHub nests teams within one org only.
    if (plan.parent !== undefined && (orgOf.get(plan.parent) ?? org).toLowerCase() !== org.toLowerCase()) {
      throw new UserError(`seats/${plan.slug} is in org ${org} but its parent ${plan.parent} is in ${orgOf.get(plan.parent)}: GitHub nests teams within one org; run \`seats validate\``);
    }
    const team = new SeatTeam({ plan, provider: providerOf(org), parentTeam });
    teams.set(plan.slug, team);
    // The folder name must be the slug GitHub derives from `name` (validation checks it with our
    // reimplementation of GitHub's rule); if GitHub ever disagrees, say so where people look.
    team.githubSlug.apply((s) => {
      if (s && s !== plan.slug) {
        warn(`team ${plan.slug}: GitHub gave it the slug "${s}"; rename seats/${plan.slug}/ to seats/${s}/ and add \`previously: [${plan.slug}]\``);
      }
    });
  }

  const sorted = [...teams.values()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const teamIds = pulumi
    .all(sorted.map((t) => t.teamId))
    .apply((ids) => Object.fromEntries(sorted.map((t, i) => [t.slug, ids[i]!])));
  // Only the ids come from the engine: every other field is declared data, so the outputs
  // resolve whenever the ids do (a preview, or a mock, that reports no `slug` cannot hold them up).
  const teamsOut = pulumi.all(sorted.map((t) => t.teamId)).apply((ids) =>
    Object.fromEntries(
      sorted.map((t, i) => {
        const out: TeamOutput = {
          id: ids[i]!,
          slug: t.slug,
          name: t.plan.name,
          copilot: t.plan.copilot,
          parent: t.plan.parent ?? null,
          members: t.plan.members.length,
        };
        return [t.slug, out];
      }),
    ),
  );
  return {
    teams,
    enterpriseTeams,
    outputs: { org: model.policy.org, teamSlugs: sorted.map((t) => t.slug), teamIds, teams: teamsOut, enterpriseTeamSlugs: [...enterpriseTeams.keys()] },
  };
}

function keptWarning(slug: string, kept: readonly string[]): string {
  return `team ${slug}: keeping ${kept.join(", ")}, removed by a reclaim PR but active since its snapshot (the last check before revocation, docs/lifecycle.md); the next \`seats reclaim\` restores their member files`;
}

function emptyTeamWarning(plan: TeamPlan): string {
  const base =
    `team ${plan.slug} declares no members and no maintainers, so Pulumi does not manage its membership ` +
    "(GitHub's provider cannot express an empty member list); whoever is on the team on GitHub stays";
  return plan.copilot === "team"
    ? `${base}, and keeps a Copilot seat through the team assignment: remove them on GitHub, or add a member file`
    : `${base}: remove them on GitHub if the team should be empty`;
}
