// A person GitHub refuses as an assignee: the seat repository lists its collaborators and the
// person is not one of them, so creating the issue with them as assignee is a 422 validation
// error. `seats remind` opens the reminder once more without the assignee; the body's @-mention
// is what reaches them. A re-run finds that reminder by its marker and opens no second one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { RunningEmulator, SeedSeat } from "../../src/emulator/types.js";
import { ago } from "../reclaim/model.js";
import { getJson, readTreeFiles, REPO, removeDir, runCli, seedFor, tempCheckout } from "../reclaim/world.js";

const NOW = new Date("2025-06-01T02:00:00Z");
const OLD = "2024-01-01T00:00:00Z";
const SEATS: SeedSeat[] = [
  { login: "alice", created_at: OLD, last_activity_at: ago(NOW, 2) },
  { login: "bob", created_at: OLD, last_activity_at: ago(NOW, 25) }, // due a reminder; no access to the seat repo
  { login: "carol", created_at: OLD, last_activity_at: ago(NOW, 26) }, // due a reminder; a collaborator
];

interface Issue {
  number: number;
  state: string;
  body: string | null;
  assignees: { login: string }[];
}

describe("a reminder for someone who cannot be assigned", () => {
  let emu: RunningEmulator;
  let checkout: string;
  const remind = () => runCli(["remind", "--dir", checkout, "--repo", REPO, "--now", NOW.toISOString(), "--confirm"], emu.url);
  const reminders = () => getJson<Issue[]>(emu.url, `/repos/${REPO}/issues?state=all&labels=seats-reminder&per_page=100`);
  const forLogin = async (login: string) => (await reminders()).filter((i) => i.body?.includes(`login=${login} `));

  beforeAll(async () => {
    checkout = tempCheckout();
    const seed = seedFor(readTreeFiles(checkout), SEATS);
    seed.repos = seed.repos!.map((r) => ({ ...r, collaborators: ["alice", "carol"] }));
    emu = await startEmulator({ seed, now: () => NOW });
  });
  afterAll(async () => {
    await emu?.close();
    removeDir(checkout);
  });

  it("opens one unassigned reminder that @-mentions them; the others are assigned as usual", async () => {
    emu.log.reset();
    const r = await remind();
    expect(r.stderr).not.toMatch(/FAIL|internal error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Reminders: 2 opened");
    const [bob, ...more] = await forLogin("bob");
    expect(more).toEqual([]);
    expect(bob).toMatchObject({ state: "open", assignees: [] });
    expect(bob!.body).toContain("@bob: a reminder");
    expect((await forLogin("carol")).map((i) => i.assignees.map((a) => a.login))).toEqual([["carol"]]);
    // GitHub refused bob as assignee once (422), then took the issue without him.
    const creates = emu.log.entries.filter((e) => e.route === "POST /repos/{owner}/{repo}/issues");
    expect(creates.map((e) => e.status).sort()).toEqual([201, 201, 422]);
  });

  it("a re-run opens no second reminder and sends no write", async () => {
    emu.log.reset();
    const r = await remind();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("0 opened, 0 updated, 0 closed, 2 unchanged");
    expect(emu.log.count({ mutating: true })).toBe(0);
    expect(await forLogin("bob")).toHaveLength(1);
  });
});
