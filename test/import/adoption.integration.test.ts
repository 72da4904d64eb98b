// Defects 27 and 28: what `seats import` leaves behind is complete and says what it did: the
// schemas the files point at, a warning when the org's seat management would make the first plan
// refuse, the flag that named the org in a "cannot read" message, and every file --force removes.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../src/emulator/index.js";
import { captureIo } from "../helpers/io.js";
import { REPO_ROOT, tempDir } from "../helpers/seat-repo.js";

const seed = (setting: "assign_selected" | "assign_all" = "assign_selected"): EmulatorSeed => ({
  org: { login: "qa-org", seat_management_setting: setting },
  members: [{ login: "root", role: "admin" }, "ann", "bo"],
  teams: [{ name: "Web", members: ["ann", "bo"] }],
  seats: [
    { login: "ann", created_at: "2026-01-01T00:00:00Z" },
    { login: "bo", created_at: "2026-01-01T00:00:00Z" },
  ],
});

let emu: RunningEmulator | undefined;
let dir: string;
const dirs: string[] = [];
beforeEach(() => {
  dir = tempDir("seats-adopt-").dir;
  dirs.push(dir);
});
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function run(argv: string[], s: EmulatorSeed = seed()) {
  emu ??= await startEmulator({ seed: s });
  const io = captureIo();
  const code = await main([...argv, "--dir", dir], { io, env: { GITHUB_API_URL: emu.url, GITHUB_TOKEN: "t", SEATS_RETRY_BASE_MS: "1" } });
  return { code, out: io.stdout, err: io.stderr };
}

describe("defect 28: import into an empty folder", () => {
  it("writes the schemas every generated file refers to", async () => {
    const r = await run(["import", "--org", "qa-org"]);
    expect(r.code).toBe(0);
    for (const name of ["policy", "team", "member"]) {
      const rel = `policies/${name}.schema.json`;
      expect(readFileSync(path.join(dir, rel), "utf8")).toBe(readFileSync(path.join(REPO_ROOT, rel), "utf8"));
    }
    expect(readFileSync(path.join(dir, "seats/web/ann.yaml"), "utf8")).toContain("$schema=../../policies/member.schema.json");
    expect(r.out).toContain("wrote the schemas the files refer to: policies/policy.schema.json, policies/team.schema.json, policies/member.schema.json");
  });

  it("keeps schemas that are already there", async () => {
    mkdirSync(path.join(dir, "policies"));
    writeFileSync(path.join(dir, "policies/team.schema.json"), "{}\n");
    expect((await run(["import", "--org", "qa-org"])).code).toBe(0);
    expect(readFileSync(path.join(dir, "policies/team.schema.json"), "utf8")).toBe("{}\n");
  });

  it("warns when the org's seat management is not assign_selected, with the link on the configured host", async () => {
    const r = await run(["import", "--org", "qa-org"], seed("assign_all"));
    expect(r.code).toBe(0);
    expect(r.err).toContain('warning: qa-org has Copilot seat management set to "assign_all"; seats plan and apply need "assign_selected"');
    expect(r.err).toContain(`${emu!.url}/organizations/qa-org/settings/copilot/policies`);
  });

  it("a 404 names the flag that gave the org, not the policy", async () => {
    const r = await run(["import", "--org", "no-such-org"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("check that --org is right");
    expect(r.err).not.toContain("policies/policy.yaml");
    expect(existsSync(path.join(dir, "seats"))).toBe(false);
  });
});

describe("defect 27: import --force lists every file it removes", () => {
  it("non-team files and stale member files are named in the output", async () => {
    expect((await run(["import", "--org", "qa-org"])).code).toBe(0);
    writeFileSync(path.join(dir, "seats/notes.txt"), "x\n");
    mkdirSync(path.join(dir, "seats/x"));
    writeFileSync(path.join(dir, "seats/x/keep.md"), "y\n");
    writeFileSync(path.join(dir, "seats/web/gone.yaml"), "login: gone\nreason: r\n");
    const r = await run(["import", "--org", "qa-org", "--force"]);
    expect(r.code).toBe(0);
    for (const f of ["seats/notes.txt", "seats/x/keep.md", "seats/web/gone.yaml"]) {
      expect(r.out).toContain(`removed ${f} (not in the live organization's import)`);
      expect(existsSync(path.join(dir, f))).toBe(false);
    }
    expect(r.out).not.toContain("removed seats/web/ann.yaml");
  });
});

describe("import into a --dir it cannot use stops with a clear error", () => {
  const runIn = async (target: string, argv: string[]) => {
    emu ??= await startEmulator({ seed: seed() });
    const io = captureIo();
    const code = await main([...argv, "--dir", target], { io, env: { GITHUB_API_URL: emu.url, GITHUB_TOKEN: "t", SEATS_RETRY_BASE_MS: "1" } });
    return { code, out: io.stdout, err: io.stderr };
  };

  // Node's recursive mkdir never returns under /proc; the run must end (exit 1), not spin.
  it.skipIf(!existsSync("/proc/self"))("a folder under /proc: exit 1 naming the folder", async () => {
    const r = await runIn("/proc/seats-import-test/x", ["import", "--org", "qa-org"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("cannot mkdir /proc/seats-import-test: ENOENT");
  });

  it("a file as --dir is a usage error before any request", async () => {
    const file = path.join(dir, "a-file");
    writeFileSync(file, "x\n");
    const r = await runIn(file, ["import", "--org", "qa-org"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--dir ${file} is not a folder`);
    expect(emu!.log.entries).toEqual([]);
  });

  it("an --org that is not an organization login is a usage error", async () => {
    const r = await run(["import", "--org", "bad org"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--org "bad org" contains a space');
  });
});
