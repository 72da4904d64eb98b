// Puts a PR's seat data (seats/, policies/policy.yaml and the generated .github/CODEOWNERS, checked
// out as plain files under pr/) in place of the default branch's, so the trusted tools of the
// default branch plan and preview exactly what the PR declares. Only data crosses over: never
// code, never the JSON Schemas (ajv compiles schemas into code), never a symbolic link, at any
// level of the path (a PR that turns `policies/` itself into a link must not be followed).
import { copyFileSync, lstatSync, mkdirSync, readdirSync, realpathSync, rmSync } from "node:fs";
import path from "node:path";
import { UserError } from "../errors.js";

// CODEOWNERS travels with seats/: a PR that changes a team's maintainers regenerates it, and
// `seats plan` (whose validation includes the `codeowners` rule) would otherwise compare the PR's
// teams with the default branch's file and refuse to plan.
export const DATA_PATHS = ["seats", "policies/policy.yaml", ".github/CODEOWNERS"] as const;

function lstatOrUndefined(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

/** Throws unless everything under `from` is a plain file or folder. */
function checkTree(from: string, rel: string): void {
  const st = lstatSync(from);
  if (st.isSymbolicLink()) throw new UserError(`${rel} is a symbolic link; seat data must be plain files`);
  if (st.isFile()) return;
  if (!st.isDirectory()) throw new UserError(`${rel} is not a regular file or folder`);
  for (const name of readdirSync(from)) checkTree(path.join(from, name), `${rel}/${name}`);
}

function copyTree(from: string, to: string): number {
  if (lstatSync(from).isFile()) {
    mkdirSync(path.dirname(to), { recursive: true });
    copyFileSync(from, to);
    return 1;
  }
  mkdirSync(to, { recursive: true });
  let n = 0;
  for (const name of readdirSync(from)) n += copyTree(path.join(from, name), path.join(to, name));
  return n;
}

/** Whether `rel` exists under `root`; throws when any folder on the way (or the path) is a link. */
function existsPlainly(root: string, rel: string): boolean {
  const parts = rel.split("/");
  for (let i = 1; i <= parts.length; i++) {
    const sub = parts.slice(0, i).join("/");
    const st = lstatOrUndefined(path.join(root, sub));
    if (!st) return false;
    if (st.isSymbolicLink()) throw new UserError(`${sub} is a symbolic link; seat data must be plain files`);
  }
  // Belt and braces: whatever the checks above missed, the real path stays inside the checkout.
  const real = realpathSync(path.join(root, rel));
  const top = realpathSync(root);
  if (real !== top && !real.startsWith(`${top}${path.sep}`)) throw new UserError(`${rel} resolves outside the PR checkout`);
  return true;
}

/** Replaces the data paths of `workspace` with the PR's; returns how many files were copied. */
export function overlayPrData(prDir: string, workspace: string): number {
  let files = 0;
  // Every path is checked before anything is replaced, so a refused PR leaves the workspace as it was.
  const present = DATA_PATHS.map((rel) => {
    const exists = existsPlainly(prDir, rel);
    if (exists) checkTree(path.join(prDir, rel), rel);
    return exists;
  });
  for (const [i, rel] of DATA_PATHS.entries()) {
    const from = path.join(prDir, rel);
    const to = path.join(workspace, rel);
    const exists = present[i]!;
    rmSync(to, { recursive: true, force: true });
    // A PR that deletes the data is planned as such (validate then reports what is missing).
    if (exists) files += copyTree(from, to);
  }
  return files;
}
