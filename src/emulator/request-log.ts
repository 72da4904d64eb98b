// The request log: every request with its route template and status, and per-route counts
// (benchmarks and tests assert on call counts, e.g. "one POST per batch, never one per user").
import { isGraphqlQuery } from "./routes/graphql-users.js";
import type { RequestLog, RequestLogEntry } from "./types.js";

/** A request that may change state: not a GET or HEAD, nor a GraphQL query (a POST that only reads). */
function isMutating(e: RequestLogEntry): boolean {
  if (e.method === "GET" || e.method === "HEAD") return false;
  return !(e.route === "POST /graphql" && isGraphqlQuery((e.body as { query?: unknown } | undefined)?.query));
}

export class MemoryRequestLog implements RequestLog {
  private list: RequestLogEntry[] = [];

  get entries(): readonly RequestLogEntry[] {
    return this.list;
  }

  add(entry: RequestLogEntry): void {
    this.list.push(entry);
  }

  count(filter: { method?: string; route?: string; mutating?: boolean; status?: number } = {}): number {
    return this.list.filter((e) => {
      if (filter.status !== undefined && e.status !== filter.status) return false;
      if (filter.method && e.method !== filter.method.toUpperCase()) return false;
      if (filter.route && e.route !== filter.route && e.route !== `${e.method} ${filter.route}`) return false;
      if (filter.mutating !== undefined && filter.mutating !== isMutating(e)) return false;
      return true;
    }).length;
  }

  byRoute(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.list) out[e.route] = (out[e.route] ?? 0) + 1;
    return out;
  }

  reset(): void {
    this.list = [];
  }
}
