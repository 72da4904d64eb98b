// Who may ask for a seat through the portal, and which team the button defaults to. Pure: the
// live facts (org membership, membership of `self_service.eligible_teams`) come in as values,
// read by people.ts at page time.
import { loginKey } from "../model/logins.js";
import type { SeatModel, TeamDecl } from "../model/types.js";
import { teamOrg } from "../plan/orgs.js";

export interface EligibilityFacts {
  login: string;
  orgMember: boolean;
  /** Slugs of `self_service.eligible_teams` the person is a member of on GitHub. */
  eligibleTeamsMemberOf: readonly string[];
  /** Teams the person is a member of on GitHub (for ordering the choices). */
  githubTeams?: readonly string[];
  /**
   * Several orgs (`orgs:`): the orgs the person is a member of. Only teams of those orgs are
   * offered (a seat in a team is a seat in its org, for its members); `orgMember` is "of any".
   */
  memberOrgs?: readonly string[];
}

export interface Eligibility {
  eligible: boolean;
  /** Why not, in a sentence that says what to do about it. */
  reason?: string;
  /** Teams the person can ask to join, best first. */
  teams: TeamDecl[];
  /** The default choice. */
  best?: TeamDecl;
}

export function declaresLogin(t: TeamDecl, login: string): boolean {
  const l = login.toLowerCase();
  return t.members.some((m) => m.login.toLowerCase() === l);
}

export function eligibility(model: Pick<SeatModel, "teams" | "policy">, f: EligibilityFacts): Eligibility {
  const org = model.policy.org;
  const required = model.policy.self_service.eligible_teams;
  // Teams that grant a seat and do not declare the person yet; a team that already does would
  // make the request a no-op.
  const onGitHub = new Set((f.githubTeams ?? []).map((s) => s.toLowerCase()));
  const inOrgs = f.memberOrgs && new Set(f.memberOrgs.map(loginKey));
  const teams = model.teams
    .filter((t) => t.copilot !== "none" && !declaresLogin(t, f.login))
    .filter((t) => !inOrgs || t.enterprise_team || inOrgs.has(loginKey(teamOrg(t, model.policy))))
    .sort(
      (a, b) =>
        Number(b.enrollment === "open") - Number(a.enrollment === "open") ||
        Number(onGitHub.has(b.slug)) - Number(onGitHub.has(a.slug)) ||
        a.slug.localeCompare(b.slug),
    );
  if (!f.orgMember) {
    const which = f.memberOrgs ? `any of the ${model.policy.orgs.join(", ")} organizations` : `the ${org} organization`;
    return { eligible: false, reason: `You are not a member of ${which} on GitHub. Copilot seats are only for org members: ask an org owner to invite you first.`, teams: [] };
  }
  if (required.length && !f.eligibleTeamsMemberOf.length) {
    return {
      eligible: false,
      reason: `Copilot requests through self-service are open to members of ${required.join(", ")} on GitHub, and you are not a member of any of them. Ask a maintainer of one of these teams to add you, or ask your manager to open the request for you.`,
      teams: [],
    };
  }
  if (!teams.length) {
    return { eligible: false, reason: "Every team that grants Copilot already declares you: there is nothing to request.", teams: [] };
  }
  return { eligible: true, teams, best: teams[0] };
}
