// Reclaim in a repo that manages two orgs (`orgs:`), against one emulator serving both: a person
// is judged over their seats in every org (idle in both: reclaimed from both, every member file
// removed; active in either: keeps everything), and merging the PR then cancels the seats in
// both orgs, through each org's endpoint.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { personSeats } from "../../src/model/person-seats.js";
import { lastCheck } from "../../src/reclaim/last-check.js";
import type { Plan } from "../../src/plan/types.js";
import { seat } from "../helpers/seat.js";
import { getJson, REPO, runCli, writeTreeFiles } from "./world.js";

const NOW = new Date("2025-06-01T02:00:00Z");
const OLD = "2024-01-01T00:00:00Z";
const RECENT = "2025-05-30T00:00:00Z";
const FILES = {
  "policies/policy.yaml": "org: acme\norgs: [acme, acme-labs]\n",
  "seats/platform/_team.yaml": "name: platform\ncopilot: users\n",
  "seats/platform/ann.yaml": "login: ann\nreason: dev\n",
  "seats/platform/bo.yaml": "login: bo\nreason: dev\n",
  "seats/platform/cy.yaml": "login: cy\nreason: dev\n",
  "seats/labs/_team.yaml": "name: labs\norg: acme-labs\ncopilot: users\n",
  "seats/labs/ann.yaml": "login: ann\nreason: research\n",
  "seats/labs/bo.yaml": "login: bo\nreason: research\n",
};

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

function writeTree(files: Record<string, string>): string {
  const t = writeTreeFiles(files, "seats-orgs-reclaim-");
  cleanup.push(t.remove);
  return t.dir;
}

describe("reclaim across two orgs", () => {
  it("a person in two orgs reclaimed from both: idle in both, every file goes, and apply cancels in both orgs", async () => {
    const dir = writeTree(FILES);
    const emu: RunningEmulator = await startEmulator({
      now: () => NOW,
      seed: {
        org: { login: "acme" },
        viewer: "admin",
        next_billing_cycle: "2025-07-01",
        members: [{ login: "admin", role: "admin" }, "ann", "bo", "cy"],
        // ann is idle in acme but used Copilot two days ago through her acme-labs seat.
        seats: [
          { login: "ann", created_at: OLD, last_activity_at: OLD },
          { login: "bo", created_at: OLD, last_activity_at: OLD },
          { login: "cy", created_at: OLD, last_activity_at: RECENT },
        ],
        other_orgs: [
          {
            org: { login: "acme-labs" },
            next_billing_cycle: "2025-06-15",
            members: [{ login: "admin", role: "admin" }, "ann", "bo"],
            seats: [
              { login: "ann", created_at: OLD, last_activity_at: RECENT },
              { login: "bo", created_at: OLD, last_activity_at: OLD },
            ],
          },
        ],
        repos: [{ full_name: REPO, default_branch: "main", files: FILES }],
      },
    });
    cleanup.push(() => emu.close());

    const r = await runCli(["reclaim", "--dir", dir, "--repo", REPO, "--now", NOW.toISOString(), "--confirm"], emu.url);
    expect(r.stderr).toContain("read 5 Copilot seats (3 people) of acme, acme-labs");
    expect(r.code).toBe(0);
    const pulls = await getJson<{ number: number; title: string; body: string }[]>(emu.url, `/repos/${REPO}/pulls?state=open`);
    expect(pulls).toHaveLength(1);
    const pr = pulls[0]!;
    // bo: one person, one seat saved, both files; ann (active in acme-labs) and cy keep theirs.
    expect(pr.body).toMatch(/\bbo\b/);
    expect(pr.body).not.toMatch(/\bann\b/);
    expect(pr.body).not.toMatch(/\bcy\b/);
    // No seat in either org is pending cancellation yet, so no org's cycle is visible: the 1st of next month.
    expect(pr.body).toContain("2025-07-01");
    emu.control.mergePull(REPO, pr.number);
    const main = emu.control.readBranch(REPO, "main")!;
    expect(Object.keys(main).filter((f) => f.endsWith("/bo.yaml"))).toEqual([]);
    expect(Object.keys(main).filter((f) => f.endsWith("/ann.yaml")).sort()).toEqual(["seats/labs/ann.yaml", "seats/platform/ann.yaml"]);

    // After the merge: the plan cancels bo in both orgs, and apply sends each to its org.
    const merged = writeTree(main);
    const planFile = path.join(merged, "plan.json");
    expect((await runCli(["plan", "--dir", merged, "--json", planFile], emu.url)).code).toBe(0);
    const plan = JSON.parse(readFileSync(planFile, "utf8")) as Plan;
    expect(plan.changes.map((c) => `${c.action} ${c.target} in ${c.org}`)).toEqual(["cancel bo in acme", "cancel bo in acme-labs"]);
    emu.log.reset();
    const applied = await runCli(["apply", "--dir", merged, "--confirm", "--checksum", plan.checksum], emu.url);
    expect(applied.stderr).toBe("");
    expect(applied.code).toBe(0);
    expect(emu.log.entries.filter((e) => e.method !== "GET").map((e) => [`${e.method} ${e.path}`, e.body])).toEqual([
      ["DELETE /orgs/acme/copilot/billing/selected_users", { selected_usernames: ["bo"] }],
      ["DELETE /orgs/acme-labs/copilot/billing/selected_users", { selected_usernames: ["bo"] }],
    ]);
    const snap = emu.control.snapshot();
    expect(snap.seats!.find((s) => s.login === "bo")!.pending_cancellation_date).toBe("2025-07-01");
    expect(snap.other_orgs![0]!.seats!.find((s) => s.login === "bo")!.pending_cancellation_date).toBe("2025-06-15");
  });

  it("a person who left one org loses that org's member files only ('left the organization')", async () => {
    const files = { ...FILES, "seats/labs/cy.yaml": "login: cy\nreason: research\n" };
    const dir = writeTree(files);
    const emu = await startEmulator({
      now: () => NOW,
      seed: {
        org: { login: "acme" },
        viewer: "admin",
        members: [{ login: "admin", role: "admin" }, "ann", "bo", "cy"],
        seats: ["ann", "bo", "cy"].map((login) => ({ login, created_at: OLD, last_activity_at: RECENT })),
        other_orgs: [{ org: { login: "acme-labs" }, members: [{ login: "admin", role: "admin" }, "ann", "bo"] }],
        repos: [{ full_name: REPO, default_branch: "main", files }],
      },
    });
    cleanup.push(() => emu.close());
    const r = await runCli(["reclaim", "--dir", dir, "--repo", REPO, "--now", NOW.toISOString(), "--confirm"], emu.url);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("1 declared login is no longer in acme-labs: cy");
    const pr = (await getJson<{ number: number }[]>(emu.url, `/repos/${REPO}/pulls?state=open`))[0]!;
    emu.control.mergePull(REPO, pr.number);
    const main = emu.control.readBranch(REPO, "main")!;
    expect(Object.keys(main).filter((f) => f.endsWith("/cy.yaml"))).toEqual(["seats/platform/cy.yaml"]);
  });
});

describe("personSeats over several orgs' seats", () => {
  it.each([
    { name: "active in one org: active", rows: [seat("ann", { last_activity_at: OLD }), seat("ann", { last_activity_at: RECENT })], want: [["ann", RECENT, null]] },
    { name: "idle in both: one idle seat", rows: [seat("bo", { last_activity_at: OLD }), seat("bo")], want: [["bo", OLD, null]] },
    { name: "pending in one org only: not pending", rows: [seat("cy", { pending_cancellation_date: "2025-07-01" }), seat("cy")], want: [["cy", null, null]] },
    { name: "pending in both: pending, on the latest date", rows: [seat("di", { pending_cancellation_date: "2025-07-01" }), seat("di", { pending_cancellation_date: "2025-06-15" })], want: [["di", null, "2025-07-01"]] },
  ])("$name", ({ rows, want }) => {
    expect(personSeats(rows).map((s) => [s.login, s.last_activity_at, s.pending_cancellation_date])).toEqual(want);
  });
});

describe("the last check with a seat in each org", () => {
  it.each([
    { name: "used after the snapshot in either org: skipped (in every org)", rows: [seat("bo", { last_activity_at: RECENT }), seat("bo", { last_activity_at: OLD })], skipped: ["bo"] },
    { name: "idle in both since the snapshot: cancelled", rows: [seat("bo", { last_activity_at: OLD }), seat("bo", { last_activity_at: OLD })], skipped: [] },
  ])("$name", ({ rows, skipped }) => {
    const evidence = [{ pull: 7, evidence: { v: 1 as const, snapshot: "2025-05-01T00:00:00Z", recheck: ["bo"] } }];
    expect(lastCheck(["bo", "bo"], evidence, rows).map((s) => s.login).filter((l, i, a) => a.indexOf(l) === i)).toEqual(skipped);
  });
});
