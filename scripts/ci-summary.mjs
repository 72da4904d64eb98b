// Prints the one closing line CI reads, `N passed, M failed`, from vitest's JSON report.
// A missing or unreadable report counts as one failure so a crashed run can never look green.
import { readFileSync } from "node:fs";

const file = process.argv[2] ?? ".ci/out/vitest.json";
try {
  const r = JSON.parse(readFileSync(file, "utf8"));
  const passed = r.numPassedTests ?? 0;
  // Suites that failed to load (syntax/type errors at import) have no tests; count them too.
  const failedSuites = (r.testResults ?? []).filter((s) => s.status === "failed" && (s.assertionResults ?? []).length === 0).length;
  const failed = (r.numFailedTests ?? 0) + failedSuites;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || r.success === false ? 1 : 0);
} catch (err) {
  console.error(`ci-summary: cannot read ${file}: ${err.message}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}
