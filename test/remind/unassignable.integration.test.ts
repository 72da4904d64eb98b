// A person GitHub refuses as an assignee: the seat repository lists its collaborators and the
// person is not one of them, so creating the issue with them as assignee is a 422 validation
// error. `seats remind` opens the reminder once more without the assignee; the body's @-mention
// is what reaches them. A re-run finds that reminder by its marker and opens no second one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remindWorld, type RemindWorld } from "./world.js";

describe("a reminder for someone who cannot be assigned", () => {
  let w: RemindWorld;
  // bob and carol are due a reminder; only carol (and alice) can access the seat repository.
  beforeAll(async () => {
    w = await remindWorld({ seed: (seed) => ({ ...seed, repos: seed.repos!.map((r) => ({ ...r, collaborators: ["alice", "carol"] })) }) });
  });
  afterAll(() => w?.close());

  it("opens one unassigned reminder that @-mentions them; the others are assigned as usual", async () => {
    w.emu.log.reset();
    const r = await w.remind();
    expect(r.stderr).not.toMatch(/FAIL|internal error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Reminders: 2 opened");
    const [bob, ...more] = await w.forLogin("bob");
    expect(more).toEqual([]);
    expect(bob).toMatchObject({ state: "open", assignees: [] });
    expect(bob!.body).toContain("@bob: a reminder");
    expect((await w.forLogin("carol")).map((i) => i.assignees.map((a) => a.login))).toEqual([["carol"]]);
    // GitHub refused bob as assignee once (422), then took the issue without him.
    const creates = w.emu.log.entries.filter((e) => e.route === "POST /repos/{owner}/{repo}/issues");
    expect(creates.map((e) => e.status).sort()).toEqual([201, 201, 422]);
  });

  it("a re-run opens no second reminder and sends no write", async () => {
    w.emu.log.reset();
    const r = await w.remind();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("0 opened, 0 updated, 0 closed, 2 unchanged");
    expect(w.emu.log.count({ mutating: true })).toBe(0);
    expect(await w.forLogin("bob")).toHaveLength(1);
  });
});
