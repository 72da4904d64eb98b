// The portal's page times on the emulator (numbers, not assertions): the signed-out page, My
// Copilot for a signed-in person (the first request after sign-in reads the seat repo through the
// API; later ones reuse it until the branch moves), /api/me, and the admin page (seats, reclaim
// history and three charts rendered to SVG on the server). Also the API requests each page costs.
import { signIn } from "../../test/portal/client.js";
import { startPortalWorld } from "../portal/world.js";

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function time(label: string, f: () => Promise<Response>, world: Awaited<ReturnType<typeof startPortalWorld>>, runs = 20): Promise<string> {
  const before = world.emu.log.count();
  const t0 = process.hrtime.bigint();
  const first = await f();
  await first.text();
  const firstMs = ms(t0);
  const calls = world.emu.log.count() - before;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await (await f()).text();
    times.push(ms(t));
  }
  times.sort((a, b) => a - b);
  return `${label.padEnd(30)} first ${firstMs.toFixed(1).padStart(7)} ms   median ${times[Math.floor(runs / 2)]!.toFixed(1).padStart(6)} ms   p95 ${times[Math.floor(runs * 0.95)]!.toFixed(1).padStart(6)} ms   API requests (first) ${calls}`;
}

export async function run(): Promise<void> {
  const world = await startPortalWorld();
  try {
    const url = world.portal.url;
    console.log(await time("GET / (signed out)", () => fetch(url), world));
    const heidi = await signIn(world, "heidi-new");
    console.log(await time("GET / (My Copilot)", () => heidi.get("/"), world));
    console.log(await time("GET /api/me", () => heidi.get("/api/me"), world));
    const alice = await signIn(world, "alice-admin");
    console.log(await time("GET /admin (3 SVG charts)", () => alice.get("/admin"), world, 10));
  } finally {
    await world.close();
  }
}
