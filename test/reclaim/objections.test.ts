import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findObjections, withExemptions } from "../../src/reclaim/objections.js";
import { modelOf } from "./model.js";

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/reclaim/objections");
const read = (name: string) => readFileSync(path.join(dir, name), "utf8");
const FILE = "policies/policy.yaml";
const bob = { login: "bob", reason: "back from sabbatical in July", until: "2025-07-15" };

describe("findObjections", () => {
  it.each([
    { name: "identical files", base: "base.yaml", branch: "base.yaml", added: [], carry: false, problem: undefined },
    { name: "an exemption added on the branch", base: "base.yaml", branch: "branch-added.yaml", added: [bob], carry: true, problem: undefined },
    {
      name: "the branch also changed another key",
      base: "base.yaml",
      branch: "branch-other-key.yaml",
      added: [bob],
      carry: false,
      problem: /differs from the base in more than added exemptions.*\(bob\) were honoured/,
    },
    {
      name: "the base gained an exemption the branch lacks",
      base: "base-moved.yaml",
      branch: "branch-added.yaml",
      added: [bob],
      carry: false,
      problem: /add them on the base branch/,
    },
    { name: "invalid policy on the branch", base: "base.yaml", branch: "branch-invalid.yaml", added: [], carry: false, problem: /not valid/ },
  ])("$name", (c) => {
    const o = findObjections(read(c.base), read(c.branch), FILE);
    expect(o.added).toEqual(c.added);
    expect(o.carry).toBe(c.carry);
    if (c.problem) expect(o.problem).toMatch(c.problem);
    else expect(o.problem).toBeUndefined();
  });
});

describe("withExemptions", () => {
  it("adds the branch's exemptions to the policy without touching the original", () => {
    const { policy } = modelOf([]);
    const merged = withExemptions(policy, [bob]);
    expect(merged.inactivity.exempt).toEqual([bob]);
    expect(policy.inactivity.exempt).toEqual([]);
    expect(withExemptions(policy, [])).toBe(policy);
  });
});
