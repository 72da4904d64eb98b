// Bounded concurrency for independent requests (page 2..N of a listing, write batches):
// faster than one-after-another, but never a burst that trips GitHub's secondary limits
// (at most 100 concurrent requests; the throttling plugin also caps the client at 10).

/** Runs `fn` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
  return results;
}

/** Page numbers 2..last, the pages still to fetch once page 1 told us how many there are. */
export function remainingPages(lastPage: number): number[] {
  const pages: number[] = [];
  for (let p = 2; p <= lastPage; p++) pages.push(p);
  return pages;
}

/** The `page` of the rel="last" link, or undefined when the header has none. */
export function lastPageFromLink(link: string | undefined): number | undefined {
  if (!link) return undefined;
  for (const part of link.split(",")) {
    const m = /<([^<>]+)>;\s*rel="last"/.exec(part);
    if (!m) continue;
    try {
      const page = Number(new URL(m[1] as string).searchParams.get("page"));
      return Number.isInteger(page) && page > 0 ? page : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** True when the Link header has a rel="next" link. */
export function hasNextLink(link: string | undefined): boolean {
  return !!link && /<[^<>]+>;\s*rel="next"/.test(link);
}
