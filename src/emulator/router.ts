// Route table and matching for the emulator. Templates are GitHub's own (`/repos/{owner}/{repo}/git/ref/{ref}`);
// a parameter written `{ref+}` spans several path segments (the spec's `x-multi-segment`), and
// `{path*}` may also be empty. Octokit percent-encodes the slashes inside such parameters
// (`heads%2Ffeature`), curl and other clients send them raw: both must reach the same handler,
// so segments are split on the raw path first and decoded afterwards.

export interface RouteMatch<H> {
  handler: H;
  /** `GET /repos/{owner}/{repo}/git/ref/{ref}` (no `+`/`*` markers), for the request log. */
  template: string;
  params: Record<string, string>;
  mutating: boolean;
}

interface Segment {
  literal?: string;
  param?: string;
  /** `+` (one or more segments) or `*` (zero or more); only allowed on the last segment. */
  rest?: "+" | "*";
}

interface RouteEntry<H> {
  method: string;
  template: string;
  segments: Segment[];
  handler: H;
}

function parseTemplate(path: string): Segment[] {
  const parts = path.split("/").slice(1);
  return parts.map((part, i) => {
    const m = /^\{([a-z_-]+)([+*]?)\}$/.exec(part);
    if (!m) return { literal: part };
    const rest = m[2] as "" | "+" | "*";
    if (rest && i !== parts.length - 1) throw new Error(`multi-segment parameter must be last in ${path}`);
    return rest ? { param: m[1]!, rest } : { param: m[1]! };
  });
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export class Router<H> {
  private readonly routes: RouteEntry<H>[] = [];

  add(method: string, path: string, handler: H): this {
    this.routes.push({
      method,
      template: `${method} ${path.replace(/[+*]\}/g, "}")}`,
      segments: parseTemplate(path),
      handler,
    });
    return this;
  }

  /** Templates of every registered route (the conformance suite checks it covers them all). */
  templates(): string[] {
    return this.routes.map((r) => r.template);
  }

  /** Matches a raw (still percent-encoded) path. Returns undefined for unknown routes and methods. */
  match(method: string, rawPath: string): RouteMatch<H> | undefined {
    const raw = rawPath.split("/").slice(1);
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const params = matchSegments(route.segments, raw);
      if (params) {
        return { handler: route.handler, template: route.template, params, mutating: method !== "GET" && method !== "HEAD" };
      }
    }
    return undefined;
  }

  /** The template a path would have under any method (to log unknown-method requests usefully). */
  templateFor(rawPath: string): string | undefined {
    const raw = rawPath.split("/").slice(1);
    const r = this.routes.find((route) => matchSegments(route.segments, raw));
    return r ? r.template.slice(r.template.indexOf(" ") + 1) : undefined;
  }
}

function matchSegments(segments: Segment[], raw: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (seg.rest) {
      const restRaw = raw.slice(i);
      const decoded = restRaw.map(decode);
      if (decoded.some((d) => d === undefined)) return undefined;
      const value = (decoded as string[]).join("/");
      if (seg.rest === "+" && (value === "" || decoded.some((d) => d === ""))) return undefined;
      if (seg.rest === "*" && value !== "" && decoded.some((d) => d === "")) {
        // `contents/` (root) is fine; empty segments inside a path (`a//b`) are not.
        if (!(decoded.length === 1 && decoded[0] === "")) return undefined;
      }
      params[seg.param!] = value;
      return params;
    }
    const part = raw[i];
    if (part === undefined || part === "") return undefined;
    if (seg.literal !== undefined) {
      if (part !== seg.literal) return undefined;
      continue;
    }
    const value = decode(part);
    if (value === undefined) return undefined;
    params[seg.param!] = value;
  }
  return raw.length === segments.length ? params : undefined;
}
