// Writes an imported seat repo into --dir without ever leaving it half-written: the new seats/
// is built next to the old one and swapped in with renames.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import path from "node:path";
import { UserError } from "../errors.js";

export interface WriteOptions {
  /** Replace an existing seats/ (its README.md is kept). */
  force: boolean;
}

function hasSeatFiles(seatsDir: string): boolean {
  if (!existsSync(seatsDir)) return false;
  return readdirSync(seatsDir, { withFileTypes: true }).some((e) => e.isDirectory());
}

/** Writes `files` (relative path → content); policies/policy.yaml only when it does not exist yet. */
export function writeImport(dir: string, files: Map<string, string>, opts: WriteOptions): { written: number; keptPolicy: boolean } {
  const seatsDir = path.join(dir, "seats");
  if (hasSeatFiles(seatsDir) && !opts.force) {
    throw new UserError(`${seatsDir} already has team folders; pass --force to replace them with the live organization`);
  }
  const staging = path.join(dir, `.seats-import-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  let written = 0;
  try {
    for (const [rel, content] of files) {
      if (!rel.startsWith("seats/")) continue;
      const abs = path.join(staging, rel.slice("seats/".length));
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, content);
      written++;
    }
    mkdirSync(staging, { recursive: true });
    const readme = path.join(seatsDir, "README.md");
    if (existsSync(readme)) copyFileSync(readme, path.join(staging, "README.md"));
    const old = `${seatsDir}.old-${process.pid}`;
    if (existsSync(seatsDir)) renameSync(seatsDir, old);
    renameSync(staging, seatsDir);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const policyPath = path.join(dir, "policies", "policy.yaml");
  const policy = files.get("policies/policy.yaml");
  let keptPolicy = false;
  if (existsSync(policyPath)) {
    keptPolicy = true;
  } else if (policy) {
    mkdirSync(path.dirname(policyPath), { recursive: true });
    writeFileSync(policyPath, policy);
    written++;
  }
  return { written, keptPolicy };
}

/** The org named in an existing policies/policy.yaml, read loosely (it may not validate yet). */
export function existingOrg(dir: string): string | undefined {
  try {
    const text = readFileSync(path.join(dir, "policies", "policy.yaml"), "utf8");
    return /^org:\s*["']?([A-Za-z0-9-]+)["']?\s*$/m.exec(text)?.[1];
  } catch {
    return undefined;
  }
}
