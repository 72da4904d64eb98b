// The PR's current approvers, for `seats validate --approvers`: each reviewer's latest
// approve/request-changes/dismissed review decides (comments do not), and the author never counts:
// neither the PR's author (PR_AUTHOR) nor, for a request PR the App opened, the requester
// (REVIEW_AUTHOR), who could otherwise approve their own seat.
// Bots are left out: the workflow's own auto-approval (`<app>[bot]`) approves no maintainer's
// share, and `seats validate --approvers` accepts logins only (a bot login would be a usage error).
// Output: step output `approvers` (comma-separated logins; empty when none).
import { compareLogins, isValidLogin, sameLogin } from "../../src/model/logins.js";
import { clientFromEnv, isEntry, repoFromEnv, requireEnv, runMain, setOutputs } from "./actions-io.js";

export interface ReviewLike {
  user: { login: string } | null;
  state: string;
  submitted_at?: string | null;
}

export function approversFromReviews(reviews: readonly ReviewLike[], author: string, ...alsoAuthors: string[]): string[] {
  const authors = [author, ...alsoAuthors].filter((a) => a !== "");
  const latest = new Map<string, { login: string; state: string }>();
  // The API lists reviews oldest first; later decisions replace earlier ones.
  for (const r of reviews) {
    if (!r.user || r.state === "COMMENTED" || r.state === "PENDING" || !isValidLogin(r.user.login, true)) continue;
    latest.set(r.user.login.toLowerCase(), { login: r.user.login, state: r.state });
  }
  return [...latest.values()]
    .filter((v) => v.state === "APPROVED" && !authors.some((a) => sameLogin(v.login, a)))
    .map((v) => v.login)
    .sort(compareLogins);
}

async function main(): Promise<void> {
  const env = process.env;
  const { owner, repo } = repoFromEnv(env);
  const pull_number = Number(requireEnv(env, "PR_NUMBER"));
  const octokit = clientFromEnv(env, false);
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo, pull_number, per_page: 100 });
  const approvers = approversFromReviews(reviews as ReviewLike[], requireEnv(env, "PR_AUTHOR"), env.REVIEW_AUTHOR ?? "");
  setOutputs(env, { approvers: approvers.join(",") });
}

if (isEntry(import.meta.url)) runMain(main);
