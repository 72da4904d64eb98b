// The last check for team-granted seats, end to end on the emulator, in the merge workflow's
// order: a reclaim PR removes kim and lee from the `copilot: team` team ml; kim uses Copilot after
// its snapshot; the PR is merged; the verify dry run (seats apply --json plan.json) names kim's
// membership to keep; `pulumi up` (its offline equivalent, reading that plan as SEATS_PLAN) keeps
// kim in ml and removes lee; the seat apply passes the reviewed checksum; kim's seat stays and
// lee's ends; the next nightly run restores kim's file. And without the evidence, the verify dry
// run stops before `pulumi up` could remove anyone unchecked.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { pulumiEquivalent } from "../../scripts/pulumi-equivalent.js";
import { startEmulator } from "../../src/emulator/index.js";
import type { RunningEmulator, SeedSeat } from "../../src/emulator/types.js";
import { createGitHubClient } from "../../src/github/client.js";
import { parseEvidence } from "../../src/reclaim/last-check.js";
import { loadValidModel } from "../../src/validate/validate.js";
import { ago } from "./model.js";
import { getJson, readTreeFiles, REPO, removeDir, runCli, seedFor, tempCheckout } from "./world.js";

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/reclaim/team-mode");
const NOW = new Date("2025-06-01T02:00:00Z");
const HOUR = 3_600_000;
const OLD = "2024-01-01T00:00:00Z";
const SEATS: SeedSeat[] = [
  { login: "ana", assigning_team: "ml", created_at: OLD, last_activity_at: ago(NOW, 1) },
  { login: "kim", assigning_team: "ml", created_at: OLD, last_activity_at: ago(NOW, 45) },
  { login: "lee", assigning_team: "ml", created_at: OLD, last_activity_at: ago(NOW, 40) },
  { login: "max", created_at: OLD, last_activity_at: ago(NOW, 2) },
];

let emu: RunningEmulator | undefined;
let checkout: string | undefined;
afterEach(async () => {
  await emu?.close();
  if (checkout) removeDir(checkout);
});

async function reclaimedAndMerged() {
  checkout = tempCheckout(FIXTURE);
  const dir = checkout;
  emu = await startEmulator({ seed: { ...seedFor(readTreeFiles(dir), SEATS), teams: [{ name: "ml", members: ["ana", "kim", "lee"] }, { name: "web", members: ["max"] }], copilot_teams: ["ml"] }, now: () => NOW });
  const e = emu;
  expect((await runCli(["reclaim", "--dir", dir, "--repo", REPO, "--now", NOW.toISOString(), "--confirm"], e.url)).code).toBe(0);
  const [pull] = await getJson<{ number: number; body: string }[]>(e.url, `/repos/${REPO}/pulls?state=open`);
  // The reviewed plan of the reclaim PR (its head is what merges).
  const planFile = path.join(dir, "reviewed.json");
  e.control.mergePull(REPO, pull!.number);
  const main = e.control.readBranch(REPO, "main")!;
  for (const f of Object.keys(readTreeFiles(dir))) if (!(f in main)) rmSync(path.join(dir, f));
  expect((await runCli(["plan", "--dir", dir, "--json", planFile], e.url)).code).toBe(0);
  const reviewed = JSON.parse(readFileSync(planFile, "utf8")) as { checksum: string; teams: { checksum: string } };
  const gh = createGitHubClient({ apiUrl: e.url, auth: { kind: "token", token: "t" }, allowWrites: true, writeIntervalMs: 0, warn: () => {} });
  const seatOf = async (login: string) =>
    (await getJson<{ seats: { assignee: { login: string }; pending_cancellation_date: string | null }[] }>(e.url, "/orgs/acme/copilot/billing/seats?per_page=100")).seats.find((s) => s.assignee.login === login);
  return { e, dir, pull: pull!, reviewed, gh, seatOf };
}

describe("last check for team-granted seats", () => {
  it("keeps the membership of someone active since the snapshot through verify, pulumi up and apply; then restores the file", async () => {
    const { e, dir, pull, reviewed, gh, seatOf } = await reclaimedAndMerged();
    expect(parseEvidence(pull.body)?.teams).toEqual({ ml: ["kim", "lee"] });
    e.control.recordActivity("kim", new Date(NOW.getTime() + HOUR));
    const env = { SEATS_RECLAIM_REPO: REPO };

    // seats-apply.yml, "Verify the plan before anything changes".
    const planJson = path.join(dir, "plan.json");
    const verify = await runCli(["apply", "--dir", dir, "--json", planJson, "--checksum", reviewed.checksum, "--teams-checksum", reviewed.teams.checksum], e.url, env);
    expect(verify.stderr).toBe("");
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain("Last check before revocation: 1 seat kept");
    expect(verify.stdout).toMatch(/kept {2}kim in team ml: used Copilot on 2025-06-01T03:00:00Z, after the activity snapshot of reclaim PR #\d+/);
    const written = JSON.parse(readFileSync(planJson, "utf8")) as { checksum: string; last_check: { kept_members: { team: string; login: string }[] } };
    expect(written.checksum).toBe(reviewed.checksum);
    expect(written.last_check.kept_members.map((k) => `${k.team}/${k.login}`)).toEqual(["ml/kim"]);

    // "pulumi up" with SEATS_PLAN=plan.json.
    const teams = await pulumiEquivalent(gh, loadValidModel(dir), { planFile: planJson });
    expect(teams).toEqual(["- lee left ml"]);
    const ml = await getJson<{ login: string }[]>(e.url, "/orgs/acme/teams/ml/members?per_page=100");
    expect(ml.map((m) => m.login).sort()).toEqual(["ana", "kim"]);

    // "seats apply" with the reviewed checksum: the plan is the reviewed one.
    const applied = await runCli(["apply", "--dir", dir, "--confirm", "--checksum", reviewed.checksum], e.url, env);
    expect(applied.code).toBe(0);
    expect((await seatOf("kim"))?.pending_cancellation_date).toBeNull();
    expect((await seatOf("lee"))?.pending_cancellation_date).not.toBeNull();

    // Any later merge's verify keeps kim until the file is back.
    const later = await runCli(["apply", "--dir", dir, "--json", planJson], e.url, env);
    expect(later.stdout).toContain("kept  kim in team ml");
    expect(await pulumiEquivalent(gh, loadValidModel(dir), { planFile: planJson })).toEqual([]);

    // The notice tells lee, whose seat ends, and not kim.
    const notice = await runCli(["notice", "--dir", dir, "--repo", REPO, "--pr", String(pull.number), "--confirm"], e.url);
    expect(notice.code).toBe(0);
    const comments = await getJson<{ body: string }[]>(e.url, `/repos/${REPO}/issues/${pull.number}/comments?per_page=100`);
    const told = comments.map((c) => c.body).join("\n");
    expect(told).toContain("@lee");
    expect(told).not.toContain("@kim");

    // The next nightly run restores kim's member file through its PR.
    const next = new Date(NOW.getTime() + 24 * HOUR);
    e.control.setNow(next);
    expect((await runCli(["reclaim", "--dir", dir, "--repo", REPO, "--now", next.toISOString(), "--confirm"], e.url)).code).toBe(0);
    const branch = e.control.readBranch(REPO, "seats/reclaim")!;
    expect(branch["seats/ml/kim.yaml"]).toBe("login: kim\nreason: trains models\n");
    expect(branch["seats/ml/lee.yaml"]).toBeUndefined();
  });

  it("an incremental verify (--base) reads the undeclared people's seats itself", async () => {
    const { e, dir } = await reclaimedAndMerged();
    e.control.recordActivity("kim", new Date(NOW.getTime() + HOUR));
    // The merge of a one-file change elsewhere: the plan reads only max; the last check reads the
    // people the evidence names who are declared nowhere (kim and lee), one request each.
    const git = (...args: string[]) => execFileSync("git", ["-C", dir, ...args], { stdio: "pipe" });
    git("init", "-q");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "base");
    git("add", "seats", "policies");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "main");
    writeFileSync(path.join(dir, "seats/web/max.yaml"), "login: max\nreason: builds the site and the docs\n");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-am", "max");
    const verify = await runCli(["apply", "--dir", dir, "--base", "HEAD~1", "--json", path.join(dir, "plan.json")], e.url, { SEATS_RECLAIM_REPO: REPO });
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/incremental/i);
    expect(verify.stdout).toContain("kept  kim in team ml");
    const written = JSON.parse(readFileSync(path.join(dir, "plan.json"), "utf8")) as { scope: { mode: string }; last_check: { kept_members: { login: string }[] } };
    expect(written.scope.mode).toBe("incremental");
    expect(written.last_check.kept_members.map((k) => k.login)).toEqual(["kim"]);
  });

  it("without the evidence, the verify dry run stops before pulumi up removes anyone unchecked", async () => {
    const { e, dir, reviewed } = await reclaimedAndMerged();
    const verify = await runCli(["apply", "--dir", dir, "--json", path.join(dir, "plan.json"), "--checksum", reviewed.checksum], e.url, { SEATS_RECLAIM_REPO: "acme/no-such-repo" });
    expect(verify.code).toBe(1);
    expect(verify.stderr).toMatch(/the last check could not run: could not read the reclaim PRs of acme\/no-such-repo .*The plan removes 2 team memberships that `pulumi up` would carry out unchecked/);
    const written = JSON.parse(readFileSync(path.join(dir, "plan.json"), "utf8")) as { last_check: { problem: string } };
    expect(written.last_check.problem).toMatch(/no seat is cancelled in this run/);
  });
});
