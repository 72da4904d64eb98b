// A fast path for the overwhelmingly common file: a flat mapping of `key: value` lines with plain
// or simply-quoted scalars, and comments. It recognises only a strict subset of YAML and returns
// undefined for anything else (indentation, lists, flow collections, anchors, tags, escapes,
// multi-line values, tabs, a lone CR, duplicate or forbidden keys, numbers it cannot read
// exactly), and the caller then uses the full parser. Where it does answer, the value and every
// position equal the full parser's (test/model/yaml-flat.test.ts and the differential
// yaml-flat.fuzz.test.ts check this); it exists because the yaml library costs ~40 µs per tiny
// file and a 50,000-file repo must validate in ~2 s.
//
// Whitespace here is YAML's, not JavaScript's: only the space separates and is trimmed. JS
// `trim()` would also eat U+00A0, U+2028, U+FEFF and friends, which YAML keeps as content.
import type { JsonValue } from "./yaml-source.js";

export interface FlatEntry {
  /** 1-based line and column of the key, and of the value (the key's when the value is empty). */
  keyLine: number;
  keyCol: number;
  valueCol: number;
}

export interface FlatMapping {
  value: { [key: string]: JsonValue };
  entries: Map<string, FlatEntry>;
  /** Line and column of the first key (where the full parser's document content starts). */
  firstLine: number;
}

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)/;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
/** Plain scalars that must not start with a YAML indicator (or look like a number, .inf, ~). */
const PLAIN_FIRST = /^[^-?:,[\]{}#&*!|>'"%@`\s0-9.+~]/;
const NULL = /^(?:null|Null|NULL)$/;
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const SMALL_INT = /^[0-9]{1,15}$/;
/** Everything the core schema reads as a number; only SMALL_INT is handled here. */
const NUMERIC = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

export function parseFlat(input: string): FlatMapping | undefined {
  if (input.includes("\t")) return undefined;
  let text = input;
  if (input.includes("\r")) {
    // CRLF (Windows editors) is common and only ends lines, so columns are unchanged without
    // the CR. A CR anywhere else (old Mac line ends, or inside a value) goes to the full parser.
    if (/\r(?!\n)/.test(input)) return undefined;
    text = input.replace(/\r\n/g, "\n");
  }
  const value: { [key: string]: JsonValue } = {};
  const entries = new Map<string, FlatEntry>();
  let firstLine = 0;
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    lineNo++;
    start = end + 1;
    if (line.length === 0) continue;
    const c = line.charCodeAt(0);
    if (c === 0x23 /* # */) continue;
    if (c === 0x20) {
      const t = trimSpacesStart(line);
      if (t === "" || t.charCodeAt(0) === 0x23 /* # */) continue;
      return undefined; // indentation: a nested value or a continuation line
    }
    const m = KEY_LINE.exec(line);
    if (!m) return undefined;
    const key = m[1]!;
    if (FORBIDDEN_KEYS.has(key) || entries.has(key)) return undefined;
    const rest = line.slice(m[0].length);
    const parsed = scalar(rest);
    if (parsed === undefined) return undefined;
    value[key] = parsed;
    // KEY_LINE consumed every space after the colon, so `rest` is empty or starts with content.
    entries.set(key, { keyLine: lineNo, keyCol: 1, valueCol: rest === "" || rest.startsWith("#") ? 1 : m[0].length + 1 });
    if (!firstLine) firstLine = lineNo;
  }
  if (!firstLine) return undefined;
  return { value, entries, firstLine };
}

/** The value of one `key: <rest>` line, or undefined when the full parser must decide. */
function scalar(rest: string): JsonValue | undefined {
  if (rest === "" || rest.startsWith("#")) return null;
  const q = rest.charCodeAt(0);
  if (q === 0x22 /* " */ || q === 0x27 /* ' */) {
    const close = rest.indexOf(rest[0]!, 1);
    if (close < 0) return undefined;
    const inner = rest.slice(1, close);
    if (q === 0x22 && inner.includes("\\")) return undefined;
    const after = rest.slice(close + 1);
    // After the closing quote only spaces and a comment may follow; `''` escapes go to the parser.
    if (!/^(?: *| +#.*)$/.test(after)) return undefined;
    return inner;
  }
  // A plain scalar ends at ` #` (a comment); it may not contain `: ` or end with `:`.
  const hash = rest.indexOf(" #");
  const raw = trimSpacesEnd(hash >= 0 ? rest.slice(0, hash) : rest);
  if (raw.includes(": ") || raw.endsWith(":")) return undefined;
  if (NULL.test(raw)) return null;
  if (BOOL.test(raw)) return raw[0] === "t" || raw[0] === "T";
  if (SMALL_INT.test(raw)) return Number(raw);
  if (NUMERIC.test(raw)) return undefined;
  // A digit may start a string that is not a number (dates: 2027-01-31); indicators may not.
  if (!PLAIN_FIRST.test(raw) && !/^[0-9]/.test(raw)) return undefined;
  return raw;
}

function trimSpacesStart(s: string): string {
  let i = 0;
  while (s.charCodeAt(i) === 0x20) i++;
  return s.slice(i);
}

function trimSpacesEnd(s: string): string {
  let i = s.length;
  while (i > 0 && s.charCodeAt(i - 1) === 0x20) i--;
  return s.slice(0, i);
}
