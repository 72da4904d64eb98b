// The demo in enterprise mode: this repo's example seats/ with enterprise billing and Data Science
// as an enterprise team, against the second built-in seed (src/emulator/seeds/enterprise.yaml).
// The plan adds frank-ops and cancels old-contractor at the enterprise; apply sends exactly that;
// the next plan is empty.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { Plan } from "../../src/plan/types.js";
import { captureIo } from "../helpers/io.js";
import { REPO_ROOT, tempSeatRepo, type TempRepo } from "../helpers/seat-repo.js";

let emu: RunningEmulator;
let repo: TempRepo;
beforeAll(async () => {
  repo = tempSeatRepo();
  const policy = path.join(repo.dir, "policies/policy.yaml");
  writeFileSync(policy, readFileSync(policy, "utf8").replace(/^org: acme-corp$/m, "org: acme-corp\nenterprise: acme-enterprise\ncopilot:\n  billing: enterprise"));
  const ds = path.join(repo.dir, "seats/data-science/_team.yaml");
  writeFileSync(ds, `${readFileSync(ds, "utf8")}enterprise_team: true\n`);
  emu = await startEmulator({ seed: path.join(REPO_ROOT, "src/emulator/seeds/enterprise.yaml"), now: () => new Date("2026-07-01T12:00:00Z") });
});
afterAll(async () => {
  await emu.close();
  repo.remove();
});

async function run(args: string[]) {
  const io = captureIo();
  const env = { GITHUB_TOKEN: "test-token", GITHUB_API_URL: emu.url, SEATS_RETRY_BASE_MS: "1", SEATS_WRITE_INTERVAL_MS: "0" };
  const code = await main([...args, "--dir", repo.dir], { io, env });
  return { code, out: io.stdout, err: io.stderr };
}

async function planJson(): Promise<Plan> {
  const file = path.join(repo.dir, "plan.json");
  const r = await run(["plan", "--json", file]);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(readFileSync(file, "utf8")) as Plan;
}

describe("the demo in enterprise mode", () => {
  it("validates, plans at the enterprise, applies, and converges", async () => {
    expect((await run(["validate"])).code).toBe(0);
    const p = await planJson();
    expect(p.changes.map((c) => `${c.action} ${c.target}`)).toEqual(["add frank-ops", "cancel old-contractor"]);
    const r = await run(["apply", "--confirm", "--checksum", p.checksum]);
    expect(r.code).toBe(0);
    expect(emu.log.entries.filter((e) => e.method !== "GET").map((e) => [e.route, e.body])).toEqual([
      ["POST /enterprises/{enterprise}/copilot/billing/selected_users", { selected_usernames: ["frank-ops"] }],
      ["DELETE /enterprises/{enterprise}/copilot/billing/selected_users", { selected_usernames: ["old-contractor"] }],
    ]);
    expect((await planJson()).changes).toEqual([]);
  });
});
