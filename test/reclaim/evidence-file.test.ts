// Where the last-check evidence goes (src/reclaim/evidence-file.ts): inline in the body while it
// is small (the format is unchanged), else a file on the reclaim branch named from the body.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { EVIDENCE_FILE, gitBlobSha, INLINE_EVIDENCE_MAX, parseEvidenceRef, placeEvidence } from "../../src/reclaim/evidence-file.js";
import { type Evidence, evidenceComment, parseEvidence, parseEvidenceJson } from "../../src/reclaim/last-check.js";

const SNAP = "2025-06-01T02:00:00.000Z";
const logins = (n: number, prefix = "dev") => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(5, "0")}`);
const evidence = (recheck: string[], teams?: Record<string, string[]>): Evidence => ({ v: 1, snapshot: SNAP, recheck, ...(teams ? { teams } : {}) });

describe("placeEvidence", () => {
  it("keeps small evidence in the body, exactly as before", () => {
    const e = evidence(["ann", "bo"], { ml: ["bo"] });
    const placed = placeEvidence(e);
    expect(placed).toEqual({ comment: '<!-- seats-reclaim-evidence {"v":1,"snapshot":"2025-06-01T02:00:00.000Z","recheck":["ann","bo"],"teams":{"ml":["bo"]}} -->' });
    expect(parseEvidence(placed.comment)).toEqual(e);
  });

  it.each([
    { name: "just under the inline limit", n: Math.floor((INLINE_EVIDENCE_MAX - 200) / 12), file: false },
    { name: "2,000 logins in a copilot: team folder", n: 2000, teams: true, file: true },
    { name: "30,000 logins", n: 30_000, file: true },
  ])("$name: in a file = $file", ({ n, teams, file }) => {
    const who = logins(n);
    const e = evidence(who, teams ? { ml: who } : undefined);
    const placed = placeEvidence(e);
    expect(placed.comment.length).toBeLessThanOrEqual(INLINE_EVIDENCE_MAX);
    if (!file) {
      expect(placed.file).toBeUndefined();
      expect(parseEvidence(placed.comment)).toEqual(e);
      return;
    }
    expect(placed.file!.path).toBe(EVIDENCE_FILE);
    expect(parseEvidence(placed.comment)).toBeUndefined();
    expect(parseEvidenceRef(`body\n${placed.comment}\nmore`)).toEqual({ v: 1, path: EVIDENCE_FILE, blob: gitBlobSha(placed.file!.content) });
    expect(parseEvidenceJson(placed.file!.content)).toEqual(e);
    // Inline, it would have crowded the body (or broken GitHub's limit).
    expect(evidenceComment(e).length).toBeGreaterThan(INLINE_EVIDENCE_MAX);
  });
});

describe("gitBlobSha", () => {
  it.each(["", "hello\n", '{"v":1}\n', "ünïcödé\n"])("is git's object name of %j", (content) => {
    expect(gitBlobSha(content)).toBe(execFileSync("git", ["hash-object", "--stdin"], { input: content, encoding: "utf8" }).trim());
  });
});

describe("parseEvidenceRef", () => {
  const blob = "a".repeat(40);
  it.each([
    { name: "none", body: "no evidence here", want: undefined },
    { name: "empty body", body: null, want: undefined },
    { name: "a reference", body: `x <!-- seats-reclaim-evidence-file {"v":1,"path":"${EVIDENCE_FILE}","blob":"${blob}"} --> y`, want: { v: 1, path: EVIDENCE_FILE, blob } },
    { name: "another version", body: `<!-- seats-reclaim-evidence-file {"v":2,"path":"p","blob":"${blob}"} -->`, want: undefined },
    { name: "a short blob", body: '<!-- seats-reclaim-evidence-file {"v":1,"path":"p","blob":"abc"} -->', want: undefined },
    { name: "no path", body: `<!-- seats-reclaim-evidence-file {"v":1,"blob":"${blob}"} -->`, want: undefined },
    { name: "bad JSON", body: "<!-- seats-reclaim-evidence-file {v:1} -->", want: undefined },
    { name: "unclosed", body: `<!-- seats-reclaim-evidence-file {"v":1,"path":"p","blob":"${blob}"}`, want: undefined },
  ])("$name", ({ body, want }) => {
    expect(parseEvidenceRef(body)).toEqual(want);
  });
});
