// Reclaim in enterprise billing, against the emulator: a person's activity is judged over every
// grant (an org seat used yesterday keeps the enterprise seat), an idle person with several grants
// is reclaimed once, and merging the PR then cancels their enterprise grant.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { enterpriseReclaimSeats } from "../../src/plan/enterprise.js";
import type { EnterpriseGrant } from "../../src/github/enterprise-read.js";
import { readTreeFiles, REPO, removeDir, runCli } from "./world.js";

const NOW = new Date("2025-06-01T02:00:00Z");
const OLD = "2024-01-01T00:00:00Z";
const RECENT = "2025-05-30T00:00:00Z";
const FILES = {
  "policies/policy.yaml": "org: acme\nenterprise: acme-corp\ncopilot:\n  billing: enterprise\n",
  "seats/platform/_team.yaml": "name: platform\ncopilot: users\n",
  "seats/platform/ann.yaml": "login: ann\nreason: dev\n",
  "seats/platform/bo.yaml": "login: bo\nreason: dev\n",
  "seats/data/_team.yaml": "name: data\ncopilot: users\n",
  "seats/data/bo.yaml": "login: bo\nreason: data\n",
  "seats/platform/cy.yaml": "login: cy\nreason: dev\n",
};

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

describe("reclaim in enterprise billing", () => {
  it("judges activity over every grant and proposes an idle person's every member file", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "seats-ent-reclaim-"));
    for (const [p, content] of Object.entries(FILES)) {
      mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      writeFileSync(path.join(dir, p), content);
    }
    const emu: RunningEmulator = await startEmulator({
      now: () => NOW,
      seed: {
        org: { login: "acme" },
        viewer: "admin",
        members: [{ login: "admin", role: "admin" }, "ann", "bo", "cy"],
        // ann is idle on her enterprise grant but used Copilot yesterday through the org's seat.
        seats: [{ login: "ann", created_at: OLD, last_activity_at: RECENT }],
        enterprise: {
          slug: "acme-corp",
          seats: [
            { login: "ann", created_at: OLD, last_activity_at: OLD },
            { login: "bo", created_at: OLD, last_activity_at: OLD },
            { login: "cy", created_at: OLD, last_activity_at: RECENT },
          ],
        },
        repos: [{ full_name: REPO, default_branch: "main", files: readTreeFiles(dir) }],
      },
    });
    cleanup.push(async () => {
      await emu.close();
      removeDir(dir);
    });
    const r = await runCli(["reclaim", "--dir", dir, "--repo", REPO, "--now", NOW.toISOString(), "--confirm"], emu.url);
    expect(r.stderr).toContain("read 3 Copilot seats of acme-corp");
    expect(r.code).toBe(0);
    const pulls = (await (await fetch(`${emu.url}/repos/${REPO}/pulls?state=open`, { headers: { authorization: "token t" } })).json()) as { number: number; body: string }[];
    expect(pulls).toHaveLength(1);
    expect(pulls[0]!.body).toContain("bo");
    expect(pulls[0]!.body).not.toMatch(/\bann\b/);
    expect(pulls[0]!.body).not.toMatch(/\bcy\b/);
    // Both of bo's member files go: only removing every grant ends the seat.
    emu.control.mergePull(REPO, pulls[0]!.number);
    const main = emu.control.readBranch(REPO, "main")!;
    expect(Object.keys(main).filter((f) => f.endsWith("/bo.yaml"))).toEqual([]);
    // The merged repo's plan cancels bo's enterprise grant (and nothing of ann's or cy's).
    const merged = mkdtempSync(path.join(os.tmpdir(), "seats-ent-merged-"));
    cleanup.push(async () => removeDir(merged));
    for (const [p, content] of Object.entries(main)) {
      mkdirSync(path.dirname(path.join(merged, p)), { recursive: true });
      writeFileSync(path.join(merged, p), content);
    }
    const planFile = path.join(merged, "plan.json");
    expect((await runCli(["plan", "--dir", merged, "--json", planFile], emu.url)).code).toBe(0);
    const plan = JSON.parse(readFileSync(planFile, "utf8")) as { changes: { action: string; target: string }[] };
    expect(plan.changes.map((c) => `${c.action} ${c.target}`)).toEqual(["cancel bo"]);
    // Applied, the cancellation is the enterprise's: the notice reads the enterprise's seats to find bo.
    expect((await runCli(["apply", "--dir", merged, "--confirm"], emu.url)).code).toBe(0);
    const notice = await runCli(["notice", "--dir", merged, "--repo", REPO, "--pr", String(pulls[0]!.number)], emu.url);
    expect(notice.code).toBe(0);
    expect(notice.stdout).toMatch(new RegExp(`would notify 1 on #${pulls[0]!.number}: bo \\(until \\d{4}-\\d{2}-\\d{2}\\)`));
  });
});

const G = (login: string, extra: Partial<EnterpriseGrant>): EnterpriseGrant => ({
  login,
  assigning_team: null,
  organization: null,
  created_at: OLD,
  last_activity_at: null,
  last_activity_editor: null,
  last_authenticated_at: null,
  pending_cancellation_date: null,
  plan_type: "business",
  ...extra,
});

describe("enterpriseReclaimSeats", () => {
  it.each([
    { name: "org activity counts for the enterprise seat", grants: [G("ann", { last_activity_at: OLD }), G("ann", { organization: "a", last_activity_at: RECENT })], want: [["ann", RECENT]] },
    { name: "idle everywhere: one idle seat", grants: [G("bo", { last_activity_at: OLD }), G("bo", { organization: "a", last_activity_at: OLD }), G("bo", { organization: "b" })], want: [["bo", OLD]] },
    { name: "an org-only person is not the enterprise's to reclaim", grants: [G("cy", { organization: "a" })], want: [] },
  ])("$name", ({ grants, want }) => {
    expect(enterpriseReclaimSeats(grants).map((s) => [s.login, s.last_activity_at])).toEqual(want);
  });
});
