// An incremental plan (`--base`) of a repo that manages several orgs (`orgs:`, org billing): the
// touched logins planned in every org, each org read as a single-org incremental plan would read
// it (src/plan/scoped.ts: one login at a time when that is cheaper than paging), then combined as
// the full plan is (src/plan/orgs.ts). Every org is asked about every touched login, because the
// full plan restricted to those logins holds their entries in every org (a person declared in
// acme-labs who also holds an undeclared seat in acme is cancelled there too): so the PR's plan,
// the merge's and the full plan restricted to the touched logins carry the same checksum.
import type { GitHubClient } from "../github/client.js";
import type { ReadOptions } from "../github/read.js";
import type { SeatModel } from "../model/types.js";
import { combineOrgPlans, orgModel, teamOrg } from "./orgs.js";
import { mergedRenames, mergedSnapshot } from "./orgs-live.js";
import type { PlanOptions } from "./plan.js";
import type { Scope } from "./scope.js";
import type { PlanScope, ScopedResult } from "./scoped.js";

type ScopedPlan = (client: GitHubClient, model: SeatModel, scope: Scope, opts: PlanOptions & ReadOptions) => Promise<ScopedResult>;

/** The model one org manages, seen as a single-org repo of that org (so it is read and planned as one). */
export function singleOrgView(model: SeatModel, org: string): SeatModel {
  const own = orgModel(model, org);
  return { ...own, policy: { ...model.policy, org, orgs: [org] } };
}

/** The touched files of `org`'s folders (a member file belongs to the org of its folder's team). */
export function filesOfOrg(files: readonly string[], model: Pick<SeatModel, "teams" | "policy">, org: string): string[] {
  const orgOfFolder = new Map(model.teams.filter((t) => !t.enterprise_team).map((t) => [t.slug, teamOrg(t, model.policy).toLowerCase()]));
  return files.filter((f) => orgOfFolder.get(f.split("/")[1] ?? "") === org.toLowerCase());
}

/** How the parts were read, as one scope line. */
export function combinedScope(parts: readonly { org: string; scope: PlanScope }[], logins: readonly string[]): PlanScope {
  // `incremental` as soon as one org was read login by login: its seats are then partial, and
  // whatever reads them later (the last check before revocation) must read the rest itself.
  const modes = new Set(parts.map((p) => p.scope.mode));
  const mode: PlanScope["mode"] = modes.has("incremental") ? "incremental" : modes.has("paged") ? "paged" : "full";
  const reasons = parts.filter((p) => p.scope.reason).map((p) => `${p.org}: ${p.scope.reason}`);
  return {
    mode,
    logins: [...logins],
    ...(reasons.length ? { reason: reasons.join("; ") } : {}),
    requests: parts.reduce((n, p) => n + p.scope.requests, 0),
    paging_requests: parts.reduce((n, p) => n + p.scope.paging_requests, 0),
  };
}

export async function orgsScopedPlan(
  client: GitHubClient,
  model: SeatModel,
  scope: Extract<Scope, { kind: "logins" }>,
  opts: PlanOptions & ReadOptions,
  scopedPlan: ScopedPlan,
): Promise<ScopedResult> {
  // One org after the other: each part is a handful of requests, and the write pacing of octokit
  // does not apply to reads anyway; sequential keeps the request log (and the bench) readable.
  const parts: (ScopedResult & { org: string })[] = [];
  for (const org of model.policy.orgs) {
    const res = await scopedPlan(client, singleOrgView(model, org), { kind: "logins", logins: scope.logins, files: filesOfOrg(scope.files, model, org) }, opts);
    parts.push({ ...res, org });
  }
  // No per-org snapshot for the people counts: a partial read holds the touched logins' seats only.
  const plan = combineOrgPlans(
    parts.map((p) => ({ org: p.org, plan: p.plan })),
    model,
  );
  const logins = [...new Set(parts.flatMap((p) => p.scope.logins ?? scope.logins))];
  // Each org's seat rows, tagged with it, as a full plan of several orgs returns them (live.ts).
  const rows = parts.flatMap((p) => p.snapshot.seats.map((seat) => ({ ...seat, org: p.org })));
  return { plan, snapshot: mergedSnapshot(parts), renames: mergedRenames(parts), rows, scope: combinedScope(parts, logins) };
}
