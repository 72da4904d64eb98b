// self_service.eligible_teams, checked live: only members of those GitHub teams may request.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, startPortalWorld, type PortalWorld } from "../../scripts/portal/world.js";
import { signIn } from "./client.js";

let world: PortalWorld;
beforeAll(async () => {
  const policy = readFileSync(path.join(ROOT, "policies/policy.yaml"), "utf8") + "self_service:\n  eligible_teams: [engineering]\n";
  world = await startPortalWorld({ policy });
});
afterAll(() => world?.close());

describe("self_service.eligible_teams", () => {
  it.each([
    { login: "heidi-new", eligible: false, text: "open to members of engineering" },
    { login: "frank-ops", eligible: true },
  ])("$login: eligible $eligible", async ({ login, eligible, text }) => {
    const v = await signIn(world, login);
    const me = (await (await v.get("/api/me")).json()) as { eligible: boolean; ineligible_reason?: string };
    expect(me.eligible).toBe(eligible);
    if (text) expect(me.ineligible_reason).toContain(text);
    const page = await (await v.get("/")).text();
    expect(page.includes(">Request Copilot</button>")).toBe(eligible);
  });

  it("becomes eligible as soon as GitHub says so (no cache of team membership)", async () => {
    const v = await signIn(world, "heidi-new");
    const put = await fetch(`${world.emu.url}/orgs/acme-corp/teams/engineering/memberships/heidi-new`, {
      method: "PUT",
      headers: { authorization: "token admin", "user-agent": "t", "content-type": "application/json" },
      body: JSON.stringify({ role: "member" }),
    });
    expect(put.status).toBe(200);
    const me = (await (await v.get("/api/me")).json()) as { eligible: boolean };
    expect(me.eligible).toBe(true);
  });
});
