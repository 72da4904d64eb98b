// What reclaim reads from GitHub before it judges anyone: the seats and the org members. One org
// reads its own; enterprise billing reads the enterprise's grants (docs/enterprise.md); several
// orgs (`orgs:`) read every org's seats and members, and judge a person once over all their seats:
// idle in every org where they hold one is idle (all their member files go), active in any is
// active (they keep everything). An idle person in two orgs costs the enterprise one seat, and
// only removing both saves it. `seats remind` reads the seats the same way (readPersonSeats), so
// a reminder and the reclaim that follows it judge the same seat.
import type { GitHubClient } from "../github/client.js";
import { mapLimit } from "../github/concurrency.js";
import { listEnterpriseGrants } from "../github/enterprise-read.js";
import { listAllSeats, listOrgMembers, type Seat } from "../github/read.js";
import { personSeats } from "../model/person-seats.js";
import type { SeatModel } from "../model/types.js";
import { enterpriseReclaimSeats } from "../plan/enterprise.js";
import { enterpriseOf } from "../plan/enterprise-live.js";
import { isMultiOrg } from "../plan/orgs.js";
import type { ReclaimSeat } from "./classify.js";

export interface OrgSeats {
  org: string;
  seats: Seat[];
}

/** Each org's seats, in the order given (two orgs read at a time). */
export async function readOrgsSeats(client: GitHubClient, orgs: readonly string[]): Promise<OrgSeats[]> {
  return mapLimit(orgs, 2, async (org) => ({ org, seats: await listAllSeats(client, org) }));
}

export interface PersonSeatsRead {
  /** One seat per person. */
  seats: readonly ReclaimSeat[];
  /** Every seat row read: the billing date is the earliest next cycle of any org. */
  rows: readonly ReclaimSeat[];
  /** Where the seats came from, for the log. */
  from: string;
}

/** One seat per person, from the org, the enterprise or every org of `orgs:`. */
export async function readPersonSeats(client: GitHubClient, model: Pick<SeatModel, "policy" | "teams">): Promise<PersonSeatsRead> {
  const { policy } = model;
  if (isMultiOrg(policy)) {
    const rows = (await readOrgsSeats(client, policy.orgs)).flatMap((r) => r.seats);
    return { seats: personSeats(rows), rows, from: policy.orgs.join(", ") };
  }
  const enterprise = policy.copilot.billing === "enterprise" ? enterpriseOf(model) : undefined;
  const seats = enterprise ? enterpriseReclaimSeats(await listEnterpriseGrants(client, enterprise)) : await listAllSeats(client, policy.org);
  return { seats, rows: seats, from: enterprise ?? policy.org };
}

/** "9 Copilot seats (7 people) of acme, acme-labs": with several orgs a person may hold a seat in each. */
export function seatsReadText(read: Pick<PersonSeatsRead, "seats" | "from"> & { rows?: readonly unknown[] }): string {
  const n = (read.rows ?? read.seats).length;
  const people = read.seats.length === n ? "" : ` (${read.seats.length} ${read.seats.length === 1 ? "person" : "people"})`;
  return `${n} Copilot seat${n === 1 ? "" : "s"}${people} of ${read.from}`;
}

export interface ReclaimRead extends PersonSeatsRead {
  /** Each org's member logins, in `orgs:` order (one entry for a single org). */
  members: { org: string; logins: string[] }[];
}

export async function readReclaimState(
  client: GitHubClient,
  model: SeatModel,
  given: { seats?: readonly ReclaimSeat[]; members?: readonly string[] } = {},
): Promise<ReclaimRead> {
  const { policy } = model;
  if (isMultiOrg(policy) && !given.seats && !given.members) {
    const [seats, members] = await Promise.all([
      readPersonSeats(client, model),
      mapLimit(policy.orgs, 2, async (org) => ({ org, logins: await listOrgMembers(client, org) })),
    ]);
    return { ...seats, members };
  }
  const read = given.seats ? { seats: given.seats, rows: given.seats, from: policy.copilot.billing === "enterprise" ? enterpriseOf(model) : policy.org } : await readPersonSeats(client, model);
  const logins = given.members ? [...given.members] : await listOrgMembers(client, policy.org);
  return { ...read, members: [{ org: policy.org, logins }] };
}
