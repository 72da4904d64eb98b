// Puts a PR's seat data (seats/, policies/policy.yaml and the generated .github/CODEOWNERS, checked
// out as plain files under pr/) in place of the default branch's, so the trusted tools of the
// default branch plan and preview exactly what the PR declares. Only data crosses over: never code, never the JSON Schemas (ajv
// compiles schemas into code), never a symbolic link (which could point outside the checkout).
// Usage: tsx .github/scripts/overlay-pr-data.ts <pr-checkout> <workspace>
import { copyFileSync, lstatSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { isEntry, runMain } from "./actions-io.js";

// CODEOWNERS travels with seats/: a PR that changes a team's maintainers regenerates it, and
// `seats plan` (whose validation includes the `codeowners` rule) would otherwise compare the PR's
// teams with the default branch's file and refuse to plan.
export const DATA_PATHS = ["seats", "policies/policy.yaml", ".github/CODEOWNERS"] as const;

function copyTree(from: string, to: string, rel: string): number {
  const st = lstatSync(from);
  if (st.isSymbolicLink()) throw new Error(`${rel} is a symbolic link; seat data must be plain files`);
  if (st.isFile()) {
    mkdirSync(path.dirname(to), { recursive: true });
    copyFileSync(from, to);
    return 1;
  }
  if (!st.isDirectory()) throw new Error(`${rel} is not a regular file or folder`);
  mkdirSync(to, { recursive: true });
  let n = 0;
  for (const name of readdirSync(from)) n += copyTree(path.join(from, name), path.join(to, name), `${rel}/${name}`);
  return n;
}

/** Replaces the data paths of `workspace` with the PR's; returns how many files were copied. */
export function overlayPrData(prDir: string, workspace: string): number {
  let files = 0;
  for (const rel of DATA_PATHS) {
    const from = path.join(prDir, rel);
    const to = path.join(workspace, rel);
    rmSync(to, { recursive: true, force: true });
    let exists = true;
    try {
      lstatSync(from);
    } catch {
      exists = false;
    }
    // A PR that deletes the data is planned as such (validate then reports what is missing).
    if (exists) files += copyTree(from, to, rel);
  }
  return files;
}

async function main(): Promise<void> {
  const [prDir, workspace] = process.argv.slice(2);
  if (!prDir || !workspace) throw new Error("usage: overlay-pr-data.ts <pr-checkout> <workspace>");
  const n = overlayPrData(path.resolve(prDir), path.resolve(workspace));
  process.stdout.write(`copied ${n} seat data files from ${prDir}\n`);
}

if (isEntry(import.meta.url)) runMain(main);
