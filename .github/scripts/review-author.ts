// Whose change a seat PR is, for `seats validate --author` (the authorship rules: who may change
// which member file, what auto-approves):
// - a person's PR is theirs;
// - a PR that this pipeline's own GitHub App opened from the issue form (seats-request.yml, head
//   branch `seats/request/<team>/<login>` in this repository) is the requester's: the request
//   workflow only ever puts the issue author's login there. Only seats-plan.yml knows the App
//   (APP_SLUG, from create-github-app-token), so only it applies this mapping;
// - any other bot (the nightly reclaim PR, Dependabot, an unknown App) has no author the rules
//   could apply to: validate runs without --author and CODEOWNERS decides who approves.
// Env: PR_AUTHOR, PR_AUTHOR_TYPE, HEAD_REF, HEAD_REPO, GITHUB_REPOSITORY, APP_SLUG (optional).
// Output: step output `author` (empty: no authorship check).
import { isValidLogin, sameLogin } from "../../src/model/logins.js";
import { isEntry, requireEnv, runMain, setOutputs } from "./actions-io.js";

/** `seats request --open-pr`'s branch (src/request/member-file.ts requestBranch). */
const REQUEST_BRANCH = /^seats\/request\/([a-z0-9][a-z0-9_-]*)\/([^/]+)$/;

export interface AuthorInput {
  login: string;
  /** `User`, `Bot` or `Organization` (the event's `user.type`). */
  type: string;
  headRef: string;
  /** `owner/name` of the PR's head repository (a fork's differs from the base). */
  headRepo: string;
  baseRepo: string;
  /** The pipeline App's slug; its bot login is `<slug>[bot]`. Unknown in seats-pr.yml. */
  appSlug?: string | undefined;
}

export type ReviewAuthor = { author: string; why: string } | { author: undefined; why: string };

export function reviewAuthor(i: AuthorInput): ReviewAuthor {
  if (i.type !== "Bot") {
    // A person whose login the rules cannot check must not slip past them: fail closed.
    if (!isValidLogin(i.login, true)) throw new Error(`the PR author's login "${i.login}" is not one seats validate can check; ask an admin to review this PR`);
    return { author: i.login, why: `the PR author, ${i.login}` };
  }
  const request = REQUEST_BRANCH.exec(i.headRef);
  const ours = i.appSlug !== undefined && i.appSlug !== "" && sameLogin(i.login, `${i.appSlug}[bot]`);
  if (ours && request && sameLogin(i.headRepo, i.baseRepo) && isValidLogin(request[2]!, true)) {
    return { author: request[2]!, why: `${request[2]} (requested through the issue form; the PR was opened by ${i.login})` };
  }
  return { author: undefined, why: `${i.login} is a bot: no authorship check, CODEOWNERS decides who approves` };
}

async function main(): Promise<void> {
  const env = process.env;
  const r = reviewAuthor({
    login: requireEnv(env, "PR_AUTHOR"),
    type: env.PR_AUTHOR_TYPE ?? "User",
    headRef: env.HEAD_REF ?? "",
    headRepo: env.HEAD_REPO ?? "",
    baseRepo: requireEnv(env, "GITHUB_REPOSITORY"),
    appSlug: env.APP_SLUG,
  });
  process.stdout.write(`review author: ${r.why}\n`);
  setOutputs(env, { author: r.author ?? "" });
}

if (isEntry(import.meta.url)) runMain(main);
