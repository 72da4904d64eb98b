// runApply: the whole apply sequence (plan → checksum → guards → dry run → last check → writes →
// audit) with a fixed plan and a fake writer, so each stop along the way is one table row.
import { describe, expect, it } from "vitest";
import { runApply, type ApplyDeps, type ApplyRunOptions } from "../../src/apply/run.js";
import { Interrupted } from "../../src/errors.js";
import type { SeatWriteKind, SeatWriter } from "../../src/github/write.js";
import { plan } from "../../src/plan/plan.js";
import type { Plan } from "../../src/plan/types.js";
import { logins, policy, seat, snapshot, team } from "../plan/builders.js";

/** 250 adds (3 batches) and 10 cancels (1 batch). */
function bigPlan(): Plan {
  const declared = logins(250, "d");
  return plan({ teams: [team("platform", "users", declared)] }, snapshot({ members: [...declared, ...logins(10, "x")], seats: logins(10, "x").map((l) => seat(l)) }), policy({ max_removal_ratio: 1 }));
}

function fakeWriter(answer: (kind: SeatWriteKind, n: number, call: number) => { status: number; count: number } = (k, n) => ({ status: k.startsWith("add") ? 201 : 200, count: n })) {
  const calls: { kind: SeatWriteKind; n: number }[] = [];
  const writer: SeatWriter = {
    async write(kind, targets) {
      calls.push({ kind, n: targets.length });
      return answer(kind, targets.length, calls.length);
    },
  };
  return { writer, calls };
}

const base = (o: Partial<ApplyRunOptions> = {}): ApplyRunOptions => ({ confirm: true, env: { GITHUB_ACTOR: "octo" }, apiUrl: "http://emulator", now: () => new Date("2026-01-15T12:00:00Z"), ...o });
const deps = (p: Plan, writer: SeatWriter): ApplyDeps => ({ readPlan: async () => p, writer });

describe("runApply stops where the sequence says, and sends nothing before it", () => {
  const p = bigPlan();
  const empty = plan({ teams: [team("platform", "users", ["alice"])] }, snapshot({ members: ["alice"], seats: [seat("alice")] }), policy());
  const refused = plan({ teams: [team("platform", "users", [])] }, snapshot({ members: logins(8, "x"), seats: logins(8, "x").map((l) => seat(l)) }), policy());
  it.each([
    { name: "a checksum other than the reviewed one", plan: p, opts: { expectedChecksum: "0".repeat(64) }, outcome: "refused", refusal: /the plan differs from the reviewed one \(checksum [0-9a-f]{64}, expected 0{64}\)/ },
    { name: "team changes other than the reviewed ones", plan: p, opts: { expectedChecksum: p.checksum, expectedTeamsChecksum: "1".repeat(64) }, outcome: "refused", refusal: /the team changes differ from the reviewed ones \(teams checksum [0-9a-f]{64}, expected 1{64}\)/ },
    { name: "a plan the guards refused", plan: refused, opts: {}, outcome: "refused", refusal: /refusing to cancel/ },
    { name: "a dry run", plan: p, opts: { confirm: false }, outcome: "dry-run", code: 0 },
    { name: "nothing to do", plan: empty, opts: {}, outcome: "nothing-to-do", code: 0 },
    { name: "the last check's reason", plan: p, opts: { lastCheck: async () => "the plan is older than the branch head" }, outcome: "refused", refusal: /^the plan is older than the branch head$/ },
  ])("$name", async ({ plan: pl, opts, outcome, refusal, code }) => {
    const { writer, calls } = fakeWriter();
    const seen: Plan[] = [];
    const r = await runApply(deps(pl, writer), base({ ...opts, onPlan: (x) => seen.push(x) }));
    expect(calls).toEqual([]);
    expect(seen).toEqual([pl]);
    expect(r.outcome).toBe(outcome);
    expect(r.audit.outcome).toBe(outcome);
    expect(r.exitCode).toBe(code ?? 1);
    if (refusal) {
      expect(r.refusal).toMatch(refusal);
      expect(r.audit.error).toBe(r.refusal);
    } else expect(r.refusal).toBeUndefined();
  });

  it("the last check sees the plan after every guard passed, once, and a pass lets the writes go", async () => {
    const { writer, calls } = fakeWriter();
    const checked: string[] = [];
    const r = await runApply(deps(p, writer), base({ expectedChecksum: p.checksum, lastCheck: async (x) => void checked.push(x.checksum) }));
    expect(checked).toEqual([p.checksum]);
    expect(calls.map((c) => `${c.kind}:${c.n}`)).toEqual(["add_users:100", "add_users:100", "add_users:50", "cancel_users:10"]);
    expect(r).toMatchObject({ outcome: "applied", exitCode: 0 });
  });
});

describe("the audit record states what GitHub answered", () => {
  it("each request's status and count are the writer's answer, not made up", async () => {
    // An answer no writer would invent: 200 to a POST, with a count unlike the batch size.
    const { writer } = fakeWriter((kind, n, call) => (call === 2 ? { status: 200, count: 7 } : { status: kind.startsWith("add") ? 201 : 200, count: n }));
    const r = await runApply(deps(bigPlan(), writer), base());
    expect(r.audit.requests.map((q) => [q.route, q.status, q.count])).toEqual([
      ["POST /orgs/{org}/copilot/billing/selected_users", 201, 100],
      ["POST /orgs/{org}/copilot/billing/selected_users", 200, 7],
      ["POST /orgs/{org}/copilot/billing/selected_users", 201, 50],
      ["DELETE /orgs/{org}/copilot/billing/selected_users", 200, 10],
    ]);
    expect(r.audit).toMatchObject({ outcome: "applied", exit_code: 0, actor: "octo", api_url: "http://emulator", not_sent: [] });
  });
});

describe("a stopped run sends no further batch and says what it did not send", () => {
  it("the signal fires during the second batch: that batch is let finish, the rest are listed as not sent", async () => {
    const controller = new AbortController();
    const { writer, calls } = fakeWriter((kind, n, call) => {
      if (call === 2) controller.abort(new Interrupted("signal", "stopped: interrupted (SIGTERM)"));
      return { status: 201, count: n };
    });
    const r = await runApply(deps(bigPlan(), writer), base({ signal: controller.signal }));
    expect(calls).toHaveLength(2);
    expect(r.outcome).toBe("interrupted");
    expect(r.exitCode).toBe(1);
    expect(r.result?.interrupted).toBe("stopped: interrupted (SIGTERM)");
    expect(r.result?.applied).toHaveLength(200);
    expect(r.result?.unsent.map((b) => `${b.kind}:${b.targets.length}:${b.reason}`)).toEqual([
      "add_users:50:stopped: interrupted (SIGTERM)",
      "cancel_users:10:stopped: interrupted (SIGTERM)",
    ]);
    expect(r.audit.not_sent).toHaveLength(2);
    expect(r.audit.requests).toHaveLength(2);
  });

  it("a request the client stopped before an answer is reported as possibly applied, not as sent or unsent", async () => {
    const controller = new AbortController();
    const writer: SeatWriter = {
      async write() {
        const reason = new Interrupted("timeout", "stopped: the run took longer than --timeout 1s");
        controller.abort(reason);
        throw reason;
      },
    };
    const r = await runApply(deps(bigPlan(), writer), base({ signal: controller.signal }));
    expect(r.result?.requests).toHaveLength(1);
    expect(r.result?.requests[0]).toMatchObject({ ok: false, interrupted: true });
    expect(r.result?.requests[0]?.error).toContain("it may have been applied");
    expect(r.result?.unsent.map((b) => b.targets.length)).toEqual([100, 50, 10]);
    expect(r.outcome).toBe("interrupted");
  });

  it("stopped before the writes started: nothing is sent", async () => {
    const controller = new AbortController();
    controller.abort(new Interrupted("signal", "stopped: interrupted (SIGINT)"));
    const { writer, calls } = fakeWriter();
    const r = await runApply(deps(bigPlan(), writer), base({ signal: controller.signal }));
    expect(calls).toEqual([]);
    expect(r).toMatchObject({ exitCode: 1, refusal: "stopped: interrupted (SIGINT)" });
  });
});
