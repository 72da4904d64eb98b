// Reads one YAML file defensively and keeps where every value came from.
//
// Seat files are written by anyone who can open a PR, so this treats them as hostile: size is
// capped before parsing, bytes must be UTF-8 (a BOM is accepted, CRLF is accepted), control
// characters, tags, anchors/aliases (alias bombs), multiple documents, duplicate keys and
// `__proto__`-style keys are rejected with a located finding. Values are converted from the AST
// by hand (not `toJS`) so nothing is expanded or prototype-polluted.
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync } from "node:fs";
import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node as YamlNode,
  parseDocument,
  Scalar,
} from "yaml";
import { finding, type Finding, type Location } from "./findings.js";
import { type FlatMapping, parseFlat } from "./yaml-flat.js";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonPath = readonly (string | number)[];

export interface YamlSource {
  /** Path relative to the repo root, forward slashes. */
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The document's value; undefined for an empty document. */
  value: JsonValue | undefined;
  /** Positions of a flat file read by the fast path (yaml-flat.ts); `locate` uses them. */
  flat?: FlatMapping;
}

const PARSE_OPTIONS = {
  uniqueKeys: true,
  strict: true,
  prettyErrors: false,
  version: "1.2",
  schema: "core",
  keepSourceTokens: false,
  // Keys are the text as written (`True:` is the key "True", not the boolean true), as in the
  // fast path and as a person reading the file sees them.
  stringKeys: true,
} as const;

/**
 * A file read by the fast path. The yaml Document is only built if someone asks for it (rare:
 * `locate` answers from the flat positions), so the common case never pays for the full parser.
 */
class FlatSource implements YamlSource {
  #text: string;
  #doc: Document.Parsed | undefined;
  #lineCounter: LineCounter | undefined;
  constructor(
    readonly file: string,
    text: string,
    readonly flat: FlatMapping,
  ) {
    this.#text = text;
  }
  get value(): JsonValue {
    return this.flat.value;
  }
  get doc(): Document.Parsed {
    this.#parse();
    return this.#doc!;
  }
  get lineCounter(): LineCounter {
    this.#parse();
    return this.#lineCounter!;
  }
  #parse(): void {
    if (this.#doc) return;
    this.#lineCounter = new LineCounter();
    this.#doc = parseDocument(this.#text, { ...PARSE_OPTIONS, lineCounter: this.#lineCounter });
  }
}

export interface ReadResult {
  source?: YamlSource;
  findings: Finding[];
}

/** Default cap for one seat or team file; policy files get a larger one (long exemption lists). */
export const MAX_FILE_BYTES = 64 * 1024;
export const MAX_POLICY_BYTES = 2 * 1024 * 1024;
/** Deeper nesting than this is never legitimate in these formats; stops stack exhaustion. */
const MAX_DEPTH = 16;

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export function readYamlFile(absPath: string, file: string, maxBytes = MAX_FILE_BYTES): ReadResult {
  const read = readCapped(absPath, file, maxBytes);
  if ("finding" in read) return { findings: [read.finding] };
  return parseYamlBytes(read.bytes, file);
}

type Read = { bytes: Uint8Array } | { finding: Finding };

/**
 * Reads a regular file of at most `maxBytes` with one open/fstat/read/close (the same syscalls
 * as readFileSync, but the size is checked before any byte is read, so a huge or sparse file
 * costs nothing). O_NOFOLLOW refuses a symlink even if it appeared after the directory listing.
 */
export function readCapped(absPath: string, file: string, maxBytes: number): Read {
  const at1: Location = { file, line: 1, col: 1 };
  let fd: number;
  try {
    fd = openSync(absPath, OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ELOOP" || code === "EMLINK") {
      return { finding: finding("stray-file", at1, "symbolic links are not allowed in seats/ or policies/", "replace the link with a regular file") };
    }
    return { finding: finding("file-readable", at1, `cannot read file: ${(err as Error).message}`, "check the file's permissions") };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      return { finding: finding("stray-file", at1, "not a regular file", "replace it with a regular YAML file") };
    }
    if (st.size > maxBytes) return { finding: sizeFinding(at1, st.size, maxBytes) };
    // One byte more than fstat reported is asked for: getting it means the file grew after
    // fstat (checked without a second read call, which would cost a syscall per file).
    const want = st.size + 1;
    const buf = Buffer.allocUnsafe(want);
    let n = 0;
    while (n < want) {
      const r = readSync(fd, buf, n, want - n, n);
      if (r === 0) break;
      n += r;
    }
    if (n > st.size) return { finding: sizeFinding(at1, n, maxBytes, true) };
    return { bytes: buf.subarray(0, n) };
  } catch (err) {
    return { finding: finding("file-readable", at1, `cannot read file: ${(err as Error).message}`, "check the file's permissions") };
  } finally {
    closeSync(fd);
  }
}

const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0);

function sizeFinding(at: Location, size: number, maxBytes: number, grew = false): Finding {
  if (grew) {
    return finding(
      "file-size",
      at,
      "the file grew while it was being read, so it was not checked",
      "run `seats validate` again once nothing is writing to the file",
    );
  }
  return finding(
    "file-size",
    at,
    `file is ${size} bytes, over the ${maxBytes}-byte limit for this kind of file`,
    "keep one member or team per file; these files are only a few lines long",
  );
}

export function parseYamlBytes(bytes: Uint8Array, file: string): ReadResult {
  const decoded = decodeUtf8(bytes, file);
  if ("finding" in decoded) return { findings: [decoded.finding] };
  return parseYamlText(decoded.text, file);
}

export interface ParseOptions {
  /** Try the flat fast path first (default true); tests turn it off to compare with the full parser. */
  fastPath?: boolean;
}

export function parseYamlText(input: string, file: string, opts: ParseOptions = {}): ReadResult {
  // A UTF-8 BOM is legal and common from Windows editors; drop it before positions are counted.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lineCounter = new LineCounter();
  const findings: Finding[] = [];
  const ctrl = findControlChar(text);
  if (ctrl >= 0) {
    // Count lines ourselves: the parser has not run, so the LineCounter is empty.
    findings.push(
      finding(
        "yaml-syntax",
        offsetToLocation(text, ctrl, file),
        `control character U+${text.charCodeAt(ctrl).toString(16).toUpperCase().padStart(4, "0")} is not allowed`,
        "remove the character; save the file as plain UTF-8 text",
      ),
    );
    return { findings };
  }
  const deep = findDeepFlow(text);
  if (deep >= 0) {
    // The yaml library aborts the whole process (a fatal out-of-memory, not an exception) on
    // ~10,000 nested flow brackets, so this must be refused before the parser sees it.
    findings.push(
      finding(
        "yaml-depth",
        offsetToLocation(text, deep, file),
        `brackets nested more than ${MAX_FLOW_BRACKETS} levels deep`,
        "write plain `key: value` lines; these files need no nested [ ] or { }",
      ),
    );
    return { findings };
  }
  const flat = opts.fastPath === false ? undefined : parseFlat(text);
  if (flat) return { source: new FlatSource(file, text, flat), findings };
  const doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter });
  const loc = (offset: number): Location => {
    const p = lineCounter.linePos(offset);
    return { file, line: p.line, col: p.col };
  };
  // The parser often reports one mistake several times at one place; keep the first per line.
  const lines = new Set<number>();
  for (const e of doc.errors) {
    let offset = e.pos[0];
    if (e.code === "MISSING_CHAR" && /quote/.test(e.message)) {
      // The parser reports an unclosed quote where the file ends; point at the opening quote.
      const open = text.lastIndexOf(e.message.includes('"') ? '"' : "'", offset - 1);
      if (open >= 0) offset = open;
    }
    const f = yamlErrorFinding(e.code, e.message, loc(offset), lineAt(text, offset));
    if (!lines.has(f.line)) findings.push(f);
    lines.add(f.line);
  }
  if (findings.length) return { findings };
  for (const w of doc.warnings) {
    findings.push(yamlErrorFinding(w.code, w.message, loc(w.pos[0])));
  }
  if (findings.length) return { findings };

  const source: YamlSource = { file, doc, lineCounter, value: undefined };
  if (doc.contents === null) return { source, findings };
  const value = convert(doc.contents as YamlNode, 0, findings, loc, text);
  if (findings.length) return { findings };
  source.value = value;
  return { source, findings };
}

/** The whole line holding `offset` (without its line break). */
function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  let end = text.indexOf("\n", offset);
  if (end < 0) end = text.length;
  return text.slice(start, end).replace(/\r$/, "");
}

/** `key:value` with no space after the colon: YAML reads it as one word, not a key and a value. */
const NO_SPACE_AFTER_COLON = /^\s*(?:- +)?([A-Za-z_][\w-]*):([^\s:#][^#]*?)\s*(?:#.*)?$/;
/** `key: value: more`: a plain value may not contain `: `. */
const COLON_IN_VALUE = /^\s*(?:- +)?([A-Za-z_][\w-]*): +([^'"#\s][^#]*?: [^#]*?)\s*(?:#.*)?$/;

function yamlErrorFinding(code: string, message: string, at: Location, line = ""): Finding {
  const first = message.split("\n")[0] ?? message;
  const noSpace = NO_SPACE_AFTER_COLON.exec(line);
  if (noSpace && (code === "MULTILINE_IMPLICIT_KEY" || code === "MISSING_CHAR" || code === "UNEXPECTED_TOKEN")) {
    return finding(
      "yaml-syntax",
      { ...at, col: line.indexOf(noSpace[1]!) + 1 },
      `missing space after \`${noSpace[1]}:\`, so YAML reads \`${noSpace[1]}:${noSpace[2]}\` as one word`,
      `write \`${noSpace[1]}: ${noSpace[2]}\``,
    );
  }
  const colon = COLON_IN_VALUE.exec(line);
  if (colon && code === "BLOCK_AS_IMPLICIT_KEY") {
    return finding(
      "yaml-syntax",
      at,
      `the value of \`${colon[1]}\` contains \`: \`, which YAML reads as a nested key`,
      `put the value in quotes: ${colon[1]}: ${JSON.stringify(colon[2])}`,
    );
  }
  switch (code) {
    case "NON_STRING_KEY":
      // A list, mapping, alias or foreign tag used as a key (`? [a, b]`).
      return finding("yaml-key", at, "keys must be plain words", "write the key as a plain word such as `login`");
    case "BLOCK_AS_IMPLICIT_KEY":
      return finding("yaml-syntax", at, `YAML syntax error: ${first}`, "check the indentation of this line and the next; quote values that contain `: `");
    case "BAD_SCALAR_START":
      return finding(
        "yaml-syntax",
        at,
        `a value may not start with \`${line.charAt(at.col - 1)}\` unless it is quoted`,
        "put the value in quotes",
      );
    case "UNEXPECTED_TOKEN":
      if (/scalar at node end/.test(message)) {
        return finding("yaml-syntax", at, "unexpected text after a quoted value", "put the whole value inside the quotes");
      }
      return finding("yaml-syntax", at, `YAML syntax error: ${first}`, "fix the YAML syntax at this position");
    case "DUPLICATE_KEY":
      return finding("yaml-duplicate-key", at, "duplicate key: each key may appear once", "delete one of the two entries");
    case "TAB_AS_INDENT":
      return finding("yaml-syntax", at, "tab used for indentation", "indent with spaces, not tabs");
    case "MULTIPLE_DOCS":
      return finding(
        "yaml-multiple-documents",
        at,
        "the file contains more than one YAML document (`---`)",
        "keep a single document: one member or team per file",
      );
    case "MISSING_CHAR":
      if (/quote/.test(message)) {
        return finding("yaml-syntax", at, "this quoted string is never closed", "add the closing quote at the end of the value");
      }
      return finding("yaml-syntax", at, `YAML syntax error: ${first}`, "fix the YAML syntax at this position");
    case "TAG_RESOLVE_FAILED":
      return finding("yaml-tag", at, "YAML tags are not allowed", "remove the `!tag` and write a plain value");
    default:
      return finding("yaml-syntax", at, `YAML syntax error: ${first}`, "fix the YAML syntax at this position");
  }
}

function convert(
  node: YamlNode,
  depth: number,
  findings: Finding[],
  loc: (offset: number) => Location,
  text: string,
): JsonValue {
  const start = node.range?.[0] ?? 0;
  const at = loc(start);
  if (depth > MAX_DEPTH) {
    findings.push(finding("yaml-depth", at, `nesting deeper than ${MAX_DEPTH} levels`, "flatten the value"));
    return null;
  }
  // Anchors and aliases are refused without resolving anything (so an alias bomb costs no more
  // than its text); one finding per file is enough, a bomb would otherwise yield hundreds.
  if (isAlias(node) || node.anchor) {
    if (!findings.some((f) => f.rule === "yaml-alias")) {
      // The node's range starts after `&name`; point at the anchor itself.
      const anchorAt = node.anchor ? text.lastIndexOf(`&${node.anchor}`, start) : -1;
      findings.push(
        isAlias(node)
          ? finding("yaml-alias", at, "YAML aliases (`*name`) are not allowed", "write the value out in full")
          : finding("yaml-alias", anchorAt >= 0 ? loc(anchorAt) : at, "YAML anchors (`&name`) are not allowed", "remove the anchor and write values out in full"),
      );
    }
    return null;
  }
  if (node.tag && !isImplicitTag(node)) {
    let tagAt = text.lastIndexOf("!", start);
    while (tagAt > 0 && text[tagAt - 1] === "!") tagAt--;
    findings.push(
      finding("yaml-tag", tagAt >= 0 ? loc(tagAt) : at, `YAML tag ${shortTag(node.tag)} is not allowed`, "remove the tag and write a plain value"),
    );
    return null;
  }
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || typeof v === "string" || typeof v === "boolean") return v;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) {
        findings.push(finding("yaml-value", at, "infinite or NaN numbers are not allowed", "write a finite number"));
        return null;
      }
      return v;
    }
    findings.push(finding("yaml-value", at, "unsupported scalar value", "write a string, number or boolean"));
    return null;
  }
  if (isSeq(node)) {
    return node.items.map((item) => convert(item as YamlNode, depth + 1, findings, loc, text));
  }
  if (isMap(node)) {
    const out: { [key: string]: JsonValue } = {};
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const keyAt = loc(keyNode?.range?.[0] ?? node.range?.[0] ?? 0);
      if (!isScalar(keyNode) || keyNode.anchor || isAlias(keyNode) || (keyNode.tag && !isImplicitTag(keyNode))) {
        findings.push(finding("yaml-key", keyAt, "keys must be plain words", "write the key as a plain word such as `login`"));
        continue;
      }
      const key = String(keyNode.value);
      if (FORBIDDEN_KEYS.has(key)) {
        findings.push(finding("yaml-key", keyAt, `key \`${key}\` is not allowed`, "remove this key"));
        continue;
      }
      const value = pair.value === null ? null : convert(pair.value as YamlNode, depth + 1, findings, loc, text);
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  findings.push(finding("yaml-value", at, "unsupported YAML node", "write a plain value"));
  return null;
}

function shortTag(tag: string): string {
  return tag.startsWith("tag:yaml.org,2002:") ? `!!${tag.slice(18)}` : tag;
}

/** The core schema's own tags (e.g. an explicit `!!str`) are harmless; only foreign tags are refused. */
function isImplicitTag(node: YamlNode): boolean {
  const tag = node.tag ?? "";
  return ["tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"].includes(tag);
}

/** Raw `[`/`{` nesting allowed before parsing; legitimate files never come close. */
const MAX_FLOW_BRACKETS = 64;

/**
 * Offset of the first `[` or `{` nested deeper than MAX_FLOW_BRACKETS, or -1. Counts raw
 * brackets (quotes and comments included): over-counting can only refuse absurd text, never let
 * a deep one through.
 */
function findDeepFlow(text: string): number {
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
function findControlChar(text: string): number {
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

type Decoded = { text: string } | { finding: Finding };

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array, file: string): Decoded {
  // UTF-16/32 files start with a BOM that is not valid UTF-8; name the encoding so the fix is clear.
  if (
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)
  ) {
    return {
      finding: finding("encoding", { file, line: 1, col: 1 }, "file is UTF-16 or UTF-32, not UTF-8", "save the file as UTF-8"),
    };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    // NUL never occurs in UTF-8 text; it does in every other byte of UTF-16/32 without a BOM.
    const prefix = utf8.decode(bytes.subarray(0, Math.max(0, firstInvalidUtf8(bytes.subarray(0, nul)))));
    return {
      finding: finding(
        "encoding",
        offsetToLocation(prefix, prefix.length, file),
        "file contains NUL bytes: it is UTF-16, UTF-32 or binary, not UTF-8 text",
        "save the file as UTF-8",
      ),
    };
  }
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    // Report the position by decoding the valid prefix (lossless) and counting in it.
    const prefix = utf8.decode(bytes.subarray(0, bad));
    return {
      finding: finding(
        "encoding",
        offsetToLocation(prefix, prefix.length, file),
        `invalid UTF-8 byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, "0")}`,
        "save the file as UTF-8",
      ),
    };
  }
}

/** Byte offset of the first invalid UTF-8 sequence (RFC 3629: no overlongs, no surrogates). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) (n = 1), (min = 0x80);
    else if (c >= 0xe0 && c <= 0xef) (n = 2), (min = 0x800);
    else if (c >= 0xf0 && c <= 0xf4) (n = 3), (min = 0x10000);
    else return i;
    if (i + n >= b.length) return i;
    let cp = c & (0xff >> (n + 2));
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}

/** Location of the value (or, with `key`, of the key) at `path`; falls back to the nearest ancestor. */
export function locate(src: YamlSource, path: JsonPath, which: "value" | "key" = "value"): Location {
  if (src.flat && path.length <= 1) {
    const root = { file: src.file, line: src.flat.firstLine, col: 1 };
    if (path.length === 0) return root;
    const e = src.flat.entries.get(String(path[0]));
    if (!e) return root;
    return { file: src.file, line: e.keyLine, col: which === "key" ? e.keyCol : e.valueCol };
  }
  let node: unknown = src.doc.contents;
  let best: number = (node as YamlNode | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const keyNode = pair.key as YamlNode;
      if (last && which === "key") return pos(src, keyNode.range?.[0] ?? best);
      const v = pair.value as YamlNode | null;
      // A key with no value (`login:`) has no value node; point at the key.
      best = v?.range?.[0] ?? keyNode.range?.[0] ?? best;
      if (v instanceof Scalar && v.value === null && v.range && v.range[0] === v.range[1]) {
        best = keyNode.range?.[0] ?? best;
      }
      node = v;
    } else if (isSeq(node) && typeof seg === "number") {
      const item = node.items[seg] as YamlNode | undefined;
      if (!item) break;
      best = item.range?.[0] ?? best;
      node = item;
    } else break;
  }
  return pos(src, best);
}

function pos(src: YamlSource, offset: number): Location {
  const p = src.lineCounter.linePos(offset);
  return { file: src.file, line: p.line, col: p.col };
}

/**
 * The text of the plain (unquoted) scalar at `path` as written, e.g. `007` or `1e3` where the
 * value is the number 7 or 1000; undefined for anything else. Only for messages: it builds the
 * full document of a fast-path file, which error paths can afford.
 */
export function plainSourceAt(src: YamlSource, path: JsonPath): string | undefined {
  let node: unknown = src.doc.contents;
  for (const seg of path) {
    if (isMap(node)) node = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg))?.value;
    else if (isSeq(node) && typeof seg === "number") node = node.items[seg];
    else return undefined;
  }
  if (!(node instanceof Scalar) || node.type !== Scalar.PLAIN) return undefined;
  return typeof node.source === "string" && node.source !== "" ? node.source : undefined;
}
