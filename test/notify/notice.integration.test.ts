// `seats notice` after an apply, on the emulator: the merged reclaim PR gets one comment that
// @-mentions the people whose seats were cancelled, with the end date GitHub returns and the way
// back; the webhook gets a digest; a re-run tells nobody twice; a failed comment is not lost, nor
// a digest the webhook refused, nor that of a run killed before its webhook.
import { rmSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { RunningEmulator, SeedSeat } from "../../src/emulator/types.js";
import { spawnCli } from "../helpers/cli.js";
import { webhookSink, type WebhookSink } from "../helpers/webhook-sink.js";
import { ago } from "../reclaim/model.js";
import { getJson, readTreeFiles, REPO, removeDir, runCli, seedFor, tempCheckout } from "../reclaim/world.js";

const NOW = new Date("2025-06-01T02:00:00Z");
const OLD = "2024-01-01T00:00:00Z";
const SEATS: SeedSeat[] = [
  { login: "alice", created_at: OLD, last_activity_at: ago(NOW, 1) },
  { login: "bob", created_at: OLD, last_activity_at: ago(NOW, 45) },
  { login: "hank", created_at: OLD, last_activity_at: ago(NOW, 31) },
];

let emu: RunningEmulator | undefined;
let checkout: string | undefined;
let sink: WebhookSink | undefined;
afterEach(async () => {
  await emu?.close();
  await sink?.close();
  if (checkout) removeDir(checkout);
});

async function mergedAndApplied() {
  checkout = tempCheckout();
  emu = await startEmulator({ seed: seedFor(readTreeFiles(checkout), SEATS), now: () => NOW });
  sink = await webhookSink();
  const e = emu;
  const dir = checkout;
  expect((await runCli(["reclaim", "--dir", dir, "--repo", REPO, "--now", NOW.toISOString(), "--confirm"], e.url)).code).toBe(0);
  const [pull] = await getJson<{ number: number }[]>(e.url, `/repos/${REPO}/pulls?state=open`);
  e.control.mergePull(REPO, pull!.number);
  const main = e.control.readBranch(REPO, "main")!;
  for (const f of Object.keys(readTreeFiles(dir))) if (!(f in main)) rmSync(path.join(dir, f));
  const applied = await runCli(["apply", "--dir", dir, "--confirm"], e.url);
  expect(applied.code).toBe(0);
  const argv = ["notice", "--dir", dir, "--repo", REPO, "--pr", String(pull!.number), "--confirm"];
  const env = { SEATS_WEBHOOK_URL: sink.url, SEATS_PORTAL_URL: "https://seats.example.com" };
  const notice = () => runCli(argv, e.url, env);
  const comments = () => getJson<{ body: string }[]>(e.url, `/repos/${REPO}/issues/${pull!.number}/comments?per_page=100`);
  return { e, pull: pull!, notice, comments, argv, env };
}

/**
 * One notice comment, marked as waiting for the webhook, and no digest yet; then a re-run tells
 * nobody new, sends the digest and takes the mark off. The notice comments after it.
 */
async function pendingThenSentOnce(w: Awaited<ReturnType<typeof mergedAndApplied>>) {
  const [pending] = (await w.comments()).filter((c) => c.body.startsWith("<!-- seats-notice -->"));
  expect(pending!.body).toContain("<!-- seats-notice-webhook-pending -->");
  expect(sink!.received).toEqual([]);
  const again = await w.notice();
  expect(again.code).toBe(0);
  expect(again.stdout).toContain("nobody new to notify");
  expect(again.stdout).toContain("digest sent to the webhook (with 2 told earlier whose digest had not gone out)");
  expect(sink!.received).toHaveLength(1);
  const notices = (await w.comments()).filter((c) => c.body.startsWith("<!-- seats-notice -->"));
  expect(notices).toHaveLength(1);
  expect(notices[0]!.body).not.toContain("webhook-pending");
  return notices;
}

describe("seats notice", () => {
  it("one comment @-mentioning everyone whose seat ends, with the date, why and the way back; the webhook; no second notice", async () => {
    const w = await mergedAndApplied();
    const r = await w.notice();
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Notified 2 on #");
    const notices = (await w.comments()).filter((c) => c.body.startsWith("<!-- seats-notice -->"));
    expect(notices).toHaveLength(1);
    const body = notices[0]!.body;
    expect(body).toMatch(/- @bob: access ends on \*\*\d{4}-\d{2}-\d{2}\*\*; why: inactive: no Copilot activity for 45 days/);
    expect(body).toContain("- @hank: access ends on");
    expect(body).not.toContain("@alice");
    expect(body).toContain("https://seats.example.com");
    expect(body).toContain("seats request");
    expect(sink!.received).toHaveLength(1);
    expect(sink!.received[0]!.text).toContain("Copilot seats cancelled");

    const again = await w.notice();
    expect(again.stdout).toContain("nobody new to notify");
    expect((await w.comments()).filter((c) => c.body.startsWith("<!-- seats-notice -->"))).toHaveLength(1);
    expect(sink!.received).toHaveLength(1);
  });

  it("the webhook refuses the digest once: the comment keeps it pending, a re-run sends it exactly once", async () => {
    const w = await mergedAndApplied();
    sink!.failWith(500, 1);
    const failed = await w.notice();
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/Notified 2 on #\d+ in 1 comment\(s\): .*answered HTTP 500; a re-run sends the digest again/);
    expect(failed.stdout + failed.stderr).not.toContain("secret-part");
    const notices = await pendingThenSentOnce(w);
    expect(sink!.received[0]!.text).toMatch(/Copilot seats cancelled.*: 2\. bob \(until \d{4}-\d{2}-\d{2}\), hank/);
    expect(notices[0]!.body).not.toContain("webhook-pending");
    expect(notices[0]!.body).toContain("- @bob: access ends on");

    // Delivered: nothing is sent or written again.
    w.e.log.reset();
    expect((await w.notice()).code).toBe(0);
    expect(w.e.log.count({ mutating: true })).toBe(0);
    expect(sink!.attempts).toBe(2);
    expect(sink!.received).toHaveLength(1);
  });

  it("the webhook refuses while comments cannot be edited: the digest is kept all the same (the comment was posted marked)", async () => {
    const w = await mergedAndApplied();
    sink!.failWith(500, 1);
    w.e.setFaults({ errorRate: 1, match: /^PATCH \/repos\/acme\/seats\/issues\/comments\/\d+$/ });
    const r = await w.notice();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/answered HTTP 500; a re-run sends the digest again/);
    expect(w.e.log.count({ route: "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}" })).toBe(0);
    w.e.setFaults(undefined);
    // The people were told on the PR all the same, once, and the re-run sends the digest.
    expect((await w.comments()).filter((c) => c.body.startsWith("<!-- seats-notice -->"))).toHaveLength(1);
    expect((await w.notice()).stdout).toContain("digest sent to the webhook (with 2 told earlier whose digest had not gone out)");
    expect(sink!.received).toHaveLength(1);
  });

  it("the webhook takes the digest but the mark cannot come off: the run says a re-run sends it again", async () => {
    const w = await mergedAndApplied();
    w.e.setFaults({ errorRate: 1, match: /^PATCH \/repos\/acme\/seats\/issues\/comments\/\d+$/ });
    const r = await w.notice();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/the digest was delivered, but its notice comment still says it is pending \(a re-run sends it again\): .*50[23]/);
    expect(sink!.received).toHaveLength(1);
  });

  it("a run killed between its comment and the webhook: the re-run sends the digest, exactly once", async () => {
    const w = await mergedAndApplied();
    const held = sink!.hold();
    const run = spawnCli(w.argv, w.e.url, w.env);
    await run.reaches(held);
    run.child.kill("SIGKILL");
    expect(await run.exited).toBe("SIGKILL");
    await pendingThenSentOnce(w);
    expect((await w.notice()).code).toBe(0);
    expect(sink!.received).toHaveLength(1);
  });

  it.each([
    { kind: "5xx", faults: { errorRate: 1, match: /^POST \/repos\/acme\/seats\/issues\/\d+\/comments$/ } },
    { kind: "lost response", faults: { lostResponseRate: 1, maxFaults: 1, match: /^POST \/repos\/acme\/seats\/issues\/\d+\/comments$/ } },
  ])("a $kind on the comment: re-run, and the notice is there exactly once", async ({ faults }) => {
    const w = await mergedAndApplied();
    w.e.setFaults(faults);
    const failed = await w.notice();
    expect(failed.stderr).not.toMatch(/internal error/);
    w.e.setFaults(undefined);
    expect((await w.notice()).code).toBe(0);
    const notices = (await w.comments()).filter((c) => c.body.startsWith("<!-- seats-notice -->"));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain("@bob");
  });
});

describe("seats notice --pr with a number the repository does not have", () => {
  it("says there is no such pull request instead of blaming the permissions, and writes nothing", async () => {
    checkout = tempCheckout();
    emu = await startEmulator({ seed: seedFor(readTreeFiles(checkout), SEATS), now: () => NOW });
    const r = await runCli(["notice", "--dir", checkout, "--repo", REPO, "--pr", "99", "--confirm"], emu.url);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`no pull request #99 in ${REPO} (HTTP 404): check --pr and --repo`);
    expect(r.stderr).not.toContain("the credentials need");
    expect(emu.log.count({ mutating: true })).toBe(0);
  });
});
