// The last check for team-granted seats beyond one org, end to end on the emulator in the merge
// workflow's order (reclaim PR, activity after its snapshot, merge, verify dry run, `pulumi up`'s
// equivalent with SEATS_PLAN, seat apply):
// - several orgs: kim's seat in acme-labs comes through the labs team (org: acme-labs); she used
//   Copilot in acme after the snapshot, which counts for her acme-labs seat too (activity is the
//   person's), so labs keeps her and acme does not cancel her direct seat;
// - enterprise billing: kim's seat comes through the enterprise team ai (`enterprise_team: true`);
//   the enterprise-team provider's operations keep her in it.
// lee, idle everywhere, loses his memberships and seats in both cases.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pulumiEquivalent } from "../../scripts/pulumi-equivalent.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { EmulatorSeed } from "../../src/emulator/types.js";
import { createGitHubClient } from "../../src/github/client.js";
import { parseEvidence } from "../../src/reclaim/last-check.js";
import { loadValidModel } from "../../src/validate/validate.js";
import { cleanupAfterEach, getJson, LAST_CHECK_TIMES, REPO, runCli, writeTreeFiles } from "./world.js";

const { NOW, LATER, OLD, RECENT } = LAST_CHECK_TIMES;
const cleanup = cleanupAfterEach();

function writeTree(files: Record<string, string>): string {
  const t = writeTreeFiles(files, "seats-kept-orgs-");
  cleanup.push(t.remove);
  return t.dir;
}

/** Reclaim, merge, bring the checkout to main, and plan it (the reviewed plan). */
async function reclaimedAndMerged(files: Record<string, string>, seed: Omit<EmulatorSeed, "repos">) {
  const dir = writeTree(files);
  const emu: RunningEmulator = await startEmulator({ now: () => NOW, seed: { ...seed, repos: [{ full_name: REPO, default_branch: "main", files }] } });
  cleanup.push(() => emu.close());
  const r = await runCli(["reclaim", "--dir", dir, "--repo", REPO, "--now", NOW.toISOString(), "--confirm"], emu.url);
  expect(r.code).toBe(0);
  const [pull] = await getJson<{ number: number; body: string }[]>(emu.url, `/repos/${REPO}/pulls?state=open`);
  emu.control.mergePull(REPO, pull!.number);
  const main = emu.control.readBranch(REPO, "main")!;
  for (const f of Object.keys(files)) if (!(f in main)) rmSync(path.join(dir, f));
  const planFile = path.join(dir, "reviewed.json");
  expect((await runCli(["plan", "--dir", dir, "--json", planFile], emu.url)).code).toBe(0);
  const reviewed = JSON.parse(readFileSync(planFile, "utf8")) as { checksum: string; teams: { checksum: string } };
  const gh = createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: "t" }, allowWrites: true, writeIntervalMs: 0, warn: () => {} });
  return { emu, dir, pull: pull!, reviewed, gh };
}

/** seats-apply.yml's verify step: the dry run against the reviewed checksums, writing plan.json. */
async function verify(dir: string, url: string, reviewed: { checksum: string; teams: { checksum: string } }) {
  const planJson = path.join(dir, "plan.json");
  const run = await runCli(["apply", "--dir", dir, "--json", planJson, "--checksum", reviewed.checksum, "--teams-checksum", reviewed.teams.checksum], url, { SEATS_RECLAIM_REPO: REPO });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const written = JSON.parse(readFileSync(planJson, "utf8")) as { checksum: string; last_check?: { kept_members: { team: string; login: string }[]; skipped: { login: string }[] } };
  expect(written.checksum).toBe(reviewed.checksum);
  return { run, planJson, written };
}

describe("last check for team-granted seats in several orgs", () => {
  const FILES = {
    "policies/policy.yaml": "org: acme\norgs: [acme, acme-labs]\n",
    "seats/platform/_team.yaml": "name: platform\ncopilot: users\n",
    "seats/platform/ann.yaml": "login: ann\nreason: dev\n",
    "seats/platform/kim.yaml": "login: kim\nreason: dev\n",
    "seats/labs/_team.yaml": "name: labs\norg: acme-labs\ncopilot: team\n",
    "seats/labs/ann.yaml": "login: ann\nreason: research\n",
    "seats/labs/kim.yaml": "login: kim\nreason: research\n",
    "seats/labs/lee.yaml": "login: lee\nreason: research\n",
  };
  const SEED: Omit<EmulatorSeed, "repos"> = {
    org: { login: "acme" },
    viewer: "admin",
    next_billing_cycle: "2025-07-01",
    members: [{ login: "admin", role: "admin" }, "ann", "kim", "lee"],
    teams: [{ name: "platform", members: ["ann", "kim"] }],
    seats: [
      { login: "ann", created_at: OLD, last_activity_at: RECENT },
      { login: "kim", created_at: OLD, last_activity_at: OLD },
    ],
    other_orgs: [
      {
        org: { login: "acme-labs" },
        next_billing_cycle: "2025-06-15",
        members: [{ login: "admin", role: "admin" }, "ann", "kim", "lee"],
        teams: [{ name: "labs", members: ["ann", "kim", "lee"] }],
        copilot_teams: ["labs"],
        seats: ["ann", "kim", "lee"].map((login) => ({ login, assigning_team: "labs", created_at: OLD, last_activity_at: login === "ann" ? RECENT : OLD })),
      },
    ],
  };

  it("reads kim's seat in the team's org, counts her use in acme, keeps her in labs and her acme seat", async () => {
    const { emu, dir, pull, reviewed, gh } = await reclaimedAndMerged(FILES, SEED);
    expect(parseEvidence(pull.body)?.teams).toEqual({ labs: ["kim", "lee"] });
    // kim uses Copilot in acme, after the snapshot; her acme-labs seat shows nothing new.
    emu.control.recordActivity("kim", LATER, undefined, "acme");

    const { run, planJson, written } = await verify(dir, emu.url, reviewed);
    expect(run.stdout).toContain("kept  kim in team labs: used Copilot on 2025-06-01T03:00:00Z");
    expect(written.last_check!.kept_members.map((k) => `${k.team}/${k.login}`)).toEqual(["labs/kim"]);
    expect(written.last_check!.skipped.map((s) => s.login)).toEqual(["kim"]);

    // `pulumi up` with SEATS_PLAN: each org's teams in their org; labs keeps kim (platform, a
    // copilot: users team, grants no seat: her direct acme seat is the skipped cancellation).
    expect(await pulumiEquivalent(gh, loadValidModel(dir), { planFile: planJson })).toEqual(["- kim left platform", "acme-labs: - lee left labs"]);
    const labs = await getJson<{ login: string }[]>(emu.url, "/orgs/acme-labs/teams/labs/members?per_page=100");
    expect(labs.map((m) => m.login).sort()).toEqual(["ann", "kim"]);

    const applied = await runCli(["apply", "--dir", dir, "--confirm", "--checksum", reviewed.checksum], emu.url, { SEATS_RECLAIM_REPO: REPO });
    expect(applied.code).toBe(0);
    const snap = emu.control.snapshot();
    const labsSeat = (login: string) => snap.other_orgs![0]!.seats!.find((s) => s.login === login);
    expect(snap.seats!.find((s) => s.login === "kim")!.pending_cancellation_date ?? null).toBeNull();
    expect(labsSeat("kim")?.pending_cancellation_date ?? null).toBeNull();
    expect(labsSeat("lee")?.pending_cancellation_date).toBe("2025-06-15");
  });

  it("keeps nobody when kim stays idle everywhere", async () => {
    const { emu, dir, reviewed, gh } = await reclaimedAndMerged(FILES, SEED);
    const { planJson, written } = await verify(dir, emu.url, reviewed);
    expect(written.last_check).toBeUndefined();
    expect(await pulumiEquivalent(gh, loadValidModel(dir), { planFile: planJson })).toEqual(["- kim left platform", "acme-labs: - kim left labs", "acme-labs: - lee left labs"]);
  });
});

describe("last check for enterprise-team seats (enterprise billing)", () => {
  const FILES = {
    "policies/policy.yaml": "org: acme\nenterprise: acme-corp\ncopilot:\n  billing: enterprise\n",
    "seats/ai/_team.yaml": "name: ai\ncopilot: team\nenterprise_team: true\n",
    "seats/ai/ann.yaml": "login: ann\nreason: models\n",
    "seats/ai/kim.yaml": "login: kim\nreason: models\n",
    "seats/ai/lee.yaml": "login: lee\nreason: models\n",
  };
  const SEED: Omit<EmulatorSeed, "repos"> = {
    org: { login: "acme" },
    viewer: "admin",
    next_billing_cycle: "2025-07-01",
    members: [{ login: "admin", role: "admin" }, "ann", "kim", "lee"],
    enterprise: {
      slug: "acme-corp",
      teams: [{ name: "ai", members: ["ann", "kim", "lee"] }],
      copilot_teams: ["ai"],
      seats: ["ann", "kim", "lee"].map((login) => ({ login, assigning_team: "ent:ai", created_at: OLD, last_activity_at: login === "ann" ? RECENT : OLD })),
    },
  };

  it("keeps kim in the enterprise team that grants her seat; lee's grant ends", async () => {
    const { emu, dir, pull, reviewed, gh } = await reclaimedAndMerged(FILES, SEED);
    expect(parseEvidence(pull.body)?.teams).toEqual({ ai: ["kim", "lee"] });
    emu.control.recordActivity("kim", LATER);

    const { run, planJson, written } = await verify(dir, emu.url, reviewed);
    expect(run.stdout).toContain("kept  kim in team ai: used Copilot on 2025-06-01T03:00:00Z");
    expect(written.last_check!.kept_members.map((k) => `${k.team}/${k.login}`)).toEqual(["ai/kim"]);

    // The enterprise team through the Pulumi program's own dynamic-provider operations.
    const enterpriseEnv = { GITHUB_TOKEN: "t", GITHUB_API_URL: emu.url, SEATS_WRITE_INTERVAL_MS: "0" };
    expect(await pulumiEquivalent(gh, loadValidModel(dir), { planFile: planJson, env: enterpriseEnv })).toEqual(["- lee left ent:ai"]);
    const grants = emu.control.snapshot().enterprise!.seats!;
    expect(grants.find((g) => g.login === "kim")?.pending_cancellation_date ?? null).toBeNull();
    expect(grants.find((g) => g.login === "lee")?.pending_cancellation_date).toBe("2025-07-01");
  });
});
