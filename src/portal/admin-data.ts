// The admin page's report: the same src/report code as `seats report`, fed from the API (the
// portal has no checkout): the org's seats, and the merged reclaim PRs (their logins from the
// PR's table, their date from the merge) as the reclaim history.
import type { GitHubClient } from "../github/client.js";
import { listAllSeats } from "../github/read.js";
import type { SeatModel } from "../model/types.js";
import { RECLAIM_BRANCH } from "../reclaim/run.js";
import { isMultiOrg } from "../plan/orgs.js";
import { readOrgsSeats } from "../reclaim/read-state.js";
import { buildReport, type ReclaimEvent, type SeatReport } from "../report/data.js";
import { buildOrgsReport } from "../report/orgs.js";
import type { RepoTarget } from "./seat-repo.js";

/** Logins in the first column of a reclaim PR body's table (`| login | team(s) | …`). */
export function loginsOfReclaimBody(body: string): string[] {
  const out: string[] = [];
  let inTable = false;
  for (const line of body.split("\n")) {
    if (line.startsWith("| login |")) {
      inTable = true;
      continue;
    }
    if (!inTable) continue;
    if (!line.startsWith("|")) {
      inTable = false;
      continue;
    }
    const first = line.split("|")[1]?.trim().replace(/\\/g, "") ?? "";
    if (/^[A-Za-z0-9][A-Za-z0-9-_]*$/.test(first)) out.push(first);
  }
  return out;
}

export async function reclaimsFromPulls(client: GitHubClient, t: RepoTarget): Promise<ReclaimEvent[]> {
  const out: ReclaimEvent[] = [];
  for (let page = 1; page <= 10; page++) {
    const { data } = await client.request("GET /repos/{owner}/{repo}/pulls", { owner: t.owner, repo: t.repo, state: "closed", head: `${t.owner}:${RECLAIM_BRANCH}`, per_page: 100, page });
    for (const p of data) {
      if (!p.merged_at || p.head.ref !== RECLAIM_BRANCH) continue;
      const logins = loginsOfReclaimBody(p.body ?? "");
      if (logins.length) out.push({ at: new Date(p.merged_at).toISOString(), logins, source: "merged", ref: `#${p.number}` });
    }
    if (data.length < 100) break;
  }
  return out;
}

export async function adminReport(client: GitHubClient, model: SeatModel, t: RepoTarget, now: Date): Promise<SeatReport> {
  // Several orgs: every org's seats, people counted once and each org's seats billed (src/report/orgs.ts).
  if (isMultiOrg(model.policy)) {
    const [orgs, reclaims] = await Promise.all([readOrgsSeats(client, model.policy.orgs), reclaimsFromPulls(client, t)]);
    return buildOrgsReport({ orgs, model, now, reclaims });
  }
  const [seats, reclaims] = await Promise.all([listAllSeats(client, model.policy.org), reclaimsFromPulls(client, t)]);
  return buildReport({ seats, model, now, reclaims });
}
