// Conditional requests for the nightly full reads: every GET answer with an ETag is remembered
// (URL → ETag, status, headers, body), the next GET of that URL sends `If-None-Match`, and a
// `304 Not Modified` is answered from memory. GitHub does not count a 304 against the primary
// rate limit, so re-reading an org where little changed costs almost none of the hourly budget.
// The cache can live in a file between runs (SEATS_ETAG_CACHE; the nightly workflow keeps it
// with actions/cache); a damaged or foreign file is ignored, never trusted for more than a hint:
// GitHub only answers 304 when the ETag still matches what it would send.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

interface Entry {
  etag: string;
  status: number;
  headers: Record<string, string>;
  data: unknown;
}

export class EtagCache {
  private entries = new Map<string, Entry>();
  /** Answers served from the cache after a 304 / requests that carried an ETag. */
  hits = 0;
  conditional = 0;

  constructor(private readonly file?: string) {
    if (!file || !existsSync(file)) return;
    try {
      const raw = JSON.parse(readFileSync(file, "utf8")) as { version?: unknown; entries?: [string, Entry][] };
      if (raw.version === 1 && Array.isArray(raw.entries)) this.entries = new Map(raw.entries.filter(([k, e]) => typeof k === "string" && typeof e?.etag === "string"));
    } catch {
      // A cache is an optimisation: start empty rather than fail the run.
    }
  }

  get(url: string): Entry | undefined {
    return this.entries.get(url);
  }

  set(url: string, entry: Entry): void {
    this.entries.set(url, entry);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Writes the cache file (when there is one). */
  save(): void {
    if (!this.file) return;
    writeFileSync(this.file, JSON.stringify({ version: 1, entries: [...this.entries] }));
  }
}

type Options = Record<string, unknown> & { method?: string; url?: string; headers?: Record<string, string> };
type Requester = (options: Options) => Promise<{ status: number; url: string; headers: Record<string, unknown>; data: unknown }>;
interface Hookable {
  hook: { wrap(name: "request", fn: (request: Requester, options: Options) => Promise<unknown>): void };
  request: { endpoint: (options: Options) => { method: string; url: string } };
}

const plainHeaders = (h: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(h).flatMap(([k, v]) => (typeof v === "string" || typeof v === "number" ? [[k, String(v)]] : [])));

/** Adds If-None-Match to GETs the cache knows, and answers their 304s from it. */
export function useEtagCache(octokit: Hookable, cache: EtagCache): void {
  octokit.hook.wrap("request", async (request, options) => {
    if (String(options.method ?? "GET").toUpperCase() !== "GET") return request(options);
    const { url } = octokit.request.endpoint(options);
    const known = cache.get(url);
    if (known) {
      options.headers = { ...(options.headers ?? {}), "if-none-match": known.etag };
      cache.conditional++;
    }
    try {
      const res = await request(options);
      const etag = res.headers.etag;
      if (typeof etag === "string" && res.status === 200) cache.set(url, { etag, status: res.status, headers: plainHeaders(res.headers), data: res.data });
      return res;
    } catch (err) {
      if (known && (err as { status?: unknown })?.status === 304) {
        cache.hits++;
        // Readers only read the data, so the cached value is handed out as it is (no copy of a large page).
        return { status: known.status, url, headers: { ...known.headers }, data: known.data };
      }
      throw err;
    }
  });
}
