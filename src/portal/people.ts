// What the portal knows about one person, read live at page time: their seat (GET
// /orgs/{org}/members/{login}/copilot), org membership, membership of the eligible teams, the
// teams that declare them (from the seat repo), and their seat PRs with each one's state.
import type { GitHubClient } from "../github/client.js";
import { httpStatus } from "../github/client.js";
import { type Seat, toSeat } from "../github/read.js";
import { mapLimit } from "../github/concurrency.js";
import { personSeats } from "../model/person-seats.js";
import type { SeatModel } from "../model/types.js";
import { isMultiOrg, teamOrg } from "../plan/orgs.js";
import { APPROVAL_CHECK, PLAN_CHECK } from "../ci/plan-check.js";
import { GIVEBACK_BRANCH_PREFIX, parseGivebackBranch, parseRequestBranch, REQUEST_BRANCH_PREFIX } from "../request/pull-request.js";
import { declaresLogin, eligibility, type Eligibility } from "./eligibility.js";
import type { RepoTarget } from "./seat-repo.js";

export interface PullState {
  number: number;
  url: string;
  title: string;
  kind: "request" | "giveback";
  /** The requester (from the branch). */
  login: string;
  team?: string;
  state: "open" | "merged" | "closed";
  head_sha: string;
  checks: { name: string; status: string; conclusion: string | null; summary: string | null }[];
  approvals: string[];
  created_at: string;
}

export interface Person {
  login: string;
  orgMember: boolean;
  orgAdmin: boolean;
  seat: Seat | undefined;
  /** Several orgs: the orgs where the person holds a seat (`seat` is them all, as one). */
  seatOrgs?: string[];
  declaredIn: { slug: string; name: string; copilot: string; file: string; expires?: string }[];
  eligibility: Eligibility;
  pulls: PullState[];
}

export async function readSeat(client: GitHubClient, org: string, login: string): Promise<Seat | undefined> {
  try {
    const { data } = await client.request("GET /orgs/{org}/members/{username}/copilot", { org, username: login });
    return toSeat(data as unknown as Record<string, unknown>);
  } catch (err) {
    // 404: no seat; 422: not a member / pending invitation. Neither is a seat.
    if (httpStatus(err) === 404 || httpStatus(err) === 422) return undefined;
    throw err;
  }
}

/** The person's org role when they are an active member (one request answers both questions). */
export async function orgRole(client: GitHubClient, org: string, login: string): Promise<"admin" | "member" | undefined> {
  try {
    const { data } = await client.request("GET /orgs/{org}/memberships/{username}", { org, username: login });
    return data.state === "active" ? (data.role === "admin" ? "admin" : "member") : undefined;
  } catch (err) {
    if (httpStatus(err) === 404) return undefined;
    throw err;
  }
}

import { isTeamMember } from "../ci/admins.js";
export { isTeamMember };

type RawPull = { number: number; html_url: string; title: string; state: string; merged_at?: string | null; head: { ref: string; sha: string }; created_at: string };

/** The seat PRs of the repo (request and give-back branches), open ones and the latest closed ones. */
export async function listSeatPulls(client: GitHubClient, t: RepoTarget): Promise<RawPull[]> {
  const open: RawPull[] = [];
  // Open seat PRs are few; 10 pages (1,000 open PRs) bound the cost of a busy repo.
  for (let page = 1; page <= 10; page++) {
    const { data } = await client.request("GET /repos/{owner}/{repo}/pulls", { owner: t.owner, repo: t.repo, state: "open", base: t.base, per_page: 100, page });
    open.push(...(data as RawPull[]));
    if (data.length < 100) break;
  }
  const { data: closed } = await client.request("GET /repos/{owner}/{repo}/pulls", { owner: t.owner, repo: t.repo, state: "closed", base: t.base, sort: "updated", direction: "desc", per_page: 100 });
  const seatPull = (p: RawPull) => p.head.ref.startsWith(REQUEST_BRANCH_PREFIX) || p.head.ref.startsWith(GIVEBACK_BRANCH_PREFIX);
  return [...open, ...(closed as RawPull[])].filter(seatPull);
}

export async function pullState(client: GitHubClient, t: RepoTarget, p: RawPull): Promise<PullState | undefined> {
  const req = parseRequestBranch(p.head.ref);
  const back = parseGivebackBranch(p.head.ref);
  if (!req && !back) return undefined;
  const state: PullState["state"] = p.merged_at ? "merged" : p.state === "open" ? "open" : "closed";
  let checks: PullState["checks"] = [];
  let approvals: string[] = [];
  if (state === "open") {
    const [runs, reviews] = await Promise.all([
      client.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", { owner: t.owner, repo: t.repo, ref: p.head.sha, per_page: 100 }),
      client.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews", { owner: t.owner, repo: t.repo, pull_number: p.number, per_page: 100 }),
    ]);
    checks = runs.data.check_runs
      .filter((c) => c.name === PLAN_CHECK || c.name === APPROVAL_CHECK)
      .map((c) => ({ name: c.name, status: c.status, conclusion: c.conclusion ?? null, summary: c.output?.summary ?? c.output?.title ?? null }));
    approvals = [...new Set(reviews.data.filter((r) => r.state === "APPROVED" && r.user).map((r) => r.user!.login))];
  }
  return {
    number: p.number,
    url: p.html_url,
    title: p.title,
    kind: req ? "request" : "giveback",
    login: req?.login ?? back!,
    ...(req ? { team: req.team } : {}),
    state,
    head_sha: p.head.sha,
    checks,
    approvals,
    created_at: p.created_at,
  };
}

interface LiveFacts {
  seat: Seat | undefined;
  role: "admin" | "member" | undefined;
  seatOrgs?: string[];
  memberOrgs?: string[];
}

/**
 * With several orgs (`orgs:`): the person's seat in every org, as one (src/model/person-seats.ts:
 * active through any org is active), the orgs holding one, and their role in each org.
 */
async function acrossOrgs(client: GitHubClient, orgs: readonly string[], login: string): Promise<LiveFacts> {
  const each = await mapLimit(orgs, 2, async (org) => {
    const [seat, role] = await Promise.all([readSeat(client, org, login), orgRole(client, org, login)]);
    return { org, seat, role };
  });
  const seats = each.flatMap((e) => (e.seat ? [e.seat] : []));
  return {
    seat: seats.length ? personSeats(seats)[0] : undefined,
    seatOrgs: each.filter((e) => e.seat).map((e) => e.org),
    memberOrgs: each.filter((e) => e.role).map((e) => e.org),
    role: each.some((e) => e.role === "admin") ? ("admin" as const) : each.some((e) => e.role) ? ("member" as const) : undefined,
  };
}

/** The person's role in an org of the repo: admin of any org is admin (the portal's admin page). */
export async function repoOrgRole(client: GitHubClient, model: Pick<SeatModel, "policy">, login: string): Promise<"admin" | "member" | undefined> {
  return isMultiOrg(model.policy) ? (await acrossOrgs(client, model.policy.orgs, login)).role : orgRole(client, model.policy.org, login);
}

/** The org of a `self_service.eligible_teams` slug: its declared team's org, else the policy's `org`. */
export function eligibleTeamOrg(model: Pick<SeatModel, "teams" | "policy">, slug: string): string {
  const team = model.teams.find((t) => t.slug.toLowerCase() === slug.toLowerCase() && !t.enterprise_team);
  return team ? teamOrg(team, model.policy) : model.policy.org;
}

export async function readPerson(client: GitHubClient, model: SeatModel, t: RepoTarget, login: string, pulls: readonly RawPull[]): Promise<Person> {
  const org = model.policy.org;
  const required = model.policy.self_service.eligible_teams;
  const multi = isMultiOrg(model.policy);
  const [live, memberOf] = await Promise.all([
    multi ? acrossOrgs(client, model.policy.orgs, login) : Promise.all([readSeat(client, org, login), orgRole(client, org, login)]).then(([seat, role]): LiveFacts => ({ seat, role })),
    // An eligible team declared in seats/ is looked up in its own org (`org:` in its _team.yaml).
    Promise.all(required.map(async (slug) => ((await isTeamMember(client, eligibleTeamOrg(model, slug), slug, login)) ? slug : undefined))),
  ]);
  const { seat, role }: LiveFacts = live;
  const mine = pulls.filter((p) => {
    const who = parseRequestBranch(p.head.ref)?.login ?? parseGivebackBranch(p.head.ref);
    return who?.toLowerCase() === login.toLowerCase();
  });
  // The newest few are enough on a profile page (each open one costs two reads for its state).
  const states = (await Promise.all(mine.slice(0, 6).map((p) => pullState(client, t, p)))).filter((p): p is PullState => !!p);
  const orgMember = role !== undefined;
  return {
    login,
    orgMember,
    orgAdmin: role === "admin",
    seat,
    declaredIn: model.teams
      .filter((team) => declaresLogin(team, login))
      .map((team) => {
        const m = team.members.find((x) => x.login.toLowerCase() === login.toLowerCase())!;
        return { slug: team.slug, name: team.name, copilot: team.copilot, file: m.file, ...(m.expires ? { expires: m.expires } : {}) };
      }),
    ...(live.seatOrgs ? { seatOrgs: live.seatOrgs } : {}),
    eligibility: eligibility(model, { login, orgMember, eligibleTeamsMemberOf: memberOf.filter((s): s is string => !!s), ...(live.memberOrgs ? { memberOrgs: live.memberOrgs } : {}) }),
    pulls: states.sort((a, b) => b.number - a.number),
  };
}
