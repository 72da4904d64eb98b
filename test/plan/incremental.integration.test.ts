// `seats plan --base` / `seats apply --base` over real HTTP against the emulator: which read is
// chosen, what it costs in requests, and that the PR's plan and the merge's are one plan.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../src/emulator/index.js";
import { loginSet, restrictPlan } from "../../src/plan/restrict.js";
import type { Plan } from "../../src/plan/types.js";
import { captureIo } from "../helpers/io.js";
import { tempSeatRepo, type TempRepo } from "../helpers/seat-repo.js";

const FIXTURE = path.resolve("test/fixtures/plan/basic");
const SEED = JSON.parse(readFileSync(path.join(FIXTURE, "seed.json"), "utf8")) as EmulatorSeed;

let emu: RunningEmulator;
let repo: TempRepo;
beforeEach(async () => {
  emu = await startEmulator({ seed: SEED, now: () => new Date("2026-01-15T12:00:00Z") });
  repo = tempSeatRepo({ from: FIXTURE, git: true });
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

async function planWith(...args: string[]): Promise<{ plan: Plan & { scope?: { mode: string; requests: number } }; out: string; requests: number }> {
  const file = path.join(repo.dir, "..", `${path.basename(repo.dir)}-plan.json`);
  emu.log.reset();
  const r = await run("plan", "--json", file, ...args);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  const plan = JSON.parse(readFileSync(file, "utf8")) as Plan & { scope?: { mode: string; requests: number } };
  rmSync(file);
  return { plan, out: r.out, requests: emu.log.count() };
}

const member = (login: string) => `login: ${login}\nreason: needs Copilot\n`;
const changes = (p: Plan) => p.changes.map((c) => `${c.action} ${c.target}`);

describe("incremental plans against the emulator", () => {
  it("a self-add reads one seat, one org membership and its team memberships, and equals the full plan restricted to it", async () => {
    writeFileSync(path.join(repo.dir, "seats/platform/hank.yaml"), member("hank"));
    const inc = await planWith("--base", "HEAD");
    // Team memberships: the folder's team (platform: does `pulumi up` add hank?) and the fixture's
    // one copilot: team team (ml: a hand-added member would get a seat through it).
    expect(inc.out).toContain("Incremental plan: 1 login touched since HEAD (hank); read in 5 requests (paging everything: 6)");
    expect(inc.requests).toBe(5);
    expect(emu.log.count({ route: "GET /orgs/{org}/teams/{team_slug}/memberships/{username}" })).toBe(2);
    expect(inc.plan.teams.changes.map((c) => `${c.action} ${c.team} ${c.login}`)).toEqual(["add_member platform hank"]);
    expect(emu.log.count({ route: "GET /orgs/{org}/members/{username}/copilot" })).toBe(1);
    // One login: its REST membership check, no GraphQL query (that would save nothing).
    expect(emu.log.count({ route: "GET /orgs/{org}/members/{username}" })).toBe(1);
    expect(emu.log.count({ route: "POST /graphql" })).toBe(0);
    expect(changes(inc.plan)).toEqual(["readd hank"]);
    expect(inc.plan.scope).toMatchObject({ mode: "incremental", requests: 5 });

    // The full plan has the repo's other drift too; restricted to hank it is the same plan.
    const full = await planWith();
    expect(changes(full.plan).length).toBeGreaterThan(1);
    const s = full.plan.summary;
    const pairs = [{ team: "platform", login: "hank", deleted: false }];
    const restricted = restrictPlan(full.plan, loginSet(["hank"]), { ...s, max_removal_ratio: full.plan.safety.max_removal_ratio, pairs });
    expect(restricted.checksum).toBe(inc.plan.checksum);
    expect(restricted.teams.checksum).toBe(inc.plan.teams.checksum);
  });

  it("the merge's apply (first parent) accepts the PR's checksum and sends one write", async () => {
    writeFileSync(path.join(repo.dir, "seats/platform/hank.yaml"), member("hank"));
    const pr = await planWith("--base", "HEAD");
    repo.git("add", "-A");
    repo.git("commit", "-qm", "add hank");
    emu.log.reset();
    const r = await run("apply", "--confirm", "--base", "HEAD~1", "--checksum", pr.plan.checksum);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Incremental plan: 1 login touched since HEAD~1");
    expect(emu.log.count()).toBe(6);
    expect(emu.log.count({ mutating: true })).toBe(1);
    expect(emu.control.snapshot().seats?.find((x) => x.login === "hank")?.pending_cancellation_date ?? null).toBeNull();
  });

  it("pages instead when reading login by login would cost more, and the plan is the same value", async () => {
    writeFileSync(path.join(repo.dir, "seats/platform/hank.yaml"), member("hank"));
    rmSync(path.join(repo.dir, "seats/platform/leo.yaml"));
    const paged = await planWith("--base", "HEAD");
    expect(paged.plan.scope?.mode).toBe("paged");
    expect(paged.out).toMatch(/read by paging \(\d+ requests\): reading 2 logins one by one \(up to 10 requests\) costs more than paging \(6\)/);
    expect(changes(paged.plan)).toEqual(["readd hank", "cancel leo"]);
    const full = await planWith();
    const restricted = restrictPlan(full.plan, loginSet(["hank", "leo"]), { ...full.plan.summary, max_removal_ratio: 0.5 });
    expect(restricted.checksum).toBe(paged.plan.checksum);
  });

  it.each([
    ["policies/policy.yaml", "org: acme\nseats:\n  unmanaged: keep\n", "policies/policy.yaml changed"],
    ["seats/ml/gina.yaml", member("gina"), "seats/ml/gina.yaml is in a copilot: team team"],
    ["seats/guests/_team.yaml", "name: Guests\ncopilot: users\n", "seats/guests/_team.yaml changed"],
  ])("a change to %s gives a full plan, and says why", async (file, text, why) => {
    writeFileSync(path.join(repo.dir, file), text);
    const r = await planWith("--base", "HEAD");
    expect(r.plan.scope?.mode).toBe("full");
    expect(r.out).toContain(`Full plan (${why}`);
    const full = await planWith();
    expect(r.plan.checksum).toBe(full.plan.checksum);
  });

  it("refuses --full with --base, --base-repo without --base, and a base that is no commit", async () => {
    expect((await run("plan", "--full", "--base", "HEAD")).code).toBe(2);
    expect((await run("plan", "--base-repo", repo.dir)).code).toBe(2);
    const bad = await run("plan", "--base", "no-such-ref");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--base no-such-ref is not a commit");
  });
});
