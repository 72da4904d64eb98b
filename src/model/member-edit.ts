// Edits of a member file that leave every other byte as it was (comments, quoting, key order,
// blank lines, CRLF): the `id:` line `seats validate --online --fix` adds, and the new login a
// renamed account's file gets (`seats drift`). Pure: text in, text out; undefined when the file's
// shape is not one these can edit safely (the caller then writes the file anew or refuses).
import { isMap, isPair, isScalar, parseDocument, type Document, type Node as YamlNode, type Pair, type YAMLMap } from "yaml";

function rootMap(text: string): { doc: Document.Parsed; root: YAMLMap } | undefined {
  const doc = parseDocument(text, { uniqueKeys: true, version: "1.2" });
  if (doc.errors.length || !isMap(doc.contents)) return undefined;
  return { doc, root: doc.contents };
}

function pairOf(root: YAMLMap, key: string): Pair | undefined {
  return root.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key) as Pair | undefined;
}

/** The text with `id: <id>` added (in a block mapping, under `login:` at its indentation; in a flow mapping, last). */
export function withIdLine(text: string, id: number): string | undefined {
  const parsed = rootMap(text);
  if (!parsed || pairOf(parsed.root, "id")) return undefined;
  const { root } = parsed;
  const range = (root as YamlNode).range;
  if (!range) return undefined;
  if (root.flow) {
    const close = text.lastIndexOf("}", range[1]);
    if (close < 0) return undefined;
    return `${text.slice(0, close).replace(/\s*$/, "")}, id: ${id}${text.slice(close)}`;
  }
  const login = pairOf(root, "login");
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

/** The text with the `login:` value replaced by `login` (a GitHub login needs no quotes). */
export function withLogin(text: string, login: string): string | undefined {
  const parsed = rootMap(text);
  const value = parsed && pairOf(parsed.root, "login")?.value;
  if (!isScalar(value) || typeof value.value !== "string" || !value.range || !/^[A-Za-z0-9-]+$/.test(login)) return undefined;
  const [start, end] = value.range;
  const written = text.slice(start, end);
  // Keep the quoting style the file used.
  const quote = written.startsWith('"') ? '"' : written.startsWith("'") ? "'" : "";
  return `${text.slice(0, start)}${quote}${login}${quote}${text.slice(end)}`;
}
