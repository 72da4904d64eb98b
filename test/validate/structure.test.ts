// Layout rules of seats/ and policies/, and repos that must pass: structure/<case>/ is laid over
// a copy of base/; good/<repo>/ are complete repos.
import { cpSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateSchemaTypes, GENERATED_PATH } from "../../scripts/gen-schema-types.js";
import { readFileSync } from "node:fs";
import { validateRepo } from "../../src/validate/validate.js";
import { cleanupRepos, FIXTURES, makeRepo, TODAY } from "./repo.js";

afterAll(cleanupRepos);

const REPO_ROOT = path.resolve(FIXTURES, "../../..");

const STRUCTURE: [name: string, expected: string[]][] = [
  ["yml-extension", ["seats/eng/bob.yml:1:1 stray-file"]],
  ["nested-folder", ["seats/eng/sub:1:1 stray-file"]],
  ["no-team-file", ["seats/orphans/bob.yaml:1:1 team-file-missing"]],
  ["stray-top", ["seats/bob.yaml:1:1 stray-file"]],
  ["stray-in-team", ["seats/eng/notes.txt:1:1 stray-file"]],
  ["hidden-folder", ["seats/.cache:1:1 stray-file"]],
  ["readme-ok", []],
  ["team-yml", ["seats/ops/_team.yml:1:1 stray-file", "seats/ops/_team.yml:1:1 team-file-missing"]],
];

function run(dir: string): string[] {
  return validateRepo(dir, { today: TODAY }).findings.map((f) => `${f.file}:${f.line}:${f.col} ${f.rule}`);
}

describe("repo layout", () => {
  it.each(STRUCTURE)("%s", (name, expected) => {
    const dir = makeRepo();
    cpSync(path.join(FIXTURES, "structure", name), dir, { recursive: true });
    expect(run(dir)).toEqual(expected);
  });

  it("every structure fixture is in the table", () => {
    const listed = STRUCTURE.map((s) => s[0]).sort();
    expect(readdirSync(path.join(FIXTURES, "structure")).sort()).toEqual(listed);
  });

  it("a policy.yml instead of policy.yaml says to rename it", () => {
    const dir = makeRepo({ "policies/policy.yaml": null, "policies/policy.yml": "org: acme\n" });
    const f = validateRepo(dir, { today: TODAY }).findings;
    expect(f.map((x) => `${x.file}:${x.line}:${x.col} ${x.rule}`)).toEqual(["policies/policy.yml:1:1 policy-missing"]);
    expect(f[0]?.fix).toBe("rename policies/policy.yml to policies/policy.yaml");
  });

  it("a missing policy.yaml and a missing seats/ are reported", () => {
    const dir = makeRepo({ "policies/policy.yaml": null });
    expect(run(dir)).toEqual(["policies/policy.yaml:1:1 policy-missing"]);
    const empty = makeRepo({}, path.join(FIXTURES, "base/policies"));
    expect(run(empty)).toEqual(["policies/policy.yaml:1:1 policy-missing", "seats:1:1 seats-missing"]);
  });
});

describe("good repos pass with no findings", () => {
  it.each(readdirSync(path.join(FIXTURES, "good")))("%s", (name) => {
    expect(run(path.join(FIXTURES, "good", name))).toEqual([]);
  });

  it("the example repo in seats/ and policies/ validates", () => {
    const { findings, model } = validateRepo(REPO_ROOT, { today: TODAY });
    expect(findings).toEqual([]);
    expect(model.teams.map((t) => t.slug)).toContain("platform");
    expect(new Set(model.teams.map((t) => t.copilot))).toEqual(new Set(["users", "team", "none"]));
    expect(model.teams.some((t) => t.parent !== undefined)).toBe(true);
  });
});

describe("schema types do not drift", () => {
  it("src/model/schema-types.ts is what `npm run gen:types` generates from policies/*.schema.json", async () => {
    expect(readFileSync(GENERATED_PATH, "utf8")).toBe(await generateSchemaTypes());
  });
});
