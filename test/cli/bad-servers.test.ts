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
