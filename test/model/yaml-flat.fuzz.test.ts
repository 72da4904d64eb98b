// Differential property test of the flat fast path (src/model/yaml-flat.ts): thousands of random
// small files built from the pieces that make YAML tricky (quoting styles, escapes, comments,
// `#` and `: ` inside values, numbers and booleans in every spelling, odd Unicode spaces, BOM,
// CRLF, trailing spaces, indentation, document markers). For each one, the result with the fast
// path must equal the full parser's: the same findings, the same value, and the same position
// for the file and for every key and value. A seeded generator keeps failures reproducible.
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../src/emulator/faults.js";
import { parseFlat } from "../../src/model/yaml-flat.js";
import { locate, parseYamlText, type ReadResult } from "../../src/model/yaml-source.js";

const rng = mulberry32;

const KEYS = ["login", "reason", "expires", "id", "org", "a", "b-c", "_x", "Login", "True", "null", "NULL", "y", "k_1", "__proto__", "constructor", "toString"];
/** Characters a plain value may be built from, weighted towards the troublesome ones. */
const CHARS = [
  ..."abcxyzABZ0189",
  "-", "_", ".", "/", " ", " ", "#", " #", ":", ": ", "'", '"', "\\", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "%", "@", "`", "~", "+", "?", "=",
  "\u00a0", "\u2028", "\u2003", "\ufeff", "é", "ß", "日", "😀", "\t",
];
const SCALARS = [
  "0", "7", "007", "-1", "+1", "1.5", "1.", ".5", "1e3", "1E-2", "0x1F", "0o17", "0b1", ".inf", "-.Inf", ".nan", "123456789012345", "1234567890123456",
  "true", "True", "TRUE", "tRue", "false", "yes", "no", "on", "null", "Null", "~", "", "2027-01-31", "2026-13-01", "12:30", "1_000",
  "v1.2", "-", "--", "- x", "? x", ": x", "|", ">", "!!str x", "&a x", "*a", "[a]", "{a: 1}", "'a''b'", "'it''s'", "\"a\\nb\"", "\"\\u00e9\"",
];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function plainValue(r: () => number): string {
  let s = "";
  const n = 1 + Math.floor(r() * 8);
  for (let i = 0; i < n; i++) s += pick(r, CHARS);
  return s;
}

function quoted(r: () => number): string {
  const inner = plainValue(r).replace(/\n/g, "");
  if (r() < 0.5) return `'${r() < 0.2 ? inner : inner.replace(/'/g, "''")}'`;
  const escaped = r() < 0.3 ? inner : inner.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
  return `"${escaped}${r() < 0.1 ? "\\t" : ""}"`;
}

function value(r: () => number): string {
  const x = r();
  if (x < 0.35) return plainValue(r);
  if (x < 0.6) return quoted(r);
  return pick(r, SCALARS);
}

/** A value from a gentler alphabet, so that many files stay on the fast path. */
function gentleValue(r: () => number): string {
  const chars = [..."abcXYZ0129", "-", ".", " ", "#", ":", "/", "'", '"', "é", "\u00a0", "[", "]", ","];
  let s = pick(r, [..."abcXYZ0129abcxyz", "é", "'", '"']);
  const n = Math.floor(r() * 6);
  for (let i = 0; i < n; i++) s += pick(r, chars);
  return r() < 0.15 ? pick(r, SCALARS) : s;
}

function line(r: () => number, gentle: boolean): string {
  if (gentle) {
    const x = r();
    if (x < 0.1) return pick(r, ["", "# comment", "  # indented comment", "   "]);
    const comment = r() < 0.2 ? pick(r, [" # c", "  #c", "#c", " #"]) : "";
    return `${pick(r, KEYS.slice(0, 14))}:${r() < 0.95 ? " " : pick(r, ["  ", ""])}${gentleValue(r)}${r() < 0.15 ? pick(r, [" ", "  ", "\u00a0"]) : ""}${comment}`;
  }
  const x = r();
  if (x < 0.06) return "";
  if (x < 0.12) return `${" ".repeat(Math.floor(r() * 3))}# ${plainValue(r)}`;
  if (x < 0.15) return `  ${r() < 0.5 ? value(r) : `${pick(r, KEYS)}: ${value(r)}`}`; // indentation
  if (x < 0.16) return pick(r, ["---", "...", "- a", "%YAML 1.2", "? a", " ", "\t"]);
  const key = r() < 0.05 ? `"${pick(r, KEYS)}"` : pick(r, KEYS);
  const sep = pick(r, [": ", ": ", ": ", ":", ":  ", ":\t", " : "]);
  const comment = r() < 0.2 ? `${pick(r, [" ", "  ", ""])}#${plainValue(r)}` : "";
  const trailing = r() < 0.15 ? pick(r, [" ", "   ", "\u00a0", "\t"]) : "";
  return `${key}${sep}${r() < 0.1 ? "" : value(r)}${trailing}${comment}`;
}

function file(r: () => number): string {
  const n = 1 + Math.floor(r() * 6);
  const lines: string[] = [];
  const gentle = r() < 0.6;
  for (let i = 0; i < n; i++) lines.push(line(r, gentle && r() < 0.97));
  const eol = r() < 0.3 ? "\r\n" : r() < 0.03 ? "\r" : "\n";
  let text = lines.join(eol);
  if (r() < 0.8) text += eol;
  if (r() < 0.05) text = text.replace("\n", "\r\n"); // mixed line endings
  if (r() < 0.15) text = `\ufeff${text}`;
  return text;
}

/** The text with every non-ASCII or invisible character escaped, so a failure shows what it was. */
function ascii(text: string): string {
  return JSON.stringify(text).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Everything the rest of the program can observe about a parse. */
function observe(res: ReadResult): unknown {
  if (!res.source) return { findings: res.findings };
  const src = res.source;
  const v = src.value;
  const keys = v && typeof v === "object" && !Array.isArray(v) ? Object.keys(v) : [];
  return {
    findings: res.findings,
    value: JSON.stringify(v),
    root: locate(src, []),
    keys: keys.map((k) => [k, locate(src, [k]), locate(src, [k], "key")]),
    missing: locate(src, ["no-such-key"]),
  };
}

describe("the flat fast path equals the full parser (differential, random files)", () => {
  const SEEDS = 8;
  const PER_SEED = 1500;
  it.each(Array.from({ length: SEEDS }, (_, i) => i + 1))("seed %i", (seed) => {
    const r = rng(seed);
    let fast = 0;
    for (let i = 0; i < PER_SEED; i++) {
      const text = file(r);
      const withFast = parseYamlText(text, "f.yaml");
      const full = parseYamlText(text, "f.yaml", { fastPath: false });
      if (withFast.source?.flat) fast++;
      expect(observe(withFast), ascii(text)).toEqual(observe(full));
    }
    // The generator must keep exercising the fast path, or this test proves nothing.
    expect(fast).toBeGreaterThan(PER_SEED / 5);
  });

  it("accepts CRLF files (the common Windows case) on the fast path", () => {
    const text = "login: octocat\r\nreason: Needs Copilot # why\r\nid: 42\r\n";
    expect(parseFlat(text.replace(/^\ufeff/, ""))).toBeDefined();
    expect(observe(parseYamlText(`\ufeff${text}`, "f.yaml"))).toEqual(observe(parseYamlText(`\ufeff${text}`, "f.yaml", { fastPath: false })));
  });
});
