// Several orgs in one repo (`orgs:` in policy.yaml, `org:` in _team.yaml) through the CLI against
// one emulator serving both orgs: each org is read and written through its own endpoints, each
// change names its org, a person declared in two orgs is one declared holder shown once with
// every org, and apply sends every org's writes (adds before cancels) until the plan is empty.
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { Plan } from "../../src/plan/types.js";
import { testApp } from "../helpers/app-credentials.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/seat-repo.js";

const FIXTURE = path.resolve("test/fixtures/plan/orgs");
const NOW = new Date("2026-01-15T12:00:00Z");
const tmp = tempDir("seats-orgs-plan-");
let emu: RunningEmulator;
afterEach(() => emu?.close());
afterAll(() => rmSync(tmp.dir, { recursive: true, force: true }));

const cli = (args: string[]) => runCli([...args, "--dir", FIXTURE], emu.url);

async function planJson(): Promise<Plan> {
  const file = path.join(tmp.dir, `plan-${Math.random().toString(36).slice(2)}.json`);
  const r = await cli(["plan", "--json", file]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(readFileSync(file, "utf8")) as Plan;
}

/** A copy of the fixture, for a command that writes into its --dir (import --merge). */
function scratchCopy(): string {
  const dir = path.join(tmp.dir, `copy-${Math.random().toString(36).slice(2)}`);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

const changes = (p: Plan) => p.changes.map((c) => `${c.action} ${c.target} in ${c.org}`);

describe("a repo that manages two orgs", () => {
  it("plans each org through its own endpoints, naming the org of every change; people are counted once", async () => {
    emu = await startEmulator({ seed: path.join(FIXTURE, "seed.yaml"), now: () => NOW });
    const p = await planJson();
    expect(p.orgs).toEqual(["acme", "acme-labs"]);
    expect(changes(p)).toEqual([
      "add_team lab-ml in acme-labs",
      "add alice in acme-labs",
      "add bob in acme",
      "add dana in acme-labs",
      "add hana in acme",
      "add hana in acme-labs",
      "readd carol in acme",
      "cancel frank in acme",
      "cancel gus in acme-labs",
    ]);
    expect(p.teams.changes.map((c) => `${c.action} ${c.login} ${c.team} in ${c.org}`)).toEqual(["add_member hana research in acme-labs"]);
    // alice and hana hold seats in both orgs' files: 6 people, not 8 seats.
    expect(p.summary).toMatchObject({ declared: 6, current_seats: 3, pending_seats: 1, adds: 5, cancels: 2 });
    expect(p.safety.refusals).toEqual([]);
    const orgsRead = new Set(emu.log.entries.filter((e) => e.path.startsWith("/orgs/")).map((e) => e.path.split("/")[2]));
    expect([...orgsRead].sort()).toEqual(["acme", "acme-labs"]);
    expect(emu.log.count({ mutating: true })).toBe(0);
  });

  it("shows a person once with every org in the text and the PR comment", async () => {
    emu = await startEmulator({ seed: path.join(FIXTURE, "seed.yaml"), now: () => NOW });
    const md = path.join(tmp.dir, "plan.md");
    const r = await cli(["plan", "--markdown", md]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(r.stdout).toContain("Copilot seat plan for acme, acme-labs:");
    const hana = lines.findIndex((l) => /\+ add +hana +acme +declared in seats\/platform\/hana\.yaml/.test(l));
    expect(hana).toBeGreaterThan(0);
    expect(lines[hana + 1]).toMatch(/^ +acme-labs +declared in seats\/research\/hana\.yaml$/);
    expect(r.stdout).toContain("+ add hana to research in acme-labs");
    const comment = readFileSync(md, "utf8");
    expect(comment).toContain("### Copilot seat plan for `acme`, `acme-labs`");
    expect(comment).toContain("| ➕ | add | `hana` | `acme` | declared in seats/platform/hana.yaml |");
    expect(comment).toContain("| ➕ | add | 〃 | `acme-labs` | declared in seats/research/hana.yaml |");
  });

  it("applies the reviewed plan to each org's endpoints, every add before any cancel, until nothing is left", async () => {
    emu = await startEmulator({ seed: path.join(FIXTURE, "seed.yaml"), now: () => NOW });
    const reviewed = await planJson();
    emu.log.reset();
    const r = await cli(["apply", "--confirm", "--checksum", reviewed.checksum]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("ok    POST /orgs/acme-labs/copilot/billing/selected_users (batch: 3 logins) → 201, 3");
    const writes = emu.log.entries.filter((e) => e.method !== "GET").map((e) => [`${e.method} ${e.path}`, e.body]);
    expect(writes).toEqual([
      ["POST /orgs/acme-labs/copilot/billing/selected_teams", { selected_teams: ["Lab ML"] }],
      ["POST /orgs/acme/copilot/billing/selected_users", { selected_usernames: ["bob", "hana", "carol"] }],
      ["POST /orgs/acme-labs/copilot/billing/selected_users", { selected_usernames: ["alice", "dana", "hana"] }],
      ["DELETE /orgs/acme/copilot/billing/selected_users", { selected_usernames: ["frank"] }],
      ["DELETE /orgs/acme-labs/copilot/billing/selected_users", { selected_usernames: ["gus"] }],
    ]);
    const snap = emu.control.snapshot();
    const live = (seats: typeof snap.seats) => (seats ?? []).filter((s) => !s.pending_cancellation_date).map((s) => s.login).sort();
    expect(live(snap.seats)).toEqual(["alice", "bob", "carol", "hana"]);
    expect(live(snap.other_orgs![0]!.seats)).toEqual(["alice", "dana", "erin", "hana"]);
    // frank leaves at acme's next cycle, gus at acme-labs' (each org has its own).
    expect(snap.seats!.find((s) => s.login === "frank")!.pending_cancellation_date).toBe("2026-02-01");
    expect(snap.other_orgs![0]!.seats!.find((s) => s.login === "gus")!.pending_cancellation_date).toBe("2026-01-20");
    expect(changes(await planJson())).toEqual([]);
  });

  it.each(["plan", "apply", "reclaim", "drift", "import --merge"])("%s refuses GitHub App credentials (an installation is one org's) before any request, with the fix", async (command) => {
    emu = await startEmulator({ seed: path.join(FIXTURE, "seed.yaml"), now: () => NOW });
    const dir = command.startsWith("import") ? scratchCopy() : FIXTURE;
    const r = await runCli([...command.split(" "), "--dir", dir], emu.url, { GITHUB_TOKEN: "", ...testApp().env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/manages several orgs \(acme, acme-labs\), but the credentials are a GitHub App installation/);
    expect(r.stderr).toContain("set GITHUB_TOKEN to a token of an owner of every org");
    expect(emu.log.entries).toHaveLength(0);
  });

  it.each([
    { name: "an installation token (what a workflow's App step mints)", token: "ghs_abcdefghijklmnopqrstuvwxyz0123456789", want: "a GitHub App installation token, which belongs to one org" },
    { name: "a fine-grained token (one resource owner)", token: "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", want: "a fine-grained token, which belongs to one org" },
  ].flatMap((t) =>
    [
      { ...t, command: "plan", dir: FIXTURE, says: "policies/policy.yaml manages several orgs (acme, acme-labs)" },
      { ...t, command: "drift", dir: FIXTURE, says: "policies/policy.yaml manages several orgs (acme, acme-labs)" },
      { ...t, command: "import --merge", dir: "copy", says: "policies/policy.yaml manages several orgs (acme, acme-labs)" },
      // import --org reads no policy.yaml: the message names what asked for several orgs.
      { ...t, command: "import --org acme --org acme-labs", dir: path.join(tmp.dir, "import-target"), says: "--org imports several orgs (acme, acme-labs)" },
    ],
  ))("$command refuses $name as GITHUB_TOKEN before any request, and never prints it", async ({ token, want, command, dir, says }) => {
    emu = await startEmulator({ seed: path.join(FIXTURE, "seed.yaml"), now: () => NOW });
    const r = await runCli([...command.split(" "), "--dir", dir === "copy" ? scratchCopy() : dir], emu.url, { GITHUB_TOKEN: token });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${says}, but the credentials are ${want}`);
    expect(r.stderr + r.stdout).not.toContain("abcdefghijklmnopqrstuvwxyz");
    expect(emu.log.entries).toHaveLength(0);
  });

  it("an org in orgs: that GitHub does not know is named in the refusal as the login to check", async () => {
    emu = await startEmulator({ seed: path.join(FIXTURE, "seed.yaml"), now: () => NOW });
    const dir = scratchCopy();
    writeFileSync(path.join(dir, "policies/policy.yaml"), "org: acme\norgs: [acme, acme-labs, acme-lab]\n");
    const r = await runCli(["plan", "--dir", dir], emu.url);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot read Copilot settings of organization "acme-lab" (HTTP 404): check that `acme-lab` in policies/policy.yaml is right');
  });

  it("drift adopts each org's hand-granted seat into a folder of that org, and the merged files plan no cancel", async () => {
    emu = await startEmulator({ seed: path.join(FIXTURE, "seed.yaml"), now: () => NOW });
    const dry = await cli(["drift"]);
    expect(dry.stderr).toBe("");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("made on GitHub outside the repo (acme, acme-labs)");
    expect(dry.stdout).toMatch(/\| seat granted \| `frank` \| frank holds a seat in acme that the repo does not declare/);
    expect(dry.stdout).toMatch(/\| seat granted \| `gus` \| gus holds a seat in acme-labs that the repo does not declare/);
    expect(dry.stdout).toContain("would write seats/copilot-users/frank.yaml");
    expect(dry.stdout).toContain("would write seats/copilot-users-acme-labs/gus.yaml");
    expect(emu.log.count({ mutating: true })).toBe(0);
    // import --merge writes the same files into a checkout; the next plan keeps both seats.
    const copy = path.join(tmp.dir, "merged");
    cpSync(FIXTURE, copy, { recursive: true });
    const merged = await runCli(["import", "--merge", "--dir", copy], emu.url);
    expect(merged.stderr).toBe("");
    expect(merged.code).toBe(0);
    expect(readFileSync(path.join(copy, "seats/copilot-users-acme-labs/_team.yaml"), "utf8")).toMatch(/org: acme-labs\ncopilot: users/);
    expect(readFileSync(path.join(copy, "seats/copilot-users/_team.yaml"), "utf8")).not.toContain("org:");
    const file = path.join(tmp.dir, "merged-plan.json");
    const r = await runCli(["plan", "--dir", copy, "--json", file], emu.url);
    expect(r.code).toBe(0);
    const after = (JSON.parse(readFileSync(file, "utf8")) as Plan).changes.filter((c) => c.action === "cancel");
    expect(after).toEqual([]);
    expect(emu.log.count({ mutating: true })).toBe(0);
  });

  it("a single-org repo's plan names no org and has no orgs list", async () => {
    emu = await startEmulator({ seed: path.join(FIXTURE, "seed.yaml"), now: () => NOW });
    const single = tempDir("seats-single-");
    try {
      const file = path.join(single.dir, "plan.json");
      const r = await runCli(["plan", "--dir", path.resolve("test/fixtures/plan/orgs-single"), "--json", file], emu.url);
      expect(r.code).toBe(0);
      const p = JSON.parse(readFileSync(file, "utf8")) as Plan;
      expect(p.orgs).toBeUndefined();
      expect(p.changes.every((c) => c.org === undefined)).toBe(true);
      expect(r.stdout).toContain("Copilot seat plan for acme:");
    } finally {
      single.remove();
    }
  });
});
