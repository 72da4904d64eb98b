// Actions plumbing for the `seats ci` steps: step outputs, the event file, annotations, the two
// credentials a step may get. Untrusted text (issue bodies, branch names, PR titles) reaches the
// steps only through environment variables or the event file, never through `${{ }}` in a shell
// line (docs/workflows.md, "Workflow hardening").
import { randomBytes } from "node:crypto";
import { appendFileSync, readFileSync } from "node:fs";
import { UsageError } from "../errors.js";
import { createGitHubClient, resolveApiUrl, resolveAuth, timingFromEnv, type GitHubClient } from "../github/client.js";

export type Env = NodeJS.ProcessEnv;

/** A variable the workflow must set; missing is a wiring mistake in the workflow (exit 2). */
export function requireEnv(env: Env, name: string): string {
  const v = env[name];
  if (v === undefined || v.trim() === "") throw new UsageError(`environment variable ${name} is not set (see docs/workflows.md)`);
  return v;
}

export function optionalEnv(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

/** `owner/name` from GITHUB_REPOSITORY. */
export function repoFromEnv(env: Env): { owner: string; repo: string } {
  const full = requireEnv(env, "GITHUB_REPOSITORY");
  const [owner, repo, extra] = full.split("/");
  if (!owner || !repo || extra !== undefined) throw new UsageError(`GITHUB_REPOSITORY must be owner/name (got "${full}")`);
  return { owner, repo };
}

export function prNumberFromEnv(env: Env, name = "PR_NUMBER"): number {
  const raw = requireEnv(env, name);
  if (!/^[1-9]\d*$/.test(raw.trim())) throw new UsageError(`${name} must be a pull request number (got "${raw}")`);
  return Number(raw);
}

const GIT_SHA = /^[0-9a-f]{40}$/;

export function shaFromEnv(env: Env, name: string): string {
  const raw = requireEnv(env, name).trim().toLowerCase();
  if (!GIT_SHA.test(raw)) throw new UsageError(`${name} must be a 40-hex-digit commit SHA (got "${raw.slice(0, 60)}")`);
  return raw;
}

export function isCommitSha(value: string): boolean {
  return GIT_SHA.test(value);
}

/**
 * A client for GITHUB_API_URL (github.com, GHE.com, the emulator). `GITHUB_TOKEN` is the step's
 * repository credential; `SEATS_ORG_TOKEN` (when set) the read-only org credential for steps that
 * also read org membership, so one step never needs a token that can do both.
 */
export function clientFromEnv(env: Env, opts: { org?: boolean; allowWrites?: boolean; warn?: (m: string) => void } = {}): GitHubClient {
  const source = opts.org && optionalEnv(env, "SEATS_ORG_TOKEN") ? { ...env, GITHUB_TOKEN: env.SEATS_ORG_TOKEN } : env;
  return createGitHubClient({
    apiUrl: resolveApiUrl(undefined, env),
    auth: resolveAuth(source),
    allowWrites: opts.allowWrites ?? false,
    ...timingFromEnv(env),
    warn: opts.warn ?? (() => {}),
  });
}

/**
 * One step output, in the multi-line form with a random delimiter, so no value (even one that
 * contains newlines or a guessed delimiter) can inject a second output.
 */
export function formatOutput(name: string, value: string, delimiter = `seats_${randomBytes(16).toString("hex")}`): string {
  if (value.includes(delimiter)) throw new Error("output value contains its delimiter");
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

/** Appends step outputs to GITHUB_OUTPUT; outside Actions, prints `name=value` lines instead. */
export function setOutputs(env: Env, outputs: Record<string, string>, print: (line: string) => void): void {
  const file = env.GITHUB_OUTPUT;
  for (const [name, value] of Object.entries(outputs)) {
    if (file) appendFileSync(file, formatOutput(name, value));
    else print(`${name}=${value}`);
  }
}

export function readEvent<T>(env: Env): T {
  const file = requireEnv(env, "GITHUB_EVENT_PATH");
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch (err) {
    throw new UsageError(`GITHUB_EVENT_PATH ${file} is not readable JSON: ${(err as Error).message}`);
  }
}

/** An Actions workflow command's data, escaped so a message cannot end the command early. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function annotation(level: "error" | "warning" | "notice", message: string): string {
  return `::${level}::${escapeData(message)}`;
}
