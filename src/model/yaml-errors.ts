// The yaml library's error codes translated into findings that say, in the file's own terms,
// what is wrong and how to fix it (a missing space after a colon, an unclosed quote, a tab, …).
import { finding, type Finding, type Location } from "./findings.js";

/** `key:value` with no space after the colon: YAML reads it as one word, not a key and a value. */
const NO_SPACE_AFTER_COLON = /^\s*(?:- +)?([A-Za-z_][\w-]*):([^\s:#][^#]*?)\s*(?:#.*)?$/;
/** `key: value: more`: a plain value may not contain `: `. */
const COLON_IN_VALUE = /^\s*(?:- +)?([A-Za-z_][\w-]*): +([^'"#\s][^#]*?: [^#]*?)\s*(?:#.*)?$/;

export function yamlErrorFinding(code: string, message: string, at: Location, line = ""): Finding {
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
