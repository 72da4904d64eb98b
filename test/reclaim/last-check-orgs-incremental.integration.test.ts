// The last check on the merge of a reclaim PR in a repo of two orgs, planned incrementally
// (`--base`, as the merge workflow plans): kim, reclaimed while idle in both orgs, used Copilot in
// acme-labs after the PR's snapshot; the incremental plan read her seat in both orgs, so both of
// her cancellations are skipped, and lee's go through.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { EmulatorSeed } from "../../src/emulator/types.js";
import { cleanupAfterEach, getJson, LAST_CHECK_TIMES, REPO, runCli, writeTreeFiles } from "./world.js";

const { NOW, LATER, OLD, RECENT } = LAST_CHECK_TIMES;
const cleanup = cleanupAfterEach();

const FILES = {
  "policies/policy.yaml": "org: acme\norgs: [acme, acme-labs]\n",
  "seats/platform/_team.yaml": "name: platform\ncopilot: users\n",
  "seats/platform/ann.yaml": "login: ann\nreason: dev\n",
  "seats/platform/kim.yaml": "login: kim\nreason: dev\n",
  "seats/platform/lee.yaml": "login: lee\nreason: dev\n",
  "seats/research/_team.yaml": "name: research\norg: acme-labs\ncopilot: users\n",
  "seats/research/ann.yaml": "login: ann\nreason: research\n",
  "seats/research/kim.yaml": "login: kim\nreason: research\n",
};

/** Each org with 500 active seats nobody declares, so reading two logins beats paging; ann is declared and active in both. */
function seed(): Omit<EmulatorSeed, "repos"> {
  const filler = (tag: string) => Array.from({ length: 500 }, (_, i) => `busy-${tag}-${i}`);
  const seats = (logins: string[]) => logins.map((login) => ({ login, created_at: OLD, last_activity_at: RECENT }));
  return {
    org: { login: "acme" },
    viewer: "admin",
    next_billing_cycle: "2025-07-01",
    members: [{ login: "admin", role: "admin" }, "ann", "kim", "lee", ...filler("a")],
    // Nobody reclaimed is a team member on GitHub (else a removal is read by paging: the team's whole list decides).
    teams: [{ name: "platform", members: ["admin"] }],
    seats: [{ login: "kim", created_at: OLD, last_activity_at: OLD }, { login: "lee", created_at: OLD, last_activity_at: OLD }, ...seats(["ann", ...filler("a")])],
    other_orgs: [
      {
        org: { login: "acme-labs" },
        next_billing_cycle: "2025-06-15",
        members: [{ login: "admin", role: "admin" }, "ann", "kim", ...filler("l")],
        teams: [{ name: "research", members: ["admin"] }],
        seats: [{ login: "kim", created_at: OLD, last_activity_at: OLD }, ...seats(["ann", ...filler("l")])],
      },
    ],
  };
}

describe("the last check of an incremental plan of two orgs", () => {
  it("reads the reclaimed person's seat in every org and skips both cancellations when she was active in one", async () => {
    const t = writeTreeFiles(FILES, "seats-lastcheck-orgs-");
    cleanup.push(t.remove);
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: t.dir, stdio: "pipe" });
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-qm", "base");
    const emu: RunningEmulator = await startEmulator({ now: () => NOW, seed: { ...seed(), repos: [{ full_name: REPO, default_branch: "main", files: FILES }] } });
    cleanup.push(() => emu.close());

    expect((await runCli(["reclaim", "--dir", t.dir, "--repo", REPO, "--now", NOW.toISOString(), "--confirm", "--allow-stale-activity"], emu.url)).code).toBe(0);
    const [pull] = await getJson<{ number: number }[]>(emu.url, `/repos/${REPO}/pulls?state=open`);
    emu.control.recordActivity("kim", LATER, undefined, "acme-labs");
    emu.control.mergePull(REPO, pull!.number);
    // The checkout at the merge: the PR's deletions against its first parent (HEAD here).
    const main = emu.control.readBranch(REPO, "main")!;
    for (const f of Object.keys(FILES)) if (!(f in main)) rmSync(path.join(t.dir, f));
    expect(Object.keys(FILES).filter((f) => !(f in main)).sort()).toEqual(["seats/platform/kim.yaml", "seats/platform/lee.yaml", "seats/research/kim.yaml"]);

    const reviewedFile = path.join(t.dir, "..", `${path.basename(t.dir)}-reviewed.json`);
    cleanup.push(() => rmSync(reviewedFile, { force: true }));
    const plan = await runCli(["plan", "--dir", t.dir, "--base", "HEAD", "--json", reviewedFile], emu.url);
    expect(plan.stdout).toMatch(/^Incremental plan: 2 logins touched since HEAD \(kim, lee\)/m);
    const reviewed = JSON.parse(readFileSync(reviewedFile, "utf8")) as { checksum: string; changes: { action: string; target: string; org: string }[] };
    expect(reviewed.changes.map((c) => `${c.action} ${c.target} ${c.org}`)).toEqual(["cancel kim acme", "cancel kim acme-labs", "cancel lee acme"]);

    emu.log.reset();
    const applied = await runCli(["apply", "--dir", t.dir, "--base", "HEAD", "--confirm", "--checksum", reviewed.checksum], emu.url, { SEATS_RECLAIM_REPO: REPO });
    expect(applied.stderr).toBe("");
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/kept {2}kim: used Copilot on 2025-06-01T03:00:00Z/);
    expect(emu.log.entries.filter((e) => e.method === "DELETE").map((e) => `${e.path} ${JSON.stringify(e.body)}`)).toEqual([
      '/orgs/acme/copilot/billing/selected_users {"selected_usernames":["lee"]}',
    ]);
  });
});
