// `seats remind` end to end against the emulator over real HTTP: the CLI in-process, the issues
// read back through the API. One story: dry run, open, re-run (nothing new), someone becomes
// active (closed with a comment), someone who left the org (closed), an exemption (closed), the
// webhook digest and its failure, and the request count.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { RunningEmulator, SeedSeat } from "../../src/emulator/types.js";
import { webhookSink, type WebhookSink } from "../helpers/webhook-sink.js";
import { ago } from "../reclaim/model.js";
import { getJson, readTreeFiles, REPO, removeDir, runCli, seedFor, tempCheckout } from "../reclaim/world.js";

const NOW = new Date("2025-06-01T02:00:00Z");
const OLD = "2024-01-01T00:00:00Z";

// Fixture repo: platform (alice bob carol dave erin frank), data (bob hank), guests (bob ivan, copilot: none).
const SEATS: SeedSeat[] = [
  { login: "alice", created_at: OLD, last_activity_at: ago(NOW, 2) }, // active
  { login: "bob", created_at: OLD, last_activity_at: ago(NOW, 25) }, // remind
  { login: "carol", created_at: OLD, last_activity_at: ago(NOW, 26) }, // remind, then active
  { login: "dave", created_at: ago(NOW, 5), last_activity_at: null }, // new seat
  { login: "erin", created_at: OLD, last_activity_at: ago(NOW, 25) }, // exempt until 2025-06-10
  { login: "frank", created_at: OLD, last_activity_at: ago(NOW, 1) }, // expired member file: reclaimable
  { login: "hank", created_at: OLD, last_activity_at: ago(NOW, 24) }, // remind; leaves the org
];

async function send(api: string, method: string, p: string, body?: unknown): Promise<number> {
  const headers = { authorization: "token test-token", "user-agent": "remind-test", accept: "application/vnd.github+json", "content-type": "application/json" };
  const res = await fetch(`${api}${p}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
  await res.arrayBuffer();
  return res.status;
}

interface Issue {
  number: number;
  state: string;
  state_reason: string | null;
  title: string;
  body: string | null;
  assignees: { login: string }[];
  labels: { name: string }[];
  comments: number;
}

describe("seats remind against the emulator", () => {
  let emu: RunningEmulator;
  let checkout: string;
  let sink: WebhookSink;
  const remind = (...extra: string[]) => runCli(["remind", "--dir", checkout, "--repo", REPO, "--now", NOW.toISOString(), ...extra], emu.url, { SEATS_WEBHOOK_URL: sink.url });
  const issues = (state = "all") => getJson<Issue[]>(emu.url, `/repos/${REPO}/issues?state=${state}&labels=seats-reminder&per_page=100`);
  const byLogin = async (login: string) => (await issues()).filter((i) => i.body?.includes(`login=${login} `));

  beforeAll(async () => {
    checkout = tempCheckout();
    emu = await startEmulator({ seed: seedFor(readTreeFiles(checkout), SEATS), now: () => NOW });
    sink = await webhookSink();
  });
  afterAll(async () => {
    await emu?.close();
    await sink?.close();
    removeDir(checkout);
  });

  it("dry run: lists who would be reminded and sends nothing", async () => {
    emu.log.reset();
    const r = await remind();
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    expect(emu.log.count({ mutating: true })).toBe(0);
    expect(r.stdout).toContain("Would open 3 reminders:");
    for (const who of ["bob", "carol", "hank"]) expect(r.stdout).toContain(`  + ${who}: reclaimable from`);
    expect(r.stdout).not.toMatch(/\+ (alice|dave|erin|frank)/);
    expect(sink.received).toEqual([]);
  });

  it("--confirm opens one assigned, labelled reminder per person, and a digest", async () => {
    emu.log.reset();
    const r = await remind("--confirm");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Reminders: 3 opened, 0 updated, 0 closed");
    const open = await issues("open");
    expect(open.map((i) => i.assignees.map((a) => a.login)).flat().sort()).toEqual(["bob", "carol", "hank"]);
    const bob = (await byLogin("bob"))[0]!;
    expect(bob.title).toBe("Your Copilot seat will be reclaimed from 2025-06-06 unless you use it");
    expect(bob.body).toContain("@bob");
    expect(bob.body).toContain("inactivity.exempt");
    expect(bob.labels.map((l) => l.name)).toEqual(["seats-reminder"]);
    // Cost: seat pages + one issues list + one POST per reminder; with a webhook, the outbox
    // issue holding the run's intent (opened before the reminders, closed once delivered).
    expect(emu.log.count({ mutating: true })).toBe(5);
    const writes = emu.log.entries.filter((e) => e.method !== "GET");
    expect((writes[0]!.body as { title: string }).title).toBe("Copilot seat reminders: chat digest not delivered yet");
    expect(writes.at(-1)!.body).toMatchObject({ state: "closed" });
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]!.text).toContain("3 opened");
    expect(sink.received[0]!.text).toContain("bob (reclaim from 2025-06-06)");
    expect(r.stdout + r.stderr).not.toContain("secret-part");
  });

  it("a re-run opens nothing new and sends no write, no digest", async () => {
    emu.log.reset();
    const r = await remind("--confirm");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("0 opened, 0 updated, 0 closed, 3 unchanged");
    expect(emu.log.count({ mutating: true })).toBe(0);
    expect(sink.received).toHaveLength(1);
  });

  it("active again: the reminder is closed with a comment; the others stay", async () => {
    emu.control.recordActivity("carol", new Date(NOW.getTime() - 3_600_000));
    const r = await remind("--confirm");
    expect(r.stdout).toContain("0 opened, 0 updated, 1 closed");
    const [carol] = await byLogin("carol");
    expect(carol).toMatchObject({ state: "closed", state_reason: "completed", comments: 1 });
    const comments = await getJson<{ body: string }[]>(emu.url, `/repos/${REPO}/issues/${carol!.number}/comments`);
    expect(comments[0]!.body).toContain("You are active again, so your Copilot seat stays");
    expect((await issues("open")).length).toBe(2);
    expect(sink.received.at(-1)!.text).toContain("Active again: carol");
  });

  it("someone who left the org: the seat is cancelled, the reminder closes as reclaimed", async () => {
    expect(await send(emu.url, "DELETE", "/orgs/acme/members/hank")).toBe(204);
    const r = await remind("--confirm");
    expect(r.code).toBe(0);
    const [hank] = await byLogin("hank");
    expect(hank).toMatchObject({ state: "closed", comments: 1 });
    const comments = await getJson<{ body: string }[]>(emu.url, `/repos/${REPO}/issues/${hank!.number}/comments`);
    expect(comments[0]!.body).toContain("Your Copilot seat is being reclaimed");
    expect(sink.received.at(-1)!.text).toContain("Reclaimed: hank");
  });

  it("an exemption added on the base branch closes the reminder", async () => {
    // bob gets an exemption: write the policy in the checkout (the model is read from it).
    const { writeFileSync, readFileSync } = await import("node:fs");
    const file = `${checkout}/policies/policy.yaml`;
    writeFileSync(file, readFileSync(file, "utf8").replace("exempt:\n", "exempt:\n    - login: bob\n      reason: conference season\n      until: 2025-07-01\n"));
    const r = await remind("--confirm");
    expect(r.stdout).toContain("1 closed");
    const [bob] = await byLogin("bob");
    expect(bob).toMatchObject({ state: "closed" });
    expect(sink.received.at(-1)!.text).toContain("Exempted: bob");
  });

  it("a failing webhook is reported (exit 1) without losing the writes", async () => {
    sink.failWith(500);
    // carol goes idle again: a new reminder (her old one stays closed).
    emu.control.recordActivity("carol", new Date(NOW.getTime() - 27 * 86_400_000));
    const r = await remind("--confirm");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("1 opened");
    expect((await byLogin("carol")).map((i) => i.state).sort()).toEqual(["closed", "open"]);
    expect(r.stdout).toMatch(/webhook at 127\.0\.0\.1:\d+ answered HTTP 500/);
    expect(r.stdout + r.stderr).not.toContain("secret-part");
    sink.failWith(undefined);
  });
});
