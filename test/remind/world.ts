// Integration-test world for `seats remind`: the reclaim fixture repo as checkout and as the
// emulator's `main`, seats idle enough to be reminded on NOW, and the CLI run in-process.
import { startEmulator } from "../../src/emulator/index.js";
import type { EmulatorSeed, RunningEmulator, SeedSeat } from "../../src/emulator/types.js";
import { ago } from "../reclaim/model.js";
import { getJson, readTreeFiles, REPO, removeDir, runCli, seedFor, tempCheckout } from "../reclaim/world.js";

export const NOW = new Date("2025-06-01T02:00:00Z");
const OLD = "2024-01-01T00:00:00Z";

/** alice is active; bob and carol are due a reminder (reclaimable from 2025-06-06 and -05). */
export const SEATS: readonly SeedSeat[] = [
  { login: "alice", created_at: OLD, last_activity_at: ago(NOW, 2) },
  { login: "bob", created_at: OLD, last_activity_at: ago(NOW, 25) },
  { login: "carol", created_at: OLD, last_activity_at: ago(NOW, 26) },
];

/** A seat of `login`, idle for `days` days on NOW. */
export const idleSeat = (login: string, days: number): SeedSeat => ({ login, created_at: OLD, last_activity_at: ago(NOW, days) });

export interface RemindIssue {
  number: number;
  state: string;
  title: string;
  body: string | null;
  comments: number;
  assignees: { login: string }[];
  labels: { name: string }[];
}

export interface RemindWorld {
  emu: RunningEmulator;
  /** `seats remind --confirm` on NOW. */
  remind(): ReturnType<typeof runCli>;
  /** Its arguments (to run it as a process: spawnCli). */
  argv: string[];
  /** `seats remind` on NOW without --confirm (the dry run). */
  preview(): ReturnType<typeof runCli>;
  /** Every issue labelled as a reminder (open and closed; the digest outbox too). */
  issues(): Promise<RemindIssue[]>;
  /** The reminder issues of `login`. */
  forLogin(login: string): Promise<RemindIssue[]>;
  close(): Promise<void>;
}

export async function remindWorld(opts: { seats?: readonly SeedSeat[]; env?: Record<string, string>; seed?: (s: EmulatorSeed) => EmulatorSeed } = {}): Promise<RemindWorld> {
  const checkout = tempCheckout();
  const seed = seedFor(readTreeFiles(checkout), [...(opts.seats ?? SEATS)]);
  const emu = await startEmulator({ seed: opts.seed ? opts.seed(seed) : seed, now: () => NOW });
  const issues = () => getJson<RemindIssue[]>(emu.url, `/repos/${REPO}/issues?state=all&labels=seats-reminder&per_page=100`);
  const argv = ["remind", "--dir", checkout, "--repo", REPO, "--now", NOW.toISOString(), "--confirm"];
  return {
    emu,
    argv,
    remind: () => runCli(argv, emu.url, opts.env ?? {}),
    preview: () => runCli(["remind", "--dir", checkout, "--repo", REPO, "--now", NOW.toISOString()], emu.url, opts.env ?? {}),
    issues,
    forLogin: async (login) => (await issues()).filter((i) => i.body?.includes(`login=${login} `)),
    close: async () => {
      await emu.close();
      removeDir(checkout);
    },
  };
}
