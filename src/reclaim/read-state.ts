// What reclaim reads from GitHub before it judges anyone: the seats and the org members. One org
// reads its own; enterprise billing reads the enterprise's grants (docs/enterprise.md); several
// orgs (`orgs:`) read every org's seats and members, and judge a person once over all their seats:
// idle in every org where they hold one is idle (all their member files go), active in any is
// active (they keep everything). An idle person in two orgs costs the enterprise one seat, and
// only removing both saves it.
import type { GitHubClient } from "../github/client.js";
import { mapLimit } from "../github/concurrency.js";
import { listEnterpriseGrants } from "../github/enterprise-read.js";
import { listAllSeats, listOrgMembers } from "../github/read.js";
import { personSeats } from "../model/person-seats.js";
import type { SeatModel } from "../model/types.js";
import { enterpriseReclaimSeats } from "../plan/enterprise.js";
import { enterpriseOf } from "../plan/enterprise-live.js";
import { isMultiOrg } from "../plan/orgs.js";
import type { ReclaimSeat } from "./classify.js";

export interface ReclaimRead {
  /** One seat per person. */
  seats: readonly ReclaimSeat[];
  /** Every seat row read: the billing date is the earliest next cycle of any org. */
  rows: readonly ReclaimSeat[];
  /** Each org's member logins, in `orgs:` order (one entry for a single org). */
  members: { org: string; logins: string[] }[];
  /** Where the seats came from, for the log. */
  from: string;
}

export async function readReclaimState(
  client: GitHubClient,
  model: SeatModel,
  given: { seats?: readonly ReclaimSeat[]; members?: readonly string[] } = {},
): Promise<ReclaimRead> {
  const { policy } = model;
  if (isMultiOrg(policy) && !given.seats && !given.members) {
    const read = await mapLimit(policy.orgs, 2, async (org) => {
      const [seats, logins] = await Promise.all([listAllSeats(client, org), listOrgMembers(client, org)]);
      return { org, seats, logins };
    });
    const rows = read.flatMap((r) => r.seats);
    return { seats: personSeats(rows), rows, members: read.map(({ org, logins }) => ({ org, logins })), from: policy.orgs.join(", ") };
  }
  const enterprise = policy.copilot.billing === "enterprise" ? enterpriseOf(model) : undefined;
  const seats = given.seats ?? (enterprise ? enterpriseReclaimSeats(await listEnterpriseGrants(client, enterprise)) : await listAllSeats(client, policy.org));
  const logins = given.members ? [...given.members] : await listOrgMembers(client, policy.org);
  return { seats, rows: seats, members: [{ org: policy.org, logins }], from: enterprise ?? policy.org };
}
