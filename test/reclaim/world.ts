// Integration-test world for reclaim: a seat repo on disk (the checkout), the same files seeded as
// the emulator's `main` branch, Copilot seats with chosen activity, and a way to run the CLI
// in-process against it.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";
import type { EmulatorSeed, SeedSeat } from "../../src/emulator/types.js";
import { tempDir } from "../helpers/seat-repo.js";

export const FIXTURE_REPO = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/reclaim/repo");
export const REPO = "acme/seats";

/**
 * The last-check timeline: the reclaim run's snapshot (`NOW`), a use of Copilot an hour after it
 * (`LATER`), a seat idle since long ago (`OLD`) and one used two days before (`RECENT`).
 */
export const LAST_CHECK_TIMES = {
  NOW: new Date("2025-06-01T02:00:00Z"),
  LATER: new Date("2025-06-01T03:00:00Z"),
  OLD: "2024-01-01T00:00:00Z",
  RECENT: "2025-05-30T00:00:00Z",
} as const;

/** Things to undo after each test of the calling file (emulators to close, dirs to remove), in order. */
export function cleanupAfterEach(): (() => Promise<void> | void)[] {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0)) await c();
  });
  return cleanup;
}

/** Every file under `dir`, path (with forward slashes) → content. */
export function readTreeFiles(dir: string, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const abs = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(abs).isDirectory()) Object.assign(out, readTreeFiles(abs, rel));
    else out[rel] = readFileSync(abs, "utf8");
  }
  return out;
}

export function tempCheckout(from: string = FIXTURE_REPO): string {
  const { dir } = tempDir("seats-reclaim-");
  cpSync(from, dir, { recursive: true });
  return dir;
}

/** A checkout holding `files` (path → content) in a new temporary folder; `remove` deletes it. */
export function writeTreeFiles(files: Record<string, string>, prefix = "seats-reclaim-"): { dir: string; remove: () => void } {
  const t = tempDir(prefix);
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(t.dir, p)), { recursive: true });
    writeFileSync(path.join(t.dir, p), content);
  }
  return t;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes a repo with `n` members in one `copilot: users` team, for the scale tests and the bench. */
export function writeGeneratedRepo(dir: string, members: readonly string[], teams = 1, policyExtra = ""): void {
  mkdirSync(path.join(dir, "policies"), { recursive: true });
  writeFileSync(path.join(dir, "policies/policy.yaml"), `org: acme\ninactivity:\n  days: 30\n  new_seat_grace_days: 14\n${policyExtra}`);
  for (let t = 0; t < teams; t++) {
    mkdirSync(path.join(dir, `seats/team-${t}`), { recursive: true });
    writeFileSync(path.join(dir, `seats/team-${t}/_team.yaml`), `name: team-${t}\ncopilot: users\n`);
  }
  members.forEach((login, i) => {
    writeFileSync(path.join(dir, `seats/team-${i % teams}/${login}.yaml`), `login: ${login}\nreason: builds things\n`);
  });
}

/**
 * An org whose members are the seat holders, `extraMembers`, and everyone with a member file in
 * `files` except `leftOrg` (who are left out: they left the organization).
 */
export function seedFor(files: Record<string, string>, seats: SeedSeat[], extraMembers: string[] = [], leftOrg: string[] = []): EmulatorSeed {
  const declared = Object.keys(files).flatMap((p) => /^seats\/[^/]+\/([^/_][^/]*)\.yaml$/.exec(p)?.[1] ?? []);
  const gone = new Set(leftOrg.map((l) => l.toLowerCase()));
  const logins = [...new Set([...seats.map((s) => s.login), ...extraMembers, ...declared])].filter((l) => !gone.has(l.toLowerCase()));
  return {
    org: { login: "acme", seat_management_setting: "assign_selected", plan_type: "business" },
    members: [{ login: "admin", role: "admin" }, ...logins],
    seats,
    repos: [{ full_name: REPO, default_branch: "main", files }],
    viewer: "admin",
    ...(leftOrg.length ? { users: leftOrg } : {}),
  };
}

// The in-process CLI runner lives with the other test helpers; reclaim's tests take it from here.
export { runCli, type CliRun } from "../helpers/cli.js";

/** A plain authenticated GET against the emulator (assertions read state the way a user would). */
export async function getJson<T>(apiUrl: string, p: string): Promise<T> {
  const res = await fetch(`${apiUrl}${p}`, { headers: { authorization: "token test-token", "user-agent": "reclaim-test", accept: "application/vnd.github+json" } });
  if (!res.ok) throw new Error(`GET ${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
