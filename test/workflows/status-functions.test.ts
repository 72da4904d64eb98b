// GitHub adds `success()` to a job's or step's `if:` that calls no status function (`success()`,
// `failure()`, `always()`, `cancelled()`), so `if: steps.x.outcome == 'failure'` never runs after
// a failure: the step meant for that case is skipped. Every condition in the shipped workflows that
// looks at a failure must therefore call a status function.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { ROOT } from "./step-runner.js";

const DIR = path.join(ROOT, ".github/workflows");
type Step = { id?: string; name?: string; if?: unknown };
type Job = { if?: unknown; steps?: Step[] };

/** Every `if:` of every job and step, with where it stands. */
function conditions(): { where: string; cond: string }[] {
  const out: { where: string; cond: string }[] = [];
  for (const file of readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f))) {
    const wf = parse(readFileSync(path.join(DIR, file), "utf8")) as { jobs?: Record<string, Job> };
    for (const [id, job] of Object.entries(wf.jobs ?? {})) {
      if (typeof job.if === "string") out.push({ where: `${file}#${id}`, cond: job.if });
      for (const s of job.steps ?? []) if (typeof s.if === "string") out.push({ where: `${file}#${id}:${s.id ?? s.name}`, cond: s.if });
    }
  }
  return out;
}

const LOOKS_AT_FAILURE = /(outcome|conclusion|result)\s*==\s*'failure'/;
const STATUS_FUNCTION = /\b(success|failure|always|cancelled)\(\)/;

describe("status functions in the workflows' conditions", () => {
  it("the workflows have conditions to check", () => {
    expect(conditions().length).toBeGreaterThan(20);
  });

  it("a condition that looks at a failure calls a status function (else GitHub's implicit success() skips it)", () => {
    const wrong = conditions().filter((c) => LOOKS_AT_FAILURE.test(c.cond) && !STATUS_FUNCTION.test(c.cond));
    expect(wrong).toEqual([]);
  });

  it.each([
    ["steps.seats.outcome == 'success' || steps.seats.outcome == 'failure'", true],
    ["!cancelled() && (steps.seats.outcome == 'success' || steps.seats.outcome == 'failure')", false],
    ["failure() && steps.x.conclusion == 'failure'", false],
    ["needs.plan.result == 'failure'", true],
    ["steps.x.outcome == 'success'", false],
  ])("the rule flags %j: %s", (cond, flagged) => {
    expect(LOOKS_AT_FAILURE.test(cond) && !STATUS_FUNCTION.test(cond)).toBe(flagged);
  });
});
