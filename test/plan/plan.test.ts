import { describe, expect, it } from "vitest";
import { plan } from "../../src/plan/plan.js";
import { canonicalJson, planChecksum } from "../../src/plan/canonical.js";
import type { Plan } from "../../src/plan/types.js";
import { logins, policy, seat, snapshot, team } from "./builders.js";

/** Compact view of a plan for table assertions: "action target" lines, blocked "kind target", kept logins. */
function view(p: Plan) {
  return {
    changes: p.changes.map((c) => `${c.action} ${c.target}`),
    blocked: p.blocked.map((b) => `${b.kind} ${b.target}`),
    kept: p.kept.map((k) => k.login),
    teams: p.teams.changes.map((c) => [c.action, c.team, c.login ?? c.from].filter(Boolean).join(" ")),
  };
}

type Case = {
  name: string;
  teams: ReturnType<typeof team>[];
  snap: Parameters<typeof snapshot>[0];
  policy?: Parameters<typeof policy>[0];
  force?: boolean;
  want: { changes?: string[]; blocked?: string[]; kept?: string[]; teams?: string[]; refusals?: RegExp[] };
};

const CASES: Case[] = [
  {
    name: "declared org member without a seat is added; undeclared direct seat is cancelled",
    teams: [team("platform", "users", ["alice", "bob", "carol", "dan"])],
    snap: { members: ["alice", "bob", "carol", "dan", "eve"], seats: [seat("bob"), seat("carol"), seat("dan"), seat("eve")] },
    want: { changes: ["add alice", "cancel eve"] },
  },
  {
    name: "in sync: empty plan",
    teams: [team("platform", "users", ["alice"])],
    snap: { members: ["alice"], seats: [seat("alice")] },
    want: { changes: [], blocked: [], kept: [] },
  },
  {
    name: "logins compare case-insensitively (file Alice, GitHub alice)",
    teams: [team("platform", "users", ["Alice", "BOB"])],
    snap: { members: ["alice", "bob"], seats: [seat("alice")] },
    want: { changes: ["add BOB"] },
  },
  {
    name: "pending seat declared again is re-added",
    teams: [team("platform", "users", ["alice", "bob"])],
    snap: { members: ["alice", "bob"], seats: [seat("alice", { pending_cancellation_date: "2026-02-01" }), seat("bob")] },
    want: { changes: ["readd alice"] },
  },
  {
    name: "pending seat not declared: nothing is sent",
    teams: [team("platform", "users", ["bob"])],
    snap: { members: ["alice", "bob"], seats: [seat("alice", { pending_cancellation_date: "2026-02-01" }), seat("bob")] },
    want: { changes: [], blocked: [] },
  },
  {
    name: "declared login that is not an org member is blocked; the rest still applies",
    teams: [team("platform", "users", ["alice", "ghost", "zed"])],
    snap: { members: ["alice", "zed"], seats: [seat("zed")] },
    want: { changes: ["add alice"], blocked: ["not_org_member ghost"] },
  },
  {
    name: "a person in several teams holds one seat (one add)",
    teams: [team("platform", "users", ["alice", "z1"]), team("web", "users", ["alice", "z2"])],
    snap: { members: ["alice", "z1", "z2"], seats: [seat("z1"), seat("z2")] },
    want: { changes: ["add alice"] },
  },
  {
    name: "copilot: none teams grant nothing: their members' seats are cancelled",
    teams: [team("guests", "none", ["alice"]), team("platform", "users", ["b1", "b2", "b3", "b4"])],
    snap: { members: ["alice", "b1", "b2", "b3", "b4"], seats: [seat("alice"), seat("b1"), seat("b2"), seat("b3"), seat("b4")] },
    want: { changes: ["cancel alice"] },
  },
  {
    name: "unmanaged: keep leaves undeclared seats alone and lists them",
    teams: [team("platform", "users", ["alice"])],
    snap: { members: ["alice", "eve"], seats: [seat("alice"), seat("eve")] },
    policy: { unmanaged: "keep" },
    want: { changes: [], kept: ["eve"] },
  },
  {
    name: "copilot: team team not yet assigned is assigned as a whole (no per-user adds)",
    teams: [team("ml", "team", ["alice", "bob"])],
    snap: { members: ["alice", "bob"], teams: [{ slug: "ml", exists: true, members: ["alice", "bob"] }] },
    want: { changes: ["add_team ml"] },
  },
  {
    name: "copilot: team team already assigned: nothing to do",
    teams: [team("ml", "team", ["alice", "bob"])],
    snap: {
      members: ["alice", "bob"],
      seats: [seat("alice", { assigning_team: "ml" }), seat("bob", { assigning_team: "ml" })],
      teams: [{ slug: "ml", exists: true, members: ["alice", "bob"] }],
    },
    want: { changes: [], blocked: [] },
  },
  {
    name: "an undeclared member of a copilot: team team is removed from the team by pulumi up, which ends the seat; nothing is cancelled per user",
    teams: [team("ml", "team", ["alice"]), team("platform", "users", ["p1", "p2", "p3"])],
    snap: {
      members: ["alice", "mallory", "p1", "p2", "p3"],
      seats: [seat("alice", { assigning_team: "ml" }), seat("mallory", { assigning_team: "ml" }), seat("p1"), seat("p2"), seat("p3")],
      teams: [{ slug: "ml", exists: true, members: ["alice", "mallory"] }, { slug: "platform", exists: true, members: ["p1", "p2", "p3"] }],
    },
    want: { changes: [], blocked: [], teams: ["remove_member ml mallory"] },
  },
  {
    name: "team seat not wanted is never cancelled per user; a team that declares nobody keeps its GitHub members, and the plan names the team",
    teams: [team("ml", "team", []), team("platform", "users", ["p1", "p2", "p3"])],
    snap: {
      members: ["mallory", "p1", "p2", "p3"],
      seats: [seat("mallory", { assigning_team: "ml" }), seat("p1"), seat("p2"), seat("p3")],
      teams: [{ slug: "ml", exists: true, members: ["mallory"] }, { slug: "platform", exists: true, members: ["p1", "p2", "p3"] }],
    },
    want: { changes: [], blocked: ["team_granted mallory"], teams: [] },
  },
  {
    name: "a team assigned on GitHub but declared copilot: users is unassigned; its declared members get direct seats",
    teams: [team("data", "users", ["alice"]), team("platform", "users", ["p1", "p2", "p3", "p4", "p5"])],
    snap: {
      members: ["alice", "bob", "p1", "p2", "p3", "p4", "p5"],
      seats: [seat("alice", { assigning_team: "data" }), seat("bob", { assigning_team: "data" }), ...["p1", "p2", "p3", "p4", "p5"].map((l) => seat(l))],
    },
    want: { changes: ["remove_team data", "add alice"] },
  },
  {
    name: "an undeclared team's seats are kept under unmanaged: keep",
    teams: [team("platform", "users", ["alice"])],
    snap: { members: ["alice", "bob"], seats: [seat("alice"), seat("bob", { assigning_team: "legacy" })] },
    policy: { unmanaged: "keep" },
    want: { changes: [], kept: ["bob"] },
  },
  {
    name: "a seat granted by an enterprise team is kept (the org cannot unassign it), under unmanaged: remove too",
    teams: [team("platform", "users", ["alice", "p1", "p2", "p3"])],
    snap: {
      members: ["alice", "bob", "p1", "p2", "p3"],
      seats: [seat("alice", { assigning_team: "ent:eng" }), seat("bob", { assigning_team: "ent:eng" }), seat("p1"), seat("p2"), seat("p3")],
    },
    want: { changes: [], kept: ["bob"] },
  },
  {
    name: "a declared login whose only seat comes from an enterprise team is left alone (it holds a seat)",
    teams: [team("platform", "users", ["alice"])],
    snap: { members: ["alice"], seats: [seat("alice", { assigning_team: "ent:eng" })] },
    policy: { unmanaged: "keep" },
    want: { changes: [], kept: [], blocked: [] },
  },
  {
    name: "a new copilot: team team: pulumi up creates it with its members, and the plan assigns it",
    teams: [team("ml", "team", ["alice"]), team("platform", "users", ["bob"])],
    snap: { members: ["alice", "bob"], seats: [seat("bob")], teams: [{ slug: "ml", exists: false, members: [] }, { slug: "platform", exists: true, members: ["bob"] }] },
    want: { changes: ["add_team ml"], blocked: [], teams: ["create_team ml", "add_member ml alice"] },
  },
  {
    name: "added to an assigned copilot: team team: pulumi up adds the member, the team grants the seat, no seat request",
    teams: [team("ml", "team", ["alice", "bob"])],
    snap: {
      members: ["alice", "bob"],
      seats: [seat("alice", { assigning_team: "ml" })],
      teams: [{ slug: "ml", exists: true, members: ["alice"] }],
    },
    want: { changes: [], blocked: [], teams: ["add_member ml bob"] },
  },
  {
    name: "a member of a copilot: team team who is also declared directly keeps one seat",
    teams: [team("ml", "team", ["alice"]), team("platform", "users", ["alice"])],
    snap: {
      members: ["alice"],
      seats: [seat("alice", { assigning_team: "ml" })],
      teams: [{ slug: "ml", exists: true, members: ["alice"] }],
    },
    want: { changes: [] },
  },
  {
    name: "child team members count as members of a copilot: team parent",
    teams: [team("eng", "team", ["alice"]), team("eng-web", "none", ["bob"], { parent: "eng" })],
    snap: {
      members: ["alice", "bob"],
      seats: [seat("alice", { assigning_team: "eng" }), seat("bob", { assigning_team: "eng" })],
      teams: [{ slug: "eng", exists: true, members: ["alice", "bob"] }],
    },
    want: { changes: [], blocked: [] },
  },
  {
    name: "ratio guard: more than max_removal_ratio cancelled is refused with every number",
    teams: [team("platform", "users", logins(6))],
    snap: { members: logins(10), seats: logins(10).map((l) => seat(l)) },
    want: { changes: ["cancel u006", "cancel u007", "cancel u008", "cancel u009"], refusals: [/^refusing to cancel 4 of 10 seats \(40\.0% > 25\.0%\); pass --force to override$/] },
  },
  {
    name: "ratio guard: exactly at the ratio is allowed",
    teams: [team("platform", "users", logins(3))],
    snap: { members: logins(4), seats: logins(4).map((l) => seat(l)) },
    want: { changes: ["cancel u003"], refusals: [] },
  },
  {
    name: "ratio guard: --force overrides it",
    teams: [team("platform", "users", logins(6))],
    snap: { members: logins(10), seats: logins(10).map((l) => seat(l)) },
    force: true,
    want: { refusals: [] },
  },
  {
    name: "ratio guard uses the policy's max_removal_ratio",
    teams: [team("platform", "users", logins(6))],
    snap: { members: logins(10), seats: logins(10).map((l) => seat(l)) },
    policy: { max_removal_ratio: 0.5 },
    want: { refusals: [] },
  },
  {
    name: "an empty declared set never cancels everything, even with --force",
    teams: [team("platform", "users", [])],
    snap: { members: logins(3), seats: logins(3).map((l) => seat(l)) },
    force: true,
    want: { refusals: [/declares no seat holders.*refusing to cancel 3 of 3 seats/] },
  },
  {
    name: "a plan that would leave zero seats is refused, even with --force",
    teams: [team("guests", "none", ["u000"]), team("platform", "users", ["ghost"])],
    snap: { members: logins(2), seats: logins(2).map((l) => seat(l)) },
    force: true,
    want: { blocked: ["not_org_member ghost"], refusals: [/refusing to cancel all 2 seats/] },
  },
  {
    name: "a renamed team (previously:) still matches its old slug on GitHub",
    teams: [team("ml-platform", "team", ["alice"], { previously: ["ml"] })],
    snap: {
      members: ["alice"],
      seats: [seat("alice", { assigning_team: "ml" })],
      teams: [{ slug: "ml-platform", exists: true, members: ["alice"] }],
    },
    want: { changes: [] },
  },
];

describe("plan", () => {
  it.each(CASES)("$name", (c) => {
    const p = plan({ teams: c.teams }, snapshot(c.snap), policy(c.policy), { force: c.force ?? false });
    const v = view(p);
    if (c.want.changes) expect(v.changes).toEqual(c.want.changes);
    if (c.want.blocked) expect(v.blocked).toEqual(c.want.blocked);
    if (c.want.kept) expect(v.kept).toEqual(c.want.kept);
    if (c.want.teams) expect(v.teams).toEqual(c.want.teams);
    if (c.want.refusals) {
      expect(p.safety.refusals).toHaveLength(c.want.refusals.length);
      c.want.refusals.forEach((re, i) => expect(p.safety.refusals[i]).toMatch(re));
    }
  });

  it("says why, and from which file, for every change", () => {
    const p = plan(
      { teams: [team("platform", "users", ["alice", "bob", "c", "d", "e"]), team("guests", "none", ["zoe"])] },
      snapshot({ members: ["alice", "bob", "c", "d", "e", "zoe"], seats: [seat("bob", { pending_cancellation_date: "2026-02-01" }), seat("c"), seat("d"), seat("e"), seat("zoe")] }),
      policy(),
    );
    expect(p.changes).toEqual([
      { action: "add", target: "alice", reason: "declared in seats/platform/alice.yaml", sources: ["seats/platform/alice.yaml"] },
      {
        action: "readd",
        target: "bob",
        reason: "seat is pending cancellation (leaves 2026-02-01) but is declared in seats/platform/bob.yaml",
        sources: ["seats/platform/bob.yaml"],
      },
      {
        action: "cancel",
        target: "zoe",
        reason: "only declared in seats/guests/zoe.yaml (copilot: none teams grant no seat)",
        sources: ["policies/policy.yaml", "seats/guests/zoe.yaml"],
      },
    ]);
    expect(p.summary).toMatchObject({ current_seats: 4, pending_seats: 1, declared: 5, adds: 1, readds: 1, cancels: 1, removals: 1 });
  });

  it("names the granting team in a team-granted block", () => {
    const p = plan(
      { teams: [team("ml", "team", ["alice"])] },
      snapshot({ members: ["alice", "mallory"], seats: [seat("alice", { assigning_team: "ml" }), seat("mallory", { assigning_team: "ml" })], teams: [{ slug: "ml", exists: true, members: ["alice", "mallory"] }] }),
      policy(),
    );
    // ml declares alice, so pulumi up removes mallory and her seat ends with the membership.
    expect(p.blocked).toEqual([]);
    expect(p.teams.changes.map((c) => `${c.action} ${c.login}`)).toEqual(["remove_member mallory"]);
    const unmanaged = plan(
      { teams: [team("ml", "team", [])] },
      snapshot({ members: ["mallory"], seats: [seat("mallory", { assigning_team: "ml" })], teams: [{ slug: "ml", exists: true, members: ["mallory"] }] }),
      policy(),
    );
    expect(unmanaged.blocked[0]).toMatchObject({ kind: "team_granted", target: "mallory", team: "ml" });
    expect(unmanaged.blocked[0]?.reason).toContain('through team "ml"');
    expect(unmanaged.changes).toEqual([]);
  });

  it("is deterministic: same input in any order gives the same plan and checksum", () => {
    const teams = [team("a", "users", ["x1", "x2", "X3"]), team("b", "users", ["y1", "x1"])];
    const seats = [seat("z9"), seat("x2"), seat("y1", { pending_cancellation_date: "2026-01-01" })];
    const members = ["x1", "x2", "x3", "y1", "z9", "w1", "w2", "w3"];
    const moreSeats = ["w1", "w2", "w3"].map((l) => seat(l));
    const a = plan({ teams }, snapshot({ members, seats: [...seats, ...moreSeats] }), policy());
    const b = plan({ teams: [...teams].reverse() }, snapshot({ members: [...members].reverse(), seats: [...moreSeats, ...seats].reverse() }), policy());
    expect(b).toEqual(a);
    expect(a.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(planChecksum(a)).toBe(a.checksum);
    // Serializable: a JSON round trip keeps the checksum.
    expect(planChecksum(JSON.parse(JSON.stringify(a)) as Plan)).toBe(a.checksum);
  });

  it("the checksum changes when the changes do, not when --force does", () => {
    const teams = [team("platform", "users", logins(6))];
    const snap = snapshot({ members: logins(10), seats: logins(10).map((l) => seat(l)) });
    const guarded = plan({ teams }, snap, policy());
    const forced = plan({ teams }, snap, policy(), { force: true });
    expect(forced.checksum).toBe(guarded.checksum);
    expect(forced.safety.forced).toBe(true);
    const other = plan({ teams: [team("platform", "users", logins(7))] }, snap, policy());
    expect(other.checksum).not.toBe(guarded.checksum);
  });
});

describe("canonicalJson", () => {
  it.each([
    [{ b: 1, a: [2, { d: 1, c: null }] }, '{"a":[2,{"c":null,"d":1}],"b":1}'],
    [{ x: undefined, y: "é" }, '{"y":"é"}'],
    [[], "[]"],
  ])("%j → %s", (input, out) => expect(canonicalJson(input)).toBe(out));
});
