// `seats notice` in a repo that manages two orgs, on one emulator serving both: after the reclaim
// PR of a person idle in both orgs is merged and applied, the notice names each org's cancelled
// seat with that org's pending-cancellation date (each org has its own billing cycle).
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { twoOrgSeed } from "../helpers/two-orgs.js";
import { webhookSink, type WebhookSink } from "../helpers/webhook-sink.js";
import { ago } from "../reclaim/model.js";
import { getJson, readTreeFiles, REPO, removeDir, runCli, tempCheckout } from "../reclaim/world.js";

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/remind/orgs");
const NOW = new Date("2025-06-01T02:00:00Z");
const OLD = "2024-01-01T00:00:00Z";
const active = (login: string) => ({ login, created_at: OLD, last_activity_at: ago(NOW, 1) });
const idle = (login: string) => ({ login, created_at: OLD, last_activity_at: ago(NOW, 45) });

let emu: RunningEmulator;
let dir: string;
let sink: WebhookSink;
let pull: number;

beforeAll(async () => {
  dir = tempCheckout(FIXTURE);
  sink = await webhookSink();
  emu = await startEmulator({
    now: () => NOW,
    seed: twoOrgSeed(
      { next_billing_cycle: "2025-07-01", members: ["ann", "bo", "cy"], seats: [active("ann"), idle("bo"), active("cy")] },
      { next_billing_cycle: "2025-06-15", members: ["ann", "bo", "di"], seats: [active("ann"), idle("bo"), active("di")] },
      readTreeFiles(dir),
    ),
  });
  // bo is idle in both orgs: the reclaim PR removes both files; merged, then applied in both orgs.
  expect((await runCli(["reclaim", "--dir", dir, "--repo", REPO, "--now", NOW.toISOString(), "--confirm"], emu.url)).code).toBe(0);
  const [pr] = await getJson<{ number: number }[]>(emu.url, `/repos/${REPO}/pulls?state=open`);
  pull = pr!.number;
  emu.control.mergePull(REPO, pull);
  const main = emu.control.readBranch(REPO, "main")!;
  for (const f of Object.keys(readTreeFiles(dir))) if (!(f in main)) rmSync(path.join(dir, f));
  expect((await runCli(["apply", "--dir", dir, "--confirm"], emu.url)).code).toBe(0);
});
afterAll(async () => {
  await emu?.close();
  await sink?.close();
  removeDir(dir);
});

describe("seats notice across two orgs", () => {
  const notice = (...extra: string[]) => runCli(["notice", "--dir", dir, "--repo", REPO, "--pr", String(pull), ...extra], emu.url, { SEATS_WEBHOOK_URL: sink.url });

  it("the dry run names each org's cancelled seat with its date", async () => {
    const r = await notice();
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Dry run: would notify 1 on #${pull}: bo (until 2025-07-01 in acme, 2025-06-15 in acme-labs)\n`);
  });

  it("one comment names both grants, the digest too; a re-run tells nobody twice", async () => {
    const r = await notice("--confirm");
    expect(r.code).toBe(0);
    const comments = await getJson<{ body: string }[]>(emu.url, `/repos/${REPO}/issues/${pull}/comments?per_page=100`);
    const notices = comments.filter((c) => c.body.startsWith("<!-- seats-notice -->"));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toMatch(/^- @bo: access ends on \*\*2025-07-01\*\* in acme, \*\*2025-06-15\*\* in acme-labs; why: /m);
    expect(notices[0]!.body).not.toMatch(/@(ann|cy|di)\b/);
    expect(sink.received.map((m) => m.text)).toEqual([expect.stringContaining("bo (until 2025-07-01 in acme, 2025-06-15 in acme-labs)")]);
    expect((await notice("--confirm")).stdout).toContain("nobody new to notify");
  });
});
