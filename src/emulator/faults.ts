// Opt-in fault injection. The decision for a request is made before its body is read or any
// state is touched, so a faulted write never half-applies. With `seed` set, the same sequence of
// requests gets the same faults (mulberry32).
import type { FaultConfig } from "./types.js";

export type FaultDecision =
  | { kind: "none"; latencyMs: number }
  | { kind: "drop"; latencyMs: number }
  | { kind: "lost"; latencyMs: number }
  | { kind: "stall"; latencyMs: number }
  | { kind: "secondary"; latencyMs: number; status: 403 | 429; retryAfter: number }
  | { kind: "error"; latencyMs: number; status: 502 | 503 };

/** mulberry32: a small, fast, seedable PRNG (reproducible fault runs and fuzz tests). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function validateFaults(f: FaultConfig): void {
  for (const k of ["errorRate", "secondaryRateLimitRate", "dropRate", "lostResponseRate", "stallRate"] as const) {
    const v = f[k];
    if (v !== undefined && !(v >= 0 && v <= 1)) throw new Error(`faults.${k} must be between 0 and 1 (got ${v})`);
  }
  if (f.latencyMs !== undefined && !(f.latencyMs >= 0)) throw new Error(`faults.latencyMs must be >= 0 (got ${f.latencyMs})`);
  if (f.retryAfterSeconds !== undefined && !(f.retryAfterSeconds >= 0)) throw new Error(`faults.retryAfterSeconds must be >= 0`);
  if (f.maxFaults !== undefined && !(Number.isInteger(f.maxFaults) && f.maxFaults >= 0)) throw new Error(`faults.maxFaults must be a whole number >= 0 (got ${f.maxFaults})`);
}

export class FaultInjector {
  private config: FaultConfig | undefined;
  private random: () => number = Math.random;
  private match: RegExp | undefined;
  private injected = 0;

  constructor(config?: FaultConfig) {
    this.set(config);
  }

  set(config: FaultConfig | undefined): void {
    if (config) validateFaults(config);
    this.config = config;
    this.injected = 0;
    this.random = config?.seed !== undefined ? mulberry32(config.seed) : Math.random;
    this.match = config?.match === undefined ? undefined : typeof config.match === "string" ? new RegExp(config.match) : config.match;
  }

  decide(method: string, path: string): FaultDecision {
    const d = this.draw(method, path);
    if (d.kind === "none") return d;
    if (this.config?.maxFaults !== undefined && this.injected >= this.config.maxFaults) return { kind: "none", latencyMs: d.latencyMs };
    this.injected++;
    return d;
  }

  private draw(method: string, path: string): FaultDecision {
    const c = this.config;
    if (!c) return { kind: "none", latencyMs: 0 };
    if (this.match) {
      this.match.lastIndex = 0;
      if (!this.match.test(`${method} ${path}`)) return { kind: "none", latencyMs: 0 };
    }
    // Always draw the same number of values per request so runs stay reproducible.
    const [drop, secondary, error, pick] = [this.random(), this.random(), this.random(), this.random()];
    const latencyMs = c.latencyMs ?? 0;
    if (drop < (c.dropRate ?? 0)) return { kind: "drop", latencyMs };
    if (secondary < (c.secondaryRateLimitRate ?? 0)) {
      return { kind: "secondary", latencyMs, status: pick < 0.5 ? 403 : 429, retryAfter: c.retryAfterSeconds ?? 1 };
    }
    if (error < (c.errorRate ?? 0)) return { kind: "error", latencyMs, status: pick < 0.5 ? 502 : 503 };
    // Drawn only when configured, so seeded runs without it keep their fault sequence.
    if (c.lostResponseRate && this.random() < c.lostResponseRate) return { kind: "lost", latencyMs };
    if (c.stallRate && this.random() < c.stallRate) return { kind: "stall", latencyMs };
    return { kind: "none", latencyMs };
  }
}
