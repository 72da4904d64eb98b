// Defect 13: apply must not make a change it then cannot record. Every output path (--audit,
// --json, --markdown) is checked before the first request; a bad one is a usage error (exit 2)
// and GitHub sees no request at all.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { unwritable } from "../../src/cli/plan-output.js";
import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../src/emulator/index.js";
import { captureIo } from "../helpers/io.js";
import { tempDir } from "../helpers/seat-repo.js";

const FIXTURE = path.resolve("test/fixtures/plan/basic");
const SEED = JSON.parse(readFileSync(path.join(FIXTURE, "seed.json"), "utf8")) as EmulatorSeed;

let emu: RunningEmulator;
let tmp: ReturnType<typeof tempDir>;
beforeAll(async () => {
  tmp = tempDir("seats-outputs-");
  mkdirSync(path.join(tmp.dir, "a-folder"));
  writeFileSync(path.join(tmp.dir, "old.json"), "{}");
  emu = await startEmulator({ seed: SEED, now: () => new Date("2026-01-15T12:00:00Z") });
});
afterAll(async () => {
  await emu.close();
  tmp.remove();
});

describe("unwritable", () => {
  it.each([
    { file: "new.json", why: undefined },
    { file: "old.json", why: undefined },
    { file: "a-folder", why: "it is a folder" },
    { file: "missing/a.json", why: /^the folder .*missing does not exist$/ },
    { file: "old.json/a.json", why: /old\.json is not a folder$/ },
  ])("$file", ({ file, why }) => {
    const got = unwritable(path.join(tmp.dir, file));
    if (why === undefined) expect(got).toBeUndefined();
    else expect(got).toMatch(why);
  });
});

describe("defect 13: output paths are checked before the first request", () => {
  it.each([
    { flag: "--audit", file: "/nonexistent/a.json", args: ["apply", "--confirm"] },
    { flag: "--json", file: "a-folder", args: ["apply", "--confirm"] },
    { flag: "--markdown", file: "missing/plan.md", args: ["apply", "--confirm"] },
    { flag: "--json", file: "missing/plan.json", args: ["plan"] },
  ])("$args.0 $flag $file: exit 2, no request sent, no seat changed", async ({ flag, file, args }) => {
    emu.log.reset();
    const before = JSON.stringify(emu.control.snapshot().seats);
    const io = captureIo();
    const target = path.isAbsolute(file) ? file : path.join(tmp.dir, file);
    const code = await main([...args, flag, target, "--dir", FIXTURE], { io, env: { GITHUB_TOKEN: "test-token", GITHUB_API_URL: emu.url } });
    expect(code).toBe(2);
    expect(io.stderr).toContain(`${flag} ${target}: cannot write there (`);
    expect(io.stderr).toContain("pass a path in an existing, writable folder");
    expect(emu.log.count()).toBe(0);
    expect(JSON.stringify(emu.control.snapshot().seats)).toBe(before);
  });
});
