// Who has approved a PR, from `GET /pulls/{n}/reviews`: each reviewer's latest decision counts
// (approve, request changes, dismissed; comments do not), bots never count (an App's approval is
// no maintainer's), nor does anyone the change is by. With `headSha`, an approval counts only for
// the commit it was given on, so a push after an approval needs a new one (whatever the ruleset's
// "dismiss stale approvals" setting says).
import { compareLogins, isValidLogin, sameLogin } from "../model/logins.js";

export interface ReviewLike {
  user: { login: string; type?: string } | null;
  state: string;
  commit_id?: string | null;
}

export function approversFromReviews(reviews: readonly ReviewLike[], opts: { exclude: readonly string[]; headSha?: string | undefined }): string[] {
  const exclude = opts.exclude.filter((a) => a !== "");
  const latest = new Map<string, { login: string; state: string; commit: string | null | undefined }>();
  // The API lists reviews oldest first; later decisions replace earlier ones.
  for (const r of reviews) {
    if (!r.user || r.state === "COMMENTED" || r.state === "PENDING") continue;
    if (r.user.type === "Bot" || !isValidLogin(r.user.login, true)) continue;
    latest.set(r.user.login.toLowerCase(), { login: r.user.login, state: r.state, commit: r.commit_id });
  }
  return [...latest.values()]
    .filter((v) => v.state === "APPROVED" && (opts.headSha === undefined || v.commit === opts.headSha))
    .filter((v) => !exclude.some((a) => sameLogin(v.login, a)))
    .map((v) => v.login)
    .sort(compareLogins);
}
