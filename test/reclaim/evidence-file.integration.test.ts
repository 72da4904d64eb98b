// A reclaim PR whose last-check evidence does not fit its body, on the emulator (which refuses a
// body over 65,536 characters with GitHub's 422): 2,000 idle seats (one PR's most) with 39-character
// logins. The evidence is committed as a file on the reclaim branch and the body names it; after
// the merge, the last check reads it from there and keeps the seat of someone active since.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { SeedSeat } from "../../src/emulator/types.js";
import { EVIDENCE_FILE, parseEvidenceRef } from "../../src/reclaim/evidence-file.js";
import { evidenceComment, parseEvidence, parseEvidenceJson } from "../../src/reclaim/last-check.js";
import { GITHUB_BODY_LIMIT } from "../../src/reclaim/render.js";
import { ago } from "./model.js";
import { tempDir } from "../helpers/seat-repo.js";
import { getJson, readTreeFiles, REPO, removeDir, runCli, seedFor, writeGeneratedRepo } from "./world.js";

const NOW = new Date("2025-06-01T02:00:00Z");
const OLD = "2024-01-01T00:00:00Z";
const N = 2000;
// 34 + 5 = 39 characters, GitHub's longest login.
const LOGINS = Array.from({ length: N }, (_, i) => `reclaimed-person-with-a-long-name-${String(i).padStart(5, "0")}`);

let emu: RunningEmulator | undefined;
let dir: string | undefined;
afterEach(async () => {
  await emu?.close();
  if (dir) removeDir(dir);
});

async function api(url: string, method: string, p: string, body: unknown): Promise<number> {
  const res = await fetch(`${url}${p}`, { method, headers: { authorization: "token t", "content-type": "application/json" }, body: JSON.stringify(body) });
  return res.status;
}

describe("evidence too big for the PR body", () => {
  it("goes to a file on the branch, is reviewed with it, and the last check reads it after the merge", async () => {
    dir = tempDir("seats-evidence-").dir;
    writeGeneratedRepo(dir, [...LOGINS, "active-dev"], 1, "seats:\n  max_removal_ratio: 1\n");
    const seats: SeedSeat[] = [...LOGINS.map((login) => ({ login, created_at: OLD, last_activity_at: ago(NOW, 60) })), { login: "active-dev", created_at: OLD, last_activity_at: ago(NOW, 0) }];
    emu = await startEmulator({ seed: seedFor(readTreeFiles(dir), seats), now: () => NOW });
    const e = emu;

    const dry = await runCli(["reclaim", "--dir", dir, "--repo", REPO, "--now", NOW.toISOString()], e.url);
    expect(dry.stdout).toContain(`File written: ${EVIDENCE_FILE} (the last-check evidence, too big for the body)`);
    const r = await runCli(["reclaim", "--dir", dir, "--repo", REPO, "--now", NOW.toISOString(), "--confirm"], e.url);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const [pull] = await getJson<{ number: number; body: string }[]>(e.url, `/repos/${REPO}/pulls?state=open`);
    expect(pull!.body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(parseEvidence(pull!.body)).toBeUndefined();
    const ref = parseEvidenceRef(pull!.body)!;
    expect(ref.path).toBe(EVIDENCE_FILE);

    // The file is part of the reviewed change; inline it would not have fitted the body at all.
    const branch = e.control.readBranch(REPO, "seats/reclaim")!;
    const evidence = parseEvidenceJson(branch[EVIDENCE_FILE]!)!;
    expect(evidence.recheck).toHaveLength(N);
    expect(evidence.snapshot).toBe(NOW.toISOString());
    expect(evidenceComment(evidence).length).toBeGreaterThan(GITHUB_BODY_LIMIT);
    // GitHub's 422 for such a body, which the emulator enforces.
    expect(await api(e.url, "PATCH", `/repos/${REPO}/pulls/${pull!.number}`, { body: evidenceComment(evidence) })).toBe(422);

    e.control.mergePull(REPO, pull!.number);
    const main = e.control.readBranch(REPO, "main")!;
    for (const f of Object.keys(readTreeFiles(dir))) if (!(f in main)) rmSync(path.join(dir, f));
    const first = LOGINS[0]!;
    e.control.recordActivity(first, new Date(NOW.getTime() + 3_600_000));

    const apply = () => runCli(["apply", "--dir", dir!], e.url, { SEATS_RECLAIM_REPO: REPO });
    const checked = await apply();
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain("Last check before revocation: 1 seat kept");
    expect(checked.stdout).toContain(`kept  ${first}: used Copilot on 2025-06-01T03:00:00Z, after the activity snapshot of reclaim PR #${pull!.number}`);
    const blobReads = e.log.count({ route: "GET /repos/{owner}/{repo}/git/blobs/{file_sha}" });
    expect(blobReads).toBeGreaterThan(0);

    // A body whose reference no longer matches a blob: the file at the merge commit stands in.
    const edited = pull!.body.replace(ref.blob, "0".repeat(40));
    expect(await api(e.url, "PATCH", `/repos/${REPO}/pulls/${pull!.number}`, { body: edited })).toBe(200);
    expect((await apply()).stdout).toContain(`kept  ${first}: used Copilot`);

    // The next nightly run reads the same evidence and restores the file of the person kept.
    const next = new Date(NOW.getTime() + 24 * 3_600_000);
    e.control.setNow(next);
    expect((await runCli(["reclaim", "--dir", dir!, "--repo", REPO, "--now", next.toISOString(), "--confirm"], e.url)).code).toBe(0);
    expect(e.control.readBranch(REPO, "seats/reclaim")![`seats/team-0/${first}.yaml`]).toBe(`login: ${first}\nreason: builds things\n`);
  });

  it("a small PR keeps its evidence in the body and deletes an earlier PR's evidence file", async () => {
    dir = tempDir("seats-evidence-").dir;
    writeGeneratedRepo(dir, ["idle-dev", "active-dev"], 1, "seats:\n  max_removal_ratio: 1\n");
    mkdirSync(path.join(dir, ".seats"));
    writeFileSync(path.join(dir, EVIDENCE_FILE), '{"v":1,"snapshot":"2025-05-01T00:00:00.000Z","recheck":["someone"]}\n');
    const seats: SeedSeat[] = [{ login: "idle-dev", created_at: OLD, last_activity_at: ago(NOW, 60) }, { login: "active-dev", created_at: OLD, last_activity_at: ago(NOW, 0) }];
    emu = await startEmulator({ seed: seedFor(readTreeFiles(dir), seats), now: () => NOW });
    expect((await runCli(["reclaim", "--dir", dir, "--repo", REPO, "--now", NOW.toISOString(), "--confirm"], emu.url)).code).toBe(0);
    const [pull] = await getJson<{ body: string }[]>(emu.url, `/repos/${REPO}/pulls?state=open`);
    expect(parseEvidence(pull!.body)?.recheck).toEqual(["idle-dev"]);
    expect(parseEvidenceRef(pull!.body)).toBeUndefined();
    expect(emu.control.readBranch(REPO, "seats/reclaim")![EVIDENCE_FILE]).toBeUndefined();
  });

  it("an evidence file GitHub does not have: the apply holds cancellations back, the nightly run goes on with a warning", async () => {
    dir = tempDir("seats-evidence-").dir;
    writeGeneratedRepo(dir, ["idle-dev", "active-dev"], 1, "seats:\n  max_removal_ratio: 1\n");
    const seats: SeedSeat[] = [{ login: "idle-dev", created_at: OLD, last_activity_at: ago(NOW, 60) }, { login: "active-dev", created_at: OLD, last_activity_at: ago(NOW, 0) }];
    emu = await startEmulator({ seed: seedFor(readTreeFiles(dir), seats), now: () => NOW });
    const e = emu;
    expect((await runCli(["reclaim", "--dir", dir, "--repo", REPO, "--now", NOW.toISOString(), "--confirm"], e.url)).code).toBe(0);
    const [pull] = await getJson<{ number: number; body: string }[]>(e.url, `/repos/${REPO}/pulls?state=open`);
    // The body names a file that is neither a blob of the repository nor in the merge commit.
    const missing = `<!-- seats-reclaim-evidence-file {"v":1,"path":".seats/gone.json","blob":"${"0".repeat(40)}"} -->`;
    expect(await api(e.url, "PATCH", `/repos/${REPO}/pulls/${pull!.number}`, { body: pull!.body.replace(/<!-- seats-reclaim-evidence [^\n]* -->/, missing) })).toBe(200);
    e.control.mergePull(REPO, pull!.number);
    rmSync(path.join(dir, "seats/team-0/idle-dev.yaml"));

    const applied = await runCli(["apply", "--dir", dir], e.url, { SEATS_RECLAIM_REPO: REPO });
    expect(applied.stdout).toMatch(/warning: could not read the reclaim PRs of acme\/seats .*names its evidence file \.seats\/gone\.json .* is not in the repository\); no seat is cancelled in this run/);
    const nightly = await runCli(["reclaim", "--dir", dir, "--repo", REPO, "--now", NOW.toISOString(), "--confirm"], e.url);
    expect(nightly.code).toBe(0);
    expect(nightly.stderr).toMatch(/warning: reclaim PR #\d+ names its evidence file \.seats\/gone\.json .*; nobody it names is restored by this run/);
  });
});
