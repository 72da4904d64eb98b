// Which team memberships the last check keeps (src/reclaim/kept-members.ts), table-driven, and
// the evidence that names the teams a reclaim PR takes people out of.
import { describe, expect, it } from "vitest";
import { classify } from "../../src/reclaim/classify.js";
import { keepCandidates, keptMemberships } from "../../src/reclaim/kept-members.js";
import { type Evidence, parseEvidence, renderEvidence } from "../../src/reclaim/last-check.js";
import { resolvePolicy } from "../../src/model/load.js";
import type { SeatRow } from "../../src/model/live-state.js";
import { policy, team } from "../plan/builders.js";
import { ago, modelOf, seat } from "./model.js";

const NOW = new Date("2025-06-01T02:00:00Z");
const SNAP = NOW.toISOString();
const AFTER = new Date(NOW.getTime() + 3_600_000).toISOString();

describe("evidence names the copilot: team folders", () => {
  it("groups the re-checked logins by the team-mode folder their deleted files are in", () => {
    const model = modelOf([
      { slug: "ml", copilot: "team", members: ["kim", "lee", ["old", "2025-05-01"]] },
      { slug: "web", copilot: "users", members: ["kim", "max"] },
    ]);
    const seats = [seat("kim", { last_activity_at: ago(NOW, 40), assigning_team: "ml" }), seat("lee", { last_activity_at: ago(NOW, 50), assigning_team: "ml" }), seat("old", { last_activity_at: ago(NOW, 1), assigning_team: "ml" }), seat("max", { last_activity_at: ago(NOW, 45) })];
    const { reclaim } = classify(seats, model, model.policy, NOW);
    const e = parseEvidence(renderEvidence(NOW, reclaim))!;
    expect(e.recheck.sort()).toEqual(["kim", "lee", "max"]);
    // Expired people are not re-checked; users-mode folders need no membership kept.
    expect(e.teams).toEqual({ ml: ["kim", "lee"] });
  });

  it.each([
    { name: "no teams key (older evidence)", json: { v: 1, snapshot: SNAP, recheck: ["a"] }, want: undefined },
    { name: "not an object", json: { v: 1, snapshot: SNAP, recheck: ["a"], teams: ["ml"] }, want: undefined },
    { name: "junk entries dropped", json: { v: 1, snapshot: SNAP, recheck: ["a"], teams: { ml: ["a", 7], x: "b" } }, want: { ml: ["a"] } },
    { name: "a __proto__ folder is a plain key", json: { v: 1, snapshot: SNAP, recheck: ["a"], teams: JSON.parse('{"__proto__":["a"]}') as unknown }, want: JSON.parse('{"__proto__":["a"]}') as unknown },
  ])("parses $name", ({ json, want }) => {
    const e = parseEvidence(`<!-- seats-reclaim-evidence ${JSON.stringify(json)} -->`)!;
    expect(e.recheck).toEqual(["a"]);
    expect(e.teams === undefined ? undefined : { ...e.teams }).toEqual(want === undefined ? undefined : { ...(want as object) });
  });
});

describe("keptMemberships", () => {
  const evidence = (teams?: Evidence["teams"], recheck = ["kim"]): { pull: number; evidence: Evidence }[] => [{ pull: 9, evidence: { v: 1, snapshot: SNAP, recheck, ...(teams ? { teams } : {}) } }];
  const ml = team("ml", "team", ["ana"]);
  const sub = team("ml-vision", "none", [], { parent: "ml" });
  const web = team("web", "users", ["max"]);
  const acme = policy();
  const base = { teams: [ml, sub, web], policy: acme };
  const live = (extra: Parameters<typeof seat>[1] = {}) => [seat("kim", { assigning_team: "ml", last_activity_at: AFTER, ...extra })];

  it.each([
    { name: "active since the snapshot, team-granted, undeclared: kept", model: base, ev: evidence({ ml: ["kim"] }), seats: live(), want: ["ml/kim"] },
    { name: "older evidence without teams: the assigning team stands in", model: base, ev: evidence(), seats: live(), want: ["ml/kim"] },
    { name: "login spelled differently in the evidence", model: base, ev: evidence({ ml: ["KIM"] }, ["KIM"]), seats: live(), want: ["ml/KIM"] },
    { name: "nested folder under the assigning team", model: base, ev: evidence({ "ml-vision": ["kim"] }), seats: live(), want: ["ml-vision/kim"] },
    { name: "not used since the snapshot", model: base, ev: evidence({ ml: ["kim"] }), seats: live({ last_activity_at: ago(NOW, 40) }), want: [] },
    { name: "used exactly at the snapshot", model: base, ev: evidence({ ml: ["kim"] }), seats: live({ last_activity_at: SNAP }), want: [] },
    { name: "seat already pending cancellation", model: base, ev: evidence({ ml: ["kim"] }), seats: live({ pending_cancellation_date: "2025-07-01" }), want: [] },
    { name: "a direct seat (the cancellation skip covers it)", model: base, ev: evidence({ ml: ["kim"] }), seats: live({ assigning_team: null }), want: [] },
    { name: "an enterprise-team seat", model: base, ev: evidence({ ml: ["kim"] }), seats: live({ assigning_team: "ent:ml" }), want: [] },
    { name: "no seat at all", model: base, ev: evidence({ ml: ["kim"] }), seats: [], want: [] },
    { name: "declared again (restore merged)", model: { teams: [team("ml", "team", ["ana", "kim"]), sub, web], policy: acme }, ev: evidence({ ml: ["kim"] }), seats: live(), want: [] },
    { name: "declared in another team", model: { teams: [ml, sub, team("web", "users", ["max", "kim"])], policy: acme }, ev: evidence({ ml: ["kim"] }), seats: live(), want: [] },
    { name: "the team's folder was removed since", model: { teams: [web], policy: acme }, ev: evidence({ ml: ["kim"] }), seats: live(), want: [] },
    { name: "the recorded folder is no longer team-granted", model: { teams: [team("ml", "users", ["ana"]), web], policy: acme }, ev: evidence({ ml: ["kim"] }), seats: live(), want: [] },
    { name: "a folder outside the assigning team is never added", model: { teams: [ml, sub, web, team("ops", "team", [])], policy: acme }, ev: evidence({ ml: ["kim"], ops: ["kim"] }), seats: live(), want: ["ml/kim"] },
  ])("$name", ({ model, ev, seats, want }) => {
    expect(keptMemberships(model, ev, seats).map((k) => `${k.team}/${k.login}`)).toEqual(want);
  });

  it("the newest evidence naming someone decides, and candidates are the undeclared only", () => {
    const two = [
      { pull: 3, evidence: { v: 1 as const, snapshot: ago(NOW, 40), recheck: ["kim", "ana"], teams: { ml: ["kim", "ana"] } } },
      { pull: 9, evidence: { v: 1 as const, snapshot: AFTER, recheck: ["kim"], teams: { ml: ["kim"] } } },
    ];
    expect(keepCandidates(base, two)).toEqual(["kim"]);
    // Used after PR #3's snapshot but not after PR #9's: the newer PR's judgement stands.
    expect(keptMemberships(base, two, live({ last_activity_at: ago(NOW, 1) }))).toEqual([]);
    const k = keptMemberships(base, two, live({ last_activity_at: new Date(NOW.getTime() + 7_200_000).toISOString() }));
    expect(k).toEqual([{ team: "ml", login: "kim", role: "member", last_activity_at: "2025-06-01T04:00:00.000Z", snapshot: AFTER, pull: 9 }]);
  });
});

describe("keptMemberships across orgs and the enterprise", () => {
  const evidence = (teams: Evidence["teams"]): { pull: number; evidence: Evidence }[] => [{ pull: 9, evidence: { v: 1, snapshot: SNAP, recheck: ["kim"], teams } }];
  const row = (org: string | null, extra: Parameters<typeof seat>[1] = {}): SeatRow => ({ ...seat("kim", { last_activity_at: ago(NOW, 40), ...extra }), org });
  // Two orgs: ml in acme, labs (and its child labs-cv) in acme-labs.
  const orgs = {
    policy: resolvePolicy({ org: "acme", orgs: ["acme", "acme-labs"] }),
    teams: [team("ml", "team", []), team("labs", "team", [], { org: "acme-labs" }), team("labs-cv", "none", [], { org: "acme-labs", parent: "labs" })],
  };
  // Enterprise billing: ai is an enterprise team (`ent:ai`) that assigns seats.
  const ent = {
    policy: resolvePolicy({ org: "acme", enterprise: "acme-corp", copilot: { billing: "enterprise" } }),
    teams: [team("ai", "team", [], { enterprise_team: true }), team("web", "users", [])],
  };

  type Row = { name: string; model: typeof orgs; teams: Evidence["teams"]; rows: SeatRow[]; want: string[] };
  it.each<Row>([
    { name: "the labs seat is read in acme-labs, activity in acme counts", model: orgs, teams: { labs: ["kim"] }, rows: [row("acme", { last_activity_at: AFTER }), row("acme-labs", { assigning_team: "labs" })], want: ["labs/kim"] },
    { name: "a nested folder in the team's own org", model: orgs, teams: { "labs-cv": ["kim"] }, rows: [row("acme-labs", { assigning_team: "labs", last_activity_at: AFTER })], want: ["labs-cv/kim"] },
    { name: "both orgs' teams, each through its own org's seat", model: orgs, teams: { ml: ["kim"], labs: ["kim"] }, rows: [row("acme", { assigning_team: "ml", last_activity_at: AFTER }), row("acme-labs", { assigning_team: "labs" })], want: ["labs/kim", "ml/kim"] },
    { name: "a seat in another org does not grant through a team of this one", model: orgs, teams: { labs: ["kim"] }, rows: [row("acme", { assigning_team: "labs", last_activity_at: AFTER })], want: [] },
    { name: "the labs seat is pending: only acme's stays", model: orgs, teams: { ml: ["kim"], labs: ["kim"] }, rows: [row("acme", { assigning_team: "ml", last_activity_at: AFTER }), row("acme-labs", { assigning_team: "labs", pending_cancellation_date: "2025-07-01" })], want: ["ml/kim"] },
    { name: "idle in every org", model: orgs, teams: { labs: ["kim"] }, rows: [row("acme"), row("acme-labs", { assigning_team: "labs" })], want: [] },
    { name: "older evidence: each org's assigning team stands in", model: orgs, teams: undefined, rows: [row("acme", { assigning_team: "ml", last_activity_at: AFTER }), row("acme-labs", { assigning_team: "labs" })], want: ["labs/kim", "ml/kim"] },
    { name: "an enterprise-team grant keeps its enterprise team", model: ent, teams: { ai: ["kim"] }, rows: [row(null, { assigning_team: "ent:ai", last_activity_at: AFTER })], want: ["ai/kim"] },
    { name: "active through an org grant of the enterprise seat", model: ent, teams: { ai: ["kim"] }, rows: [row(null, { assigning_team: "ent:ai" }), row("acme", { last_activity_at: AFTER })], want: ["ai/kim"] },
    { name: "older evidence: the enterprise grant's team stands in", model: ent, teams: undefined, rows: [row(null, { assigning_team: "ent:ai", last_activity_at: AFTER })], want: ["ai/kim"] },
    { name: "a direct enterprise grant only", model: ent, teams: { ai: ["kim"] }, rows: [row(null, { last_activity_at: AFTER })], want: [] },
    { name: "an org row naming ent:ai is not the enterprise's grant", model: ent, teams: { ai: ["kim"] }, rows: [row("acme", { assigning_team: "ent:ai", last_activity_at: AFTER })], want: [] },
    { name: "an enterprise team under org billing grants nothing here", model: { ...ent, policy: policy() }, teams: { ai: ["kim"] }, rows: [row(null, { assigning_team: "ent:ai", last_activity_at: AFTER })], want: [] },
  ])("$name", ({ model, teams, rows, want }) => {
    const ev: { pull: number; evidence: Evidence }[] = teams ? evidence(teams) : [{ pull: 9, evidence: { v: 1, snapshot: SNAP, recheck: ["kim"] } }];
    expect(keptMemberships(model, ev, rows).map((k) => `${k.team}/${k.login}`)).toEqual(want);
  });
});
