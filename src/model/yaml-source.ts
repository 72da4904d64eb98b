// Reads one YAML file defensively and keeps where every value came from.
//
// Seat files are written by anyone who can open a PR, so this treats them as hostile: size is
// capped before parsing, bytes must be UTF-8 (a BOM is accepted, CRLF is accepted), control
// characters, tags, anchors/aliases (alias bombs), multiple documents, duplicate keys and
// `__proto__`-style keys are rejected with a located finding. Values are converted from the AST
// by hand (not `toJS`) so nothing is expanded or prototype-polluted.
//
// The pieces, one concern each: file-read.ts (capped read), utf8.ts (decode), source-text.ts
// (scans before parsing), yaml-errors.ts (the parser's errors as findings) and yaml-ast.ts (AST →
// values, and `locate`). This module ties them together and is what the loader imports.
import { type Document, LineCounter, type Node as YamlNode, parseDocument } from "yaml";
import { readCapped } from "./file-read.js";
import { finding, type Finding, type Location } from "./findings.js";
import { findControlChar, findDeepFlow, lineAt, MAX_FLOW_BRACKETS, offsetToLocation } from "./source-text.js";
import { decodeUtf8 } from "./utf8.js";
import { convert } from "./yaml-ast.js";
import { yamlErrorFinding } from "./yaml-errors.js";
import { type FlatMapping, parseFlat } from "./yaml-flat.js";

export { locate, plainSourceAt } from "./yaml-ast.js";

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
 * Only the text and the value are kept: the positions are parsed again from the text when asked
 * for (a finding to locate), since keeping them for each of 100,000 member files costs more
 * memory than the files' values.
 */
class FlatSource implements YamlSource {
  #text: string;
  #doc: Document.Parsed | undefined;
  #lineCounter: LineCounter | undefined;
  constructor(
    readonly file: string,
    text: string,
    readonly value: { [key: string]: JsonValue },
  ) {
    this.#text = text;
  }
  get flat(): FlatMapping {
    // The text parsed flat once already, and parsing is deterministic.
    return parseFlat(this.#text)!;
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
const MAX_FILE_BYTES = 64 * 1024;
export const MAX_POLICY_BYTES = 2 * 1024 * 1024;

export function readYamlFile(absPath: string, file: string, maxBytes = MAX_FILE_BYTES): ReadResult {
  const read = readCapped(absPath, file, maxBytes);
  if ("finding" in read) return { findings: [read.finding] };
  return parseYamlBytes(read.bytes, file);
}

/** A seat file's text as the loader reads it (capped, no symlinks, UTF-8), or undefined when it cannot be read. */
export function readSeatFileText(dir: string, file: string): string | undefined {
  const read = readCapped(`${dir}/${file}`, file, MAX_FILE_BYTES);
  if ("finding" in read) return undefined;
  const decoded = decodeUtf8(read.bytes, file);
  return "text" in decoded ? decoded.text : undefined;
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
  if (flat) return { source: new FlatSource(file, text, flat.value), findings };
  const lineCounter = new LineCounter();
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
