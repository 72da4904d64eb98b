// plan / apply against the emulator where GitHub is less kind than usual: persistent failures (a
// clear exit 1, never an internal error), writes applied but their responses lost (re-sent,
// converges), and selected_teams named the way the API documents them (team names).
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { createGitHubClient } from "../../src/github/client.js";
import { octokitSeatWriter } from "../../src/github/write.js";
import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../src/emulator/index.js";
import type { Plan } from "../../src/plan/types.js";
import { captureIo } from "../helpers/io.js";
import { tempDir } from "../helpers/seat-repo.js";

const FIXTURE = path.resolve("test/fixtures/plan/basic");
const SEED = JSON.parse(readFileSync(path.join(FIXTURE, "seed.json"), "utf8")) as EmulatorSeed;

let emu: RunningEmulator | undefined;
let tmp: string;
beforeAll(() => {
  tmp = tempDir("seats-apply-faults-").dir;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function run(e: RunningEmulator, args: string[]) {
  const io = captureIo();
  const env = { GITHUB_TOKEN: "test-token", GITHUB_API_URL: e.url, SEATS_RETRY_BASE_MS: "1", SEATS_WRITE_INTERVAL_MS: "0" };
  const code = await main([...args, "--dir", FIXTURE], { io, env });
  return { code, out: io.stdout, err: io.stderr };
}

async function planJson(e: RunningEmulator): Promise<Plan> {
  const file = path.join(tmp, `plan-${Math.random().toString(36).slice(2)}.json`);
  const r = await run(e, ["plan", "--json", file]);
  expect(r.err).not.toContain("internal error");
  return JSON.parse(readFileSync(file, "utf8")) as Plan;
}

describe("plan / apply when GitHub keeps failing", () => {
  it.each([
    { name: "seat listing answers 5xx on every attempt", faults: { errorRate: 1, match: /copilot\/billing\/seats$/ } },
    { name: "org member listing drops every connection", faults: { dropRate: 1, match: /\/members$/ } },
  ])("$name: plan and apply exit 1 with the failed request named, never an internal error", async ({ faults }) => {
    emu = await startEmulator({ seed: SEED, now: () => new Date("2026-01-15T12:00:00Z") });
    emu.setFaults(faults);
    for (const args of [["plan"], ["apply", "--confirm"]]) {
      const r = await run(emu, args);
      expect(r.err).not.toMatch(/internal error/);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/GitHub request failed: GET \S+?( → \d+|: no answer)/);
      expect(r.err).not.toContain("test-token");
    }
    expect(emu.log.count({ mutating: true })).toBe(0);
  });
});

describe("apply when GitHub applied a write but the response was lost", () => {
  it("re-sends the batch (the writes are idempotent) and converges in one run", async () => {
    emu = await startEmulator({ seed: SEED, now: () => new Date("2026-01-15T12:00:00Z") });
    emu.setFaults({ lostResponseRate: 1, maxFaults: 3, match: /^(POST|DELETE) .*\/copilot\/billing\/selected_(users|teams)$/ });
    const r = await run(emu, ["apply", "--confirm"]);
    expect(r.err).not.toMatch(/internal error/);
    expect(emu.log.entries.filter((e) => e.fault)).toHaveLength(3);
    expect(r.out).toContain("Applied 5 of 5 changes");
    emu.setFaults(undefined);
    expect((await planJson(emu)).changes).toEqual([]);
  });
});

describe("selected_teams carries team names (the API documents \"List of team names\")", () => {
  it("resolves each slug to the team's GitHub name once, and sends an unknown slug as is", async () => {
    emu = await startEmulator({
      seed: {
        org: { login: "acme" },
        members: [{ login: "root", role: "admin" }, "ann", "ben"],
        teams: [
          { name: "Data Science", members: ["ann"] },
          { name: "ML Platform", members: ["ben"] },
        ],
      },
    });
    const gh = createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: "t" }, allowWrites: true, retryAfterBaseMs: 1, writeIntervalMs: 0, warn: () => {} });
    const writer = octokitSeatWriter(gh, "acme");
    expect(await writer.write("add_teams", ["data-science", "ml-platform"])).toEqual({ status: 201, count: 2 });
    expect(await writer.write("remove_teams", ["data-science"])).toEqual({ status: 200, count: 1 });
    await expect(writer.write("add_teams", ["no-such-team"])).rejects.toMatchObject({ status: 422 });
    const writes = emu.log.entries.filter((e) => e.method !== "GET");
    expect(writes.map((e) => e.body)).toEqual([
      { selected_teams: ["Data Science", "ML Platform"] },
      { selected_teams: ["Data Science"] },
      { selected_teams: ["no-such-team"] },
    ]);
    // One lookup per team, not per request or per member.
    expect(emu.log.count({ route: "GET /orgs/{org}/teams/{team_slug}" })).toBe(3);
  });
});
