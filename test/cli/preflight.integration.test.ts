// The Copilot prerequisites seats as code needs (README, "Prerequisites"), checked before any
// plan: seat management "specific members / teams", and a public code suggestions policy (without
// one GitHub answers 422 to every seat assignment). Each refusal says what to change and where.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../src/emulator/index.js";
import { captureIo } from "../helpers/io.js";

let emu: RunningEmulator | undefined;
let dir: string | undefined;
afterEach(async () => {
  await emu?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("preflight", () => {
  it.each([
    { org: { seat_management_setting: "assign_selected", public_code_suggestions: "block" }, code: 0, says: "Copilot seat plan for acme" },
    { org: { seat_management_setting: "assign_selected", public_code_suggestions: "allow" }, code: 0, says: "Copilot seat plan for acme" },
    { org: { seat_management_setting: "assign_selected", public_code_suggestions: "unconfigured" }, code: 1, says: 'set "Suggestions matching public code" to Allowed or Blocked' },
    { org: { seat_management_setting: "assign_all", public_code_suggestions: "block" }, code: 1, says: 'choose "Enable for specific members / teams"' },
  ] as const)("$org → exit $code", async ({ org, code, says }) => {
    const seed: EmulatorSeed = { org: { login: "acme", ...org }, viewer: "octo", members: [{ login: "octo", role: "admin" }], users: [] };
    emu = await startEmulator({ seed });
    dir = mkdtempSync(path.join(tmpdir(), "seats-preflight-"));
    mkdirSync(path.join(dir, "policies"));
    mkdirSync(path.join(dir, "seats"));
    writeFileSync(path.join(dir, "policies/policy.yaml"), "org: acme\n");
    const io = captureIo();
    const got = await main(["plan", "--dir", dir, "--api-url", emu.url], { io, env: { GITHUB_TOKEN: "t" }, cwd: dir });
    expect(got, io.stdout + io.stderr).toBe(code);
    expect(io.stdout + io.stderr).toContain(says);
    if (code) expect(io.stdout + io.stderr).toContain(`${emu.url.replace(/\/api.*$/, "")}`);
  });
});
