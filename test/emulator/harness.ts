// Test harness for the emulator conformance suite: an @octokit/rest client whose fetch records
// every response and checks its body against GitHub's published schema, plus a raw request
// helper for what Octokit cannot send (no token, malformed JSON, raw slashes).
import { Octokit } from "@octokit/rest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { githubValidator, type OpenApiValidator, type ResponseCheck } from "./openapi-validator.js";

export interface Recorded extends ResponseCheck {
  method: string;
  path: string;
  body: unknown;
}

export class Recorder {
  readonly responses: Recorded[] = [];

  /** Checks against api.github.com's description unless given another (ghecValidator()). */
  constructor(private readonly validator: () => OpenApiValidator = githubValidator) {}

  async record(method: string, url: string, res: Response): Promise<void> {
    const text = await res.clone().text();
    let body: unknown;
    if (text !== "") {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const path = new URL(url).pathname;
    this.responses.push({ method, path, body, ...this.validator().check(method, path, res.status, body) });
  }

  /** Every recorded response that does not match its published schema, readable in a diff. */
  failures(): string[] {
    return this.responses.filter((r) => r.errors.length).map((r) => `${r.method} ${r.path} → ${r.status} (${r.operation}): ${r.errors.join("; ")}`);
  }

  private checked = 0;

  /** Failures recorded since the previous call (so each test reports only its own). */
  takeFailures(): string[] {
    const fresh = this.responses.slice(this.checked);
    this.checked = this.responses.length;
    return fresh.filter((r) => r.errors.length).map((r) => `${r.method} ${r.path} → ${r.status} (${r.operation}): ${r.errors.join("; ")}`);
  }

  /** Operations (`METHOD /template`) with at least one validated response, and their statuses. */
  covered(): Map<string, Set<number>> {
    const out = new Map<string, Set<number>>();
    for (const r of this.responses) {
      if (!r.operation) continue;
      const s = out.get(r.operation) ?? new Set<number>();
      s.add(r.status);
      out.set(r.operation, s);
    }
    return out;
  }
}

export function recordingFetch(recorder: Recorder): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    await recorder.record((init?.method ?? "GET").toUpperCase(), url, res);
    return res;
  };
}

export function octokitFor(emu: RunningEmulator, recorder: Recorder, token = "test-token"): Octokit {
  return new Octokit({
    baseUrl: emu.url,
    auth: token,
    userAgent: "seats-emulator-conformance",
    request: { fetch: recordingFetch(recorder), retries: 0 },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}

/** A raw request (recorded and validated too). Body is sent verbatim when a string. */
export async function raw(
  emu: RunningEmulator,
  recorder: Recorder,
  method: string,
  path: string,
  opts: { body?: unknown; headers?: Record<string, string>; auth?: boolean } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { "user-agent": "seats-emulator-conformance", ...opts.headers };
  if (opts.auth !== false) headers.authorization = "token test-token";
  const init: RequestInit = { method, headers };
  if (opts.body !== undefined) {
    init.body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    headers["content-type"] = "application/json";
  }
  const res = await recordingFetch(recorder)(`${emu.url}${path}`, init);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}
