// Table-driven tests of the emulator's pure building blocks.
import { describe, expect, it } from "vitest";
import { validateBody } from "../../src/emulator/body.js";
import { addMonths } from "../../src/emulator/clock.js";
import { ApiError } from "../../src/emulator/errors.js";
import { GitStore } from "../../src/emulator/git-store.js";
import { linkHeader, pageParams } from "../../src/emulator/paginate.js";
import { Router } from "../../src/emulator/router.js";

describe("router", () => {
  const r = new Router<string>()
    .add("GET", "/repos/{owner}/{repo}/git/ref/{ref+}", "getRef")
    .add("GET", "/repos/{owner}/{repo}/contents/{path*}", "getContent")
    .add("GET", "/orgs/{org}/members/{username}", "member")
    .add("GET", "/orgs/{org}/members/{username}/copilot", "seat");
  it.each([
    ["GET", "/repos/o/r/git/ref/heads/feature/x", "getRef", { ref: "heads/feature/x" }],
    ["GET", "/repos/o/r/git/ref/heads%2Ffeature%2Fx", "getRef", { ref: "heads/feature/x" }],
    ["GET", "/repos/o/r/contents/dir%2Fsub%20file.txt", "getContent", { path: "dir/sub file.txt" }],
    ["GET", "/repos/o/r/contents/dir/sub/file.txt", "getContent", { path: "dir/sub/file.txt" }],
    ["GET", "/repos/o/r/contents/", "getContent", { path: "" }],
    ["GET", "/orgs/acme/members/bob", "member", { username: "bob" }],
    ["GET", "/orgs/acme/members/bob/copilot", "seat", { username: "bob" }],
  ])("%s %s → %s", (method, p, handler, params) => {
    const m = r.match(method, p);
    expect(m?.handler).toBe(handler);
    expect(m?.params).toMatchObject(params);
  });
  it.each([
    ["POST", "/orgs/acme/members/bob"],
    ["GET", "/orgs/acme/members/bob/"],
    ["GET", "/repos/o/r/git/ref/"],
    ["GET", "/orgs//members/bob"],
    ["GET", "/orgs/acme/members/%E0%A4%A"],
  ])("%s %s does not match", (method, p) => expect(r.match(method, p)).toBeUndefined());
  it("logs templates without the multi-segment markers", () => expect(r.match("GET", "/repos/o/r/git/ref/heads/x")?.template).toBe("GET /repos/{owner}/{repo}/git/ref/{ref}"));
});

describe("git store", () => {
  const s = new GitStore();
  it.each([
    ["", "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"],
    ["hello\n", "ce013625030ba8dba906f756967f9e9ca394464a"],
  ])("blob %j has git's SHA-1", (content, sha) => expect(s.putBlob(content)).toBe(sha));
  it("the empty tree has git's SHA-1", () => expect(s.putTree([])).toBe("4b825dc642cb6eb9a060e54bf8d69288fbee4904"));
  it("trees round-trip and sort directories as if they ended in /", () => {
    const blob = s.putBlob("x");
    const files = new Map([
      ["a.b", { sha: blob, mode: "100644" }],
      ["a/c", { sha: blob, mode: "100755" }],
    ]);
    const tree = s.buildTree(files);
    expect(s.readTree(tree).map((e) => e.name)).toEqual(["a.b", "a"]);
    expect(s.flatten(tree)).toEqual(files);
  });
  it("commits round-trip with second-precision dates", () => {
    const sig = { name: "A", email: "a@x", date: "2026-06-15T12:00:00Z" };
    const sha = s.putCommit({ tree: s.putTree([]), parents: [], author: sig, committer: sig, message: "m\n\nbody" });
    expect(s.readCommit(sha)).toEqual({ tree: "4b825dc642cb6eb9a060e54bf8d69288fbee4904", parents: [], author: sig, committer: sig, message: "m\n\nbody" });
  });
});

describe("pagination", () => {
  it.each([
    ["", 30, { perPage: 30, page: 1 }],
    ["per_page=100&page=2", 50, { perPage: 100, page: 2 }],
    ["per_page=1000", 50, { perPage: 100, page: 1 }],
    ["per_page=0&page=0", 50, { perPage: 50, page: 1 }],
    ["per_page=abc&page=-3", 30, { perPage: 30, page: 1 }],
  ])("%j with default %i", (q, d, expected) => expect(pageParams(new URLSearchParams(q), d)).toEqual(expected));
  it.each([
    [1, 10, 5, undefined],
    [1, 10, 25, '<http://h/x?a=1&per_page=10&page=2>; rel="next", <http://h/x?a=1&per_page=10&page=3>; rel="last"'],
    [3, 10, 25, '<http://h/x?a=1&per_page=10&page=2>; rel="prev", <http://h/x?a=1&per_page=10&page=1>; rel="first"'],
  ])("page %i of per_page %i over %i items", (page, per, total, expected) => expect(linkHeader(new URL("http://h/x?a=1"), page, per, total)).toBe(expected));
});

describe("body validation", () => {
  const spec = { names: { type: "string[]", minItems: 1 }, role: { type: "string", enum: ["a", "b"] }, n: { type: "integer", nullable: true } } as const;
  it.each([
    [{}, `"names" wasn't supplied.`],
    [{ names: [] }, "should have at least 1 item(s)"],
    [{ names: ["x", 2] }, "For 'properties/names/items/1', 2 is not a string."],
    [{ names: ["x"], role: "c" }, "is not a member of"],
    [{ names: ["x"], n: 1.5 }, "is not an integer"],
  ])("%j → 422", (body, message) => {
    const err = (() => {
      try {
        validateBody(body, spec, ["names"]);
      } catch (e) {
        return e as ApiError;
      }
      return undefined;
    })();
    expect(err?.status).toBe(422);
    expect(err?.message).toContain(message);
  });
  it("accepts a valid body, null where nullable", () => expect(validateBody({ names: ["x"], n: null }, spec, ["names"])).toEqual({ names: ["x"], n: null }));
  it("a non-object body is a 400", () => expect(() => validateBody([1], spec)).toThrow("Body should be a JSON object"));
});

describe("billing dates", () => {
  it.each([
    ["2026-01-31", 1, "2026-02-28"],
    ["2026-07-01", -1, "2026-06-01"],
    ["2026-12-15", 1, "2027-01-15"],
  ])("%s + %i month → %s", (day, n, expected) => expect(addMonths(day, n)).toBe(expected));
});
