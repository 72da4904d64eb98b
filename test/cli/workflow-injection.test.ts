// Defect 11: a PR author chooses file names. A name with control characters (a line break
// followed by `::warning::…`) must not start a line of its own in any output format, or the
// Actions runner reads it as a workflow command.
import { cpSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIo } from "../helpers/io.js";
import { tempSeatRepo, type TempRepo } from "../helpers/seat-repo.js";

const EVIL = "x\n::warning::pwned\r\n\u001b[31m.yaml";
let repo: TempRepo;
beforeAll(() => {
  repo = tempSeatRepo();
  writeFileSync(path.join(repo.dir, "seats", "platform", EVIL), "login: x\nreason: r\n");
  // A team folder with the same name: every command that walks seats/ meets it.
  cpSync(path.join(repo.dir, "seats", "platform"), path.join(repo.dir, "seats", "y\n::error::pwned-team\u001b"), { recursive: true });
});
afterAll(() => repo.remove());

/** Lines that the runner would execute as workflow commands. */
const commandLines = (text: string) => text.split(/\r?\n|\r/).filter((l) => /^\s*::/.test(l));

describe("defect 11: control characters in paths are escaped in every output format", () => {
  it.each(["text", "github", "json"])("validate --format %s", async (format) => {
    const io = captureIo();
    const code = await main(["validate", "--format", format, "--dir", repo.dir], { io, env: {} });
    expect(code).toBe(1);
    const out = io.stdout + io.stderr;
    expect(out).not.toContain("\u001b");
    expect(out).not.toContain("\r");
    // Only the tool's own annotations may be workflow commands, and each is one line.
    for (const l of commandLines(out)) expect(l).toMatch(/^::(error|warning) file=[^\n]*::/);
    expect(commandLines(out).some((l) => l.startsWith("::warning::pwned"))).toBe(false);
    if (format !== "json") expect(out).toContain("seats/platform/x\\n::warning::pwned\\r\\n\\x1b[31m.yaml");
  });

  it("plan refusing the invalid repo prints the path escaped too", async () => {
    const io = captureIo();
    const code = await main(["plan", "--dir", repo.dir], { io, env: { GITHUB_TOKEN: "t", GITHUB_API_URL: "http://127.0.0.1:9" } });
    expect(code).toBe(1);
    expect(commandLines(io.stderr)).toEqual([]);
    expect(io.stderr).not.toContain("\u001b");
  });

  it.each([
    ["codeowners"],
    ["codeowners", "--check"],
    ["reclaim"],
    ["apply"],
    ["request", "--team", "platform", "--login", "zed", "--reason", "r"],
    ["request", "--team", "y\n::error::pwned-team\u001b", "--login", "zed", "--reason", "r"],
  ])("%s %s prints no workflow command and no raw control character", async (...argv) => {
    const io = captureIo();
    await main([...argv, "--dir", repo.dir], { io, env: { GITHUB_TOKEN: "t", GITHUB_API_URL: "http://127.0.0.1:9" } });
    expect(commandLines(io.stdout + io.stderr)).toEqual([]);
    expect(io.stdout + io.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    // The path was printed, escaped (request for the good team stops on the repo's errors too).
    expect(io.stdout + io.stderr).toMatch(/x\\n::warning::pwned|y\\n::error::pwned-team/);
  });
});
