// Scans of the raw text before (or instead of) the YAML parser: control characters, absurd
// bracket nesting, and offsets turned into line:col locations.
import type { Location } from "./findings.js";

/** Raw `[`/`{` nesting allowed before parsing; legitimate files never come close. */
export const MAX_FLOW_BRACKETS = 64;

/**
 * Offset of the first `[` or `{` nested deeper than MAX_FLOW_BRACKETS, or -1. Counts raw
 * brackets (quotes and comments included): over-counting can only refuse absurd text, never let
 * a deep one through.
 */
export function findDeepFlow(text: string): number {
  // Fast path: a file with few brackets cannot be deep.
  let first = text.indexOf("[");
  const brace = text.indexOf("{");
  if (first < 0 || (brace >= 0 && brace < first)) first = brace;
  if (first < 0) return -1;
  let depth = 0;
  for (let i = first; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_FLOW_BRACKETS) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return -1;
}

/** Index of the first C0/C1 control character other than tab, LF and CR, or -1. */
export function findControlChar(text: string): number {
  // A regex scan is far faster than a charCode loop on V8 for the common (clean) case.
  const m = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/.exec(text);
  return m ? m.index : -1;
}

export function offsetToLocation(text: string, offset: number, file: string): Location {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { file, line, col: offset - lineStart + 1 };
}

/** The whole line holding `offset` (without its line break). */
export function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  let end = text.indexOf("\n", offset);
  if (end < 0) end = text.length;
  return text.slice(start, end).replace(/\r$/, "");
}
