// `seats notice` I/O: which people a merged PR took a seat from, and telling them once.
//
//   1. the PR: `--pr`, or the one GitHub links to the merge commit (`--sha`, GITHUB_SHA);
//   2. the member files it deleted: the seats/ trees at its base and at its merge commit;
//   3. the live seats: those people whose seat is now pending cancellation are the affected;
//   4. the PR's comments: people an earlier notice told are left out;
//   5. one comment per 50 people, then the webhook.
// Derived from live state, not from the apply's output, so a notice that failed (or a re-run
// of the workflow, whose apply has nothing left to do) still reaches everyone, and a re-run tells
// nobody twice.
import { httpStatus, type GitHubClient } from "../github/client.js";
import { listAll, listAllSeats } from "../github/read.js";
import { loginKey } from "../model/logins.js";
import { alreadyNoticed, type Affected, noticeComments, noticeDigest, reasonsFromBody } from "./notice.js";
import { postWebhook } from "./webhook.js";

export interface NoticeOptions {
  org: string;
  owner: string;
  repo: string;
  pr?: number;
  sha?: string;
  confirm: boolean;
  portalUrl?: string;
  webhook?: URL;
  /** Reads seats (org Copilot read); defaults to `repoClient`. */
  seatClient?: GitHubClient;
  log?: (line: string) => void;
}

export interface NoticeReport {
  pull?: { number: number; title: string };
  removed: string[];
  affected: Affected[];
  comments: number;
  webhook?: { sent: boolean; error?: string };
}

interface PullRow {
  number: number;
  title: string;
  body: string | null;
  merged_at: string | null;
  merge_commit_sha: string | null;
  base: { sha: string };
}

async function memberFiles(client: GitHubClient, owner: string, repo: string, commitSha: string): Promise<Map<string, string>> {
  const { data: commit } = await client.request("GET /repos/{owner}/{repo}/git/commits/{commit_sha}", { owner, repo, commit_sha: commitSha });
  const { data: root } = await client.request("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", { owner, repo, tree_sha: commit.tree.sha });
  const seats = root.tree.find((e) => e.path === "seats" && e.type === "tree");
  const out = new Map<string, string>();
  if (!seats?.sha) return out;
  const { data } = await client.request("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", { owner, repo, tree_sha: seats.sha, recursive: "1" });
  for (const e of data.tree) {
    const m = /^[^/]+\/([^/_][^/]*)\.yaml$/.exec(e.path ?? "");
    if (e.type === "blob" && m) out.set(`seats/${e.path}`, m[1]!);
  }
  return out;
}

export async function runNotice(client: GitHubClient, opts: NoticeOptions): Promise<NoticeReport> {
  const { owner, repo } = opts;
  const log = opts.log ?? (() => {});
  let pull: PullRow | undefined;
  if (opts.pr !== undefined) pull = (await client.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner, repo, pull_number: opts.pr })).data as PullRow;
  else if (opts.sha) {
    const { data } = (await client.request("GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls", { owner, repo, commit_sha: opts.sha })) as { data: PullRow[] };
    pull = data.find((p) => p.merged_at);
  }
  if (!pull?.merged_at || !pull.merge_commit_sha) {
    log("no merged pull request for this commit: nobody to notify");
    return { removed: [], affected: [], comments: 0 };
  }
  const [before, after] = await Promise.all([memberFiles(client, owner, repo, pull.base.sha), memberFiles(client, owner, repo, pull.merge_commit_sha)]);
  // Anyone who lost a member file; the live seats decide who really lost the seat (someone with
  // another seat-granting file, or moved to another team, is not pending cancellation).
  const removed = [...new Set([...before.entries()].filter(([p]) => !after.has(p)).map(([, l]) => l))];
  const report: NoticeReport = { pull: { number: pull.number, title: pull.title }, removed, affected: [], comments: 0 };
  if (!removed.length) return report;

  const seats = await listAllSeats(opts.seatClient ?? client, opts.org);
  const ends = new Map(seats.filter((s) => s.pending_cancellation_date).map((s) => [loginKey(s.login), s.pending_cancellation_date!]));
  const base = { owner, repo, issue_number: pull.number };
  const told = alreadyNoticed(await listAll<{ body?: string | null }>(client, "GET /repos/{owner}/{repo}/issues/{issue_number}/comments", base));
  const why = reasonsFromBody(pull.body);
  report.affected = removed
    .filter((l) => ends.has(loginKey(l)) && !told.has(loginKey(l)))
    .map((l) => ({ login: l, ends: ends.get(loginKey(l))!, ...(why.has(loginKey(l)) ? { why: why.get(loginKey(l))! } : {}) }));
  if (!report.affected.length || !opts.confirm) return report;

  const ctx = { pull: report.pull!, repo: `${owner}/${repo}`, ...(opts.portalUrl ? { portalUrl: opts.portalUrl } : {}) };
  for (const body of noticeComments(report.affected, ctx)) {
    // Not retried blindly: after a lost answer, the comments are read before it is sent again.
    try {
      await client.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...base, body, request: { retries: 0 } });
    } catch (err) {
      const status = httpStatus(err);
      if (status !== undefined && status < 500) throw err;
      const now = await listAll<{ body?: string | null }>(client, "GET /repos/{owner}/{repo}/issues/{issue_number}/comments", base);
      if (!now.some((c) => c.body === body)) await client.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...base, body });
    }
    report.comments++;
  }
  if (opts.webhook) {
    const error = await postWebhook(opts.webhook, { text: noticeDigest(report.affected, ctx), summary: "Copilot seats cancelled" });
    report.webhook = error ? { sent: false, error } : { sent: true };
  }
  return report;
}
