// `pulumi up` without the Pulumi CLI (which cannot run offline): the Pulumi program's own team
// plan (infra/plan.ts) carried out through the REST API. The demo and the pipeline integration
// test use it; it is independent of the seat planner's projection (src/plan/project.ts), so
// the tests that compare the two prove something.
import type { Octokit } from "@octokit/rest";
import { existsSync } from "node:fs";
import { createTeam, membershipDiff } from "../infra/enterprise-team-ops.js";
import { keptFromPlanFile, leftOutOf } from "../infra/org-members.js";
import { membersKeeping, planTeams } from "../infra/plan.js";
import { ENTERPRISE_TEAM_PREFIX } from "../src/model/live-state.js";
import { loginKey } from "../src/model/logins.js";
import { orgModel } from "../src/plan/orgs.js";
import type { SeatModel } from "../src/model/types.js";

/**
 * What `pulumi up` does to teams and memberships, through the REST API: the Pulumi program's own
 * team plan (infra/plan.ts), declared teams created, renamed in place (`previously:`), members set
 * authoritatively; logins that are not org members are left out (nobody is invited; the same
 * infra/org-members.ts rule). Returns what changed, one line each. The Pulumi CLI cannot run
 * offline, so the demo and the pipeline test run this in its place. `planFile` is SEATS_PLAN: the
 * plan seats apply verified, whose last check names the memberships to keep (infra/index.ts).
 * Enterprise teams: `enterpriseTeams` below.
 */
export async function pulumiEquivalent(gh: Octokit, model: SeatModel, opts: { planFile?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string[]> {
  const kept = opts.planFile && existsSync(opts.planFile) ? keptFromPlanFile(opts.planFile) : new Map<string, string[]>();
  // With several orgs (`orgs:`), each org's teams through that org (one github.Provider per org
  // in infra/provider.ts); the changes of a second org name it.
  const changes: string[] = [];
  // Every org's members, listed once: each org's teams need their own, enterprise teams anyone's.
  const anyOrg = new Set<string>();
  for (const org of model.policy.orgs) {
    const prefix = org === model.policy.org ? "" : `${org}: `;
    const orgMembers = new Set((await gh.paginate(gh.rest.orgs.listMembers, { org, per_page: 100 })).map((m) => loginKey(m.login)));
    for (const m of orgMembers) anyOrg.add(m);
    changes.push(...(await orgTeams(gh, orgModel(model, org), org, orgMembers, kept)).map((c) => `${prefix}${c}`));
  }
  changes.push(...(await enterpriseTeams(gh, model, anyOrg, kept, opts.env)));
  return changes;
}

async function orgTeams(gh: Octokit, model: SeatModel, org: string, orgMembers: ReadonlySet<string>, kept: ReadonlyMap<string, readonly string[]>): Promise<string[]> {
  const changes: string[] = [];
  const existing = new Map((await gh.paginate(gh.rest.teams.list, { org, per_page: 100 })).map((t) => [t.slug, t]));
  const plans = planTeams(model, leftOutOf(model, orgMembers), kept);
  for (const t of plans) {
    const old = t.previously.find((s) => existing.has(s));
    if (!existing.has(t.slug) && old) {
      const { data } = await gh.rest.teams.updateInOrg({ org, team_slug: old, name: t.name });
      existing.delete(old);
      existing.set(data.slug, data as never);
      changes.push(`~ team ${old} → ${data.slug}`);
    } else if (!existing.has(t.slug)) {
      const parent = t.parent ? existing.get(t.parent) : undefined;
      const { data } = await gh.rest.teams.create({ org, name: t.name, description: t.description, privacy: t.privacy, ...(parent ? { parent_team_id: parent.id } : {}) });
      existing.set(data.slug, data as never);
      changes.push(`+ team ${data.slug}`);
    }
  }
  for (const t of plans) {
    // No member list for a team that would list nobody (infra/team.ts): its GitHub members stay.
    if (t.members.length === 0) continue;
    const want = new Map(t.members.map((m) => [loginKey(m.username), m]));
    // GitHub lists a team's members with its child teams' members: only direct members this
    // program does not declare (here or in a child team) are removed.
    const declaredBelow = new Set<string>();
    const descend = (slug: string): void => {
      for (const c of plans.filter((x) => x.parent === slug)) {
        for (const m of c.members) declaredBelow.add(loginKey(m.username));
        descend(c.slug);
      }
    };
    descend(t.slug);
    const have = (await gh.paginate(gh.rest.teams.listMembersInOrg, { org, team_slug: t.slug, per_page: 100 })).map((m) => m.login);
    for (const login of have) {
      if (want.has(loginKey(login)) || declaredBelow.has(loginKey(login))) continue;
      await gh.rest.teams.removeMembershipForUserInOrg({ org, team_slug: t.slug, username: login });
      changes.push(`- ${login} left ${t.slug}`);
    }
    const haveSet = new Set(have.map(loginKey));
    for (const [k, m] of want) {
      if (haveSet.has(k)) continue;
      await gh.rest.teams.addOrUpdateMembershipForUserInOrg({ org, team_slug: t.slug, username: m.username, role: m.role });
      changes.push(`+ ${m.username} joined ${t.slug}`);
    }
  }
  return changes;
}

/**
 * Enterprise teams (`enterprise_team: true`) through the dynamic provider's own create (adopt the
 * existing team, then bulk membership changes: infra/enterprise-team-ops.ts), with `env` as the
 * environment of `pulumi up` (GITHUB_TOKEN, GITHUB_API_URL); skipped without it. Their rosters leave out whoever is
 * a member of none of the managed orgs (infra/org-members.ts leftOutPerOrg).
 */
async function enterpriseTeams(gh: Octokit, model: SeatModel, anyOrg: ReadonlySet<string>, kept: ReadonlyMap<string, readonly string[]>, env: NodeJS.ProcessEnv | undefined): Promise<string[]> {
  const changes: string[] = [];
  const enterprise = model.policy.enterprise;
  if (!enterprise || !env || !model.teams.some((t) => t.enterprise_team)) return changes;
  const leftOut = leftOutOf({ teams: model.teams.filter((t) => t.enterprise_team) }, anyOrg);
  for (const t of model.teams.filter((x) => x.enterprise_team)) {
    // As infra/program.ts: the roster, plus the memberships the last check keeps.
    const wanted = membersKeeping(t, leftOut.get(t.slug), kept.get(t.slug) ?? []).members.map((m) => m.username);
    const slug = `${ENTERPRISE_TEAM_PREFIX}${t.slug}`;
    const before = await gh.paginate<{ login: string }>("GET /enterprises/{enterprise}/teams/{team}/memberships", { enterprise, team: slug, per_page: 100 }).then(
      (users) => users.map((u) => u.login),
      (err: { status?: number }) => {
        // Not created yet: createTeam creates it.
        if (err.status === 404) return [];
        throw err;
      },
    );
    await createTeam({ enterprise, name: t.name, description: t.description, members: wanted }, env);
    const { add, remove } = membershipDiff(before, wanted);
    changes.push(...remove.map((l) => `- ${l} left ${slug}`), ...add.map((l) => `+ ${l} joined ${slug}`));
  }
  return changes;
}
