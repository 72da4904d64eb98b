// A PR cannot choose which orgs or enterprise the trusted plan job reads (src/ci/pr-scope.ts): with
// the enterprise read token (an owner's classic token) a PR naming another org in policy.yaml
// would otherwise have that org's seat holders and members published on the PR.
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { prScopeRefusal } from "../../src/ci/pr-scope.js";
import { ROOT, runStep } from "./step-runner.js";
import { checkoutMerge, workspace, type Workspace } from "./workspace.js";

const ORGS = "org: acme\norgs: [acme, acme-labs]\n";

describe("prScopeRefusal", () => {
  it.each([
    { name: "the same policy", base: ORGS, pr: ORGS, refused: undefined },
    { name: "another setting changed", base: ORGS, pr: `${ORGS}seats:\n  budget: 3\n`, refused: undefined },
    { name: "an org dropped", base: ORGS, pr: "org: acme\n", refused: undefined },
    { name: "an org's login in other case", base: "org: Acme\n", pr: "org: acme\n", refused: undefined },
    { name: "an invalid PR policy (plan fails validation before any read)", base: ORGS, pr: "org: [\n", refused: undefined },
    { name: "no PR policy", base: ORGS, pr: undefined, refused: undefined },
    { name: "the org switched to another", base: "org: acme\n", pr: "org: secret-labs\n", refused: /names org secret-labs, which the default branch's does not/ },
    { name: "an org added", base: "org: acme\n", pr: "org: acme\norgs: [acme, secret-labs]\n", refused: /names org secret-labs,/ },
    { name: "an enterprise added", base: "org: acme\n", pr: "org: acme\nenterprise: other-ent\n", refused: /names enterprise other-ent,/ },
    { name: "the enterprise switched", base: "org: acme\nenterprise: acme-ent\n", pr: "org: acme\nenterprise: other-ent\n", refused: /names enterprise other-ent,/ },
    { name: "no valid base policy", base: undefined, pr: ORGS, refused: /the default branch has no valid policies\/policy\.yaml/ },
  ])("$name", ({ base, pr, refused }) => {
    const got = prScopeRefusal(base, pr);
    if (refused === undefined) expect(got).toBeUndefined();
    else expect(got).toMatch(refused);
  });
});

describe("seats-plan's data step", () => {
  let trusted: Workspace | undefined;
  let pr: Workspace | undefined;
  afterEach(() => {
    trusted?.remove();
    pr?.remove();
  });

  const runData = async (policy: string) => {
    const fixture = path.join(ROOT, "test/fixtures/workflows/repo");
    trusted = workspace(fixture);
    pr = workspace(fixture, { git: true });
    pr.git("checkout", "-qb", "change");
    writeFileSync(path.join(pr.dir, "policies/policy.yaml"), policy);
    pr.git("commit", "-qam", "policy");
    const { head } = checkoutMerge(pr, "change");
    // The PR's merge commit as the data checkout pr/ (a link to it here: only what is inside is checked).
    symlinkSync(pr.dir, path.join(trusted.dir, "pr"));
    return runStep({
      workflow: "seats-plan.yml",
      job: "plan",
      step: "data",
      ctx: { steps: { pr: { outputs: { head_sha: head } } } },
      cwd: trusted.dir,
      runnerEnv: {},
    }).then((r) => ({ r, dir: trusted!.dir }));
  };

  it("refuses a PR whose policy.yaml names an org the default branch does not, before any read", async () => {
    const base = readFileSync(path.join(ROOT, "test/fixtures/workflows/repo/policies/policy.yaml"), "utf8");
    const { r } = await runData(base.replace(/^org: .*$/m, "org: secret-labs"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("::error::seats ci overlay: this PR's policies/policy.yaml names org secret-labs, which the default branch's does not");
    expect(r.outputs).toEqual({});
  });

  it("plans a PR that changes other settings", async () => {
    const base = readFileSync(path.join(ROOT, "test/fixtures/workflows/repo/policies/policy.yaml"), "utf8");
    const { r, dir } = await runData(base.replace("budget: 20", "budget: 19"));
    expect(r.code, r.stderr).toBe(0);
    expect(r.outputs.base).toMatch(/^[0-9a-f]{40}$/);
    expect(readFileSync(path.join(dir, "policies/policy.yaml"), "utf8")).toContain("budget: 19");
  });
});
