// The git side of `seats validate --author --base`: which files the working tree changes against
// the base ref (tracked changes and untracked, not ignored files), and file contents at the base.
// `git` runs as a child process with an argument list (no shell), in --dir.
import { execFileSync } from "node:child_process";
import { UsageError } from "../errors.js";
import type { Change, ChangeKind } from "./review.js";

function git(dir: string, args: string[]): Buffer {
  return execFileSync("git", ["-C", dir, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" },
  });
}

/** Throws a UsageError unless `dir` is in a git work tree and `base` names a commit there. */
export function checkBase(dir: string, base: string): void {
  if (base.startsWith("-") || base.trim() === "") throw new UsageError(`--base must be a git ref, not "${base}"`);
  try {
    git(dir, ["rev-parse", "--is-inside-work-tree"]);
  } catch {
    throw new UsageError(`--base needs a git checkout, and ${dir} is not inside one`);
  }
  try {
    git(dir, ["rev-parse", "--verify", "--quiet", `${base}^{commit}`]);
  } catch {
    throw new UsageError(
      `--base ${base} is not a commit in this repository; fetch it first (e.g. \`git fetch origin main\` and pass origin/main)`,
    );
  }
}

const KINDS: Record<string, ChangeKind> = { A: "added", M: "modified", D: "deleted", T: "modified" };

/** Files the working tree changes against `base`, paths relative to `dir`. */
export function changedFiles(dir: string, base: string): Change[] {
  const out = new Map<string, ChangeKind>();
  // -z: NUL-separated `status\0path\0`, so unusual names arrive unquoted.
  const diff = git(dir, ["diff", "--name-status", "--no-renames", "-z", "--relative", base, "--"]).toString("utf8").split("\0");
  for (let i = 0; i + 1 < diff.length; i += 2) {
    const status = diff[i]!;
    const file = diff[i + 1]!;
    if (!status || !file) continue;
    out.set(file, KINDS[status[0]!] ?? "modified");
  }
  for (const file of git(dir, ["ls-files", "--others", "--exclude-standard", "-z"]).toString("utf8").split("\0")) {
    if (file) out.set(file, "added");
  }
  return [...out].map(([file, change]) => ({ file, change }));
}

/** The file's bytes at `base`, or undefined when it does not exist there. */
export function fileAtBase(dir: string, base: string, file: string): Buffer | undefined {
  try {
    return git(dir, ["show", `${base}:./${file}`]);
  } catch {
    return undefined;
  }
}
