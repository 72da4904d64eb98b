// The seat reader against servers that page differently from the emulator (over real HTTP, with a
// scripted server): no Link header, no total_seats, no rel="last", a lower page cap than per_page,
// rows repeated or added while paging, and the nullable / oneOf fields of copilot-seat-details.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubClient } from "../../src/github/client.js";
import { assigningTeamSlug, listAllSeats, listOrgMembers, seatPageCount } from "../../src/github/read.js";

interface PageReply {
  body: unknown;
  /** Relations to emit in the Link header, e.g. { next: 2, last: 3 }. */
  links?: Partial<Record<"next" | "last" | "prev" | "first", number>>;
}

type Script = (page: number, perPage: number) => PageReply;

let server: Server;
let base = "";
let script: Script = () => ({ body: {} });
const seen: { path: string; page: number; perPage: number }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", base);
    const page = Number(url.searchParams.get("page") ?? "1");
    const perPage = Number(url.searchParams.get("per_page") ?? "30");
    seen.push({ path: url.pathname, page, perPage });
    const reply = script(page, perPage);
    const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
    const rels = Object.entries(reply.links ?? {});
    if (rels.length) {
      headers.link = rels
        .map(([rel, p]) => {
          const u = new URL(url.href);
          u.searchParams.set("page", String(p));
          return `<${u.href}>; rel="${rel}"`;
        })
        .join(", ");
    }
    res.writeHead(200, headers);
    res.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = () => createGitHubClient({ apiUrl: base, auth: { kind: "token", token: "t" }, retryAfterBaseMs: 1, warn: () => {} });
const user = (login: string) => ({ login, id: 1, type: "User" });
const row = (login: string, extra: Record<string, unknown> = {}) => ({ assignee: user(login), created_at: "2025-01-01T00:00:00Z", ...extra });
const logins = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `u${String(from + i).padStart(4, "0")}`);

/** `all` split into pages of `size`, as a seats endpoint would serve them. */
function seatPages(all: string[], size: number, opts: { total?: number | null; links?: "full" | "next-only" | "none" } = {}): Script {
  return (page) => {
    const slice = all.slice((page - 1) * size, page * size);
    const last = Math.max(1, Math.ceil(all.length / size));
    const body: Record<string, unknown> = { seats: slice.map((l) => row(l)) };
    if (opts.total !== null) body.total_seats = opts.total ?? all.length;
    const mode = opts.links ?? "full";
    const links: PageReply["links"] = {};
    if (mode !== "none" && page < last) {
      links.next = page + 1;
      if (mode === "full") links.last = last;
    }
    return { body, links };
  };
}

async function read(s: Script) {
  script = s;
  seen.length = 0;
  const seats = await listAllSeats(client(), "acme");
  return { seats, requests: [...seen] };
}

describe("listAllSeats against differently paging servers", () => {
  const all = logins(250);

  it.each([
    { name: "Link with rel=last and total_seats", script: seatPages(all, 100), requests: 3 },
    { name: "total_seats but no Link header at all", script: seatPages(all, 100, { links: "none" }), requests: 3 },
    { name: "Link without total_seats", script: seatPages(all, 100, { total: null }), requests: 3 },
    { name: "only rel=next, no total_seats (followed page by page)", script: seatPages(all, 100, { total: null, links: "next-only" }), requests: 3 },
    { name: "a server capping pages at 50 (Link)", script: seatPages(all, 50), requests: 5 },
    { name: "a server capping pages at 50 (no Link, total_seats only)", script: seatPages(all, 50, { links: "none" }), requests: 5 },
  ])("$name: every seat, per_page=100 on every request", async ({ script: s, requests }) => {
    const { seats, requests: sent } = await read(s);
    expect(seats.map((x) => x.login)).toEqual(all);
    expect(sent).toHaveLength(requests);
    expect(sent.every((r) => r.perPage === 100 && r.path === "/orgs/acme/copilot/billing/seats")).toBe(true);
  });

  it("a seat listed on two pages (rows shifted while paging) is kept once", async () => {
    const { seats } = await read((page) => {
      const rows = page === 1 ? all.slice(0, 100) : page === 2 ? all.slice(99, 199) : all.slice(199);
      return { body: { total_seats: 250, seats: rows.map((l) => row(l)) }, links: page < 3 ? { next: page + 1, last: 3 } : {} };
    });
    expect(seats.map((s) => s.login)).toEqual(all);
  });

  it("seats added while paging (total_seats undercounts) are still read through rel=next", async () => {
    const grown = logins(320);
    const { seats, requests } = await read((page, perPage) => {
      // Page 1 was served when there were 250 seats; later pages see 320.
      const total = page === 1 ? 250 : 320;
      const last = Math.ceil(total / perPage);
      const rows = grown.slice((page - 1) * perPage, page * perPage);
      return { body: { total_seats: total, seats: rows.map((l) => row(l)) }, links: page < last ? { next: page + 1, last } : {} };
    });
    expect(seats.map((s) => s.login)).toEqual(grown);
    expect(requests.map((r) => r.page)).toEqual([1, 2, 3, 4]);
  });

  it("a seat that disappears while paging shortens the last page; nothing breaks", async () => {
    const { seats } = await read((page) => {
      const rows = page === 1 ? all.slice(0, 100) : all.slice(100 + (page - 2) * 100 + 1, 100 + (page - 1) * 100 + 1);
      return { body: { total_seats: page === 1 ? 250 : 249, seats: rows.map((l) => row(l)) }, links: page < 3 ? { next: page + 1, last: 3 } : {} };
    });
    expect(seats).toHaveLength(249);
  });

  it("a server that keeps linking to empty pages does not loop forever", async () => {
    const { seats, requests } = await read((page) => ({ body: { seats: page === 1 ? [row("a")] : [] }, links: { next: page + 1 } }));
    expect(seats.map((s) => s.login)).toEqual(["a"]);
    expect(requests.length).toBe(2);
  });

  it("null and organization assignees are skipped; nullable fields and a missing plan_type read as null", async () => {
    const { seats } = await read(() => ({
      body: {
        total_seats: 3,
        seats: [
          { assignee: null, created_at: "2025-01-01T00:00:00Z" },
          { assignee: { login: "acme", id: 2, type: "Organization" }, created_at: "2025-01-01T00:00:00Z" },
          { assignee: user("kim"), created_at: "2025-02-01T00:00:00Z", assigning_team: null, last_activity_at: null, pending_cancellation_date: null },
          { assignee: user("lee"), created_at: "2025-03-01T00:00:00Z" },
        ],
      },
    }));
    expect(seats).toEqual([
      { login: "kim", assigning_team: null, created_at: "2025-02-01T00:00:00Z", last_activity_at: null, last_activity_editor: null, last_authenticated_at: null, pending_cancellation_date: null, plan_type: null },
      { login: "lee", assigning_team: null, created_at: "2025-03-01T00:00:00Z", last_activity_at: null, last_activity_editor: null, last_authenticated_at: null, pending_cancellation_date: null, plan_type: null },
    ]);
  });
});

describe("listOrgMembers against a server without rel=last", () => {
  it("follows rel=next and keeps each login once", async () => {
    script = (page) => ({
      body: (page === 1 ? ["a", "b"] : page === 2 ? ["b", "c"] : ["d"]).map(user),
      links: page < 3 ? { next: page + 1 } : {},
    });
    seen.length = 0;
    expect(await listOrgMembers(client(), "acme")).toEqual(["a", "b", "c", "d"]);
    expect(seen.every((r) => r.perPage === 100)).toBe(true);
  });
});

describe("assigningTeamSlug (oneOf team | enterprise-team, nullable)", () => {
  const orgTeam = { id: 1, node_id: "T_1", slug: "platform", name: "Platform", type: "organization", parent: null };
  it.each([
    { name: "null", team: null, want: null },
    { name: "an org team", team: orgTeam, want: "platform" },
    { name: "an org-listed team of type enterprise", team: { ...orgTeam, slug: "eng", type: "enterprise" }, want: "ent:eng" },
    { name: "an enterprise-team object", team: { id: 9, slug: "ent:eng", name: "Eng", group_id: null, url: "u", members_url: "m", html_url: "h", created_at: "x", updated_at: "y" }, want: "ent:eng" },
    { name: "an enterprise-team object without the prefix", team: { id: 9, slug: "eng", name: "Eng", group_id: "g" }, want: "ent:eng" },
    { name: "an object with no slug", team: { id: 3 }, want: null },
  ])("$name → $want", ({ team, want }) => expect(assigningTeamSlug(team)).toBe(want));
});

describe("seatPageCount", () => {
  it.each([
    { name: "no Link, no total", data: { seats: [] }, link: undefined, want: 1 },
    { name: "total only", data: { total_seats: 201, seats: new Array(100) }, link: undefined, want: 3 },
    { name: "total larger than Link says", data: { total_seats: 450, seats: new Array(100) }, link: '<http://x/?page=2>; rel="next", <http://x/?page=3>; rel="last"', want: 5 },
    { name: "Link larger than total says", data: { total_seats: 10, seats: new Array(10) }, link: '<http://x/?page=2>; rel="next", <http://x/?page=4>; rel="last"', want: 4 },
    { name: "next only, no total", data: { seats: new Array(100) }, link: '<http://x/?page=2>; rel="next"', want: undefined },
  ])("$name → $want", ({ data, link, want }) => {
    expect(seatPageCount({ data, headers: link ? { link } : {} })).toBe(want);
  });
});
