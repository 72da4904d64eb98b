// `seats drift` and `seats import --merge` over real HTTP against the emulator: the out-of-band
// changes of the basic fixture (a seat granted by hand, a declared seat that is gone, a team not
// yet assigned), one PR that adopts the hand-granted seat, and a local merge of the same files.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../src/emulator/index.js";
import { captureIo } from "../helpers/io.js";
import { tempSeatRepo, type TempRepo } from "../helpers/seat-repo.js";

const FIXTURE = path.resolve("test/fixtures/plan/basic");
const BASE_SEED = JSON.parse(readFileSync(path.join(FIXTURE, "seed.json"), "utf8")) as EmulatorSeed;

let emu: RunningEmulator;
let repo: TempRepo;
beforeEach(async () => {
  repo = tempSeatRepo({ from: FIXTURE });
  emu = await startEmulator({ seed: { ...BASE_SEED, repos: [{ full_name: "acme/seats", files: repo.files() }] }, now: () => new Date("2026-01-15T12:00:00Z") });
});
afterEach(async () => {
  await emu.close();
  repo.remove();
});

async function run(...args: string[]) {
  const io = captureIo();
  const env = { GITHUB_TOKEN: "t", GITHUB_API_URL: emu.url, SEATS_RETRY_BASE_MS: "1", SEATS_WRITE_INTERVAL_MS: "0" };
  const code = await main([...args, "--dir", repo.dir], { io, env });
  return { code, out: io.stdout, err: io.stderr };
}

describe("seats drift", () => {
  it("shows what changed outside the repo and, without --confirm, writes nothing", async () => {
    const r = await run("drift");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\| seat granted \| `gina` \| gina holds a seat that the repo does not declare/);
    expect(r.out).toMatch(/\| seat missing \| `alice` \|/);
    expect(r.out).toContain("would write seats/copilot-users/gina.yaml");
    expect(r.out).toContain("would write seats/copilot-users/_team.yaml");
    expect(emu.log.count({ mutating: true })).toBe(0);
  });

  it("opens one PR that adopts the hand-granted seat, and the next run finds it instead of opening a second", async () => {
    const first = await run("drift", "--confirm", "--repo", "acme/seats");
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/created #\d+/);
    const files = emu.control.readBranch("acme/seats", "seats/drift")!;
    expect(files["seats/copilot-users/gina.yaml"]).toContain("login: gina");
    expect(files["seats/copilot-users/_team.yaml"]).toContain("copilot: users");
    const again = await run("drift", "--confirm", "--repo", "acme/seats");
    expect(again.out).toMatch(/unchanged #\d+/);
    const pulls = emu.log.count({ route: "POST /repos/{owner}/{repo}/pulls" });
    expect(pulls).toBe(1);
  });
});

describe("seats import --merge", () => {
  it("writes member files for seats declared nowhere and keeps every existing file", async () => {
    const before = readFileSync(path.join(repo.dir, "seats/platform/alice.yaml"), "utf8");
    const r = await run("import", "--merge");
    expect(r.code).toBe(0);
    expect(r.out).toContain("wrote seats/copilot-users/gina.yaml");
    expect(existsSync(path.join(repo.dir, "seats/copilot-users/gina.yaml"))).toBe(true);
    expect(readFileSync(path.join(repo.dir, "seats/platform/alice.yaml"), "utf8")).toBe(before);
    const plan = await run("plan");
    expect(plan.out).not.toMatch(/cancel\s+gina/);
    const twice = await run("import", "--merge");
    expect(twice.out).toContain("nothing to adopt");
  });
});

describe("a renamed account, matched by the id in its member file", () => {
  it("is planned under its new login (no cancel and re-add), and drift proposes the file rename", async () => {
    await emu.close();
    writeFileSync(path.join(repo.dir, "seats/platform/nora.yaml"), "login: nora\nreason: ml work\nid: 4242\n");
    // On GitHub the account 4242 is now `nora-new`; it is an org member and holds its seat.
    const seed: EmulatorSeed = {
      ...BASE_SEED,
      members: [...BASE_SEED.members, { login: "nora-new", id: 4242 }],
      seats: [...(BASE_SEED.seats ?? []), { login: "nora-new", created_at: "2025-01-10T00:00:00Z" }],
      repos: [{ full_name: "acme/seats", files: repo.files() }],
    };
    emu = await startEmulator({ seed, now: () => new Date("2026-01-15T12:00:00Z") });
    const plan = await run("plan");
    expect(plan.code).toBe(0);
    // No seat change for the account (it keeps its seat), no "nora is not a member" block; the
    // team half adds the account to its team under the new login.
    expect(plan.out).not.toMatch(/^  [-+~] (cancel|add|re-add) +nora[\w-]* {2,}/m);
    expect(plan.out).not.toMatch(/! nora/);
    expect(plan.out).toContain("+ add nora-new to platform");
    expect(emu.log.count({ route: "GET /user/{account_id}" })).toBe(1);

    const drift = await run("drift", "--confirm", "--repo", "acme/seats");
    expect(drift.out).toMatch(/\| renamed \| `nora` \| account 4242 was renamed from nora to nora-new/);
    const files = emu.control.readBranch("acme/seats", "seats/drift")!;
    expect(files["seats/platform/nora.yaml"]).toBeUndefined();
    expect(files["seats/platform/nora-new.yaml"]).toMatch(/login: nora-new\nreason: ml work\nid: 4242/);

    const merged = await run("import", "--merge");
    expect(merged.out).toContain("wrote seats/platform/nora.yaml (deleted)");
    expect(existsSync(path.join(repo.dir, "seats/platform/nora-new.yaml"))).toBe(true);
    const after = await run("plan");
    expect(after.out).not.toMatch(/^  [-+~] (cancel|add|re-add) +nora[\w-]* {2,}/m);
    // plan, drift and merge each looked the id up once; the renamed files need no lookup any more.
    expect(emu.log.count({ route: "GET /user/{account_id}" })).toBe(3);
  });
});

