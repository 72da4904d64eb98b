import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { COMMANDS } from "../../src/cli/commands/index.js";
import { captureIo } from "../helpers/io.js";

describe("seats CLI entry point", () => {
  it.each([
    { argv: [], code: 2, stream: "stdout", text: "Usage: seats <command>" },
    { argv: ["--help"], code: 0, stream: "stdout", text: "Commands:" },
    { argv: ["no-such-command"], code: 2, stream: "stderr", text: 'unknown command "no-such-command"' },
    { argv: ["validate", "--no-such-flag"], code: 2, stream: "stderr", text: "--no-such-flag" },
    { argv: ["validate", "--format", "xml"], code: 2, stream: "stderr", text: "--format must be text, github or json" },
  ])("$argv → exit $code", async ({ argv, code, stream, text }) => {
    const io = captureIo();
    expect(await main(argv, { io, env: {} })).toBe(code);
    expect(stream === "stdout" ? io.stdout : io.stderr).toContain(text);
  });

  it("every command has --help with a usage line and takes --dir", async () => {
    for (const c of COMMANDS) {
      const io = captureIo();
      expect(await main([c.name, "--help"], { io, env: {} })).toBe(0);
      expect(io.stdout).toMatch(/Usage: seats /);
      expect(io.stdout.length).toBeGreaterThan(80);
    }
  });

  it("each registry entry loads its command, with the same name and summary (the top-level help loads none)", async () => {
    for (const c of COMMANDS) {
      const command = await c.load();
      expect(command.name).toBe(c.name);
      expect(command.summary).toBe(c.summary);
    }
  });

  it("lists every registered command in the top-level help", async () => {
    const io = captureIo();
    await main(["--help"], { io, env: {} });
    for (const c of COMMANDS) expect(io.stdout).toContain(c.name);
  });
});
