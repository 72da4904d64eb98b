// Emulator throughput: seeding a large org, paging through its seats with the project's client,
// and batched seat writes. Prints numbers only.
import { performance } from "node:perf_hooks";
import { createGitHubClient } from "../../src/github/client.js";
import { startEmulator, type EmulatorSeed } from "../../src/emulator/index.js";

export async function run(): Promise<void> {
  const rows: [string, string][] = [];
  for (const n of [1_000, 10_000]) {
    const devs = Array.from({ length: n }, (_, i) => `dev${i}`);
    const seed: EmulatorSeed = {
      org: { login: "big" },
      members: [{ login: "root", role: "admin" }, ...devs],
      seats: devs.slice(0, n / 2).map((login) => ({ login, created_at: "2026-01-01T00:00:00Z" })),
    };
    let t = performance.now();
    const emu = await startEmulator({ seed });
    rows.push([`start with ${n} members`, `${(performance.now() - t).toFixed(0)} ms`]);
    const gh = createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: "t" }, allowWrites: true, retryAfterBaseMs: 1, writeIntervalMs: 0, warn: () => {} });
    t = performance.now();
    const seats = await gh.paginate(gh.rest.copilot.listCopilotSeats, { org: "big", per_page: 100 }, (r) => (r.data as unknown as { seats: unknown[] }).seats);
    const ms = performance.now() - t;
    rows.push([`list ${seats.length} seats (${emu.log.count()} requests)`, `${ms.toFixed(0)} ms, ${((seats.length / ms) * 1000).toFixed(0)} seats/s`]);
    emu.log.reset();
    t = performance.now();
    for (let i = n / 2; i < n; i += 100) await gh.rest.copilot.addCopilotSeatsForUsers({ org: "big", selected_usernames: devs.slice(i, i + 100) });
    rows.push([`add ${n / 2} seats in batches of 100 (${emu.log.count({ mutating: true })} POSTs)`, `${(performance.now() - t).toFixed(0)} ms`]);
    await emu.close();
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}
