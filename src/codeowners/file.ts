// The file-system side of CODEOWNERS: reading and writing `.github/CODEOWNERS` under --dir, and
// whether a repo has opted in to the staleness check.
import { lstatSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CODEOWNERS_FILE } from "./render.js";
import { makeDirs } from "../make-dirs.js";

/** The seat-PR workflow: a repo that runs it relies on CODEOWNERS for approvals. */
const OPT_IN_WORKFLOW = ".github/workflows/seats-pr.yml";

/** The committed file's text, or undefined when there is none (a directory or link counts as none). */
export function readCodeowners(dir: string): string | undefined {
  const abs = path.join(dir, CODEOWNERS_FILE);
  try {
    if (!lstatSync(abs).isFile()) return undefined;
    return readFileSync(abs, "utf8");
  } catch {
    return undefined;
  }
}

/** Writes through a temporary file and a rename, so an interrupted run never leaves half a file. */
export function writeCodeowners(dir: string, text: string): void {
  const abs = path.join(dir, CODEOWNERS_FILE);
  makeDirs(path.dirname(abs));
  const tmp = `${abs}.tmp-${process.pid}`;
  writeFileSync(tmp, text, "utf8");
  renameSync(tmp, abs);
}

/**
 * A missing CODEOWNERS is only a problem for repos that use the approval pipeline: those with the
 * seat-PR workflow. Plain seat folders (test fixtures, a first `seats import`) are not flagged.
 */
export function codeownersRequired(dir: string): boolean {
  try {
    return lstatSync(path.join(dir, OPT_IN_WORKFLOW)).isFile();
  } catch {
    return false;
  }
}
