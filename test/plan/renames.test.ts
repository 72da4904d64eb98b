// The pure matching of renamed accounts by member-file id (table-driven): which files are
// suspects, which lookups are renames, the model and logins after them, the merge of the
// incremental reads, and that the planner then sees no cancel-and-re-add.
import { describe, expect, it } from "vitest";
import type { LoginStates } from "../../src/github/read-logins.js";
import type { MemberDecl } from "../../src/model/types.js";
import { plan } from "../../src/plan/plan.js";
import { renameSuspects, renamesOf, withRenames, type Rename } from "../../src/plan/renames.js";
import { renderRenamesMarkdown, renderRenamesText } from "../../src/plan/render/renames.js";
import { mergeRenamed, renamedLogins } from "../../src/plan/scoped-renames.js";
import { policy, seat, snapshot, team } from "./builders.js";

const m = (login: string, id?: number, team = "platform"): MemberDecl => ({ login, reason: "work", team, file: `seats/${team}/${login}.yaml`, ...(id === undefined ? {} : { id }) });

describe("renameSuspects", () => {
  it.each([
    ["a member with an id is no suspect", [m("alice", 1)], ["alice"], []],
    ["a non-member without an id cannot be matched", [m("bob")], ["alice"], []],
    ["a non-member with an id is one", [m("nora", 42)], ["alice"], ["nora"]],
    ["case does not make a member a suspect", [m("Nora", 42)], ["nora"], []],
    ["one suspect per id, whatever the number of files", [m("nora", 42), m("nora", 42, "ml")], [], ["nora"]],
  ] as const)("%s", (_name, members, orgMembers, suspects) => {
    expect(renameSuspects({ members: [...members] }, { members: orgMembers }).map((x) => x.login)).toEqual(suspects);
  });
});

describe("renamesOf", () => {
  const model = { members: [m("nora", 42), m("nora", 42, "ml"), m("olga", 7)] };
  it.each([
    ["the id is another login now: a rename, with every file of the login", [42, "nora-new"], [{ id: 42, from: "nora", to: "nora-new", files: ["seats/platform/nora.yaml", "seats/ml/nora.yaml"] }]],
    ["the id is gone (404): no rename, the plan reports the login as no member", [42, null], []],
    ["the id is the same login in another case: no rename", [42, "NORA"], []],
    ["the id was not looked up: no rename", [99, "x"], []],
  ] as const)("%s", (_name, [id, login], renames) => {
    expect(renamesOf(model, [model.members[0]!], new Map([[id, login]]))).toEqual(renames);
  });
});

const NORA: Rename = { id: 42, from: "nora", to: "nora-new", files: ["seats/platform/nora.yaml"] };

describe("withRenames and renamedLogins", () => {
  it("renames the files' login in members and teams, keeping file paths; no renames is the same model", () => {
    const model = { members: [m("nora", 42), m("olga")], teams: [{ slug: "platform", members: [m("nora", 42), m("olga")] }] };
    const out = withRenames(model as never, [NORA]) as typeof model;
    expect(out.members.map((x) => [x.login, x.file])).toEqual([["nora-new", "seats/platform/nora.yaml"], ["olga", "seats/platform/olga.yaml"]]);
    expect(out.teams[0]!.members.map((x) => x.login)).toEqual(["nora-new", "olga"]);
    expect(withRenames(model as never, [])).toBe(model);
  });

  it.each([
    ["a renamed login is replaced", ["nora", "olga"], [NORA], ["nora-new", "olga"]],
    ["case-insensitively, sorted", ["olga", "NORA"], [NORA], ["nora-new", "olga"]],
    ["one login per key when the new login was touched too", ["nora", "nora-new"], [NORA], ["nora-new"]],
    ["no renames", ["b", "a"], [], ["a", "b"]],
  ] as const)("%s", (_name, logins, renames, out) => {
    expect(renamedLogins(logins, renames)).toEqual(out);
  });
});

describe("mergeRenamed", () => {
  it("adds the new logins' seat, membership and team answers, drops the old logins' keys", () => {
    const first: LoginStates = { snapshot: snapshot({ seats: [seat("olga")], members: ["olga"] }), teamMemberships: new Map([["nora", []], ["olga", []]]), pairMembers: new Set(["platform/olga"]) };
    const second: LoginStates = { snapshot: snapshot({ seats: [seat("nora-new")], members: ["nora-new"] }), teamMemberships: new Map([["nora-new", ["ml"]]]), pairMembers: new Set(["platform/nora-new"]) };
    const out = mergeRenamed(first, second, [NORA]);
    expect(out.snapshot.seats.map((s) => s.login)).toEqual(["nora-new", "olga"]);
    expect(out.snapshot.members).toEqual(["nora-new", "olga"]);
    expect([...out.teamMemberships]).toEqual([["olga", []], ["nora-new", ["ml"]]]);
    expect([...out.pairMembers].sort()).toEqual(["platform/nora-new", "platform/olga"]);
  });
});

describe("the planner after the renames", () => {
  it("keeps the renamed account's seat (no cancel of the new login, no add of the old)", () => {
    const platform = team("platform", "users", []);
    platform.members = [m("nora", 42)];
    const model = { teams: [platform], members: platform.members };
    const live = snapshot({ seats: [seat("nora-new")], members: ["nora-new"] });
    const before = plan(model, live, policy());
    expect(before.changes.map((c) => `${c.action} ${c.target}`)).toEqual(["cancel nora-new"]);
    const after = plan(withRenames(model, [NORA]), live, policy());
    expect(after.changes).toEqual([]);
  });
});

describe("rename rendering", () => {
  it.each([
    [[], [], ""],
    [[NORA], ["~ rename nora → nora-new  (user id 42): seats/platform/nora.yaml → seats/platform/nora-new.yaml, and set login: nora-new"], "| 🔁 | `nora` → `nora-new` | 42 | seats/platform/nora.yaml → seats/platform/nora-new.yaml |"],
  ] as const)("%#", (renames, text, markdown) => {
    const lines = renderRenamesText(renames);
    for (const t of text) expect(lines.map((l) => l.trim())).toContain(t);
    if (!text.length) expect(lines).toEqual([]);
    expect(renderRenamesMarkdown(renames).includes(markdown)).toBe(true);
    if (!markdown) expect(renderRenamesMarkdown(renames)).toBe("");
  });
});
