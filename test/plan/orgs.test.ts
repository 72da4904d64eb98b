// Plans of several orgs, table-driven over the pure parts: which teams each org plans, how the
// per-org plans combine (org on every entry, people counted once, per-org guards naming the org,
// checksums), and the order apply sends each org's writes in.
import { describe, expect, it } from "vitest";
import { applyPlan, writeGroups } from "../../src/apply/apply.js";
import { progressLine } from "../../src/apply/render.js";
import type { SeatWriter } from "../../src/github/write.js";
import { resolvePolicy } from "../../src/model/load.js";
import type { PolicyFile, SeatModel, TeamDecl } from "../../src/model/types.js";
import { canonicalJson, planChecksum, sha256 } from "../../src/plan/canonical.js";
import { combineOrgPlans, isMultiOrg, orgModel } from "../../src/plan/orgs.js";
import { plan } from "../../src/plan/plan.js";
import { renderMarkdown } from "../../src/plan/render/markdown.js";
import { renderText } from "../../src/plan/render/text.js";
import type { Change } from "../../src/plan/types.js";
import { seat, snapshot, team } from "./builders.js";

const policy = resolvePolicy({ org: "acme", orgs: ["acme", "acme-labs"], seats: { max_removal_ratio: 0.5 } });
const model = (teams: TeamDecl[]): Pick<SeatModel, "teams" | "members" | "policy"> => ({ teams, members: teams.flatMap((t) => t.members), policy });

/** Each org planned on its own over its snapshot, then combined. */
function combined(teams: TeamDecl[], live: Record<string, Parameters<typeof snapshot>[0]>) {
  const m = model(teams);
  const parts = policy.orgs.map((org) => {
    const snap = { ...snapshot(live[org] ?? {}), org };
    return { org, plan: plan(orgModel(m, org), snap, policy), snapshot: snap };
  });
  return combineOrgPlans(parts, m);
}

describe("isMultiOrg and orgModel", () => {
  it.each<[PolicyFile, boolean]>([
    [{ org: "acme" }, false],
    [{ org: "acme", orgs: ["acme"] }, false],
    [{ org: "acme", orgs: ["acme", "acme-labs"] }, true],
    [{ org: "acme", orgs: ["acme", "acme-labs"], enterprise: "corp", copilot: { billing: "enterprise" } }, false],
  ])("%j plans several orgs: %s", (raw, want) => {
    expect(isMultiOrg(resolvePolicy(raw))).toBe(want);
  });

  it.each([
    ["acme", ["eng", "ops"]],
    ["ACME-LABS", ["labs"]],
    ["other", []],
  ])("org %s plans the teams %j (a team without org: is the policy's org; enterprise teams never)", (org, slugs) => {
    const m = model([
      team("eng", "users", ["alice"]),
      team("ops", "users", ["bob"], { org: "acme" }),
      team("labs", "users", ["alice"], { org: "acme-labs" }),
      team("ent", "users", ["carol"], { enterprise_team: true }),
    ]);
    const own = orgModel(m, org);
    expect(own.teams.map((t) => t.slug)).toEqual(slugs);
    expect(own.members.map((x) => x.file).sort()).toEqual(slugs.flatMap((s) => m.teams.find((t) => t.slug === s)!.members.map((x) => x.file)).sort());
  });
});

describe("combineOrgPlans", () => {
  it("names the org of every change, sorts a person's changes together, and counts people once", () => {
    const p = combined([team("eng", "users", ["alice", "bob"]), team("labs", "users", ["alice", "dana"], { org: "acme-labs" })], {
      acme: { members: ["alice", "bob", "frank"], seats: [seat("bob"), seat("frank")] },
      "acme-labs": { members: ["alice", "dana"], seats: [seat("dana")] },
    });
    expect(p.orgs).toEqual(["acme", "acme-labs"]);
    expect(p.org).toBe("acme");
    expect(p.changes.map((c) => `${c.action} ${c.target} ${c.org}`)).toEqual(["add alice acme", "add alice acme-labs", "cancel frank acme"]);
    expect(p.summary).toMatchObject({ declared: 3, current_seats: 3, adds: 2, cancels: 1, removals: 1 });
  });

  it.each([
    {
      name: "an org that declares nobody is refused (never emptied), naming the org, though the other gains a seat",
      teams: [team("eng", "users", ["alice"])],
      refusals: [/^acme-labs: the repo declares no seat holders/],
      blocked: [],
    },
    {
      name: "an org whose every seat would go is refused, naming the org; its blocked entries name it too",
      teams: [team("eng", "users", ["alice"]), team("labs", "users", ["zed"], { org: "acme-labs" })],
      refusals: [/^acme-labs: refusing to cancel all 2 seats/],
      blocked: ["zed acme-labs"],
    },
  ])("$name", ({ teams, refusals, blocked }) => {
    const p = combined(teams, { acme: { members: ["alice"] }, "acme-labs": { members: ["gus", "hal"], seats: [seat("gus"), seat("hal")] } });
    expect(p.changes.map((c) => `${c.action} ${c.target} ${c.org}`)).toContain("add alice acme");
    expect(p.safety.refusals).toHaveLength(refusals.length);
    refusals.forEach((r, i) => expect(p.safety.refusals[i]).toMatch(r));
    expect(p.blocked.map((b) => `${b.target} ${b.org}`)).toEqual(blocked);
  });

  it.each([
    {
      name: "idle in both orgs and declared in neither: two seats end, one person loses access",
      teams: [team("eng", "users", ["alice"]), team("labs", "users", ["alice"], { org: "acme-labs" })],
      acme: [seat("alice"), seat("bob")],
      labs: [seat("alice"), seat("bob")],
      want: { current_seats: 4, current_people: 2, removals: 2, people_losing_access: 1 },
    },
    {
      name: "moved from one org's team to the other's: a seat ends, nobody loses access",
      teams: [team("eng", "users", ["alice"]), team("labs", "users", ["alice", "bob"], { org: "acme-labs" })],
      acme: [seat("alice"), seat("bob")],
      labs: [seat("alice")],
      want: { current_seats: 3, current_people: 2, removals: 1, people_losing_access: 0 },
    },
    {
      name: "cancelled in one org, still a seat in the other: nobody loses access",
      teams: [team("eng", "users", ["alice"]), team("labs", "users", ["alice", "bob"], { org: "acme-labs" })],
      acme: [seat("alice"), seat("bob")],
      labs: [seat("alice"), seat("bob")],
      want: { current_seats: 4, current_people: 2, removals: 1, people_losing_access: 0 },
    },
    {
      name: "a seat pending cancellation is nobody's current seat",
      teams: [team("eng", "users", ["alice", "bob"]), team("labs", "users", ["alice"], { org: "acme-labs" })],
      acme: [seat("alice"), seat("bob", { pending_cancellation_date: "2026-02-01" })],
      labs: [seat("alice")],
      want: { current_seats: 2, pending_seats: 1, current_people: 1, removals: 0, people_losing_access: 0 },
    },
  ])("people counted once: $name", ({ teams, acme, labs, want }) => {
    const p = combined(teams, { acme: { members: ["alice", "bob"], seats: acme }, "acme-labs": { members: ["alice", "bob"], seats: labs } });
    expect(p.summary).toMatchObject(want);
  });

  it("the text and the PR comment say seats and people apart", () => {
    const p = combined([team("eng", "users", ["alice"]), team("labs", "users", ["alice"], { org: "acme-labs" })], {
      acme: { members: ["alice", "bob"], seats: [seat("alice"), seat("bob")] },
      "acme-labs": { members: ["alice", "bob"], seats: [seat("alice"), seat("bob")] },
    });
    expect(renderText(p).split("\n")[1]).toBe("(4 current seats held by 2 people, 0 pending cancellation, 1 declared holder)");
    expect(renderMarkdown(p)).toContain("4 current seats held by 2 people · 0 pending cancellation · 1 declared holder · 2 seats end, 1 person loses access");
  });

  it("kept seats name their org", () => {
    const keep = resolvePolicy({ org: "acme", orgs: ["acme", "acme-labs"], seats: { unmanaged: "keep" } });
    const m = { ...model([team("eng", "users", ["alice"])]), policy: keep };
    const parts = keep.orgs.map((org) => ({ org, plan: plan(orgModel(m, org), { ...snapshot({ members: ["alice", "gus"], seats: [seat("gus")] }), org }, keep) }));
    expect(combineOrgPlans(parts, m).kept.map((k) => `${k.login} ${k.org}`)).toEqual(["gus acme", "gus acme-labs"]);
  });

  it("tags team changes with their org and covers the org in both checksums", () => {
    const teams = [team("eng", "users", ["alice"]), team("labs", "users", ["alice"], { org: "acme-labs" })];
    const live = { acme: { members: ["alice"] }, "acme-labs": { members: ["alice"] } };
    const p = combined(teams, live);
    expect(p.teams.changes.map((c) => `${c.action} ${c.team} ${c.org}`)).toEqual(["create_team eng acme", "add_member eng acme", "create_team labs acme-labs", "add_member labs acme-labs"]);
    // The same sends to other orgs are another plan.
    const swapped = combined([team("eng", "users", ["alice"], { org: "acme-labs" }), team("labs", "users", ["alice"])], live);
    expect(swapped.changes.map((c) => c.target)).toEqual(p.changes.map((c) => c.target));
    expect(swapped.checksum).not.toBe(p.checksum);
  });
});

describe("a single org's checksum", () => {
  it("is the checksum of its changes without any org key (as before several orgs existed)", () => {
    const changes: Change[] = [{ action: "add", target: "alice", reason: "declared", sources: ["seats/eng/alice.yaml"] }];
    const legacy = sha256(canonicalJson({ version: 1, org: "acme", changes: [{ action: "add", target: "alice", sources: ["seats/eng/alice.yaml"] }] }));
    expect(planChecksum({ version: 1, org: "acme", changes })).toBe(legacy);
  });
});

describe("writeGroups with several orgs", () => {
  const change = (action: Change["action"], target: string, org?: string): Change => ({ action, target, reason: "", sources: [], ...(org ? { org } : {}) });
  it.each([
    {
      name: "a single org: one group per kind, empty ones included",
      plan: { changes: [change("add", "a"), change("cancel", "b")] },
      want: ["add_teams:", "remove_teams:", "add_users:a", "cancel_users:b"],
    },
    {
      name: "two orgs: per kind, one group per org in orgs order; every add before any cancel",
      plan: { orgs: ["acme", "labs"], changes: [change("add", "a", "labs"), change("readd", "b", "acme"), change("cancel", "c", "acme"), change("cancel", "d", "labs"), change("add_team", "t", "labs")] },
      want: ["add_teams@labs:t", "add_users@acme:b", "add_users@labs:a", "cancel_users@acme:c", "cancel_users@labs:d"],
    },
  ])("$name", ({ plan: p, want }) => {
    expect(writeGroups(p).map((g) => `${g.kind}${g.org ? `@${g.org}` : ""}:${g.targets.map((t) => t.target).join(",")}`)).toEqual(want);
  });
});

describe("applyPlan with several orgs", () => {
  const teams = [team("eng", "users", ["alice", "bob"]), team("labs", "users", ["alice", "dana"], { org: "acme-labs" })];
  const live = { acme: { members: ["alice", "bob"] }, "acme-labs": { members: ["alice", "dana"] } };

  it("sends each org's batch to that org, and an org that refuses every write stops only its own writes", async () => {
    const sent: string[] = [];
    const writer: SeatWriter = {
      async write(kind, targets, org) {
        sent.push(`${kind}@${org}:${targets.join(",")}`);
        if (org === "acme") throw Object.assign(new Error("Validation Failed"), { status: 422 });
        return { status: 201, count: targets.length };
      },
    };
    const asked: (string | undefined)[] = [];
    const r = await applyPlan(combined(teams, live), writer, {
      explainRejection: async (org) => {
        asked.push(org);
        return `${org}: seat management is "assign_all"`;
      },
    });
    expect(sent).toEqual(["add_users@acme:alice,bob", "add_users@acme-labs:alice,dana"]);
    expect(asked).toEqual(["acme"]);
    expect(r.applied.map((a) => `${a.target}@${a.org}`)).toEqual(["alice@acme-labs", "dana@acme-labs"]);
    expect(r.failures.map((f) => `${f.target}@${f.org}`)).toEqual(["alice@acme", "bob@acme"]);
    expect(r.requests.map(progressLine)).toEqual([
      "  FAIL  POST /orgs/acme/copilot/billing/selected_users (batch: 2 logins) → HTTP 422: Validation Failed",
      "  ok    POST /orgs/acme-labs/copilot/billing/selected_users (batch: 2 logins) → 201, 2",
    ]);
  });
});
