// `seats validate --online --fix`: the `id:` line written into a member file that lacks one,
// leaving every other byte as it was (comments, quoting, key order, blank lines, CRLF). In a
// block mapping the line goes right under `login:`, at its indentation; a flow mapping
// (`{login: a, reason: b}`) gets `, id: N` before its closing brace. Pure: text in, text out.
import { isMap, isPair, isScalar, parseDocument, type Node as YamlNode } from "yaml";

/** The text with `id: <id>` added; undefined when the file's shape is not one this can edit safely. */
export function withIdLine(text: string, id: number): string | undefined {
  const doc = parseDocument(text, { uniqueKeys: true, version: "1.2" });
  if (doc.errors.length) return undefined;
  const root = doc.contents;
  if (!isMap(root) || root.items.some((p) => isScalar(p.key) && String(p.key.value) === "id")) return undefined;
  const range = (root as YamlNode).range;
  if (!range) return undefined;
  if (root.flow) {
    const close = text.lastIndexOf("}", range[1]);
    if (close < 0) return undefined;
    return `${text.slice(0, close).replace(/\s*$/, "")}, id: ${id}${text.slice(close)}`;
  }
  const login = root.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === "login");
  const keyStart = (login?.key as YamlNode | undefined)?.range?.[0];
  const valueEnd = (login?.value as YamlNode | null | undefined)?.range?.[1] ?? (login?.key as YamlNode | undefined)?.range?.[1];
  if (keyStart === undefined || valueEnd === undefined) return undefined;
  const lineStart = text.lastIndexOf("\n", keyStart - 1) + 1;
  const indent = text.slice(lineStart, keyStart);
  if (!/^[ ]*$/.test(indent)) return undefined;
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lineEnd = text.indexOf("\n", valueEnd);
  if (lineEnd < 0) return `${text}${eol}${indent}id: ${id}${eol}`;
  return `${text.slice(0, lineEnd + 1)}${indent}id: ${id}${eol}${text.slice(lineEnd + 1)}`;
}
