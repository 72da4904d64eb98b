// Temporary seat repos for tests: a copy of test/fixtures/validate/base/ with files laid over it.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tempDir, type TempDir } from "../helpers/seat-repo.js";

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/validate");
export const TODAY = "2026-06-01";

const made: TempDir[] = [];

/** A fresh copy of base/ (or of `from`), with `files` written over it (null deletes a file). */
export function makeRepo(files: Record<string, string | Buffer | null> = {}, from = path.join(FIXTURES, "base")): string {
  const tmp = tempDir("seats-validate-");
  made.push(tmp);
  const { dir } = tmp;
  cpSync(from, dir, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    if (content === null) {
      rmSync(abs, { force: true });
      continue;
    }
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

export function cleanupRepos(): void {
  for (const d of made.splice(0)) d.remove();
}
