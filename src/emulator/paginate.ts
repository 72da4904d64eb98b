// GitHub's page-based pagination: `per_page` (endpoint default, max 100, larger values clamp),
// `page` (from 1; beyond the last page is an empty list), and a `Link` header with absolute
// URLs on the server's own origin that keep every query parameter and include `per_page`.
import { json, type Reply, type RequestContext } from "./handler.js";

export const MAX_PER_PAGE = 100;

function intParam(v: string | null): number | undefined {
  if (v === null || !/^\d+$/.test(v.trim())) return undefined;
  return Number(v);
}

export function pageParams(query: URLSearchParams, defaultPerPage: number): { perPage: number; page: number } {
  const requested = intParam(query.get("per_page"));
  const perPage = requested === undefined || requested < 1 ? defaultPerPage : Math.min(requested, MAX_PER_PAGE);
  const p = intParam(query.get("page"));
  return { perPage, page: p === undefined || p < 1 ? 1 : p };
}

export function linkHeader(url: URL, page: number, perPage: number, total: number): string | undefined {
  const last = Math.max(1, Math.ceil(total / perPage));
  if (last === 1 && page === 1) return undefined;
  const at = (n: number) => {
    const u = new URL(url.href);
    u.searchParams.set("per_page", String(perPage));
    u.searchParams.set("page", String(n));
    return `<${u.href}>`;
  };
  const parts: string[] = [];
  if (page > 1) parts.push(`${at(Math.min(page - 1, last))}; rel="prev"`);
  if (page < last) parts.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
  if (page > 1) parts.push(`${at(1)}; rel="first"`);
  return parts.join(", ");
}

export function paginate<T>(ctx: RequestContext, items: readonly T[], defaultPerPage = 30): { items: T[]; headers: Record<string, string> } {
  const { perPage, page } = pageParams(ctx.query, defaultPerPage);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = linkHeader(ctx.url, page, perPage, items.length);
  return { items: slice, headers: link ? { link } : {} };
}

/**
 * One page of a list endpoint as GitHub answers it: a bare array, or, with `key`, an object
 * `{ total_count, [key]: [...] }` (check runs, workflow runs), with the Link header either way.
 */
export function pagedJson<T>(ctx: RequestContext, list: readonly T[], toJson: (item: T) => unknown, key?: string): Reply {
  const { items, headers } = paginate(ctx, list);
  const page = items.map(toJson);
  return json(200, key ? { total_count: list.length, [key]: page } : page, headers);
}
