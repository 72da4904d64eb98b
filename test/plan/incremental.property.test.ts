// Property: on random repos and GitHub states, the plan computed from the touched logins' own
// state (restricted model, partial snapshot) equals the full plan restricted to those logins,
// checksum included, whenever partialIsExact says the partial state can stand in for the full
// one. Seeded, so every failure is reproducible from the case number it prints.
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../src/emulator/faults.js";
import type { Seat, Snapshot } from "../../src/github/read.js";
import { resolvePolicy } from "../../src/model/load.js";
import type { CopilotMode, TeamDecl } from "../../src/model/types.js";
import { plan } from "../../src/plan/plan.js";
import {
  declaredHolders,
  loginSet,
  loginsNeedingTeamCheck,
  partialFromFull,
  partialIsExact,
  restrictModel,
  restrictPlan,
  seatCounts,
  type TeamLogin,
} from "../../src/plan/restrict.js";
import { seat, team } from "./builders.js";

const CASES = 1200;
const UNIVERSE = ["ana", "Bob", "cy", "dee", "eve", "fay", "gus", "hal", "ivy", "jo", "kim", "lu"];
const MODES: CopilotMode[] = ["users", "users", "none", "team"];

type Rng = () => number;
const pick = <T,>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const subset = <T,>(r: Rng, xs: readonly T[], p: number): T[] => xs.filter(() => r() < p);
/** GitHub may spell a login in another case than the file does. */
const spell = (r: Rng, login: string) => (r() < 0.15 ? login.toUpperCase() : login);

function world(seed: number) {
  const r = mulberry32(seed);
  const teams: TeamDecl[] = [];
  const nTeams = 1 + Math.floor(r() * 4);
  for (let i = 0; i < nTeams; i++) {
    const slug = `t${i}`;
    const parent = i > 0 && r() < 0.3 ? `t${Math.floor(r() * i)}` : undefined;
    teams.push(team(slug, pick(r, MODES), subset(r, UNIVERSE, 0.35), parent ? { parent } : {}));
  }
  // Seats come through copilot: team teams, undeclared teams and enterprise teams. Not through a
  // copilot: users or none team: GitHub assigning such a team is drift that only a full read sees
  // (its members' seats follow the team's); the nightly full plan unassigns it (docs/plan-apply.md).
  const granting = [...teams.filter((t) => t.copilot === "team").map((t) => t.slug), "ghost", "ent:corp"];
  const seats: Seat[] = subset(r, UNIVERSE, 0.5).map((l) =>
    seat(spell(r, l), {
      assigning_team: r() < 0.15 ? pick(r, granting) : null,
      pending_cancellation_date: r() < 0.2 ? "2026-07-01" : null,
    }),
  );
  const members = subset(r, UNIVERSE, 0.8).map((l) => spell(r, l));
  // Every declared team is read (the planner projects what `pulumi up` does to each).
  const ghTeams = teams
    .map((t) => ({ slug: t.slug, exists: r() < 0.85, members: subset(r, UNIVERSE, 0.3) }))
    .map((t) => (t.exists ? t : { ...t, members: [] }));
  const pending = seats.filter((s) => s.pending_cancellation_date).length;
  const snapshot: Snapshot = {
    org: "acme",
    settings: {
      seat_management_setting: "assign_selected",
      plan_type: "business",
      seat_breakdown: r() < 0.7 ? { total: seats.length, added_this_cycle: 0, pending_cancellation: pending, pending_invitation: 0, active_this_cycle: 0, inactive_this_cycle: 0 } : null,
    },
    seats,
    members,
    teams: ghTeams,
  };
  const policy = resolvePolicy({ org: "acme", seats: { unmanaged: r() < 0.7 ? "remove" : "keep", max_removal_ratio: pick(r, [0.1, 0.25, 1]) } });
  const touched = loginSet(subset(r, UNIVERSE, 0.2).concat(pick(r, UNIVERSE)));
  // The touched files: each touched login's files, and now and then one it deleted elsewhere.
  const pairs: TeamLogin[] = [];
  for (const t of teams.filter((x) => x.copilot !== "team")) {
    for (const k of touched) {
      const m = t.members.find((x) => x.login.toLowerCase() === k);
      if (m) pairs.push({ team: t.slug, login: m.login, deleted: false });
      else if (r() < 0.2) pairs.push({ team: t.slug, login: k, deleted: true });
    }
  }
  return { model: { teams }, snapshot, policy, touched, pairs, force: r() < 0.2 };
}

describe("incremental plan = full plan restricted to the touched logins", () => {
  it(`holds on ${CASES} random repos and states`, () => {
    let exact = 0;
    let nonEmpty = 0;
    let teamEntries = 0;
    for (let i = 0; i < CASES; i++) {
      const { model, snapshot, policy, touched, pairs, force } = world(1000 + i);
      const full = plan(model, snapshot, policy, { force });
      // The count the restricted plan reports is the planner's own.
      expect(declaredHolders(model), `case ${i}`).toBe(full.summary.declared);
      const rails = { max_removal_ratio: policy.seats.max_removal_ratio, min_seats_for_ratio: policy.seats.min_seats_for_ratio, force, pairs };
      const ctx = { ...seatCounts(snapshot), declared: full.summary.declared, ...rails };
      const expected = restrictPlan(full, touched, ctx);

      const copilotTeams = model.teams.filter((t) => t.copilot === "team").map((t) => t.slug);
      const partial = partialFromFull(snapshot, touched, copilotTeams, loginsNeedingTeamCheck(model, touched), pairs);
      if (partialIsExact(model, touched, partial) !== undefined) continue;
      exact++;
      const got = restrictPlan(plan(restrictModel(model, touched), partial.snapshot, policy, { force }), touched, {
        ...seatCounts(partial.snapshot),
        declared: declaredHolders(model),
        ...rails,
      });
      expect(got, `case ${i}`).toEqual(expected);
      if (expected.changes.length + expected.blocked.length + expected.kept.length > 0) nonEmpty++;
      if (expected.teams.changes.length + expected.teams.left_out.length > 0) teamEntries++;
    }
    // The property is only worth something if it was exercised on many cases with something to say.
    expect(exact).toBeGreaterThan(CASES / 6);
    expect(nonEmpty).toBeGreaterThan(CASES / 8);
    expect(teamEntries).toBeGreaterThan(CASES / 20);
  });

  it("a restricted plan keeps only the touched logins' entries, and its own checksum", () => {
    const model = { teams: [team("web", "users", ["ana", "bob"])] };
    const snap: Snapshot = {
      org: "acme",
      settings: { seat_management_setting: "assign_selected", plan_type: "business", seat_breakdown: null },
      seats: [seat("cy"), seat("dee")],
      members: ["ana", "bob", "cy", "dee"],
      teams: [],
    };
    const policy = resolvePolicy({ org: "acme", seats: { max_removal_ratio: 1 } });
    const full = plan(model, snap, policy);
    expect(full.changes.map((c) => `${c.action} ${c.target}`)).toEqual(["add ana", "add bob", "cancel cy", "cancel dee"]);
    const only = restrictPlan(full, loginSet(["ANA", "cy"]), { ...seatCounts(snap), declared: 2, max_removal_ratio: 1 });
    expect(only.changes.map((c) => `${c.action} ${c.target}`)).toEqual(["add ana", "cancel cy"]);
    expect(only.summary).toMatchObject({ adds: 1, cancels: 1, current_seats: 2, declared: 2, removals: 1 });
    expect(only.checksum).not.toBe(full.checksum);
  });
});
