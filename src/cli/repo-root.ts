// Where the seat repo is when --dir is not given: the current folder or the nearest one above it
// that holds policies/policy.yaml or seats/ (so `seats validate` works from seats/platform/). The
// walk stops at a git repository's top folder: a seat repo is never found outside the checkout
// the command ran in.
import { statSync } from "node:fs";
import path from "node:path";

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The nearest folder at or above `start` that looks like a seat repo, or undefined. */
export function findRepoRoot(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (isFile(path.join(dir, "policies", "policy.yaml")) || isDir(path.join(dir, "seats"))) return dir;
    if (exists(path.join(dir, ".git"))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
