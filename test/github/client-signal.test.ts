// The client honours the run's AbortSignal: a read in flight is aborted at once with the signal's
// reason; a write already on the wire is let finish (its outcome must be known), and no request
// starts after the abort. This is what lets apply stop before its next batch.
import { afterEach, describe, expect, it } from "vitest";
import { Interrupted } from "../../src/errors.js";
import { createGitHubClient } from "../../src/github/client.js";
import { fakeServer, type FakeServer } from "../helpers/fake-server.js";

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function clientFor(url: string, signal: AbortSignal) {
  return createGitHubClient({ apiUrl: url, auth: { kind: "token", token: "t" }, allowWrites: true, retryAfterBaseMs: 1, writeIntervalMs: 0, signal, warn: () => {} });
}

describe("the run's signal", () => {
  it("many reads in flight on one signal print no listener-leak warning", async () => {
    const s = await fakeServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("[]");
    });
    servers.push(s);
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    try {
      const gh = clientFor(s.url, new AbortController().signal);
      await Promise.all(Array.from({ length: 30 }, () => gh.request("GET /orgs/{org}/members", { org: "acme" })));
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.filter((w) => w === "MaxListenersExceededWarning")).toEqual([]);
  });

  it("aborts a read in flight with the Interrupted reason", async () => {
    const s = await fakeServer();
    servers.push(s);
    const ac = new AbortController();
    const gh = clientFor(s.url, ac.signal);
    const read = gh.request("GET /orgs/{org}/members", { org: "acme" });
    await s.waitForRequests(1);
    ac.abort(new Interrupted("signal", "stopped: interrupted (SIGTERM)"));
    await expect(read).rejects.toThrow("stopped: interrupted (SIGTERM)");
    await expect(read).rejects.toBeInstanceOf(Interrupted);
  });

  it("lets a write on the wire finish, then refuses the next request without sending it", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const s = await fakeServer((_req, res) => {
      void gate.then(() => {
        res.writeHead(201, { "content-type": "application/json" });
        res.end(JSON.stringify({ seats_created: 1 }));
      });
    });
    servers.push(s);
    const ac = new AbortController();
    const gh = clientFor(s.url, ac.signal);
    const write = gh.request("POST /orgs/{org}/copilot/billing/selected_users", { org: "acme", selected_usernames: ["a"] });
    await s.waitForRequests(1);
    ac.abort(new Interrupted("signal", "stopped: interrupted (SIGINT)"));
    release();
    expect((await write).data).toEqual({ seats_created: 1 });
    await expect(gh.request("POST /orgs/{org}/copilot/billing/selected_users", { org: "acme", selected_usernames: ["b"] })).rejects.toBeInstanceOf(Interrupted);
    expect(s.requests).toHaveLength(1);
  });
});
