// Reading a committed CODEOWNERS file. The admins live in exactly one place, the owners of its
// `*` line, so the file is both the output and the one source of truth for who the admins are
// (policy.yaml stays about seats; no second list can drift from what GitHub enforces).

export interface CodeownersRule {
  pattern: string;
  owners: string[];
  /** 1-based line number in the file. */
  line: number;
}

/** Every non-comment rule of a CODEOWNERS file, in file order. */
export function parseCodeowners(text: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    // `#` starts a comment unless escaped (`\#` in a pattern); owners never contain `#`.
    const line = raw.replace(/(^|[^\\])#.*$/, "$1").trim();
    if (!line) return;
    const [pattern, ...owners] = line.split(/\s+/);
    rules.push({ pattern: pattern!, owners, line: i + 1 });
  });
  return rules;
}

/** Owners of the last `*` rule (the catch-all GitHub falls back to), or undefined when none names any. */
export function defaultOwners(text: string): string[] | undefined {
  const star = parseCodeowners(text).filter((r) => r.pattern === "*" || r.pattern === "/*" || r.pattern === "**");
  const last = star[star.length - 1];
  return last && last.owners.length > 0 ? last.owners : undefined;
}

export interface Difference {
  /** 1-based line number of the first line that differs. */
  line: number;
  expected: string | undefined;
  actual: string | undefined;
}

/** The first line where `actual` differs from `expected` (line endings ignored), or undefined. */
export function firstDifference(expected: string, actual: string): Difference | undefined {
  const e = expected.replace(/\r\n/g, "\n").split("\n");
  const a = actual.replace(/\r\n/g, "\n").split("\n");
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) return { line: i + 1, expected: e[i], actual: a[i] };
  }
  return undefined;
}
