// Conditional requests over real HTTP against the emulator: ETags on every GET, 304 for a
// matching If-None-Match (not counted against the rate limit), and the client's cache answering
// a whole unchanged org from 304s, in one run and across runs through a cache file.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../src/emulator/index.js";
import { createGitHubClient } from "../../src/github/client.js";
import { EtagCache } from "../../src/github/etag-cache.js";
import { readSnapshot } from "../../src/github/read.js";

const logins = Array.from({ length: 250 }, (_, i) => `dev-${String(i).padStart(3, "0")}`);
const SEED: EmulatorSeed = {
  org: { login: "acme", seat_management_setting: "assign_selected" },
  members: [{ login: "root", role: "admin" }, ...logins],
  seats: logins.slice(0, 180).map((login) => ({ login, created_at: "2025-01-01T00:00:00Z" })),
};

let emu: RunningEmulator;
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "seats-etag-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeEach(async () => {
  emu = await startEmulator({ seed: SEED });
});
afterEach(() => emu.close());

const client = (etagCache?: EtagCache) =>
  createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: "t" }, allowWrites: true, retryAfterBaseMs: 1, writeIntervalMs: 0, warn: () => {}, ...(etagCache ? { etagCache } : {}) });

describe("emulator: ETag and 304", () => {
  it("sends an ETag, answers a matching If-None-Match with 304 and leaves the rate limit alone", async () => {
    const url = `${emu.url}/orgs/acme/copilot/billing/seats?per_page=100&page=1`;
    const headers = { authorization: "token t", "user-agent": "test" };
    const first = await fetch(url, { headers });
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/);
    const remaining = Number(first.headers.get("x-ratelimit-remaining"));
    const again = await fetch(url, { headers: { ...headers, "if-none-match": etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect(Number(again.headers.get("x-ratelimit-remaining"))).toBe(remaining);
    const weak = await fetch(url, { headers: { ...headers, "if-none-match": `W/${etag}, "other"` } });
    expect(weak.status).toBe(304);
    // A change to the listed seats changes the ETag: the old one gets the full answer.
    await client().request("POST /orgs/{org}/copilot/billing/selected_users", { org: "acme", selected_usernames: ["dev-200"] });
    const changed = await fetch(url, { headers: { ...headers, "if-none-match": etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(Number(changed.headers.get("x-ratelimit-remaining"))).toBe(remaining - 2);
  });
});

describe("client: conditional full reads", () => {
  it("a second full read of an unchanged org is answered by 304s and gives the same snapshot", async () => {
    const cache = new EtagCache();
    const gh = client(cache);
    const one = await readSnapshot(gh, { org: "acme" });
    const requests = emu.log.count();
    expect(emu.log.count({ status: 304 })).toBe(0);
    emu.log.reset();
    const two = await readSnapshot(gh, { org: "acme" });
    expect(two).toEqual(one);
    expect(emu.log.count()).toBe(requests);
    expect(emu.log.count({ status: 304 })).toBe(requests);
    expect(cache.hits).toBe(requests);
  });

  it("keeps the cache in a file across runs, and reads what changed in full", async () => {
    const file = path.join(tmp, "etags.json");
    const first = new EtagCache(file);
    const before = await readSnapshot(client(first), { org: "acme" });
    first.save();
    await client().request("DELETE /orgs/{org}/copilot/billing/selected_users", { org: "acme", selected_usernames: ["dev-000"] });
    emu.log.reset();
    const next = new EtagCache(file);
    expect(next.size).toBeGreaterThan(0);
    const after = await readSnapshot(client(next), { org: "acme" });
    expect(after.seats.find((s) => s.login === "dev-000")?.pending_cancellation_date).toBeTruthy();
    expect(before.seats.find((s) => s.login === "dev-000")?.pending_cancellation_date).toBeNull();
    // Member pages did not change (304); the billing summary and the seat page with dev-000 did.
    expect(emu.log.count({ route: "GET /orgs/{org}/members", status: 304 })).toBe(3);
    expect(emu.log.count({ route: "GET /orgs/{org}/copilot/billing", status: 200 })).toBe(1);
  });

  it("ignores a damaged cache file", () => {
    const file = path.join(tmp, "bad.json");
    rmSync(file, { force: true });
    writeFileSync(file, "{not json");
    expect(new EtagCache(file).size).toBe(0);
  });
});
