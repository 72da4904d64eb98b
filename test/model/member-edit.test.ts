// Member-file edits that keep every other byte: the `id:` line of `seats validate --online --fix`
// and the new login of a renamed account's file (`seats drift`). Fixtures as files.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withIdLine, withLogin } from "../../src/model/member-edit.js";

const FIX = path.resolve(import.meta.dirname, "../fixtures/model/member-edit");
const read = (name: string) => readFileSync(path.join(FIX, name), "utf8");

describe("withIdLine", () => {
  it.each(["comments", "crlf", "flow", "no-newline"])("%s.yaml: adds `id:` under `login:` and keeps every other byte", (name) => {
    expect(withIdLine(read(`${name}.yaml`), 101)).toBe(read(`${name}.expected.yaml`));
  });

  it.each([
    ["a file that already has an id", "login: a\nid: 1\n"],
    ["not a mapping", "- a\n"],
    ["YAML that does not parse", "login: [\n"],
    ["no login key", "reason: x\n"],
  ])("leaves %s alone (undefined)", (_name, text) => {
    expect(withIdLine(text, 101)).toBeUndefined();
  });
});

describe("withLogin", () => {
  it.each([
    ["plain, with a comment after it", "# lead\nlogin: nora # GitHub login\nreason: x\nid: 4\n", "# lead\nlogin: nora-new # GitHub login\nreason: x\nid: 4\n"],
    ["double-quoted", 'login: "nora"\r\nreason: x\r\n', 'login: "nora-new"\r\nreason: x\r\n'],
    ["single-quoted, in a flow mapping", "{reason: x, login: 'nora', id: 4}\n", "{reason: x, login: 'nora-new', id: 4}\n"],
  ])("%s: only the login changes", (_name, text, out) => {
    expect(withLogin(text, "nora-new")).toBe(out);
  });

  it.each([
    ["no login key", "reason: x\n", "nora-new"],
    ["a login that is not a scalar", "login: [a]\n", "nora-new"],
    ["a new login that is no GitHub login", "login: nora\n", "nora new: x"],
  ])("leaves %s alone (undefined)", (_name, text, login) => {
    expect(withLogin(text, login)).toBeUndefined();
  });
});
