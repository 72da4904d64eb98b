// Day-one defects of `seats request`: flags are checked before anything is written (exit 2,
// naming the flag), the new file's warnings and an existing seat elsewhere are shown, and with
// --open-pr the target on GitHub is checked first: the repository, the base branch, and that
// the team exists there (a stale checkout must not open a PR into a base without the team).
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { captureIo } from "../helpers/io.js";
import { tempSeatRepo, type TempRepo } from "../helpers/seat-repo.js";

const FULL = "acme-corp/copilot-seats";
let emu: RunningEmulator;
let repo: TempRepo;

beforeAll(async () => {
  // The base branch on GitHub lacks the design team: the local checkout is ahead of it.
  const seedRepo = tempSeatRepo();
  const files = Object.fromEntries(Object.entries(seedRepo.files()).filter(([p]) => !p.startsWith("seats/design/")));
  seedRepo.remove();
  emu = await startEmulator({
    seed: {
      org: { login: "acme-corp", seat_management_setting: "assign_selected" },
      viewer: "alice-admin",
      members: [{ login: "alice-admin", role: "admin" }, "heidi-new", "zed-new"],
      repos: [{ full_name: FULL, default_branch: "main", files }],
    },
  });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  repo = tempSeatRepo();
});
afterEach(() => repo.remove());

async function request(args: string[]) {
  const io = captureIo();
  const env = { GITHUB_API_URL: emu.url, GITHUB_TOKEN: "t0ken-value", SEATS_WRITE_INTERVAL_MS: "0", SEATS_RETRY_BASE_MS: "1" };
  const code = await main(["request", "--reason", "Writes Pulumi modules", ...args, "--dir", repo.dir], { io, env });
  return { code, out: io.stdout, err: io.stderr };
}

const memberFiles = () => readdirSync(path.join(repo.dir, "seats"), { recursive: true }).map(String).sort();
const writes = () => emu.log.entries.filter((e) => e.method !== "GET");

describe("defect 15: request --open-pr checks that the team exists on the base branch", () => {
  it("a team the checkout has but the base lacks: exit 1, no PR, no branch, no file left behind", async () => {
    const before = writes().length;
    const r = await request(["--team", "design", "--login", "zed-new", "--open-pr", "--repo", FULL]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("team design does not exist on main of acme-corp/copilot-seats (no seats/design/_team.yaml there)");
    expect(r.err).toContain("update the checkout (git pull)");
    expect(writes().length).toBe(before);
    expect(existsSync(path.join(repo.dir, "seats/design/zed-new.yaml"))).toBe(false);
  });

  it("a team on the base opens the PR", async () => {
    const r = await request(["--team", "platform", "--login", "heidi-new", "--open-pr", "--repo", FULL]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/opened pull request #\d+/);
  });
});

describe("day one: request --open-pr checks online that the person can get a seat", () => {
  it("someone who is not a member of the org gets a warning (the PR is still opened)", async () => {
    const r = await request(["--team", "platform", "--login", "outsider-x", "--open-pr", "--repo", FULL]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("warning: outsider-x is not a member of the acme-corp organization: the PR can be merged, but GitHub assigns no seat until they are invited and accept");
    expect(r.out).toMatch(/opened pull request #\d+/);
  });
});

describe("defect 20: request refuses an --expires date that has passed", () => {
  it("--expires 2020-01-01 is a usage error that says why, and writes nothing", async () => {
    const before = memberFiles();
    const r = await request(["--team", "platform", "--login", "ghost-x", "--expires", "2020-01-01"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--expires 2020-01-01 is not after today \(\d{4}-\d{2}-\d{2}\): the seat would be reclaimable at once/);
    expect(memberFiles()).toEqual(before);
  });
});

describe("defect 21: request says when the person already holds a seat elsewhere", () => {
  it("carol-coder (declared in engineering) asking for platform gets a note", async () => {
    const r = await request(["--team", "platform", "--login", "carol-coder"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "note: carol-coder already holds a Copilot seat through seats/engineering/carol-coder.yaml (team engineering, copilot: users); this request adds membership of platform, not a second seat",
    );
  });
});

describe("defect 24: request --repo is checked for what it is", () => {
  it.each([
    [["--repo", "bad repo"], '--repo must be <owner>/<name>, e.g. acme-corp/copilot-seats (got "bad repo")'],
    [["--repo", "a/b/c"], '--repo must be <owner>/<name>, e.g. acme-corp/copilot-seats (got "a/b/c")'],
  ])("%j is a usage error (exit 2) before any request", async (flags, message) => {
    const before = emu.log.entries.length;
    const r = await request(["--team", "platform", "--login", "heidi-new", "--open-pr", ...flags]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(emu.log.entries.length).toBe(before);
  });

  it("a repository that does not exist is named as such, not as a missing base branch", async () => {
    const r = await request(["--team", "platform", "--login", "heidi-new", "--open-pr", "--repo", "nope/nope"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("repository nope/nope was not found, or the credentials cannot see it: check --repo (or GITHUB_REPOSITORY)");
    expect(r.err).not.toContain("base branch");
    expect(existsSync(path.join(repo.dir, "seats/platform/heidi-new.yaml"))).toBe(false);
  });

  it("a missing base branch of an existing repository is named as such", async () => {
    const r = await request(["--team", "platform", "--login", "heidi-new", "--open-pr", "--repo", FULL, "--base", "no-such-branch"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('base branch "no-such-branch" does not exist in acme-corp/copilot-seats: pass --base <branch>');
  });
});

describe("defect 33: request --expires names the flag", () => {
  it.each(["tomorrow", "2027-02-30", "31.01.2027"])("--expires %s → exit 2 naming --expires, nothing written", async (value) => {
    const before = memberFiles();
    const r = await request(["--team", "platform", "--login", "zed-new", "--expires", value]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--expires must be a calendar date YYYY-MM-DD, e.g. 2027-01-31 (got "${value}")`);
    expect(r.err).not.toMatch(/seats\/platform\/zed-new\.yaml:\d+:\d+/);
    expect(memberFiles()).toEqual(before);
  });
});

describe("defect 35: request's review line for a team without maintainers", () => {
  it("says a repository admin approves, without a bare placeholder", async () => {
    const team = path.join(repo.dir, "seats/platform/_team.yaml");
    writeFileSync(team, readFileSync(team, "utf8").replace(/maintainers:\n(\s+- .*\n)+/, "").replace("enrollment: open", "enrollment: approval"));
    rmSync(path.join(repo.dir, "seats/platform/alice-admin.yaml"));
    expect(await main(["codeowners", "--dir", repo.dir], { io: captureIo(), env: {} })).toBe(0);
    const r = await request(["--team", "platform", "--login", "zed-new"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("platform lists no maintainers, so the PR needs approval from a repository admin");
    expect(r.out).not.toContain("(no maintainers listed");
  });
});
