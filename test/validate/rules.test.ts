// The cross-file rules, table-driven: each case lays a few files over a copy of
// test/fixtures/validate/base/ (policy `org: acme`, budget 10; team eng "Eng" maintained by
// alice; seats/eng/alice.yaml) and lists every finding expected, exactly.
import { afterAll, describe, expect, it } from "vitest";
import { validateRepo } from "../../src/validate/validate.js";
import { RULES } from "../../src/validate/rules/index.js";
import { cleanupRepos, makeRepo, TODAY } from "./repo.js";

afterAll(cleanupRepos);

const member = (login: string, extra = "") => `login: ${login}\nreason: Needs Copilot\n${extra}`;
const team = (name: string, extra = "") => `name: ${name}\n${extra}`;

interface Case {
  name: string;
  files: Record<string, string | null>;
  /** `path:line:col severity rule`, sorted as validate sorts them. */
  expect: string[];
  /** Substrings the first finding's message and fix must contain. */
  message?: string;
  fix?: string;
}

const CASES: Case[] = [
  { name: "base repo is valid", files: {}, expect: [] },
  // login-matches-file
  {
    name: "login differs from the file name",
    files: { "seats/eng/bob.yaml": member("robert") },
    expect: ["seats/eng/bob.yaml:1:8 error login-matches-file"],
    message: "login `robert` does not match the file name bob.yaml",
    fix: "rename the file to seats/eng/robert.yaml, or set `login: bob`",
  },
  { name: "login matches the file name case-insensitively", files: { "seats/eng/Bob.yaml": member("bOB") }, expect: [] },
  // login-syntax
  {
    name: "login with a double dash",
    files: { "seats/eng/a--b.yaml": member("a--b") },
    expect: ["seats/eng/a--b.yaml:1:8 error login-syntax"],
    message: "contains two dashes in a row",
  },
  {
    name: "login starting with a dash",
    files: { "seats/eng/-bob.yaml": member("-bob") },
    expect: ["seats/eng/-bob.yaml:1:8 error login-syntax"],
  },
  {
    name: "EMU login without enterprise_managed_users",
    files: { "seats/eng/bob_acme.yaml": member("bob_acme") },
    expect: ["seats/eng/bob_acme.yaml:1:8 error login-syntax"],
    message: "enterprise_managed_users: true",
  },
  {
    name: "EMU login with enterprise_managed_users",
    files: { "policies/policy.yaml": "org: acme\nenterprise_managed_users: true\n", "seats/eng/bob_acme.yaml": member("bob_acme") },
    expect: [],
  },
  {
    name: "EMU shortcode too short",
    files: { "policies/policy.yaml": "org: acme\nenterprise_managed_users: true\n", "seats/eng/bob_ac.yaml": member("bob_ac") },
    expect: ["seats/eng/bob_ac.yaml:1:8 error login-syntax"],
  },
  // duplicate-member
  {
    name: "same login twice in a team under different case",
    files: { "seats/eng/Alice.yaml": member("Alice") },
    expect: ["seats/eng/alice.yaml:1:8 error duplicate-member"],
    message: "already a member of team eng through seats/eng/Alice.yaml",
  },
  { name: "same login in two teams is fine", files: { "seats/ops/_team.yaml": team("Ops"), "seats/ops/alice.yaml": member("alice") }, expect: [] },
  // user-ids
  {
    name: "one id under two logins",
    files: { "seats/eng/alice.yaml": member("alice", "id: 7\n"), "seats/eng/bob.yaml": member("bob", "id: 7\n") },
    expect: ["seats/eng/alice.yaml:3:5 error user-ids", "seats/eng/bob.yaml:3:5 error user-ids"],
    message: "user id 7 is also given for login `bob`",
  },
  {
    name: "one login with two ids across teams",
    files: {
      "seats/eng/alice.yaml": member("alice", "id: 7\n"),
      "seats/ops/_team.yaml": team("Ops"),
      "seats/ops/alice.yaml": member("Alice", "id: 8\n"),
    },
    expect: ["seats/eng/alice.yaml:3:5 error user-ids", "seats/ops/alice.yaml:3:5 error user-ids"],
    message: "login `alice` has id 7 here but id 8 in seats/ops/alice.yaml",
  },
  // member-expires
  {
    name: "expires today is a warning",
    files: { "seats/eng/bob.yaml": member("bob", `expires: ${TODAY}\n`) },
    expect: ["seats/eng/bob.yaml:3:10 warning member-expires"],
  },
  { name: "expires tomorrow is fine", files: { "seats/eng/bob.yaml": member("bob", "expires: 2026-06-02\n") }, expect: [] },
  // team-folder-slug
  {
    name: "folder differs from the slug of name",
    files: { "seats/eng/_team.yaml": team("Engineering", "maintainers: [alice]\n") },
    expect: ["seats/eng/_team.yaml:1:7 error team-folder-slug"],
    message: 'team name "Engineering" has the slug `engineering`, but its folder is seats/eng/',
    fix: "rename the folder to seats/engineering/",
  },
  { name: "slug drops punctuation and keeps underscores", files: { "seats/r_d-tools/_team.yaml": team('"R_D & Tools!"') }, expect: [] },
  { name: "slug transliterates accents", files: { "seats/equipe-ete/_team.yaml": team("Équipe Été") }, expect: [] },
  {
    name: "upper-case folder is not a slug",
    files: { "seats/Ops/_team.yaml": team("Ops") },
    expect: ["seats/Ops/_team.yaml:1:7 error team-folder-slug"],
  },
  {
    name: "name without letters or digits",
    files: { "seats/x/_team.yaml": team('"!!!"') },
    expect: ["seats/x/_team.yaml:1:7 error team-folder-slug"],
    message: "cannot derive a slug",
  },
  // team-parent
  {
    name: "parent not declared",
    files: { "seats/ops/_team.yaml": team("Ops", "parent: platform\n") },
    expect: ["seats/ops/_team.yaml:2:9 error team-parent"],
    message: "parent `platform` is not a declared team",
  },
  {
    name: "parent with the wrong case suggests the slug",
    files: { "seats/ops/_team.yaml": team("Ops", "parent: Eng\n") },
    expect: ["seats/ops/_team.yaml:2:9 error team-parent"],
    fix: "did you mean `eng`?",
  },
  {
    name: "parent names a renamed team",
    files: { "seats/eng/_team.yaml": team("Eng", "previously: [engineering]\n"), "seats/ops/_team.yaml": team("Ops", "parent: engineering\n") },
    expect: ["seats/ops/_team.yaml:2:9 error team-parent"],
    fix: "set `parent: eng`",
  },
  {
    name: "parent is the team itself",
    files: { "seats/ops/_team.yaml": team("Ops", "parent: ops\n") },
    expect: ["seats/ops/_team.yaml:2:9 error team-parent"],
  },
  {
    name: "parent cycle is reported once, with the cycle",
    files: {
      "seats/a/_team.yaml": team("A", "parent: c\n"),
      "seats/b/_team.yaml": team("B", "parent: a\n"),
      "seats/c/_team.yaml": team("C", "parent: b\n"),
      "seats/d/_team.yaml": team("D", "parent: c\n"),
    },
    expect: ["seats/a/_team.yaml:2:9 error team-parent"],
    message: "team parents form a cycle: a → c → b → a",
  },
  {
    name: "parent whose _team.yaml is rejected gives no follow-on error",
    files: { "seats/ops/_team.yaml": team("Ops", "parent: eng\n"), "seats/eng/_team.yaml": "name: Eng\nbogus: 1\n" },
    expect: ["seats/eng/_team.yaml:2:1 error schema-unknown-key"],
  },
  { name: "nested closed teams are fine", files: { "seats/ops/_team.yaml": team("Ops", "parent: eng\nprivacy: closed\n") }, expect: [] },
  // team-privacy-nesting
  {
    name: "secret team with a parent",
    files: { "seats/ops/_team.yaml": team("Ops", "parent: eng\nprivacy: secret\n") },
    expect: ["seats/ops/_team.yaml:3:10 error team-privacy-nesting"],
    fix: "set `privacy: closed`",
  },
  {
    name: "secret team with children",
    files: { "seats/eng/_team.yaml": team("Eng", "privacy: secret\n"), "seats/ops/_team.yaml": team("Ops", "parent: eng\n") },
    expect: ["seats/eng/_team.yaml:2:10 error team-privacy-nesting"],
    message: "team eng is secret but is the parent of ops",
  },
  { name: "secret team alone is fine", files: { "seats/ops/_team.yaml": team("Ops", "privacy: secret\n") }, expect: [] },
  // team-maintainers
  {
    name: "maintainer with invalid syntax",
    files: { "seats/eng/_team.yaml": team("Eng", "maintainers: [alice, bad_login]\n") },
    expect: ["seats/eng/_team.yaml:2:22 error team-maintainers"],
  },
  {
    name: "maintainer listed twice under different case",
    files: { "seats/eng/_team.yaml": team("Eng", "maintainers:\n  - alice\n  - ALICE\n") },
    expect: ["seats/eng/_team.yaml:4:5 error team-maintainers"],
    message: "listed twice",
  },
  {
    name: "maintainer of a copilot: team team without a member file",
    files: { "seats/eng/_team.yaml": team("Eng", "copilot: team\nmaintainers: [alice, bob]\n") },
    expect: ["seats/eng/_team.yaml:3:22 warning maintainer-not-member"],
  },
  // team-previously
  {
    name: "previously lists the team's own slug",
    files: { "seats/eng/_team.yaml": team("Eng", "previously: [eng]\n") },
    expect: ["seats/eng/_team.yaml:2:14 error team-previously"],
  },
  {
    name: "previously lists another declared team",
    files: { "seats/eng/_team.yaml": team("Eng", "previously: [ops]\n"), "seats/ops/_team.yaml": team("Ops") },
    expect: ["seats/eng/_team.yaml:2:14 error team-previously"],
    message: "seats/ops/ is a declared team",
  },
  {
    name: "previously claimed by two teams",
    files: { "seats/eng/_team.yaml": team("Eng", "previously: [old]\n"), "seats/ops/_team.yaml": team("Ops", "previously: [old]\n") },
    expect: ["seats/ops/_team.yaml:2:14 error team-previously"],
    message: "also listed in `previously` of team eng",
  },
  {
    name: "previously that is not a slug",
    files: { "seats/eng/_team.yaml": team("Eng", "previously: [Old Team]\n") },
    expect: ["seats/eng/_team.yaml:2:14 error team-previously"],
  },
  {
    name: "previously listed twice",
    files: { "seats/eng/_team.yaml": team("Eng", "previously: [old, old]\n") },
    expect: ["seats/eng/_team.yaml:2:19 error team-previously"],
  },
  // budget
  {
    name: "budget exceeded counts distinct holders across users and team teams, not none",
    files: {
      "policies/policy.yaml": "org: acme\nseats:\n  budget: 2\n",
      "seats/eng/bob.yaml": member("bob"),
      "seats/ds/_team.yaml": team("DS", "copilot: team\n"),
      "seats/ds/ALICE.yaml": member("ALICE"),
      "seats/ds/carol.yaml": member("carol"),
      "seats/design/_team.yaml": team("Design", "copilot: none\n"),
      "seats/design/dave.yaml": member("dave"),
    },
    expect: ["policies/policy.yaml:3:11 error budget"],
    message: "3 distinct seat holders declared, 1 over the budget of 2",
    fix: "raise `seats.budget` to at least 3",
  },
  {
    name: "budget counts a person with seats in two orgs once",
    files: {
      "policies/policy.yaml": "org: acme\norgs: [acme, acme-labs]\nseats:\n  budget: 2\n",
      "seats/eng/bob.yaml": member("bob"),
      "seats/labs/_team.yaml": team("Labs", "org: acme-labs\n"),
      "seats/labs/alice.yaml": member("alice"),
      "seats/labs/bob.yaml": member("bob"),
    },
    expect: [],
  },
  { name: "budget exactly met", files: { "policies/policy.yaml": "org: acme\nseats:\n  budget: 1\n" }, expect: [] },
  {
    name: "budget of zero",
    files: { "policies/policy.yaml": "org: acme\nseats:\n  budget: 0\n" },
    expect: ["policies/policy.yaml:3:11 error budget"],
  },
  // exemptions
  {
    name: "exemption checks",
    files: {
      "policies/policy.yaml": [
        "org: acme",
        "inactivity:",
        "  exempt:",
        "    - {login: alice, reason: leave, until: 2026-06-01}",
        "    - {login: Alice, reason: again, until: 2027-01-01}",
        "    - {login: bad--login, reason: typo, until: 2027-01-01}",
        "    - {login: nobody, reason: gone, until: 2026-05-31}",
        "",
      ].join("\n"),
    },
    expect: [
      "policies/policy.yaml:5:15 error exemptions",
      "policies/policy.yaml:6:15 error exemptions",
      "policies/policy.yaml:7:15 warning exemptions",
      "policies/policy.yaml:7:44 warning exemptions",
    ],
  },
  {
    name: "exemption without a reason or date",
    files: { "policies/policy.yaml": "org: acme\ninactivity:\n  exempt:\n    - login: alice\n" },
    expect: ["policies/policy.yaml:4:7 error schema-required", "policies/policy.yaml:4:7 error schema-required"],
  },
  // policy-org
  {
    name: "org that is not a login",
    files: { "policies/policy.yaml": "org: acme corp\n" },
    expect: ["policies/policy.yaml:1:6 error policy-org"],
  },
  { name: "org with capitals is fine", files: { "policies/policy.yaml": "org: Acme-Corp\n" }, expect: [] },
  {
    name: "an orgs entry that is not a login",
    files: { "policies/policy.yaml": "org: acme\norgs: [acme, \"acme labs\"]\n" },
    expect: ["policies/policy.yaml:2:14 error policy-org"],
    message: "orgs entry `acme labs` is not a valid GitHub organization login",
  },
  { name: "orgs entries that are logins are fine", files: { "policies/policy.yaml": "org: acme\norgs: [acme, Acme-Labs]\n" }, expect: [] },
  // enterprise-config
  {
    name: "enterprise billing without the enterprise's slug",
    files: { "policies/policy.yaml": "org: acme\ncopilot:\n  billing: enterprise\n" },
    expect: ["policies/policy.yaml:3:12 error enterprise-config"],
    message: "`copilot.billing: enterprise` needs the enterprise's slug",
    fix: "add `enterprise: <slug>`",
  },
  {
    name: "enterprise billing with a copilot: team org team",
    files: { "policies/policy.yaml": "org: acme\nenterprise: acme-corp\ncopilot:\n  billing: enterprise\n", "seats/eng/_team.yaml": team("Eng", "copilot: team\nmaintainers: [alice]\n") },
    expect: ["seats/eng/_team.yaml:2:10 error enterprise-config"],
    fix: "add `enterprise_team: true`",
  },
  {
    name: "enterprise billing with an enterprise team is fine",
    files: { "policies/policy.yaml": "org: acme\nenterprise: acme-corp\ncopilot:\n  billing: enterprise\n", "seats/eng/_team.yaml": team("Eng", "copilot: team\nenterprise_team: true\nmaintainers: [alice]\n") },
    expect: [],
  },
  {
    name: "an enterprise team without an enterprise",
    files: { "seats/eng/_team.yaml": team("Eng", "enterprise_team: true\nmaintainers: [alice]\n") },
    expect: ["seats/eng/_team.yaml:2:18 error enterprise-config"],
  },
  {
    name: "a team in an org the repo does not manage",
    files: { "policies/policy.yaml": "org: acme\norgs: [acme, acme-labs]\n", "seats/eng/_team.yaml": team("Eng", "org: acme-lab\nmaintainers: [alice]\n") },
    expect: ["seats/eng/_team.yaml:2:6 error enterprise-config"],
    message: "not one of the organizations this repo manages (acme, acme-labs)",
  },
  {
    name: "a nested team in another org than its parent",
    files: {
      "policies/policy.yaml": "org: acme\norgs: [acme, acme-labs]\n",
      "seats/labs/_team.yaml": team("Labs", "org: acme-labs\nparent: eng\n"),
      "seats/labs/alice.yaml": member("alice"),
    },
    expect: ["seats/labs/_team.yaml:3:9 error enterprise-config"],
    message: "GitHub nests teams within one organization",
    fix: "`org: acme`",
  },
  {
    name: "orgs that leave out org",
    files: { "policies/policy.yaml": "org: acme\norgs: [acme-labs]\n" },
    expect: ["policies/policy.yaml:2:7 error enterprise-config"],
    message: "`orgs:` does not list `acme`",
    fix: "`orgs: [acme, acme-labs]`",
  },
  {
    name: "orgs that list an org twice in other case",
    files: { "policies/policy.yaml": "org: acme\norgs: [acme, ACME, acme-labs]\n" },
    expect: ["policies/policy.yaml:2:14 error enterprise-config"],
    message: "`orgs:` lists `ACME` twice",
    fix: "delete this entry",
  },
  {
    name: "orgs that list an org twice",
    files: { "policies/policy.yaml": "org: acme\norgs: [acme, acme-labs, acme]\n", "seats/eng/_team.yaml": team("Eng", "org: acme-labs\nmaintainers: [alice]\n") },
    expect: ["policies/policy.yaml:2:25 error schema"],
    message: 'orgs lists "acme" twice (items 1 and 3)',
    fix: "delete item 3",
  },
  {
    name: "a rejected policy.yaml gives no follow-on error on a team's org",
    files: { "policies/policy.yaml": "org: acme\norgs: [acme, acme-labs]\nseats:\n  budjet: 4\n", "seats/eng/_team.yaml": team("Eng", "org: acme-labs\nmaintainers: [alice]\n") },
    expect: ["policies/policy.yaml:4:3 error schema-unknown-key"],
    fix: "did you mean `budget`?",
  },
  {
    name: "an unknown key is never taken for a key the mapping already has",
    files: { "policies/policy.yaml": "org: acme\norgz: [acme, acme-labs]\n" },
    expect: ["policies/policy.yaml:2:1 error schema-unknown-key"],
    fix: "did you mean `orgs`?",
  },
  { name: "a team in a second managed org is fine", files: { "policies/policy.yaml": "org: acme\norgs: [acme, acme-labs]\n", "seats/eng/_team.yaml": team("Eng", "org: acme-labs\nmaintainers: [alice]\n") }, expect: [] },
];

function run(files: Record<string, string | null>) {
  return validateRepo(makeRepo(files), { today: TODAY }).findings;
}

describe("cross-file rules", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const findings = run(c.files);
    expect(findings.map((f) => `${f.file}:${f.line}:${f.col} ${f.severity} ${f.rule}`)).toEqual(c.expect);
    if (c.message) expect(findings[0]?.message).toContain(c.message);
    if (c.fix) expect(findings[0]?.fix).toContain(c.fix);
    for (const f of findings) expect(f.fix, `${f.rule} has a fix`).toBeTruthy();
  });

  it("every rule has a unique id and a description", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) expect(r.description.length).toBeGreaterThan(10);
  });
});
