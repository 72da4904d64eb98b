// Whose change a seat PR is, for the authorship rules (`seats validate --author`) and the approval
// check. The PR's commits decide as much as who opened it, because anyone with write access can
// push onto any branch of this repository, the bot's branches included (docs/threat-model.md):
// - a person's PR whose commits are all theirs is theirs;
// - a PR the pipeline's own App opened from the issue form (branch `seats/request/<team>/<login>`
//   in this repository, every commit verifiably the App's) is the requester's;
// - a PR carrying commits by exactly one person (besides the App) is that person's change: a
//   writer who pushes onto the App's branch is reviewed as themselves;
// - anything else (another bot's PR, the reclaim PR, commits by several people or by nobody
//   GitHub can name) has no author: every file then needs its owners' approval.
import { UserError } from "../errors.js";
import { isValidLogin, loginKey, sameLogin } from "../model/logins.js";
import { requestBranch } from "../request/member-file.js";

export interface CommitLike {
  sha: string;
  /** The GitHub account linked to the commit's author e-mail (null when none is). */
  author: { login: string } | null;
  committer: { login: string } | null;
  commit: { verification?: { verified: boolean } | null };
}

export interface AuthorInput {
  login: string;
  /** `User`, `Bot` or `Organization` (the PR's `user.type`). */
  type: string;
  headRef: string;
  /** `owner/name` of the PR's head repository (a fork's differs from the base). */
  headRepo: string;
  baseRepo: string;
  /** The pipeline's PR-bot login (`<app-slug>[bot]`); unknown to the untrusted PR workflow. */
  botLogin?: string | undefined;
  /** `GET /pulls/{n}/commits`. */
  commits: readonly CommitLike[];
}

export type ReviewAuthor = { author: string | undefined; why: string };

/** GitHub's committer of web-interface commits and merges; it never authors a change. */
const WEB_FLOW = "web-flow";

/** The request branch's team and requester, when `ref` is exactly what `requestBranch` makes. */
export function parseRequestBranch(ref: string): { team: string; login: string } | undefined {
  const parts = ref.split("/");
  if (parts.length !== 4) return undefined;
  const [, , team, login] = parts as [string, string, string, string];
  return team && login && requestBranch(team, login) === ref ? { team, login } : undefined;
}

/**
 * The people behind each commit that is not the expected identity's own: for a bot, a commit is
 * its own only when GitHub verified it and links author and committer to the bot (a `git push`
 * can write any e-mail into a commit, but only GitHub signs the App's API commits). `unknown`
 * lists a bot's commits that nobody can be named for.
 */
export function commitPeople(commits: readonly CommitLike[], expected: string, expectedIsBot: boolean): { people: string[]; unknown: string[] } {
  const people = new Map<string, string>();
  const unknown: string[] = [];
  for (const c of commits) {
    const named = [c.author?.login, c.committer?.login].filter((l): l is string => !!l && !sameLogin(l, WEB_FLOW));
    const others = named.filter((l) => !sameLogin(l, expected));
    const own = expectedIsBot
      ? others.length === 0 && c.commit.verification?.verified === true && sameLogin(c.author?.login ?? "", expected)
      : // A person's commit whose e-mail GitHub links to nobody is still theirs: many people
        // commit with an address they never added to their account, and nobody else is named.
        others.length === 0;
    if (own) continue;
    if (!others.length) {
      unknown.push(c.sha);
      continue;
    }
    for (const l of others) people.set(loginKey(l), l);
  }
  return { people: [...people.values()], unknown };
}

export function reviewAuthor(i: AuthorInput): ReviewAuthor {
  const bot = i.type === "Bot";
  if (!bot && !isValidLogin(i.login, true)) {
    // A person whose login the rules cannot check must not slip past them: fail closed.
    throw new UserError(`the PR author's login "${i.login}" is not one seats validate can check; ask an admin to review this PR`);
  }
  const { people, unknown } = commitPeople(i.commits, i.login, bot);
  const short = (s: string) => s.slice(0, 7);
  if (unknown.length) {
    return { author: undefined, why: `commit ${short(unknown[0]!)} is not verifiably by ${i.login} and names nobody else: no author, every file needs its owners' approval` };
  }
  const involved = bot ? people : [i.login, ...people];
  if (involved.length > 1) {
    return { author: undefined, why: `the commits are by several people (${involved.join(", ")}): no single author, every file needs its owners' approval` };
  }
  if (involved.length === 1) {
    const who = involved[0]!;
    if (!isValidLogin(who, true)) return { author: undefined, why: `the commits are by ${who}, whose login seats validate cannot check: every file needs its owners' approval` };
    return bot
      ? { author: who, why: `${who} pushed onto ${i.login}'s branch ${i.headRef}: reviewed as ${who}'s change` }
      : { author: who, why: `the PR author, ${who}` };
  }
  const request = parseRequestBranch(i.headRef);
  const ours = i.botLogin !== undefined && i.botLogin !== "" && sameLogin(i.login, i.botLogin);
  if (ours && request && sameLogin(i.headRepo, i.baseRepo) && isValidLogin(request.login, true)) {
    return { author: request.login, why: `${request.login} (requested through the issue form; ${i.login} opened the PR and made every commit)` };
  }
  return { author: undefined, why: `${i.login} is a bot: no author, every file needs its owners' approval` };
}
