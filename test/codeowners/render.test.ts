import { describe, expect, it } from "vitest";
import { ownerProblem, splitOwners } from "../../src/codeowners/owners.js";
import { defaultOwners, firstDifference, parseCodeowners } from "../../src/codeowners/parse.js";
import { GENERATED_HEADER, renderCodeowners, type CodeownersInput } from "../../src/codeowners/render.js";

/** The non-comment lines of a rendered file, whitespace collapsed, for compact expectations. */
function rules(text: string): string[] {
  return parseCodeowners(text).map((r) => [r.pattern, ...r.owners].join(" "));
}

describe("renderCodeowners", () => {
  const cases: { name: string; input: CodeownersInput; want: string[] }[] = [
    {
      name: "no teams: only the admin lines",
      input: { teams: [], admins: ["@acme/admins"] },
      want: ["* @acme/admins", "/seats/*/_team.yaml @acme/admins"],
    },
    {
      name: "teams sorted by slug, maintainers sorted case-insensitively, admins last on each team line",
      input: {
        teams: [
          { slug: "web", maintainers: ["zoe", "Adam"] },
          { slug: "api", maintainers: ["bob"] },
        ],
        admins: ["@acme/admins"],
      },
      want: [
        "* @acme/admins",
        "/seats/api/ @bob @acme/admins",
        "/seats/web/ @Adam @zoe @acme/admins",
        "/seats/*/_team.yaml @acme/admins",
      ],
    },
    {
      name: "a team without maintainers is owned by the admins alone",
      input: { teams: [{ slug: "ops", maintainers: [] }], admins: ["@acme/admins"] },
      want: ["* @acme/admins", "/seats/ops/ @acme/admins", "/seats/*/_team.yaml @acme/admins"],
    },
    {
      name: "an `enrollment: open` team has no code owners (the workflow approves self-adds; validate guards the rest)",
      input: {
        teams: [
          { slug: "open-team", maintainers: ["lead"], enrollment: "open" },
          { slug: "closed-team", maintainers: ["lead"], enrollment: "approval" },
        ],
        admins: ["@acme/admins"],
      },
      want: ["* @acme/admins", "/seats/closed-team/ @lead @acme/admins", "/seats/open-team/", "/seats/*/_team.yaml @acme/admins"],
    },
    {
      name: "duplicate logins (any case) and a maintainer who is also an admin are listed once",
      input: {
        teams: [{ slug: "ml", maintainers: ["Dana", "dana", "root"] }],
        admins: ["@root", "@acme/admins", "@ROOT"],
      },
      want: ["* @root @acme/admins", "/seats/ml/ @Dana @root @acme/admins", "/seats/*/_team.yaml @root @acme/admins"],
    },
    {
      name: "several admins, including an e-mail owner, keep their order",
      input: { teams: [{ slug: "a", maintainers: ["x"] }], admins: ["@acme/b-team", "ops@example.com"] },
      want: [
        "* @acme/b-team ops@example.com",
        "/seats/a/ @x @acme/b-team ops@example.com",
        "/seats/*/_team.yaml @acme/b-team ops@example.com",
      ],
    },
  ];

  it.each(cases)("$name", ({ input, want }) => {
    const text = renderCodeowners(input);
    expect(rules(text)).toEqual(want);
    expect(text.startsWith(`${GENERATED_HEADER}\n`)).toBe(true);
    expect(text.endsWith("\n")).toBe(true);
  });

  it("is canonical: input order does not change the output", () => {
    const a = renderCodeowners({ teams: [{ slug: "b", maintainers: ["y", "x"] }, { slug: "a", maintainers: [] }], admins: ["@o/t"] });
    const b = renderCodeowners({ teams: [{ slug: "a", maintainers: [] }, { slug: "b", maintainers: ["x", "y"] }], admins: ["@o/t"] });
    expect(a).toBe(b);
  });

  it("the `*` line comes first and the _team.yaml line last (GitHub: the last match wins)", () => {
    const r = parseCodeowners(renderCodeowners({ teams: [{ slug: "a", maintainers: ["x"] }], admins: ["@o/t"] }));
    expect(r[0]?.pattern).toBe("*");
    expect(r[r.length - 1]?.pattern).toBe("/seats/*/_team.yaml");
  });

  it("refuses to render without admins", () => {
    expect(() => renderCodeowners({ teams: [], admins: [] })).toThrow(/admin/);
  });
});

describe("parseCodeowners / defaultOwners", () => {
  it.each([
    { name: "generated file", text: "# c\n* @o/admins @root\n/seats/a/ @x\n", want: ["@o/admins", "@root"] },
    { name: "last `*` line wins", text: "* @first\n* @second # trailing comment\n", want: ["@second"] },
    { name: "CRLF line endings", text: "* @o/admins\r\n/x/ @y\r\n", want: ["@o/admins"] },
    { name: "`*` without owners", text: "* \n", want: undefined },
    { name: "no `*` line", text: "/seats/a/ @x\n", want: undefined },
    { name: "commented-out `*` line", text: "# * @o/admins\n", want: undefined },
  ])("$name", ({ text, want }) => {
    expect(defaultOwners(text)).toEqual(want);
  });

  it("keeps 1-based line numbers", () => {
    expect(parseCodeowners("# a\n\n/x/ @y\n")).toEqual([{ pattern: "/x/", owners: ["@y"], line: 3 }]);
  });
});

describe("firstDifference", () => {
  it.each([
    { expected: "a\nb\n", actual: "a\nb\n", want: undefined },
    { expected: "a\nb\n", actual: "a\r\nb\r\n", want: undefined },
    { expected: "a\nb\n", actual: "a\nc\n", want: { line: 2, expected: "b", actual: "c" } },
    { expected: "a\nb\n", actual: "a\n", want: { line: 2, expected: "b", actual: "" } },
    { expected: "a\n", actual: "a\nextra\n", want: { line: 2, expected: "", actual: "extra" } },
  ])("$expected vs $actual", ({ expected, actual, want }) => {
    expect(firstDifference(expected, actual)).toEqual(want);
  });
});

describe("owners", () => {
  it.each([
    { owner: "@acme/copilot-admins", ok: true },
    { owner: "@acme/team.with_dots", ok: true },
    { owner: "@octocat", ok: true },
    { owner: "ops@example.com", ok: true },
    { owner: "octocat", ok: false, says: "needs a leading @" },
    { owner: "@bad--login", ok: false, says: "not a valid GitHub login" },
    { owner: "@acme/", ok: false, says: "not an owner" },
    { owner: "acme/admins", ok: false, says: "not an owner" },
  ])("$owner", ({ owner, ok, says }) => {
    const problem = ownerProblem(owner);
    if (ok) expect(problem).toBeUndefined();
    else expect(problem).toContain(says);
  });

  it("splits repeated and comma/space separated flag values, dropping duplicates", () => {
    expect(splitOwners(["@a/b, @c", "@C  @d/e", ""])).toEqual(["@a/b", "@c", "@d/e"]);
  });
});
