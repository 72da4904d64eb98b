// Fault injection against the project's own client (Octokit with the throttling and retry
// plugins): secondary rate limits, 5xx and dropped connections are retried and succeed; a
// faulted write never half-applies; a seeded fault run is reproducible.
import { afterEach, describe, expect, it } from "vitest";
import { createGitHubClient } from "../../src/github/client.js";
import { startEmulator, type EmulatorSeed, type FaultConfig, type RunningEmulator } from "../../src/emulator/index.js";

const seed: EmulatorSeed = {
  org: { login: "acme" },
  members: [{ login: "root", role: "admin" }, "alice", "bob"],
  seats: [{ login: "alice", created_at: "2026-01-01T00:00:00Z" }],
};
const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function start(faults?: FaultConfig): Promise<RunningEmulator> {
  const emu = await startEmulator({ seed, ...(faults ? { faults } : {}) });
  running.push(emu);
  return emu;
}

const client = (emu: RunningEmulator, warnings: string[] = []) =>
  createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: "t" }, allowWrites: true, retryAfterBaseMs: 1, writeIntervalMs: 0, warn: (m) => warnings.push(m) });

describe("faults", () => {
  it("secondary rate limits (403/429 with retry-after) are recognised and retried by the throttling plugin", async () => {
    const emu = await start({ secondaryRateLimitRate: 0.4, retryAfterSeconds: 1, seed: 7 });
    const warnings: string[] = [];
    const gh = client(emu, warnings);
    for (let i = 0; i < 12; i++) expect((await gh.rest.copilot.getCopilotOrganizationDetails({ org: "acme" })).status).toBe(200);
    const faulted = emu.log.entries.filter((e) => e.fault);
    expect(faulted.length).toBeGreaterThan(0);
    expect(new Set(faulted.map((e) => e.status))).toEqual(new Set([403, 429]));
    expect(warnings.filter((w) => w.includes("secondary rate limit"))).toHaveLength(faulted.length);
  });

  it("the secondary-rate-limit response carries the headers and message clients rely on", async () => {
    const emu = await start({ secondaryRateLimitRate: 1, retryAfterSeconds: 3 });
    const res = await fetch(`${emu.url}/orgs/acme/copilot/billing`, { headers: { authorization: "token t", "user-agent": "t" } });
    expect([403, 429]).toContain(res.status);
    expect(res.headers.get("retry-after")).toBe("3");
    const body = (await res.json()) as { message: string; status: string };
    expect(body.message).toMatch(/\bsecondary rate\b/i);
    expect(body.status).toBe(String(res.status));
  });

  it("5xx responses and dropped connections are retried by the retry plugin", async () => {
    const emu = await start({ errorRate: 0.3, dropRate: 0.2, seed: 11 });
    const gh = client(emu);
    for (let i = 0; i < 10; i++) expect((await gh.rest.orgs.listMembers({ org: "acme" })).data).toHaveLength(3);
    const statuses = emu.log.entries.filter((e) => e.fault).map((e) => e.status);
    expect(statuses.some((s) => s === 0)).toBe(true);
    expect(statuses.some((s) => s === 502 || s === 503)).toBe(true);
  });

  it("a faulted write never half-applies", async () => {
    const emu = await start();
    const before = emu.control.snapshot();
    for (const faults of [{ errorRate: 1 }, { dropRate: 1 }, { secondaryRateLimitRate: 1 }] satisfies FaultConfig[]) {
      emu.setFaults({ ...faults, match: /^POST / });
      const res = await fetch(`${emu.url}/orgs/acme/copilot/billing/selected_users`, {
        method: "POST",
        headers: { authorization: "token t", "user-agent": "t", "content-type": "application/json" },
        body: JSON.stringify({ selected_usernames: ["bob"] }),
      }).catch(() => undefined);
      expect(res === undefined || res.status >= 400).toBe(true);
      emu.setFaults(undefined);
      expect(emu.control.snapshot()).toEqual(before);
    }
  });

  it("only matching requests get faults, and a seeded run is reproducible", async () => {
    const config: FaultConfig = { errorRate: 0.5, seed: 3, match: "copilot/billing$" };
    const runs: (boolean | undefined)[][] = [];
    for (let n = 0; n < 2; n++) {
      const emu = await start(config);
      for (let i = 0; i < 20; i++) {
        const path = i % 2 ? "/orgs/acme/members" : "/orgs/acme/copilot/billing";
        await fetch(`${emu.url}${path}`, { headers: { authorization: "token t", "user-agent": "t" } });
      }
      expect(emu.log.entries.filter((e) => e.route === "GET /orgs/{org}/members").every((e) => !e.fault)).toBe(true);
      runs.push(emu.log.entries.map((e) => e.fault));
    }
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]!.some(Boolean)).toBe(true);
  });

  it("a stalled request is neither served nor answered; the client's per-request timeout ends it", async () => {
    const emu = await start({ stallRate: 1, match: /^POST / });
    const before = emu.control.snapshot();
    const err = await fetch(`${emu.url}/orgs/acme/copilot/billing/selected_users`, {
      method: "POST",
      headers: { authorization: "token t", "user-agent": "t", "content-type": "application/json" },
      body: JSON.stringify({ selected_usernames: ["bob"] }),
      signal: AbortSignal.timeout(200),
    }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.name).toBe("TimeoutError");
    expect(emu.control.snapshot()).toEqual(before);
    expect(emu.log.entries.at(-1)).toMatchObject({ method: "POST", status: 0, fault: true });
    await expect(startEmulator({ seed, faults: { stallRate: 1.5 } })).rejects.toThrow(/stallRate must be between 0 and 1/);
  });

  it("rejects out-of-range fault settings", async () => {
    await expect(startEmulator({ seed, faults: { errorRate: 2 } })).rejects.toThrow(/errorRate must be between 0 and 1/);
    await expect(startEmulator({ seed, faults: { lostResponseRate: -1 } })).rejects.toThrow(/lostResponseRate must be between 0 and 1/);
    await expect(startEmulator({ seed, faults: { errorRate: 1, maxFaults: 1.5 } })).rejects.toThrow(/maxFaults must be a whole number/);
  });

  it("a lost response applies the write, then drops the connection (the client sees a network error)", async () => {
    const emu = await start({ lostResponseRate: 1, match: /^POST / });
    const res = await fetch(`${emu.url}/orgs/acme/copilot/billing/selected_users`, {
      method: "POST",
      headers: { authorization: "token t", "user-agent": "t", "content-type": "application/json" },
      body: JSON.stringify({ selected_usernames: ["bob"] }),
    }).catch(() => undefined);
    expect(res).toBeUndefined();
    expect(emu.control.snapshot().seats!.map((s) => s.login).sort()).toEqual(["alice", "bob"]);
    expect(emu.log.entries).toEqual([
      { method: "POST", path: "/orgs/acme/copilot/billing/selected_users", route: "POST /orgs/{org}/copilot/billing/selected_users", status: 0, fault: true, body: { selected_usernames: ["bob"] } },
    ]);
  });

  it("maxFaults stops injecting after that many faults", async () => {
    const emu = await start({ errorRate: 1, maxFaults: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${emu.url}/orgs/acme/members`, { headers: { authorization: "token t", "user-agent": "t" } })).status);
    expect(statuses.map((s) => s >= 500)).toEqual([true, true, false, false]);
  });
});
