// What `seats request` checks before it writes anything: the flags (offline, pure) and, with
// --open-pr, the target on GitHub (the repository, the base branch, and that the team exists
// there: a stale checkout must not open a PR that adds a member to a team the base lacks).
import { UsageError, UserError } from "../errors.js";
import { isCalendarDate, utcDay } from "../dates.js";
import { httpStatus, type GitHubClient } from "../github/client.js";
import { getBranchSha, readFileAt } from "../github/pull-request.js";
import { isOrgMember } from "../ci/admins.js";
import { sameLogin } from "../model/logins.js";
import type { SeatModel } from "../model/types.js";

const REPO_SLUG = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;

/** `owner/name` from --repo (or GITHUB_REPOSITORY); a usage error naming where it came from. */
export function parseRepoSlug(value: string, from: string): { owner: string; repo: string } {
  const m = REPO_SLUG.exec(value.trim());
  if (!m || m[2] === "." || m[2] === "..") throw new UsageError(`${from} must be <owner>/<name>, e.g. acme-corp/copilot-seats (got ${JSON.stringify(value)})`);
  return { owner: m[1]!, repo: m[2]! };
}

/**
 * --expires: a calendar day after `today`. A date that has passed would make the new seat
 * reclaimable at once, so it is refused up front rather than written with a warning.
 */
export function checkExpires(value: string, today: Date): string {
  const v = value.trim();
  if (!isCalendarDate(v)) {
    throw new UsageError(`--expires must be a calendar date YYYY-MM-DD, e.g. 2027-01-31 (got ${JSON.stringify(value)})`);
  }
  const day = utcDay(today);
  if (v <= day) {
    throw new UsageError(`--expires ${v} is not after today (${day}): the seat would be reclaimable at once; pass a later date, or leave --expires out`);
  }
  return v;
}

/**
 * Notes for a login that is already declared elsewhere: a second team adds team membership, not
 * a second seat, and the requester (or reviewer) may not know about the first.
 */
export function existingDeclarations(model: SeatModel, login: string, team: string): string[] {
  const notes: string[] = [];
  for (const m of model.members) {
    if (m.team === team || !sameLogin(m.login, login)) continue;
    const other = model.teams.find((t) => t.slug === m.team);
    notes.push(
      other && other.copilot !== "none"
        ? `note: ${login} already holds a Copilot seat through ${m.file} (team ${m.team}, copilot: ${other.copilot}); this request adds membership of ${team}, not a second seat`
        : `note: ${login} is already declared in ${m.file} (team ${m.team})`,
    );
  }
  return notes;
}

/**
 * Before --open-pr writes: the team's `_team.yaml` must be on the base branch. One read when
 * all is well; on a miss, up to two more to say which of repository, branch or team is missing.
 */
export async function checkTarget(client: GitHubClient, t: { owner: string; repo: string; base: string; team: string }): Promise<void> {
  const full = `${t.owner}/${t.repo}`;
  const teamFile = `seats/${t.team}/_team.yaml`;
  if (await readFileAt(client, t.owner, t.repo, t.base, teamFile)) return;
  if (!(await getBranchSha(client, t.owner, t.repo, t.base))) {
    const repoFound = await client.request("GET /repos/{owner}/{repo}", { owner: t.owner, repo: t.repo }).then(
      () => true,
      (err: unknown) => {
        if (httpStatus(err) === 404) return false;
        throw err;
      },
    );
    if (!repoFound) {
      throw new UserError(`repository ${full} was not found, or the credentials cannot see it: check --repo (or GITHUB_REPOSITORY) and the token's access; nothing was written`);
    }
    throw new UserError(`base branch "${t.base}" does not exist in ${full}: pass --base <branch>; nothing was written`);
  }
  throw new UserError(
    `team ${t.team} does not exist on ${t.base} of ${full} (no ${teamFile} there): the checkout has it but the base branch does not; ` +
      `update the checkout (git pull), or wait until the PR that creates the team is merged; nothing was written`,
  );
}

/**
 * A warning when `login` is not (yet) a member of `org`: the PR can merge, but GitHub assigns no
 * seat to a non-member, so the requester should know before waiting for it. A token that may not
 * see members (or any other HTTP refusal) skips the check: it is advice, not a gate.
 */
export async function membershipWarning(client: GitHubClient, org: string, login: string): Promise<string | undefined> {
  const member = await isOrgMember(client, org, login).catch((err: unknown) => {
    if (httpStatus(err) !== undefined) return true;
    throw err;
  });
  return member
    ? undefined
    : `warning: ${login} is not a member of the ${org} organization: the PR can be merged, but GitHub assigns no seat until they are invited and accept (seats plan lists them as blocked)`;
}
