// Seeds from files, the state file (persisted after each write, loaded at start), the clock,
// and the `seats emulator` command.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { DEMO_SEED_FILE, loadSeedFile, startEmulator } from "../../src/emulator/index.js";
import { tempDir } from "../helpers/seat-repo.js";

const dir = tempDir("emu-state-").dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SEED = path.resolve(import.meta.dirname, "../fixtures/emulator/org.yaml");
const H = { authorization: "token t", "user-agent": "t", "content-type": "application/json" };

describe("seeds", () => {
  it("loads YAML and JSON seed files; the built-in demo seed is valid", async () => {
    const yaml = loadSeedFile(SEED);
    const json = path.join(dir, "seed.json");
    writeFileSync(json, JSON.stringify(yaml));
    expect(loadSeedFile(json)).toEqual(yaml);
    const demo = await startEmulator({ seed: DEMO_SEED_FILE });
    try {
      expect(demo.control.snapshot().org.login).toBe("acme-corp");
    } finally {
      await demo.close();
    }
  });

  it.each([
    ["not a mapping", "- a\n", /must be a mapping/],
    ["missing org", "members: []\n", /org.login/],
    ["bad members", "org: {login: x}\nmembers: 3\n", /members/],
    ["bad seat date", "org: {login: x}\nmembers: [{login: a, role: admin}]\nseats: [{login: a, created_at: yesterday}]\n", /seats\[0\].created_at/],
    ["bad repo collaborators", "org: {login: x}\nmembers: [{login: a, role: admin}]\nrepos: [{full_name: x/r, collaborators: a}]\n", /repos\[0\].collaborators/],
    ["bad YAML", "org: [\n", /not valid YAML/],
  ])("rejects a seed with %s, saying where", (_name, text, message) => {
    const file = path.join(dir, "bad.yaml");
    writeFileSync(file, text);
    expect(() => loadSeedFile(file)).toThrow(message);
  });
});

describe("state file", () => {
  it("persists every write and restores it on the next start, git objects included", async () => {
    const stateFile = path.join(dir, "state.json");
    const first = await startEmulator({ seed: SEED, stateFile, now: () => new Date("2026-06-15T00:00:00Z") });
    await fetch(`${first.url}/orgs/acme/copilot/billing/selected_users`, { method: "POST", headers: H, body: JSON.stringify({ selected_usernames: ["frank"] }) });
    await fetch(`${first.url}/repos/acme/seats/contents/NOTES.md`, { method: "PUT", headers: H, body: JSON.stringify({ message: "notes", content: Buffer.from("hi\n").toString("base64") }) });
    first.control.recordActivity("frank", new Date("2026-06-14T00:00:00Z"));
    const snap = first.control.snapshot();
    await first.close();
    expect(existsSync(stateFile)).toBe(true);
    expect(JSON.parse(readFileSync(stateFile, "utf8")).emulator_state).toBe(1);

    const second = await startEmulator({ seed: { org: { login: "ignored" }, members: [{ login: "x", role: "admin" }] }, stateFile, now: () => new Date("2026-06-15T00:00:00Z") });
    try {
      expect(second.control.snapshot()).toEqual(snap);
      expect(second.control.readBranch("acme/seats", "main")).toMatchObject({ "NOTES.md": "hi\n" });
    } finally {
      await second.close();
    }
  });
});

describe("clock", () => {
  it("setNow past the billing cycle drops pending seats and moves the cycle", async () => {
    const emu = await startEmulator({ seed: SEED, now: () => new Date("2026-06-15T00:00:00Z") });
    try {
      expect(emu.control.snapshot().seats!.map((s) => s.login)).toContain("bob");
      emu.control.setNow(new Date("2026-07-02T00:00:00Z"));
      expect(emu.control.now().toISOString()).toBe("2026-07-02T00:00:00.000Z");
      expect(emu.control.snapshot().seats!.map((s) => s.login)).not.toContain("bob");
      expect(emu.control.snapshot().next_billing_cycle).toBe("2026-08-01");
    } finally {
      await emu.close();
    }
  });

  it("acceptInvitation activates a pending member", async () => {
    const emu = await startEmulator({ seed: SEED });
    try {
      emu.control.acceptInvitation("pat");
      expect(emu.control.snapshot().members.map((m) => (typeof m === "string" ? m : m.login))).toContain("pat");
      expect(() => emu.control.acceptInvitation("pat")).toThrow(/no pending invitation/);
    } finally {
      await emu.close();
    }
  });
});

describe("seats emulator", () => {
  it("prints its URL on stdout, serves the seed, and stops on abort", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const controller = new AbortController();
    const done = main(["emulator", "--port", "0", "--seed", SEED, "--state", path.join(dir, "cli-state.json")], {
      io: { out: (t) => out.push(t), err: (t) => err.push(t) },
      signal: controller.signal,
    });
    for (let i = 0; i < 200 && out.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${out[0]}/orgs/acme/members?per_page=100`, { headers: H });
    expect(((await res.json()) as unknown[]).length).toBe(7);
    expect(err.join("\n")).toContain("org: acme");
    controller.abort();
    expect(await done).toBe(0);
  });

  it("exits 2 on a bad port and 1 on a bad seed", async () => {
    const err: string[] = [];
    const io = { out: () => {}, err: (t: string) => err.push(t) };
    expect(await main(["emulator", "--port", "http"], { io, signal: new AbortController().signal })).toBe(2);
    const bad = path.join(dir, "bad-seed.yaml");
    writeFileSync(bad, "org: {}\nmembers: []\n");
    expect(await main(["emulator", "--seed", bad], { io, signal: new AbortController().signal })).toBe(1);
    expect(err.join("\n")).toContain("org.login");
  });
});
