// Defects 6 and 12 (in-process, against small fake servers): an answer that is not the GitHub
// API's is refused before anything is planned or written, and a rate limit that would need a long
// wait stops the run with the reset time instead of sleeping for an hour.
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { checkAnswer } from "../../src/github/transport.js";
import { captureIo } from "../helpers/io.js";
import { fakeServer, type FakeServer } from "../helpers/fake-server.js";
import { REPO_ROOT, tempDir } from "../helpers/seat-repo.js";

const servers: FakeServer[] = [];
let empty: string;
beforeAll(() => {
  empty = tempDir("seats-bad-server-").dir;
});
afterAll(() => rmSync(empty, { recursive: true, force: true }));
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(answer: Parameters<typeof fakeServer>[0]): Promise<FakeServer> {
  const s = await fakeServer(answer);
  servers.push(s);
  return s;
}

async function run(argv: string[], url: string, env: NodeJS.ProcessEnv = {}) {
  const io = captureIo();
  const code = await main(argv, { io, env: { GITHUB_TOKEN: "test-token", GITHUB_API_URL: url, SEATS_RETRY_BASE_MS: "1", ...env } });
  return { code, out: io.stdout, err: io.stderr };
}

const LOGIN_PAGE = "<!DOCTYPE html><html><body><form action=/login>Sign in</form></body></html>";

describe("defect 6: an answer that is not the GitHub API's is refused", () => {
  it.each([
    { name: "an HTML login page (200 text/html)", type: "text/html; charset=utf-8", body: LOGIN_PAGE, says: "answered an HTML page" },
    { name: "JSON of the wrong shape", type: "application/json", body: "{}", says: "answered JSON of another shape" },
    { name: "a 404 web page (a GHES URL without /api/v3)", type: "text/html", body: LOGIN_PAGE, status: 404, says: "HTTP 404 with an HTML page" },
  ])("$name: plan, import and reclaim exit 1 saying so, and import writes nothing", async ({ type, body, status, says }) => {
    const s = await serve((_req, res) => {
      res.writeHead(status ?? 200, { "content-type": type });
      res.end(body);
    });
    for (const argv of [
      ["plan", "--dir", REPO_ROOT],
      ["reclaim", "--dir", REPO_ROOT],
      ["import", "--org", "qa-org", "--dir", empty],
    ]) {
      const r = await run(argv, s.url);
      expect(r.err, argv[0]).toContain(`this does not look like the GitHub API at ${s.url}`);
      expect(r.err).toContain(says);
      expect(r.err).toContain("/api/v3");
      expect(r.code, argv[0]).toBe(1);
      expect(r.out).not.toContain("imported");
    }
    expect(readdirSync(empty)).toEqual([]);
  });
});

/** A server that is GitHub-like except for one route's answer. */
function almostGitHub(route: RegExp, answer: unknown) {
  return serve((req, res) => {
    const p = (req.url ?? "").split("?")[0]!;
    const body = route.test(p)
      ? answer
      : p.endsWith("/copilot/billing")
        ? { seat_management_setting: "assign_selected", seat_breakdown: {} }
        : p.endsWith("/copilot/billing/seats")
          ? { total_seats: 0, seats: [] }
          : [];
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  });
}

describe("defect 6: answers whose entries are not the GitHub API's are refused too", () => {
  it.each([
    { name: "JSON cut short", route: /\/copilot\/billing$/, answer: '{"seat_management_setting": "assign_sel', says: "answered application/json that is not valid JSON (cut short?)" },
    { name: "seats without an assignee", route: /\/billing\/seats$/, answer: { total_seats: 1, seats: [{ foo: 1 }] }, says: "answered a seat list whose entries have another shape" },
    {
      name: "a seat login with a line break (a workflow command in the job log, a file name for import)",
      route: /\/billing\/seats$/,
      answer: { total_seats: 1, seats: [{ assignee: { login: "x\n::warning::pwned", id: 1 }, created_at: "2026-01-01T00:00:00Z" }] },
      says: "answered a seat list whose entries have another shape",
    },
    { name: "members without a login", route: /\/members$/, answer: [{ id: 1 }], says: "GET /orgs/{org}/members answered a JSON list whose entries have another shape" },
    { name: "a member login with ../", route: /\/members$/, answer: [{ login: "../../etc", id: 1 }], says: "GET /orgs/{org}/members answered a JSON list whose entries have another shape" },
  ])("$name: plan (and import, for the Copilot routes) exit 1 saying so, and import writes nothing", async ({ route, answer, says }) => {
    const s = await almostGitHub(route, answer);
    for (const argv of [
      ["plan", "--dir", REPO_ROOT],
      ["import", "--org", "qa-org", "--dir", empty],
    ]) {
      // import reads members only through teams and seats, which these servers have none of.
      if (argv[0] === "import" && !route.source.includes("billing")) continue;
      const r = await run(argv, s.url);
      expect(r.err, argv[0]).toContain(`this does not look like the GitHub API at ${s.url}`);
      expect(r.err, argv[0]).toContain(says);
      expect(r.err).not.toMatch(/^::/m);
      expect(r.code, argv[0]).toBe(1);
    }
    expect(readdirSync(empty)).toEqual([]);
  });

  it("a GitHub-like answer with nulls where GitHub sends them (a deleted seat holder) is accepted", async () => {
    const s = await almostGitHub(/\/billing\/seats$/, { total_seats: 1, seats: [{ assignee: null, created_at: "2026-01-01T00:00:00Z" }] });
    const r = await run(["plan", "--dir", REPO_ROOT], s.url);
    expect(r.err).not.toContain("does not look like");
  });
});

describe("defect 12: rate-limit waits are capped", () => {
  it("a primary rate limit that resets in an hour fails at once with the reset time", async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    const s = await serve((_req, res) => {
      res.writeHead(403, { "content-type": "application/json", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset), "x-ratelimit-limit": "5000" });
      res.end(JSON.stringify({ message: "API rate limit exceeded for user ID 1.", documentation_url: "https://docs.github.com/rest" }));
    });
    const r = await run(["plan", "--dir", REPO_ROOT], s.url);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`used up until ${new Date(reset * 1000).toISOString()}`);
    expect(r.err).toContain("waits at most 5 min");
    expect(r.err).not.toContain("retrying in");
    expect(s.requests).toHaveLength(1);
  });

  it("a request with no answer is given up per attempt (SEATS_REQUEST_TIMEOUT_MS) and reported as no answer, not HTTP 500", async () => {
    const s = await serve(undefined);
    const r = await run(["plan", "--dir", REPO_ROOT], s.url, { SEATS_REQUEST_TIMEOUT_MS: "100" });
    expect(r.code).toBe(1);
    expect(r.err).toContain("no answer (no answer within 100 ms)");
    expect(r.err).not.toContain("→ 500");
    // the first attempt and the retry plugin's three retries, each with its own timeout
    expect(s.requests).toHaveLength(4);
  });
});

it("the import target stays untouched by a refused answer", () => {
  expect(existsSync(path.join(empty, "seats"))).toBe(false);
});

describe("defect 6: the message names the API host for a pasted web host", () => {
  it.each([
    ["https://github.com", "the API of github.com is https://api.github.com"],
    ["https://octo.ghe.com", "the API of octo.ghe.com is https://api.octo.ghe.com"],
    ["https://ghes.example.com", "for GitHub Enterprise Server the API URL ends in /api/v3"],
  ])("%s", (url, says) => {
    expect(() => checkAnswer(url, "GET /orgs/{org}/copilot/billing", 200, "<html>", { "content-type": "text/html" })).toThrow(says);
  });
});

describe("defect 16: a connection that cannot work says what to check, at once", () => {
  it("https:// to a server that speaks plain HTTP (the emulator) names the scheme, without retrying", async () => {
    const s = await serve((_req, res) => res.end("{}"));
    const url = s.url.replace("http://", "https://");
    const r = await run(["plan", "--dir", REPO_ROOT], url);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`cannot connect to ${url} (it does not speak TLS): is it an http:// URL (the emulator serves plain HTTP)?`);
    expect(r.err).not.toMatch(/re-run later|→ 500/);
  });

  it("a port fetch refuses (1) is named as such", async () => {
    const r = await run(["plan", "--dir", REPO_ROOT], "http://127.0.0.1:1");
    expect(r.code).toBe(1);
    expect(r.err).toContain("cannot connect to http://127.0.0.1:1: fetch refuses that port (bad port)");
  });
});

describe("odd servers: endless redirects and endless answers stop at once", () => {
  it("a redirect loop is not the GitHub API (exit 1, no retries)", async () => {
    let n = 0;
    const s = await serve((_req, res) => {
      res.writeHead(302, { location: `/again-${n++}` });
      res.end();
    });
    const r = await run(["plan", "--dir", REPO_ROOT], s.url);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`this does not look like the GitHub API at ${s.url}`);
    expect(r.err).toContain("with one redirect after another (more than 20)");
    expect(s.requests.length).toBeLessThanOrEqual(21);
  });

  it("an answer that never ends is refused at the size cap, not read into memory until the timeout", async () => {
    const chunk = `${'{"login":"a","id":1},'.repeat(5000)}`;
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("[");
      const more = () => {
        while (res.write(chunk)) if (res.destroyed) return;
      };
      res.on("drain", more);
      res.on("error", () => {});
      more();
    });
    const r = await run(["plan", "--dir", REPO_ROOT], s.url);
    expect(r.code).toBe(1);
    expect(r.err).toContain("answered more than 32 MB (no GitHub API answer is that large)");
    expect(r.err).not.toContain("internal error");
  });
});
