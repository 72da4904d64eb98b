// `seats emulator --faults …`: failures can be rehearsed from the command line, and the CLI only
// loads the emulator when this command runs.
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { parseFaults } from "../../src/cli/commands/emulator.js";
import { captureIo } from "../helpers/io.js";

describe("seats emulator --faults", () => {
  it.each([
    ["error=0.5", { errorRate: 0.5 }],
    ["error=0.1, secondary=0.05,drop=0.02,lost=0.01", { errorRate: 0.1, secondaryRateLimitRate: 0.05, dropRate: 0.02, lostResponseRate: 0.01 }],
    ["latency=200,retry-after=3,max=5,seed=7", { latencyMs: 200, retryAfterSeconds: 3, maxFaults: 5, seed: 7 }],
    ["match=^POST /orgs", { match: "^POST /orgs" }],
  ])("%s", (spec, want) => expect(parseFaults(spec)).toEqual(want));

  it.each([
    ["error=2", "error must be a probability from 0 to 1"],
    ["latency=-1", "latency must be a whole number"],
    ["bogus=1", 'unknown key "bogus"'],
    ["error", '"error" is not key=value'],
    ["match=(", "match must be a regular expression"],
  ])("%s is a usage error", async (spec, says) => {
    const io = captureIo();
    expect(await main(["emulator", "--faults", spec], { io, env: {}, signal: new AbortController().signal })).toBe(2);
    expect(io.stderr).toContain(says);
  });

  it("names every org it serves: a seed's other_orgs too", async () => {
    const io = captureIo();
    const controller = new AbortController();
    const done = main(["emulator", "--port", "0", "--seed", "test/fixtures/plan/orgs/seed.yaml"], { io, env: {}, signal: controller.signal });
    for (let i = 0; i < 300 && !io.stderr.includes("stop with Ctrl-C"); i++) await new Promise((r) => setTimeout(r, 10));
    expect(io.stderr).toMatch(/ {2}org: acme \(6 members, 1 team, \d+ Copilot seats?, seat management: assign_selected\)\n {2}org: acme-labs \(6 members, 2 teams, 1 Copilot seat, seat management: assign_selected\)\n/);
    controller.abort();
    expect(await done).toBe(0);
  });

  it("serves with the faults it was given", async () => {
    const io = captureIo();
    const controller = new AbortController();
    const done = main(["emulator", "--port", "0", "--faults", "error=1,seed=1"], { io, env: {}, signal: controller.signal });
    for (let i = 0; i < 300 && io.stdout === ""; i++) await new Promise((r) => setTimeout(r, 10));
    const url = io.stdout.trim();
    const res = await fetch(`${url}/orgs/acme-corp/copilot/billing`, { headers: { authorization: "token t", "user-agent": "t" } });
    expect([502, 503]).toContain(res.status);
    expect(io.stderr).toContain("faults: error=1,seed=1");
    controller.abort();
    expect(await done).toBe(0);
  });
});
