// Several organizations on one emulator (`other_orgs:`): every org route is served by the org its
// `{org}` names, with that org's members, teams, seats and billing cycle; an unknown org is a 404.
// Responses are validated against GitHub's published schema, as in conformance.test.ts.
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { tempDir } from "../helpers/seat-repo.js";
import { Recorder, octokitFor } from "./harness.js";
import { githubValidator } from "./openapi-validator.js";

const SEED = path.resolve(import.meta.dirname, "../fixtures/emulator/two-orgs.yaml");
const NOW = new Date("2026-06-15T12:00:00Z");
const recorder = new Recorder();
let emu: RunningEmulator;
let gh: ReturnType<typeof octokitFor>;
const dir = tempDir("emu-orgs-").dir;

beforeAll(async () => {
  githubValidator();
  emu = await startEmulator({ seed: SEED, now: () => NOW });
  gh = octokitFor(emu, recorder);
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => expect(recorder.takeFailures()).toEqual([]));

const status = (p: Promise<unknown>) => p.then(() => 0, (e: { status?: number }) => e.status ?? -1);
const logins = (users: { login: string }[]) => users.map((u) => u.login).sort();

describe("a second org on the same server", () => {
  it("has its own members, teams and seats; a person in both orgs is one account", async () => {
    expect(logins((await gh.rest.orgs.listMembers({ org: "acme-labs" })).data)).toEqual(["alice", "bob", "lena", "root"]);
    expect(logins((await gh.rest.orgs.listMembers({ org: "acme" })).data)).toEqual(["alice", "bob", "carol", "root"]);
    expect(await status(gh.rest.orgs.checkMembershipForUser({ org: "acme-labs", username: "carol" }))).toBe(404);
    expect((await gh.rest.orgs.getMembershipForUser({ org: "acme-labs", username: "pete" })).data.state).toBe("pending");

    const teams = (await gh.rest.teams.list({ org: "acme-labs" })).data;
    expect(teams.map((t) => t.slug)).toEqual(["research"]);
    expect(await status(gh.rest.teams.getByName({ org: "acme", team_slug: "research" }))).toBe(404);

    const labs = await gh.rest.copilot.listCopilotSeats({ org: "acme-labs" });
    expect(labs.data.seats?.map((s) => [s.assignee?.login, s.assigning_team?.slug ?? null]).sort()).toEqual([
      ["alice", null],
      ["bob", "research"],
      ["lena", "research"],
    ]);
    const acme = await gh.rest.copilot.listCopilotSeats({ org: "acme" });
    expect(acme.data.total_seats).toBe(2);
    const idIn = (seats: typeof acme.data.seats, login: string) => seats?.find((s) => s.assignee?.login === login)?.assignee?.id;
    expect(idIn(labs.data.seats, "alice")).toBe(idIn(acme.data.seats, "alice"));
    expect(labs.data.seats?.every((s) => s.plan_type === "enterprise")).toBe(true);
  });

  it("its billing has its own cycle; writes land in the org the path names only", async () => {
    const details = await gh.rest.copilot.getCopilotOrganizationDetails({ org: "acme-labs" });
    expect(details.data.plan_type).toBe("enterprise");
    const cancelled = await gh.rest.copilot.cancelCopilotSeatAssignmentForUsers({ org: "acme-labs", selected_usernames: ["alice"] });
    expect(cancelled.data.seats_cancelled).toBe(1);
    const labsAlice = await gh.rest.copilot.getCopilotSeatDetailsForUser({ org: "acme-labs", username: "alice" });
    expect(labsAlice.data.pending_cancellation_date).toBe("2026-06-20");
    const acmeAlice = await gh.rest.copilot.getCopilotSeatDetailsForUser({ org: "acme", username: "alice" });
    expect(acmeAlice.data.pending_cancellation_date).toBeNull();
    // carol is no acme-labs member: GitHub refuses her seat there.
    expect(await status(gh.rest.copilot.addCopilotSeatsForUsers({ org: "acme-labs", selected_usernames: ["carol"] }))).toBe(422);
    const created = await gh.rest.teams.create({ org: "acme-labs", name: "Infra" });
    const platform = await gh.rest.teams.getByName({ org: "acme", team_slug: "platform" });
    expect(created.data.id).not.toBe(platform.data.id);
    expect(created.data.html_url).toContain("/orgs/acme-labs/teams/infra");
  });

  it("an unknown org is a 404 on every org route", async () => {
    expect(await status(gh.rest.copilot.getCopilotOrganizationDetails({ org: "acme-other" }))).toBe(404);
    expect(await status(gh.rest.orgs.listMembers({ org: "acme-other" }))).toBe(404);
    expect(await status(gh.rest.teams.list({ org: "acme-other" }))).toBe(404);
  });
});

describe("control and persistence with several orgs", () => {
  it("records activity on one org's seat, renames the account in every org, and the state file keeps both orgs", async () => {
    const stateFile = path.join(dir, "state.json");
    const first = await startEmulator({ seed: SEED, stateFile, now: () => NOW });
    first.control.recordActivity("alice", new Date("2026-06-14T08:00:00Z"), undefined, "acme-labs");
    expect(() => first.control.recordActivity("alice", NOW, undefined, "nope")).toThrow(/serves no org nope/);
    first.control.renameUser("bob", "bobby");
    const snap = first.control.snapshot();
    await first.close();
    const labs = snap.other_orgs?.[0];
    expect(labs?.seats?.find((s) => s.login === "alice")?.last_activity_at).toBe("2026-06-14T08:00:00Z");
    expect(snap.seats?.find((s) => s.login === "alice")?.last_activity_at).toBe("2026-06-10T10:00:00Z");
    expect(labs?.members.map((m) => (typeof m === "string" ? m : m.login))).toContain("bobby");
    expect(snap.members.map((m) => (typeof m === "string" ? m : m.login))).toContain("bobby");

    const second = await startEmulator({ seed: { org: { login: "ignored" }, members: [{ login: "x", role: "admin" }] }, stateFile, now: () => NOW });
    try {
      expect(second.control.snapshot()).toEqual(snap);
    } finally {
      await second.close();
    }
  });

  it.each([
    ["an org listed twice", { org: { login: "acme" }, members: [] }, /org "acme" is listed twice/],
    ["no members", { org: { login: "labs" } }, /other_orgs\[0\]\.members/],
    ["no login", { members: [] }, /other_orgs\[0\]\.org\.login/],
  ])("refuses a seed whose other org has %s", async (_name, other, message) => {
    const seed = { org: { login: "acme" }, members: [{ login: "root", role: "admin" }], other_orgs: [other] };
    await expect(startEmulator({ seed: seed as never })).rejects.toThrow(message);
  });
});
