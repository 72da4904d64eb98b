// The flat fast path must agree with the full parser on everything it accepts (value and every
// position), and hand everything else to the full parser.
import { describe, expect, it } from "vitest";
import { parseFlat } from "../../src/model/yaml-flat.js";
import { locate, parseYamlText } from "../../src/model/yaml-source.js";

const ACCEPTED = [
  "login: octocat\nreason: Needs Copilot\n",
  "# yaml-language-server: $schema=../../policies/member.schema.json\nlogin: octocat\nreason: Needs Copilot\n",
  "login: octocat\n\n  # indented comment\nreason: Needs Copilot:now # trailing comment\nid: 42\n",
  "login: octocat\nexpires: 2027-01-31\nid: 007\n",
  'login: "octocat"\nreason: \'single: quoted # not a comment\'   # a comment\n',
  "login:\nreason: x~\n",
  "login: null\nflag: true\nother: FALSE\nempty: # only a comment\n",
  "login: a-b_c\nreason: café [1] {2} 3, ok\nx: 1.2.3\ny: v1.2\nz: 12:30\n",
  "login: octocat", // no final newline
  "a: 123456789012345\n",
  "a: dash-\n",
  // CRLF (Windows editors) takes the fast path too; CR only ends lines, so positions are the same.
  "login: octocat\r\nreason: Needs Copilot # why\r\nid: 42\r\n",
  "login: octocat\r\n\r\n# c\r\nreason: 'a # b'\r\nempty:\r\n",
  // Whitespace is YAML's: a no-break space is content, not trimmed.
  "login: octocat\nreason: x\u00a0\n",
];

const REFUSED = [
  "login: octocat\rreason: x\r", // a lone CR (old Mac line ends)
  "login: octocat\r\nreason: a\rb\r\n", // a CR inside a value
  "login: octocat\nreason:\n  multi\n", // continuation
  "maintainers:\n- a\n", // list
  "login: octocat\nlogin: other\n", // duplicate
  "__proto__: 1\n",
  'login: "a\\nb"\n', // escapes
  "login: 'it''s'\n",
  "login: &a x\n",
  "login: !!str x\n",
  "login: *a\n",
  "login: [a]\n",
  "login: {a: 1}\n",
  "login: a: b\n",
  "a: 1e3\n",
  "a: 0x1F\n",
  "a: .inf\n",
  "a: 1234567890123456\n",
  "a: -1\n",
  "a: +1\n",
  "a: .5\n",
  "a: |\n  x\n",
  "a: >\n  x\n",
  "a: 'unclosed\n",
  '"login": x\n',
  "login:x\n",
  "---\nlogin: x\n",
  "%YAML 1.2\n---\nlogin: x\n",
  "login: x\n...\n",
  "",
  "# only a comment\n",
  "login:\tx\n",
  "a: -dash\n",
  "a: ~x\n",
  "a: b: c\n",
];

describe("parseFlat", () => {
  it.each(ACCEPTED)("agrees with the full parser on %j", (text) => {
    expect(parseFlat(text)).toBeDefined();
    const fast = parseYamlText(text, "f.yaml");
    const full = parseYamlText(text, "f.yaml", { fastPath: false });
    expect(fast.findings).toEqual([]);
    expect(full.findings).toEqual([]);
    expect(fast.source!.flat).toBeDefined();
    expect(fast.source!.value).toEqual(full.source!.value);
    expect(locate(fast.source!, [])).toEqual(locate(full.source!, []));
    for (const key of Object.keys(full.source!.value as object)) {
      expect(locate(fast.source!, [key]), key).toEqual(locate(full.source!, [key]));
      expect(locate(fast.source!, [key], "key"), key).toEqual(locate(full.source!, [key], "key"));
    }
    // The lazily built document is the full parser's.
    expect(fast.source!.doc.toJS()).toEqual(full.source!.doc.toJS());
  });

  it.each(REFUSED)("leaves %j to the full parser", (text) => {
    expect(parseFlat(text)).toBeUndefined();
  });
});
