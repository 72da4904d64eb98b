// `seats plan --base` in a repo that manages two orgs (test/fixtures/plan/orgs): the touched
// logins are planned in every org, each org read login by login through its own endpoints, and
// the plan is the full plan restricted to those logins (same checksum), on the PR and on merge.
import { rmSync, writeFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../src/emulator/index.js";
import { loginSet, restrictPlan } from "../../src/plan/restrict.js";
import type { Plan } from "../../src/plan/types.js";
import { runCli } from "../helpers/cli.js";
import { tempSeatRepo, type TempRepo } from "../helpers/seat-repo.js";

const FIXTURE = path.resolve("test/fixtures/plan/orgs");

/** The fixture's two orgs, each with 1,000 more seats (undeclared, kept out of the plan's scope), so paging costs more than a few per-login reads. */
function bigSeed(): EmulatorSeed {
  const seed = parse(readFileSync(path.join(FIXTURE, "seed.yaml"), "utf8")) as EmulatorSeed & { other_orgs: EmulatorSeed[] };
  for (const [i, org] of [seed, seed.other_orgs[0]!].entries()) {
    const filler = Array.from({ length: 1000 }, (_, n) => `filler-${i}-${n}`);
    org.members = [...(org.members ?? []), ...filler];
    org.seats = [...(org.seats ?? []), ...filler.map((login) => ({ login, created_at: "2025-06-01T09:00:00Z", last_activity_at: "2026-01-14T10:00:00Z" }))];
  }
  return seed;
}

let emu: RunningEmulator;
let repo: TempRepo;
beforeEach(async () => {
  emu = await startEmulator({ seed: bigSeed(), now: () => new Date("2026-01-15T12:00:00Z") });
  repo = tempSeatRepo({ from: FIXTURE, git: true });
});
afterEach(async () => {
  await emu.close();
  repo.remove();
});

type Scoped = Plan & { scope?: { mode: string; requests: number; logins: string[] } };

async function planWith(...args: string[]): Promise<{ plan: Scoped; out: string; requests: number }> {
  const file = path.join(repo.dir, "..", `${path.basename(repo.dir)}-plan.json`);
  emu.log.reset();
  const r = await runCli(["plan", "--dir", repo.dir, "--json", file, ...args], emu.url);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const plan = JSON.parse(readFileSync(file, "utf8")) as Scoped;
  rmSync(file);
  return { plan, out: r.stdout, requests: emu.log.count() };
}

const changes = (p: Plan) => p.changes.map((c) => `${c.action} ${c.target} in ${c.org}`);

describe("incremental plans of two orgs", () => {
  it("plans the touched logins in every org at the cost of the change, and equals the full plan restricted to them", async () => {
    // frank (acme member only) asks for a seat in acme-labs' research; hana leaves research.
    writeFileSync(path.join(repo.dir, "seats/research/frank.yaml"), "login: frank\nreason: research\n");
    rmSync(path.join(repo.dir, "seats/research/hana.yaml"));
    const inc = await planWith("--base", "HEAD");
    expect(inc.plan.scope).toMatchObject({ mode: "incremental", logins: ["frank", "hana"] });
    expect(inc.out).toMatch(/^Incremental plan: 2 logins touched since HEAD \(frank, hana\); read in 14 requests \(paging everything: 49\)/m);
    // Their entries in both orgs: frank's undeclared acme seat and hana's missing one in acme
    // were there before the change, and the full plan restricted to them has them too.
    expect(changes(inc.plan)).toEqual(["add hana in acme", "cancel frank in acme"]);
    expect(inc.plan.blocked.map((b) => `${b.kind} ${b.target} in ${b.org}`)).toEqual(["not_org_member frank in acme-labs"]);
    // No list was paged: per-login reads of each org.
    expect(emu.log.count({ route: "GET /orgs/{org}/copilot/billing/seats" })).toBe(0);
    expect(emu.log.count({ route: "GET /orgs/{org}/members" })).toBe(0);
    const orgsRead = new Set(emu.log.entries.filter((e) => e.path.startsWith("/orgs/")).map((e) => e.path.split("/")[2]));
    expect([...orgsRead].sort()).toEqual(["acme", "acme-labs"]);
    expect(inc.requests).toBe(inc.plan.scope!.requests);

    const full = await planWith("--full", "--force");
    expect(full.plan.changes.length).toBeGreaterThan(inc.plan.changes.length);
    const pairs = [
      { team: "research", login: "frank", deleted: false },
      { team: "research", login: "hana", deleted: true },
    ];
    const restricted = restrictPlan(full.plan, loginSet(["frank", "hana"]), { ...full.plan.summary, max_removal_ratio: full.plan.safety.max_removal_ratio, pairs });
    // (--force: the full plan would cancel the 2,000 filler seats, which the removal guard refuses.)
    expect(restricted.checksum).toBe(inc.plan.checksum);
    expect(restricted.teams.checksum).toBe(inc.plan.teams.checksum);

    // On merge, the first parent gives the same plan.
    repo.git("add", "-A");
    repo.git("commit", "-qm", "frank joins research, hana leaves it");
    const merge = await planWith("--base", "HEAD~1");
    expect(merge.plan.checksum).toBe(inc.plan.checksum);
    expect(merge.plan.teams.checksum).toBe(inc.plan.teams.checksum);
    // The merge's apply reads the same way and sends each org's writes to that org (GraphQL reads are POSTs).
    emu.log.reset();
    const apply = await runCli(["apply", "--dir", repo.dir, "--base", "HEAD~1", "--confirm", "--checksum", inc.plan.checksum], emu.url);
    expect(apply.stderr).toBe("");
    expect(emu.log.entries.filter((e) => e.method !== "GET" && e.path !== "/graphql").map((e) => `${e.method} ${e.path} ${JSON.stringify(e.body)}`)).toEqual([
      'POST /orgs/acme/copilot/billing/selected_users {"selected_usernames":["hana"]}',
      'DELETE /orgs/acme/copilot/billing/selected_users {"selected_usernames":["frank"]}',
    ]);
    // frank stays blocked in acme-labs (not a member): this change introduced it, so exit 1.
    expect(apply.code).toBe(1);
  });

  it("a change to a _team.yaml still plans every org in full", async () => {
    writeFileSync(path.join(repo.dir, "seats/research/_team.yaml"), "name: Research\norg: acme-labs\ncopilot: users\ndescription: research\n");
    const inc = await planWith("--base", "HEAD", "--force");
    expect(inc.plan.scope).toMatchObject({ mode: "full" });
    const paged = emu.log.entries.filter((e) => e.route === "GET /orgs/{org}/copilot/billing/seats").map((e) => e.path.split("/")[2]);
    expect([...new Set(paged)].sort()).toEqual(["acme", "acme-labs"]);
  });
});
