// Day-one defects: what a newcomer meets in the first hour with a fresh checkout.
import { mkdtempSync, readFileSync, rmSync, symlinkSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { COMMANDS } from "../../src/cli/commands/index.js";
import { DEMO_SEED_FILE, startEmulator } from "../../src/emulator/index.js";
import { webUrlOf } from "../../src/github/client.js";
import { captureIo } from "../helpers/io.js";
import { REPO_ROOT, tempSeatRepo, tempDir } from "../helpers/seat-repo.js";

async function run(argv: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const io = captureIo();
  const code = await main(argv, { io, env: opts.env ?? {}, ...(opts.cwd ? { cwd: opts.cwd } : {}) });
  return { code, out: io.stdout, err: io.stderr };
}

let outside: string;
beforeAll(() => {
  outside = tempDir("seats-not-a-repo-").dir;
});
afterAll(() => rmSync(outside, { recursive: true, force: true }));

describe("defect 14: the emulator's built-in seed is the example repo's org", () => {
  it("`seats emulator` with no seed, then `seats plan` in the checkout, plans without errors or blocked people", async () => {
    const emu = await startEmulator({ seed: DEMO_SEED_FILE });
    try {
      const policyOrg = /^org:\s*(\S+)/m.exec(readFileSync(path.join(REPO_ROOT, "policies/policy.yaml"), "utf8"))?.[1];
      expect(emu.control.snapshot().org.login).toBe(policyOrg);
      const r = await run(["plan", "--dir", REPO_ROOT], { env: { GITHUB_API_URL: emu.url, GITHUB_TOKEN: "test" } });
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      expect(r.out).toContain("0 blocked");
      expect(r.out).toContain("+ add     frank-ops");
    } finally {
      await emu.close();
    }
  });
});

describe("defect 25: commands find the repo root", () => {
  it("validate from seats/platform/ validates the whole repo", async () => {
    const r = await run(["validate"], { cwd: path.join(REPO_ROOT, "seats", "platform") });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ok: \d+ files valid/m);
  });

  it("outside any seat repo it says to run from the repo root or pass --dir, not to create a policy", async () => {
    const r = await run(["validate"], { cwd: outside });
    expect(r.code).toBe(1);
    expect(r.out).toContain("run seats from the repo root (the folder holding seats/ and policies/) or pass --dir <path>");
    expect(r.out).not.toContain("create it with at least");
  });
});

describe("defect 26: a linked seats/ is refused like links inside it", () => {
  it("seats/ as a symbolic link is an error", async () => {
    const repo = tempSeatRepo();
    try {
      renameSync(path.join(repo.dir, "seats"), path.join(repo.dir, "real-seats"));
      symlinkSync(path.join(repo.dir, "real-seats"), path.join(repo.dir, "seats"));
      const r = await run(["validate", "--dir", repo.dir]);
      expect(r.code).toBe(1);
      expect(r.out).toContain("seats:1:1: error: seats/ is a symbolic link");
    } finally {
      repo.remove();
    }
  });
});

describe("defect 18: seats help <command>", () => {
  it.each(COMMANDS.map((c) => c.name))("seats help %s prints that command's help", async (name) => {
    const r = await run(["help", name]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Usage: seats ${name}`);
  });
  it("seats help nope is an unknown command (exit 2)", async () => {
    const r = await run(["help", "nope"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command "nope"');
  });
});

describe("defect 19: help texts cite only the repo's own README and docs", () => {
  it.each(COMMANDS.map((c) => c.name))("seats %s --help", async (name) => {
    const r = await run([name, "--help"]);
    expect(r.out).not.toMatch(/SPEC|DESIGN|github-api\.md|\.\.\/shared/);
  });
  it("seats --help", async () => {
    expect((await run(["--help"])).out).not.toMatch(/SPEC|DESIGN|github-api\.md/);
  });
});

describe("defect 22: impossible dates are refused the same way everywhere", () => {
  it.each([
    ["reclaim", "--now", "2027-02-30"],
    ["validate", "--now", "2027-02-30"],
    ["reclaim", "--now", "2027-02-29T10:00:00Z"],
    ["validate", "--now", "2026-13-01"],
  ])("%s %s %s → exit 2, before any request", async (...argv) => {
    const r = await run([...argv, "--dir", REPO_ROOT], { env: { GITHUB_TOKEN: "t", GITHUB_API_URL: "http://127.0.0.1:9" } });
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--now must be an ISO date or timestamp, e.g. 2026-06-01 or 2026-06-01T02:00:00Z (got "${argv[2]}", which is not a day of the calendar)`);
  });
  it("a leap day is a day", async () => {
    expect((await run(["validate", "--now", "2028-02-29", "--dir", REPO_ROOT])).code).toBe(0);
  });
  it("the emulator's seed dates use the same parser", async () => {
    await expect(startEmulator({ seed: { org: { login: "o" }, members: [{ login: "a", role: "admin" }], next_billing_cycle: "2027-02-30" } })).rejects.toThrow(
      "next_billing_cycle must be a date",
    );
  });
});

describe("defect 34: fix links point at the configured host", () => {
  it.each([
    ["https://api.github.com", "https://github.com"],
    ["https://api.octo.ghe.com", "https://octo.ghe.com"],
    ["https://ghes.example.com/api/v3", "https://ghes.example.com"],
    ["http://127.0.0.1:4010", "http://127.0.0.1:4010"],
  ])("%s → %s", (api, web) => expect(webUrlOf(api)).toBe(web));
});

describe("defect 17: npm ci prints no engine warning on the supported Node", () => {
  /** Does `version` satisfy an npm engines range of the forms the lockfile uses? */
  function satisfies(version: string, range: string): boolean {
    const v = version.split(".").map(Number);
    const parse = (s: string) => s.replace(/\.\*$/, "").split(".").map((x) => (x === "*" || x === "x" ? 0 : Number(x)));
    const ge = (a: number[], b: number[]) => {
      for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
      return true;
    };
    const one = (c: string): boolean => {
      if (c.startsWith(">=")) return ge(v, parse(c.slice(2)));
      if (c.startsWith("^")) return v[0] === parse(c.slice(1))[0] && ge(v, parse(c.slice(1)));
      const want = c.split(".").filter((x) => x !== "*");
      return want.every((x, i) => Number(x) === v[i]);
    };
    return range.split("||").some((alt) => alt.replace(/>=\s+/g, ">=").trim().split(/\s+/).every(one));
  }
  it("every locked package's engines.node admits the minimum package.json states", () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { engines: { node: string } };
    const min = /^>=(\d+\.\d+\.\d+)$/.exec(pkg.engines.node)?.[1];
    expect(min, "engines.node is >=x.y.z").toBeDefined();
    const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { engines?: { node?: string } | string[] }> };
    const bad = Object.entries(lock.packages)
      .filter(([, p]) => p.engines && !Array.isArray(p.engines) && typeof p.engines.node === "string" && !satisfies(min!, p.engines.node))
      .map(([name, p]) => `${name}: ${(p.engines as { node: string }).node}`);
    expect(bad).toEqual([]);
    expect(satisfies("20.19.0", ">=22")).toBe(false);
    expect(satisfies("20.19.0", "^20.17.0 || >=22.9.0")).toBe(true);
  });
});

describe("defect 29: a maintainer's _team.yaml change says it also needs an admin", () => {
  it("erin-design switching design to copilot: team is allowed for her, and the review line names the admin approval", async () => {
    const repo = tempSeatRepo({ git: true });
    try {
      const file = path.join(repo.dir, "seats/design/_team.yaml");
      writeFileSync(file, readFileSync(file, "utf8").replace("copilot: none", "copilot: team"));
      const r = await run(["validate", "--author", "erin-design", "--base", "HEAD", "--dir", repo.dir]);
      expect(r.code).toBe(0);
      expect(r.out).toContain("seats/design/_team.yaml (modified): allowed: the author maintains team design (per the base ref); a _team.yaml change also needs an admin's approval (CODEOWNERS");
      expect(r.out).toContain("also needs an admin's approval (CODEOWNERS); fix:");
    } finally {
      repo.remove();
    }
  });
});
