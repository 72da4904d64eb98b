// An emulator seed of two orgs, acme and acme-labs (`other_orgs:`), for the tests of a repo that
// manages both (test/fixtures/remind/orgs): `admin` is the viewer and an admin of each, every
// other member is listed by login, and the seat repository's `main` holds `files`.
import type { EmulatorSeed, SeedOrg } from "../../src/emulator/types.js";

export const SEATS_REPO = "acme/seats";

export type OrgPart = Omit<SeedOrg, "org" | "members"> & { members: string[] };

export function twoOrgSeed(acme: OrgPart, labs: OrgPart, files?: Record<string, string>): EmulatorSeed {
  const org = (login: string, part: OrgPart): SeedOrg => ({ ...part, org: { login }, members: [{ login: "admin", role: "admin" }, ...part.members] });
  return {
    ...org("acme", acme),
    viewer: "admin",
    other_orgs: [org("acme-labs", labs)],
    ...(files ? { repos: [{ full_name: SEATS_REPO, default_branch: "main", files }] } : {}),
  };
}
