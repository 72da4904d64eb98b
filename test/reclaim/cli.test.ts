// Flag handling of `seats reclaim` (no server needed: every case fails before any request).
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { parseNow } from "../../src/cli/commands/reclaim.js";
import { parseRepoSlug as parseRepo } from "../../src/request/checks.js";
import { captureIo } from "../helpers/io.js";
import { FIXTURE_REPO } from "./world.js";

async function run(argv: string[], env: NodeJS.ProcessEnv = { GITHUB_TOKEN: "t", GITHUB_API_URL: "http://127.0.0.1:9" }) {
  const io = captureIo();
  const code = await main(["reclaim", "--dir", FIXTURE_REPO, ...argv], { io, env });
  return { code, ...io };
}

describe("seats reclaim flags", () => {
  it.each([
    { name: "--confirm without a repository", argv: ["--confirm"], err: "--repo <owner/name>" },
    { name: "a malformed --repo", argv: ["--repo", "acme"], err: "--repo must be <owner>/<name>" },
    { name: "a malformed GITHUB_REPOSITORY", argv: [], env: { GITHUB_REPOSITORY: "a/b/c" }, err: "GITHUB_REPOSITORY must be <owner>/<name>" },
    { name: "an unparseable --now", argv: ["--now", "2025-13-45"], err: "--now must be an ISO date" },
    { name: "--branch equal to --base", argv: ["--repo", "acme/seats", "--branch", "main"], err: "the PR needs its own branch" },
    { name: "an invalid --base", argv: ["--repo", "acme/seats", "--base", "a..b"], err: "--base \"a..b\" is not a valid branch name" },
    { name: "no credentials", argv: ["--repo", "acme/seats"], env: { GITHUB_TOKEN: "" }, err: "no GitHub credentials" },
    { name: "an unknown flag", argv: ["--force"], err: "Unknown option" },
  ])("$name exits 2", async ({ argv, env, err }) => {
    const r = await run(argv, { GITHUB_TOKEN: "t", GITHUB_API_URL: "http://127.0.0.1:9", ...env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(err);
    expect(r.stderr).not.toContain("test-token");
  });

  it("documents itself", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--allow-stale-activity");
    expect(r.stdout).toContain("seats/reclaim");
  });
});

describe("parseNow", () => {
  it.each([
    ["2025-06-01", "2025-06-01T00:00:00.000Z"],
    ["2025-06-01T02:00:00Z", "2025-06-01T02:00:00.000Z"],
    ["2025-06-01T02:00:00.5+02:00", "2025-06-01T00:00:00.500Z"],
    ["2025-06-01T02:00", "2025-06-01T02:00:00.000Z"],
    ["2025-06-01 02:00:30", "2025-06-01T02:00:30.000Z"],
  ])("%s", (input, iso) => {
    expect(parseNow(input).toISOString()).toBe(iso);
  });
  it("defaults to the clock", () => {
    const before = Date.now();
    const now = parseNow(undefined).getTime();
    expect(now).toBeGreaterThanOrEqual(before);
  });
});

describe("parseRepo", () => {
  it("splits owner and name", () => {
    expect(parseRepo("acme/seats-as-code", "--repo")).toEqual({ owner: "acme", repo: "seats-as-code" });
    expect(parseRepo(" acme/x.y_z ", "--repo")).toEqual({ owner: "acme", repo: "x.y_z" });
  });
});
