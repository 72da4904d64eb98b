import { describe, expect, it } from "vitest";
import { applyPlan, chunk, MAX_BATCH } from "../../src/apply/apply.js";
import type { SeatWriter } from "../../src/github/write.js";
import { plan } from "../../src/plan/plan.js";
import { logins, policy, seat, snapshot, team } from "../plan/builders.js";

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A writer that records calls and rejects any batch containing a "bad" login with 422. */
function fakeWriter(opts: { bad?: string[]; failKinds?: { kind: string; status: number }[] } = {}) {
  const calls: { kind: string; targets: string[] }[] = [];
  const bad = new Set(opts.bad ?? []);
  const writer: SeatWriter = {
    async write(kind, targets) {
      calls.push({ kind, targets });
      const fail = opts.failKinds?.find((f) => f.kind === kind);
      if (fail) throw new HttpError(fail.status, `boom ${fail.status}`);
      if (targets.some((t) => bad.has(t))) throw new HttpError(422, "Validation Failed");
      return { status: kind.startsWith("add") ? 201 : 200, count: targets.length };
    },
  };
  return { writer, calls };
}

const bigPlan = (adds: number, cancels: number) => {
  const declared = logins(adds + 1000, "d");
  const held = [...declared.slice(adds), ...logins(cancels, "x")];
  return plan({ teams: [team("platform", "users", declared)] }, snapshot({ members: [...declared, ...logins(cancels, "x")], seats: held.map((l) => seat(l)) }), policy());
};

describe("applyPlan", () => {
  it("batches at most 100 logins per request, adds before cancels, never one request per user", async () => {
    const p = bigPlan(250, 120);
    const { writer, calls } = fakeWriter();
    const r = await applyPlan(p, writer);
    expect(calls.map((c) => `${c.kind}:${c.targets.length}`)).toEqual(["add_users:100", "add_users:100", "add_users:50", "cancel_users:100", "cancel_users:20"]);
    expect(r.ok).toBe(true);
    expect(r.applied).toHaveLength(370);
    expect(r.requests.every((q) => q.targets.length <= MAX_BATCH)).toBe(true);
  });

  it("team assignments go first, then team removals, then user adds", async () => {
    const p = plan(
      { teams: [team("ml", "team", ["m1"]), team("data", "users", ["alice"]), team("p", "users", logins(8))] },
      snapshot({
        members: ["m1", "alice", "bob", ...logins(8)],
        seats: [seat("alice", { assigning_team: "data" }), seat("bob", { assigning_team: "data" }), ...logins(8).map((l) => seat(l))],
        teams: [{ slug: "ml", exists: true, members: ["m1"] }],
      }),
      policy(),
    );
    const { writer, calls } = fakeWriter();
    await applyPlan(p, writer);
    expect(calls).toEqual([
      { kind: "add_teams", targets: ["ml"] },
      { kind: "remove_teams", targets: ["data"] },
      { kind: "add_users", targets: ["alice"] },
    ]);
  });

  it("a 422 batch is bisected to the offending logins; the other batches still apply", async () => {
    const p = bigPlan(250, 0);
    const { writer, calls } = fakeWriter({ bad: ["d007", "d180"] });
    const r = await applyPlan(p, writer);
    expect(r.ok).toBe(false);
    expect(r.failures.map((f) => f.target)).toEqual(["d007", "d180"]);
    expect(r.failures[0]).toMatchObject({ action: "add", status: 422, error: "HTTP 422: Validation Failed" });
    expect(r.applied).toHaveLength(248);
    // 3 batches + 2 bisections of ~2·log2(100) requests each: far fewer than one per login.
    expect(calls.length).toBeLessThan(3 + 2 * 2 * 8);
    expect(calls.every((c) => c.targets.length <= 100)).toBe(true);
  });

  it("an org-wide 422 (seat management changed mid-apply) stops the run instead of bisecting every batch", async () => {
    const p = bigPlan(250, 10);
    const { writer, calls } = fakeWriter({ failKinds: [{ kind: "add_users", status: 422 }] });
    let asked = 0;
    const r = await applyPlan(p, writer, {
      explainRejection: async () => {
        asked++;
        return 'seat management is "assign_all"';
      },
    });
    expect(asked).toBe(1);
    expect(calls).toHaveLength(1);
    expect(r.failures).toHaveLength(260);
    expect(r.failures.slice(100).every((f) => f.error === 'not sent: seat management is "assign_all"')).toBe(true);
    expect(r.applied).toEqual([]);
  });

  it("a 422 that the org does not explain is bisected as usual, asking only once", async () => {
    const p = bigPlan(250, 0);
    const { writer } = fakeWriter({ bad: ["d007", "d180"] });
    let asked = 0;
    const r = await applyPlan(p, writer, { explainRejection: async () => void asked++ });
    expect(asked).toBe(1);
    expect(r.failures.map((f) => f.target)).toEqual(["d007", "d180"]);
  });

  it("a server error fails only its batch (reported per login), without bisecting", async () => {
    const p = bigPlan(150, 10);
    const { writer, calls } = fakeWriter({ failKinds: [{ kind: "add_users", status: 502 }] });
    const r = await applyPlan(p, writer);
    expect(r.failures).toHaveLength(150);
    expect(r.failures.every((f) => f.status === 502 && f.action === "add")).toBe(true);
    expect(calls.map((c) => c.kind)).toEqual(["add_users", "add_users", "cancel_users"]);
    expect(r.applied.map((a) => a.action)).toEqual(Array(10).fill("cancel"));
  });

  it.each([404, 400])("a %i (the org or the body, not a login) fails only its batch, without bisecting", async (status) => {
    const p = bigPlan(150, 10);
    const { writer, calls } = fakeWriter({ failKinds: [{ kind: "add_users", status }] });
    const r = await applyPlan(p, writer);
    expect(r.failures).toHaveLength(150);
    expect(calls.map((c) => c.kind)).toEqual(["add_users", "add_users", "cancel_users"]);
  });

  it("refuses a plan the planner refused", async () => {
    const p = bigPlan(0, 600);
    expect(p.safety.refusals.length).toBe(1);
    const { writer, calls } = fakeWriter();
    await expect(applyPlan(p, writer)).rejects.toThrow(/refusing to cancel 600 of 1600 seats \(37\.5% > 25\.0%\)/);
    expect(calls).toEqual([]);
  });
});

describe("chunk", () => {
  it.each([
    [0, []],
    [1, [1]],
    [100, [100]],
    [101, [100, 1]],
    [350, [100, 100, 100, 50]],
  ])("%i items → %j", (n, sizes) => expect(chunk(Array.from({ length: n }, (_, i) => i), 100).map((c) => c.length)).toEqual(sizes));
});
