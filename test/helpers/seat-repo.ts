// The one home of temporary folders in tests: tempDir() makes and removes one, gitIn() runs git
// in one with a fixed identity, and tempSeatRepo() copies a fixture's seat data (or this repo's
// example) into one, optionally committed so `--author/--base` checks have a base. The more
// specific builders (test/validate/repo.ts, test/reclaim/world.ts, test/workflows/workspace.ts)
// are made from these.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface TempRepo {
  dir: string;
  /** Repo-relative path → UTF-8 content of every file (for seeding the emulator's repo). */
  files(): Record<string, string>;
  git(...args: string[]): string;
  remove(): void;
}

export interface TempDir {
  dir: string;
  remove(): void;
}

/** An empty folder under the OS temp dir; `remove()` deletes it and everything in it. */
export function tempDir(prefix = "seats-test-"): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** git in `dir` with a fixed test identity and no signing; stdout, trimmed. */
export function gitIn(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-C", dir, "-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

export function tempSeatRepo(opts: { from?: string; git?: boolean } = {}): TempRepo {
  const { dir, remove } = tempDir();
  const from = opts.from ?? REPO_ROOT;
  for (const p of ["seats", "policies", ".github/CODEOWNERS"]) {
    if (existsSync(path.join(from, p))) cpSync(path.join(from, p), path.join(dir, p), { recursive: true });
  }
  const git = (...args: string[]) => gitIn(dir, ...args);
  if (opts.git) {
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-qm", "base");
  }
  const files = () => {
    const out: Record<string, string> = {};
    const walk = (rel: string) => {
      for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
        const r = rel ? `${rel}/${e.name}` : e.name;
        if (r === ".git") continue;
        if (e.isDirectory()) walk(r);
        else if (e.isFile()) out[r] = readFileSync(path.join(dir, r), "utf8");
      }
    };
    walk("");
    return out;
  };
  return { dir, files, git, remove };
}
