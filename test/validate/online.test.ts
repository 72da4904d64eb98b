// `seats validate --online`, the pure half: what each member file's lookups mean (table-driven),
// which ids need a second lookup, and the batch query (the `id:` line --fix writes: test/model/member-edit.test.ts).
import { describe, expect, it } from "vitest";
import type { Account } from "../../src/github/user-lookup.js";
import { loginQuery } from "../../src/github/user-lookup.js";
import type { MemberDecl } from "../../src/model/types.js";
import { checkOnline, idsToLookUp } from "../../src/validate/online.js";

const member = (login: string, id?: number, team = "platform"): MemberDecl => ({ login, reason: "r", team, file: `seats/${team}/${login}.yaml`, ...(id === undefined ? {} : { id }) });
const model = (...members: MemberDecl[]) => ({ members, sources: new Map() });

type Row = {
  name: string;
  file: MemberDecl;
  login: Account | null;
  /** The id's current login (absent: not looked up; null: 404). */
  byId?: string | null;
  severity?: "error" | "warning";
  message?: RegExp;
  missingId?: number;
  renamedTo?: string;
};

const rows: Row[] = [
  { name: "login and id agree", file: member("alice", 1), login: { id: 1, login: "alice" } },
  { name: "login matches with another case", file: member("Alice", 1), login: { id: 1, login: "alice" } },
  { name: "no id: the account's id can be written", file: member("bob"), login: { id: 2, login: "bob" }, severity: "warning", message: /no `id:`: bob is user id 2/, missingId: 2 },
  { name: "no id and no such user", file: member("bobb"), login: null, severity: "error", message: /login `bobb` is no GitHub user/ },
  { name: "renamed: old login is nobody now", file: member("nora", 42), login: null, byId: "nora-new", severity: "warning", message: /user id 42 was renamed from nora to nora-new/, renamedTo: "nora-new" },
  { name: "renamed, and the old login taken by someone else", file: member("nora", 42), login: { id: 77, login: "nora" }, byId: "nora-new", severity: "error", message: /`nora` is now another account \(id 77\)/, renamedTo: "nora-new" },
  { name: "wrong id for a live login", file: member("carol", 5), login: { id: 3, login: "carol" }, byId: "someone", severity: "error", message: /renamed from carol to someone/, renamedTo: "someone" },
  { name: "id of a deleted account, login is another user", file: member("carol", 5), login: { id: 3, login: "carol" }, byId: null, severity: "error", message: /login `carol` is user id 3, not 5 \(user id 5 no longer exists\)/ },
  { name: "neither login nor id resolve", file: member("gone", 9), login: null, byId: null, severity: "error", message: /neither login `gone` nor user id 9/ },
];

describe("checkOnline", () => {
  it.each(rows)("$name", (row) => {
    const byLogin = new Map([[row.file.login.toLowerCase(), row.login]]);
    const byId = new Map(row.byId === undefined ? [] : [[row.file.id!, row.byId]]);
    const r = checkOnline(model(row.file), byLogin, byId);
    expect(r.findings.map((f) => f.severity)).toEqual(row.severity ? [row.severity] : []);
    if (row.message) expect(r.findings[0]!.message).toMatch(row.message);
    for (const f of r.findings) expect(f.fix).toBeTruthy();
    expect(r.missingIds).toEqual(row.missingId ? [{ file: row.file.file, login: row.file.login, id: row.missingId }] : []);
    expect(r.renamed.map((x) => [x.to, x.newFile])).toEqual(row.renamedTo ? [[row.renamedTo, `seats/platform/${row.renamedTo}.yaml`]] : []);
  });
});

describe("idsToLookUp", () => {
  it.each([
    ["an id that matches its login needs no lookup", [member("a", 1)], { a: { id: 1, login: "a" } }, []],
    ["a file without id needs none", [member("b")], { b: { id: 2, login: "b" } }, []],
    ["a login that is nobody, or another id, does; each id once", [member("c", 3), member("d", 4), member("d", 4, "data")], { c: null, d: { id: 9, login: "d" } }, [3, 4]],
  ] as const)("%s", (_name, members, logins, ids) => {
    const byLogin = new Map(Object.entries(logins) as [string, Account | null][]);
    expect(idsToLookUp(members, byLogin)).toEqual(ids);
  });
});

describe("loginQuery", () => {
  it("aliases each login and quotes it as a GraphQL string", () => {
    expect(loginQuery(["a", 'b"c'])).toBe(`query {\n  u0: user(login: "a") { databaseId login }\n  u1: user(login: "b\\"c") { databaseId login }\n}`);
  });

  it("asks each user's membership of an org when given one", () => {
    expect(loginQuery(["a"], "acme")).toBe(`query {\n  u0: user(login: "a") { databaseId login organization(login: "acme") { login } }\n}`);
  });
});
