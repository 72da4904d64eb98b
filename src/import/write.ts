// Writes an imported seat repo into --dir without ever leaving it half-written: the new seats/
// is built next to the old one and swapped in with renames. What --force replaces is reported
// file by file, and the JSON Schemas the generated files point at are written beside the policy.
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UserError } from "../errors.js";
import { schemaPath, type SchemaName } from "../model/schemas.js";
import { makeDirs } from "../make-dirs.js";

export interface WriteOptions {
  /** Replace an existing seats/ (its README.md is kept). */
  force: boolean;
}

export interface WriteResult {
  written: number;
  keptPolicy: boolean;
  /** Files under seats/ that were there before and are not in the import (repo-relative). */
  removed: string[];
  /** Schema files written into policies/ (repo-relative). */
  schemas: string[];
}

const SCHEMAS: readonly SchemaName[] = ["policy", "team", "member"];

function hasSeatFiles(seatsDir: string): boolean {
  if (!existsSync(seatsDir)) return false;
  return readdirSync(seatsDir, { withFileTypes: true }).some((e) => e.isDirectory());
}

/** Every file under `dir`, relative to it (links and other entries count as files). */
function filesUnder(dir: string, rel = ""): string[] {
  if (!existsSync(path.join(dir, rel))) return [];
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...filesUnder(dir, r));
    else out.push(r);
  }
  return out.sort();
}

/** Writes `files` (relative path → content); policies/policy.yaml and the schemas only when missing. */
export function writeImport(dir: string, files: Map<string, string>, opts: WriteOptions): WriteResult {
  const seatsDir = path.join(dir, "seats");
  if (hasSeatFiles(seatsDir) && !opts.force) {
    throw new UserError(`${seatsDir} already has team folders; pass --force to replace them with the live organization`);
  }
  const incoming = new Set([...files.keys()].filter((r) => r.startsWith("seats/")).map((r) => r.slice("seats/".length)));
  const removed = filesUnder(seatsDir)
    .filter((r) => r !== "README.md" && !incoming.has(r))
    .map((r) => `seats/${r}`);
  const staging = path.join(dir, `.seats-import-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  let written = 0;
  try {
    for (const [rel, content] of files) {
      if (!rel.startsWith("seats/")) continue;
      const abs = path.join(staging, rel.slice("seats/".length));
      makeDirs(path.dirname(abs));
      writeFileSync(abs, content);
      written++;
    }
    makeDirs(staging);
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
    makeDirs(path.dirname(policyPath));
    writeFileSync(policyPath, policy);
    written++;
  }
  // Every generated file starts with `$schema=…/policies/<kind>.schema.json`; without the schemas
  // next to it an editor reports a broken link instead of checking the file.
  const schemas: string[] = [];
  for (const name of SCHEMAS) {
    const rel = `policies/${name}.schema.json`;
    const target = path.join(dir, rel);
    if (existsSync(target)) continue;
    makeDirs(path.dirname(target));
    copyFileSync(schemaPath(name), target);
    schemas.push(rel);
    written++;
  }
  return { written, keptPolicy, removed, schemas };
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
