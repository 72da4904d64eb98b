// The I/O half of a plan of several orgs (src/plan/orgs.ts): each org read through its own
// endpoints (settings, seats, members, its declared teams), planned as its own repo would be,
// then combined. Two orgs are read at a time.
import { UserError } from "../errors.js";
import type { Auth, GitHubClient } from "../github/client.js";
import { mapLimit } from "../github/concurrency.js";
import { notAnOwnerToken } from "../github/token-kind.js";
import { readSnapshot, type ReadOptions } from "../github/read.js";
import type { Snapshot } from "../model/live-state.js";
import { compareLogins, loginKey } from "../model/logins.js";
import type { SeatModel } from "../model/types.js";
import type { ResolvedPolicy } from "../model/types.js";
import { combineOrgPlans, isMultiOrg, orgModel } from "./orgs.js";
import { plan, type PlanOptions } from "./plan.js";
import { teamSlugsToRead } from "./project.js";
import { findRenames, withRenames, type Rename } from "./renames.js";
import type { Plan } from "./types.js";

/**
 * A GitHub App installation token is one org's: with several orgs the second org's seats would
 * answer 404. Caught before any request, with the fix.
 */
export function checkSeveralOrgsCredentials(
  auth: Auth,
  policy: Pick<ResolvedPolicy, "orgs" | "copilot">,
  /** What asks for several orgs, for the message: `import --org a --org b` reads no policy.yaml. */
  source = "policies/policy.yaml manages",
): void {
  if (!isMultiOrg(policy)) return;
  // A fine-grained token, too, has one resource owner.
  const refused = auth.kind === "app" ? "a GitHub App installation" : notAnOwnerToken(auth.token);
  if (!refused) return;
  throw new UserError(
    `${source} several orgs (${policy.orgs.join(", ")}), but the credentials are ${refused}, which belongs to one org: ` +
      "set GITHUB_TOKEN to a token of an owner of every org (manage_billing:copilot and read:org) and unset the GITHUB_APP_* variables",
  );
}

export interface OrgsRead {
  org: string;
  snapshot: Snapshot;
}

/**
 * Every org's state in one snapshot, for what reads a plan's live seats (the last check before
 * revocation): a person's seats in every org, members of any org, and the settings of the first.
 */
export function mergedSnapshot(reads: readonly OrgsRead[]): Snapshot {
  const first = reads[0]!.snapshot;
  return {
    ...first,
    seats: reads.flatMap((r) => r.snapshot.seats).sort((a, b) => compareLogins(a.login, b.login)),
    members: [...new Map(reads.flatMap((r) => r.snapshot.members).map((l) => [loginKey(l), l])).values()].sort(compareLogins),
    teams: reads.flatMap((r) => r.snapshot.teams),
  };
}

/** A renamed account declared in two orgs is found in each, with that org's files: one rename. */
export function mergedRenames(parts: readonly { renames: readonly Rename[] }[]): Rename[] {
  const byId = new Map<number, Rename>();
  for (const r of parts.flatMap((p) => p.renames)) {
    const had = byId.get(r.id);
    byId.set(r.id, had ? { ...had, files: [...new Set([...had.files, ...r.files])].sort() } : r);
  }
  return [...byId.values()];
}

export async function liveOrgsPlan(
  client: GitHubClient,
  model: SeatModel,
  opts: PlanOptions & ReadOptions = {},
): Promise<{ snapshot: Snapshot; plan: Plan; renames: Rename[]; reads: OrgsRead[] }> {
  const parts = await mapLimit(model.policy.orgs, 2, async (org) => {
    const own = orgModel(model, org);
    const snapshot = await readSnapshot(client, { org, teams: teamSlugsToRead(own), ...(opts.concurrency ? { concurrency: opts.concurrency } : {}) });
    const renames = await findRenames(client, own, snapshot);
    const p = plan(withRenames(own, renames), snapshot, model.policy, { force: opts.force ?? false, ...(opts.changedFiles ? { changedFiles: opts.changedFiles } : {}) });
    return { org, snapshot, renames, plan: p };
  });
  return { snapshot: mergedSnapshot(parts), plan: combineOrgPlans(parts, model), renames: mergedRenames(parts), reads: parts.map(({ org, snapshot }) => ({ org, snapshot })) };
}
