// The portal of a seat repo that manages two orgs (`orgs: [acme-corp, acme-labs]`), on the
// emulator serving both: a person's seat is read in every org and shown as one; only the teams of
// the orgs they belong to are offered; the admin page counts people once and bills each org.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, startPortalWorld, type PortalWorld } from "../../scripts/portal/world.js";
import { signIn } from "./client.js";

let world: PortalWorld;
beforeAll(async () => {
  const policy = readFileSync(path.join(ROOT, "policies/policy.yaml"), "utf8").replace(/^org: acme-corp$/m, "org: acme-corp\norgs: [acme-corp, acme-labs]");
  world = await startPortalWorld({
    policy,
    files: {
      "seats/labs/_team.yaml": "name: labs\norg: acme-labs\ncopilot: users\nenrollment: open\n",
      "seats/labs/bob-builder.yaml": "login: bob-builder\nreason: research\n",
    },
    // bob-builder holds a seat in both orgs (idle in acme-labs, active in acme-corp); zoe-labs is in acme-labs only.
    seed: (s) => ({
      ...s,
      other_orgs: [
        {
          org: { login: "acme-labs" },
          members: [{ login: "alice-admin", role: "admin" }, "bob-builder", "zoe-labs"],
          seats: [{ login: "bob-builder", created_at: "2026-01-05T09:00:00Z", last_activity_at: "2026-02-01T08:00:00Z" }],
        },
      ],
    }),
  });
});
afterAll(() => world?.close());

interface Me {
  seat: { last_activity_at: string | null } | null;
  seat_orgs?: string[];
  eligible: boolean;
  ineligible_reason?: string;
}

describe("the portal with several orgs", () => {
  it("shows one seat over every org, with the orgs holding it", async () => {
    const v = await signIn(world, "bob-builder");
    const me = (await (await v.get("/api/me")).json()) as Me;
    expect(me.seat_orgs).toEqual(["acme-corp", "acme-labs"]);
    // The latest activity in either org.
    expect(me.seat!.last_activity_at).toBe("2026-06-18T08:30:00Z");
    expect(await (await v.get("/")).text()).toContain("Seats in acme-corp, acme-labs");
  });

  it("offers a member of one org only that org's teams", async () => {
    const v = await signIn(world, "zoe-labs");
    const me = (await (await v.get("/api/me")).json()) as Me;
    expect(me.eligible).toBe(true);
    expect(me.seat).toBeNull();
    const page = await (await v.get("/")).text();
    const offered = [...page.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
    expect(offered).toEqual(["labs"]);
  });

  it("the admin page counts people once and each org's seats", async () => {
    const v = await signIn(world, "alice-admin");
    const page = await (await v.get("/admin")).text();
    expect(page).toContain("7 people hold 8 seats in acme-corp, acme-labs (a person seated by several of them is billed once)");
    expect(page).toContain("labs (acme-labs)");
  });
});
