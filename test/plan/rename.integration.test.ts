// A renamed account end to end against the emulator (control.renameUser: same id, new login on
// GitHub) while its member file still says the old login with its `id`: the full plan, the
// incremental plan of a PR that touches the file, reclaim and drift all follow the account by id.
// No cancel and re-add, no "left the organization"; the fix shown is the file rename.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../src/emulator/index.js";
import { loginSet, restrictPlan } from "../../src/plan/restrict.js";
import type { Plan } from "../../src/plan/types.js";
import { runCli } from "../helpers/cli.js";
import { tempSeatRepo, type TempRepo } from "../helpers/seat-repo.js";

const FIXTURE = path.resolve("test/fixtures/plan/basic");
const BASE = JSON.parse(readFileSync(path.join(FIXTURE, "seed.json"), "utf8")) as EmulatorSeed;
const NOW = "2026-01-15T12:00:00Z";
const NORA = "# the ML lead\nlogin: nora # GitHub login\nreason: ml work\nid: 4242\n";

let emu: RunningEmulator;
let repo: TempRepo;
beforeEach(async () => {
  repo = tempSeatRepo({ from: FIXTURE });
  writeFileSync(path.join(repo.dir, "seats/platform/nora.yaml"), NORA);
  repo.git("init", "-q", "-b", "main");
  repo.git("add", "-A");
  repo.git("commit", "-qm", "base");
  // nora (id 4242) holds a seat through the repo, last active 100 days ago; bob was active
  // yesterday (so the activity data is fresh enough for reclaim to judge inactivity).
  const seed: EmulatorSeed = {
    ...BASE,
    members: [...BASE.members, { login: "nora", id: 4242 }],
    teams: BASE.teams!.map((t) => (t.name === "Platform" ? { ...t, members: [...t.members!, "nora"] } : t)),
    seats: [
      ...BASE.seats!.map((s) => (s.login === "bob" ? { ...s, last_activity_at: "2026-01-14T09:00:00Z" } : s)),
      { login: "nora", created_at: "2025-01-10T00:00:00Z", last_activity_at: "2025-10-07T09:00:00Z" },
    ],
  };
  emu = await startEmulator({ seed, now: () => new Date(NOW) });
  emu.control.renameUser("nora", "nora-new");
});
afterEach(async () => {
  await emu.close();
  repo.remove();
});

async function run(...args: string[]) {
  const r = await runCli([...args, "--dir", repo.dir], emu.url);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

type PlanJson = Plan & { renames?: { id: number; from: string; to: string; files: string[] }[]; scope?: { mode: string; logins: string[] } };
async function planJson(...args: string[]): Promise<{ plan: PlanJson; out: string }> {
  const file = path.join(repo.dir, "..", `${path.basename(repo.dir)}-plan.json`);
  const r = await run("plan", "--json", file, ...args);
  expect(r.code, r.err).toBe(0);
  const plan = JSON.parse(readFileSync(file, "utf8")) as PlanJson;
  rmSync(file);
  return { plan, out: r.out };
}

const touchesNora = (p: Plan) => p.changes.filter((c) => /^nora/.test(c.target)).map((c) => `${c.action} ${c.target}`);
const RENAME = { id: 4242, from: "nora", to: "nora-new", files: ["seats/platform/nora.yaml"] };

describe("a renamed account, followed by the id in its member file", () => {
  it("full plan: no cancel and re-add; the plan shows the rename to make in the repo", async () => {
    const { plan, out } = await planJson();
    expect(touchesNora(plan)).toEqual([]);
    expect(plan.blocked.filter((b) => /^nora/.test(b.target))).toEqual([]);
    expect(plan.renames).toEqual([RENAME]);
    expect(out).toContain("~ rename nora → nora-new  (user id 4242): seats/platform/nora.yaml → seats/platform/nora-new.yaml, and set login: nora-new");
    expect(emu.log.count({ route: "GET /user/{account_id}" })).toBe(1);
  });

  it("incremental plan of a PR that edits the file: the new login is read and planned, equal to the full plan restricted to it", async () => {
    writeFileSync(path.join(repo.dir, "seats/platform/nora.yaml"), NORA.replace("ml work", "ml research"));
    emu.log.reset();
    const inc = await planJson("--base", "HEAD");
    expect(inc.out).toContain("Incremental plan: 1 login touched since HEAD (nora-new)");
    expect(inc.plan.scope).toMatchObject({ mode: "incremental", logins: ["nora-new"] });
    expect(touchesNora(inc.plan)).toEqual([]);
    expect(inc.plan.blocked).toEqual([]);
    expect(inc.plan.renames).toEqual([RENAME]);
    // The old login's seat and membership (404s), one id lookup, then the new login's reads.
    expect(emu.log.count({ route: "GET /user/{account_id}" })).toBe(1);
    expect(emu.log.count({ route: "GET /orgs/{org}/members/{username}/copilot" })).toBe(2);

    const full = await planJson();
    const pairs = [{ team: "platform", login: "nora-new", deleted: false }];
    const restricted = restrictPlan(full.plan, loginSet(["nora-new"]), { ...full.plan.summary, max_removal_ratio: full.plan.safety.max_removal_ratio, pairs });
    expect(restricted.checksum).toBe(inc.plan.checksum);
  });

  it("reclaim judges the seat by the new login's activity, never as someone who left the organization", async () => {
    const file = path.join(repo.dir, "..", `${path.basename(repo.dir)}-reclaim.json`);
    const r = await run("reclaim", "--now", NOW, "--json", file);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain("1 renamed account matched by id: nora → nora-new");
    type Report = { files: string[]; decisions: { login: string; reclaim: boolean; reason: string; files?: string[] }[] };
    const report = JSON.parse(readFileSync(file, "utf8")) as Report;
    rmSync(file);
    expect(report.decisions.filter((d) => /^nora/.test(d.login))).toEqual([expect.objectContaining({ login: "nora-new", reclaim: true, reason: "inactive", files: ["seats/platform/nora.yaml"] })]);
    expect(report.files).toContain("seats/platform/nora.yaml");

    // Once the account is active again under its new login, reclaim leaves its file alone (a
    // departed reading would delete it whatever the activity).
    emu.control.recordActivity("nora-new", new Date("2026-01-15T08:00:00Z"));
    const again = await run("reclaim", "--now", NOW, "--json", file);
    expect(again.code, again.err).toBe(0);
    const after = JSON.parse(readFileSync(file, "utf8")) as Report;
    rmSync(file);
    expect(after.decisions.filter((d) => /^nora/.test(d.login))).toEqual([expect.objectContaining({ login: "nora-new", reclaim: false })]);
    expect(after.files).not.toContain("seats/platform/nora.yaml");
  });

  it("drift proposes the file rename, old → new login, keeping the file's comments", async () => {
    const r = await run("drift");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/\| renamed \| `nora` \| account 4242 was renamed from nora to nora-new on GitHub/);
    expect(r.out).toContain("rename seats/platform/nora.yaml to nora-new.yaml");
    expect(r.out).toContain("would write seats/platform/nora-new.yaml");
    // The same adoption written locally: the file renamed, only its login changed.
    const merged = await run("import", "--merge");
    expect(merged.code, merged.err).toBe(0);
    expect(existsSync(path.join(repo.dir, "seats/platform/nora.yaml"))).toBe(false);
    expect(readFileSync(path.join(repo.dir, "seats/platform/nora-new.yaml"), "utf8")).toBe(NORA.replace("login: nora ", "login: nora-new "));
  });
});
