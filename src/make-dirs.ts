// `mkdir -p` that always ends. Node's `mkdirSync(p, { recursive: true })` never returns when the
// parent exists but refuses new entries with ENOENT (procfs, some FUSE mounts): `seats import
// --dir /proc/x` spun forever, and a synchronous loop cannot even be stopped by SIGTERM. Here
// each missing level is made once, and the first refusal is thrown as is (main reports it as
// "cannot mkdir <path>: <code>", exit 1).
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";

export function makeDirs(dir: string): void {
  const missing: string[] = [];
  let p = path.resolve(dir);
  for (;;) {
    try {
      if (statSync(p).isDirectory()) break;
      // A file where a folder must go: let mkdir say so (EEXIST/ENOTDIR with the path).
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    missing.push(p);
    const parent = path.dirname(p);
    if (parent === p) break;
    p = parent;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (err) {
      // Made by someone else in the meantime: fine, if it is a folder now.
      if ((err as NodeJS.ErrnoException).code === "EEXIST" && statSync(d).isDirectory()) continue;
      throw err;
    }
  }
}
