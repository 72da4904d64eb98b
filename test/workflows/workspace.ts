// A temporary stand-in for a job's checkout: this repository's code (bin/, src/, node_modules/,
// package.json and the workflows, linked, so `node bin/seats.js` and `npx seats` resolve as on
// the runner) plus a fixture's seat data (copied). With `git`,
// the data is the first commit on `main`, and `origin/main` points at it, as after
// actions/checkout with fetch-depth 0. The linked code is excluded in .git/info/exclude: on the
// runner it is tracked and unchanged, so it is no change of any PR either; nothing else is hidden,
// so a stray file a step writes into the checkout shows up as a change, as it would on GitHub.
import { cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gitIn, tempDir } from "../helpers/seat-repo.js";
import { ROOT } from "./step-runner.js";

export { gitIn };

const CODE = ["bin", "src", "node_modules", "package.json", "tsconfig.json", ".github/workflows"];
const DATA = ["seats", "policies", ".github/CODEOWNERS"];

export interface Workspace {
  dir: string;
  git(...args: string[]): string;
  remove(): void;
}

export function workspace(fixture: string, opts: { git?: boolean } = {}): Workspace {
  const { dir, remove } = tempDir("seats-ws-");
  mkdirSync(path.join(dir, ".github"));
  for (const rel of CODE) symlinkSync(path.join(ROOT, rel), path.join(dir, rel));
  for (const rel of DATA) if (existsSync(path.join(fixture, rel))) cpSync(path.join(fixture, rel), path.join(dir, rel), { recursive: true });
  const git = (...args: string[]) => gitIn(dir, ...args);
  if (opts.git) {
    git("init", "-q", "-b", "main");
    writeFileSync(path.join(dir, ".git/info/exclude"), CODE.map((c) => `/${c}`).join("\n") + "\n");
    git("add", "-A");
    git("commit", "-qm", "base");
    git("update-ref", "refs/remotes/origin/main", "main");
  }
  return { dir, git, remove };
}

/**
 * What GitHub checks out for a PR: a merge commit of `branch` into main (detached), whose first
 * parent is the base and second the PR head. Returns the head's SHA.
 */
export function checkoutMerge(ws: Workspace, branch: string): { head: string; base: string; merge: string } {
  const head = ws.git("rev-parse", branch);
  const base = ws.git("rev-parse", "main");
  ws.git("checkout", "-q", "--detach", "main");
  ws.git("merge", "-q", "--no-ff", "-m", `Merge ${head} into ${base}`, branch);
  return { head, base, merge: ws.git("rev-parse", "HEAD") };
}
