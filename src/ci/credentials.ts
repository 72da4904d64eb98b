// Which credentials a workflow job uses (docs/enterprise.md, "Credentials per job"). Org mode
// with one org runs on the pipeline's GitHub Apps. Enterprise billing, enterprise teams and
// several orgs need an owner's classic token instead (GitHub refuses App and fine-grained tokens
// at the enterprise, and an App installation is one org's): the job's environment then holds
// SEATS_ENTERPRISE_READ_TOKEN (and, in seats-production only, SEATS_ENTERPRISE_WRITE_TOKEN), the
// App-token steps are skipped and the steps take those secrets as GITHUB_TOKEN.
//
// Pure: the secrets' values and the repository's needs in, a decision or a refusal out. No
// message ever contains a token.
import { UserError } from "../errors.js";
import { checkToken } from "../github/client.js";
import { notAnOwnerToken } from "../github/token-kind.js";

export const READ_SECRET = "SEATS_ENTERPRISE_READ_TOKEN";
export const WRITE_SECRET = "SEATS_ENTERPRISE_WRITE_TOKEN";

const DOC = 'docs/enterprise.md, "Credentials per job"';

/** What of the repository decides whether the Apps can do the job. */
export interface RepoNeeds {
  billing: "org" | "enterprise";
  orgs: readonly string[];
  /** Folders of `enterprise_team: true` teams. */
  enterpriseTeams: readonly string[];
}

/** Why the GitHub Apps cannot do this repository's jobs, or undefined when they can. */
export function whyNotApps(needs: RepoNeeds): string | undefined {
  if (needs.billing === "enterprise") return "policies/policy.yaml sets copilot.billing: enterprise, and GitHub's enterprise endpoints refuse GitHub App tokens";
  if (needs.orgs.length > 1) return `policies/policy.yaml manages several orgs (${needs.orgs.join(", ")}), and a GitHub App installation belongs to one org`;
  if (needs.enterpriseTeams.length) {
    return `seats/${needs.enterpriseTeams[0]}/ is an enterprise team, and GitHub's enterprise-team endpoints refuse GitHub App tokens`;
  }
  return undefined;
}

export interface CredentialInput {
  /** The secrets as the step's env passes them ("" when the environment does not hold them). */
  read?: string | undefined;
  write?: string | undefined;
  /** The job writes (seats-apply): the write token is needed along with the read token. */
  writes: boolean;
  needs: RepoNeeds;
}

export interface CredentialChoice {
  /** True: mint the App tokens (org mode); false: the steps use the enterprise tokens. */
  app: boolean;
  /** One line for the log, naming secrets, never their values. */
  summary: string;
}

export function chooseCredentials(input: CredentialInput): CredentialChoice {
  // Untrimmed: the later steps get the secret as stored (`secrets.X || steps.….outputs.token`
  // takes any non-empty value), so a blank or padded secret is refused here, not chosen around.
  const read = input.read || undefined;
  const write = input.writes ? input.write || undefined : undefined;
  for (const [name, value] of [[READ_SECRET, read], [WRITE_SECRET, write]] as const) {
    if (value === undefined) continue;
    checkToken(value, name);
    const refused = notAnOwnerToken(value);
    if (refused) {
      throw new UserError(`${name} is ${refused}; it must be a classic personal access token of an enterprise or org owner (${DOC})`);
    }
  }
  if (input.writes && (read === undefined) !== (write === undefined)) {
    const [set, missing] = read ? [READ_SECRET, WRITE_SECRET] : [WRITE_SECRET, READ_SECRET];
    throw new UserError(
      `the seats-production environment holds ${set} but not ${missing}: the job reads with the one and writes with the other, so set both (or neither, to use the GitHub Apps) (${DOC})`,
    );
  }
  if (read !== undefined) {
    return { app: false, summary: `using ${input.writes ? `${READ_SECRET} to read and ${WRITE_SECRET} to write` : READ_SECRET}; the GitHub App token steps are skipped` };
  }
  const why = whyNotApps(input.needs);
  if (why) {
    throw new UserError(
      `${why}: store a classic personal access token of an owner as the ${READ_SECRET} secret of this job's environment` +
        `${input.writes ? ` and another as ${WRITE_SECRET}` : ""} (${DOC})`,
    );
  }
  return { app: true, summary: "no enterprise token in this environment: using the GitHub Apps" };
}
