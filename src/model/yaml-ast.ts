// The parsed YAML document → plain JSON values, by hand (not `toJS`) so nothing is expanded or
// prototype-polluted (aliases, anchors, foreign tags and `__proto__`-style keys are refused), and
// the way back: where in the file a value sits (`locate`).
import { isAlias, isMap, isPair, isScalar, isSeq, type Node as YamlNode, Scalar } from "yaml";
import { finding, type Finding, type Location } from "./findings.js";
import type { JsonPath, JsonValue, YamlSource } from "./yaml-source.js";

/** Deeper nesting than this is never legitimate in these formats; stops stack exhaustion. */
const MAX_DEPTH = 16;

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export function convert(
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

/** Location of the value (or, with `key`, of the key) at `path`; falls back to the nearest ancestor. */
export function locate(src: YamlSource, path: JsonPath, which: "value" | "key" = "value"): Location {
  const flat = path.length <= 1 ? src.flat : undefined;
  if (flat) {
    const root = { file: src.file, line: flat.firstLine, col: 1 };
    if (path.length === 0) return root;
    const e = flat.entries.get(String(path[0]));
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
