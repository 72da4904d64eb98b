// `seats remind` in a repo that manages two orgs (`orgs:`), against one emulator serving both: a
// person is judged over their seats in every org, as reclaim judges them. Idle in both: one
// reminder (from the latest activity in either); active in one: none, and an open reminder
// closes when the person uses Copilot through either org.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { twoOrgSeed } from "../helpers/two-orgs.js";
import { ago } from "../reclaim/model.js";
import { getJson, readTreeFiles, REPO, removeDir, runCli, tempCheckout } from "../reclaim/world.js";
import { idleSeat, NOW, type RemindIssue } from "./world.js";

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/remind/orgs");

describe("seats remind across two orgs", () => {
  let emu: RunningEmulator;
  let checkout: string;
  const remind = (...extra: string[]) => runCli(["remind", "--dir", checkout, "--repo", REPO, "--now", NOW.toISOString(), ...extra], emu.url);
  const issues = () => getJson<RemindIssue[]>(emu.url, `/repos/${REPO}/issues?state=all&labels=seats-reminder&per_page=100`);
  const stateOf = async () => (await issues()).map((i) => `${/login=(\S+) /.exec(i.body ?? "")?.[1]} ${i.state}`).sort();

  beforeAll(async () => {
    checkout = tempCheckout(FIXTURE);
    emu = await startEmulator({
      now: () => NOW,
      // ann is idle in acme but used Copilot two days ago through acme-labs; bo is idle in both.
      seed: twoOrgSeed(
        { members: ["ann", "bo", "cy"], seats: [idleSeat("ann", 25), idleSeat("bo", 25), idleSeat("cy", 24)] },
        { members: ["ann", "bo", "di"], seats: [{ ...idleSeat("ann", 25), last_activity_at: ago(NOW, 2) }, idleSeat("bo", 26), idleSeat("di", 25)] },
        readTreeFiles(checkout),
      ),
    });
  });
  afterAll(async () => {
    await emu?.close();
    removeDir(checkout);
  });

  it("the dry run reminds each person idle everywhere once, from their latest activity in any org", async () => {
    const r = await remind();
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("read 6 Copilot seats (4 people) of acme, acme-labs and 0 open reminders");
    // bo: 25 days idle in acme (26 in acme-labs) → reclaimable from 2025-06-06, one line.
    expect(r.stdout).toContain("Would open 3 reminders:\n  + bo: reclaimable from 2025-06-06\n  + cy: reclaimable from 2025-06-07\n  + di: reclaimable from 2025-06-06\n");
    expect(r.stdout).not.toContain("ann");
  });

  it("opens one reminder per person, none for someone active in either org", async () => {
    const r = await remind("--confirm");
    expect(r.stdout).toContain("Reminders: 3 opened");
    expect(r.code).toBe(0);
    expect(await stateOf()).toEqual(["bo open", "cy open", "di open"]);
    const bo = (await issues()).find((i) => i.body?.includes("login=bo "))!;
    // Every member file of theirs, in both orgs' teams.
    expect(bo.body).toContain("Teams: labs, platform.");
    expect((await remind("--confirm")).stdout).toContain("Reminders: 0 opened, 0 updated, 0 closed, 3 unchanged");
  });

  it("closes a reminder when the person uses Copilot through either org", async () => {
    emu.control.recordActivity("bo", new Date(NOW.getTime() - 3_600_000), "vscode", "acme-labs");
    emu.control.recordActivity("cy", new Date(NOW.getTime() - 3_600_000), "vscode", "acme");
    const r = await remind("--confirm");
    expect(r.stdout).toContain("Reminders: 0 opened, 0 updated, 2 closed, 1 unchanged");
    expect(await stateOf()).toEqual(["bo closed", "cy closed", "di open"]);
  });

  it("closes a reminder whose person holds a seat in no org any more, naming the orgs", async () => {
    const res = await fetch(`${emu.url}/orgs/acme-labs/copilot/billing/selected_users`, {
      method: "DELETE",
      headers: { authorization: "token test-token", "user-agent": "remind-test", "content-type": "application/json" },
      body: JSON.stringify({ selected_usernames: ["di"] }),
    });
    expect(res.status).toBe(200);
    // Past the end of the billing cycle the cancelled seat is gone.
    emu.control.setNow(new Date("2025-07-02T00:00:00Z"));
    expect((await remind("--confirm")).stdout).toContain("1 closed");
    const di = (await issues()).find((i) => i.body?.includes("login=di "))!;
    expect(di.state).toBe("closed");
    const comments = await getJson<{ body: string }[]>(emu.url, `/repos/${REPO}/issues/${di.number}/comments`);
    expect(comments.map((c) => c.body)).toEqual([expect.stringContaining("you no longer hold a Copilot seat in any of acme, acme-labs")]);
  });
});
