// Small Actions plumbing shared by the workflow scripts (run with `npx tsx .github/scripts/<name>.ts`
// from a checkout of the default branch: these scripts are trusted code and never come from a PR).
// Untrusted text (issue bodies, branch names, PR titles) reaches them only through environment
// variables or the event file, never through `${{ }}` in a shell line.
import { randomBytes } from "node:crypto";
import { appendFileSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createGitHubClient, resolveApiUrl, resolveAuth, type GitHubClient } from "../../src/github/client.js";

/**
 * True when this module is the script node was started with (not imported by a test). Compared
 * by real path: the loader reports the resolved file, argv the path as typed (a symlinked
 * checkout would otherwise make every script silently do nothing).
 */
export function isEntry(moduleUrl: string): boolean {
  const started = process.argv[1];
  if (started === undefined) return false;
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(started) === real(fileURLToPath(moduleUrl));
}

export function requireEnv(env: NodeJS.ProcessEnv, name: string): string {
  const v = env[name];
  if (v === undefined || v === "") throw new Error(`environment variable ${name} is not set (see docs/workflows.md)`);
  return v;
}

/** `owner/name` from GITHUB_REPOSITORY. */
export function repoFromEnv(env: NodeJS.ProcessEnv): { owner: string; repo: string } {
  const full = requireEnv(env, "GITHUB_REPOSITORY");
  const [owner, repo] = full.split("/");
  if (!owner || !repo) throw new Error(`GITHUB_REPOSITORY must be owner/name (got "${full}")`);
  return { owner, repo };
}

/** A client for GITHUB_API_URL (github.com, GHE.com, the emulator) with GITHUB_TOKEN or App credentials. */
export function clientFromEnv(env: NodeJS.ProcessEnv, allowWrites: boolean): GitHubClient {
  return createGitHubClient({ apiUrl: resolveApiUrl(undefined, env), auth: resolveAuth(env), allowWrites });
}

/**
 * One step output, in the multi-line form with a random delimiter, so no value (even one that
 * contains newlines or a guessed delimiter) can inject a second output.
 */
export function formatOutput(name: string, value: string, delimiter = `seats_${randomBytes(16).toString("hex")}`): string {
  if (value.includes(delimiter)) throw new Error("output value contains its delimiter");
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

export function setOutputs(env: NodeJS.ProcessEnv, outputs: Record<string, string>): void {
  const file = env.GITHUB_OUTPUT;
  for (const [name, value] of Object.entries(outputs)) {
    if (file) appendFileSync(file, formatOutput(name, value));
    else process.stdout.write(`${name}=${value}\n`);
  }
}

export function readEvent<T>(env: NodeJS.ProcessEnv): T {
  return JSON.parse(readFileSync(requireEnv(env, "GITHUB_EVENT_PATH"), "utf8")) as T;
}

/** Runs a script's main; a thrown error becomes an `::error::` annotation and exit 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`::error::${message.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}\n`);
    process.exitCode = 1;
  });
}
