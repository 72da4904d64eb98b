// One plan per change, for teams and seats together: the checksum `seats plan` gives before
// `pulumi up` (on the PR) is the one `seats apply --checksum` accepts after it (on merge), for
// every kind of change. Each case: the emulator holds the applied state of the base, the repo
// holds the change; plan → verify (dry run, both checksums) → pulumi up (scripts/pulumi-equivalent.ts,
// the Pulumi program's own team plan over REST, independent of the planner) → apply with the
// reviewed checksum → a fresh plan is empty.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { createGitHubClient } from "../../src/github/client.js";
import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../src/emulator/index.js";
import type { Plan } from "../../src/plan/types.js";
import { loadValidModel } from "../../src/validate/validate.js";
import { pulumiEquivalent } from "../../scripts/pulumi-equivalent.js";
import { captureIo } from "../helpers/io.js";

const ORG = "acme";
const OLD = "2025-01-01T00:00:00Z";
const PEOPLE = ["ann", "ben", "cat", "dan", "eve", "fay", "gus", "hal", "ida", "jon", "kim", "lou"];

type Files = Record<string, string>;
const teamFile = (name: string, extra = "") => `name: ${name}\n${extra}`;
const memberFile = (login: string) => `login: ${login}\nreason: writes code\n`;
function repo(teams: Record<string, { copilot: "users" | "team" | "none"; members: string[]; extra?: string }>): Files {
  const out: Files = { "policies/policy.yaml": `org: ${ORG}\n` };
  for (const [slug, t] of Object.entries(teams)) {
    out[`seats/${slug}/_team.yaml`] = teamFile(slug, `copilot: ${t.copilot}\n${t.extra ?? ""}`);
    for (const m of t.members) out[`seats/${slug}/${m}.yaml`] = memberFile(m);
  }
  return out;
}

interface Case {
  name: string;
  /** Teams and seats on GitHub: the base, applied. */
  github: Pick<EmulatorSeed, "teams" | "seats" | "copilot_teams"> & { outsiders?: string[] };
  /** The repo after the change. */
  files: Files;
  /** Team changes the plan lists. */
  teams: string[];
  /** Seat changes the plan lists. */
  seats: string[];
  /** Active seat holders at the end. */
  holders: string[];
  /** Exit code of the confirmed apply (1: a blocked entry; the dry run exits 0 either way). */
  code?: number;
}

const seat = (login: string, assigning_team?: string) => ({ login, created_at: OLD, last_activity_at: OLD, ...(assigning_team ? { assigning_team } : {}) });
const direct = ["gus", "hal", "ida", "jon", "kim", "lou"];
/** A copilot: users team whose six direct seats keep every case above the removal guards. */
const base = { platform: { copilot: "users" as const, members: direct } };
const baseTeam = { name: "platform", members: direct };
const baseSeats = direct.map((l) => seat(l));

const CASES: Case[] = [
  {
    name: "a member added to an assigned copilot: team team gets the seat through the team",
    github: { teams: [baseTeam, { name: "ml", members: ["ann"] }], copilot_teams: ["ml"], seats: [...baseSeats, seat("ann", "ml")] },
    files: repo({ ...base, ml: { copilot: "team", members: ["ann", "ben"] } }),
    teams: ["add_member ml ben"],
    seats: [],
    holders: ["ann", "ben", ...direct],
  },
  {
    name: "a member removed from an assigned copilot: team team loses the seat with the membership",
    github: { teams: [baseTeam, { name: "ml", members: ["ann", "ben"] }], copilot_teams: ["ml"], seats: [...baseSeats, seat("ann", "ml"), seat("ben", "ml")] },
    files: repo({ ...base, ml: { copilot: "team", members: ["ann"] } }),
    teams: ["remove_member ml ben"],
    seats: [],
    holders: ["ann", ...direct],
  },
  {
    name: "a new copilot: team team is created, filled and assigned",
    github: { teams: [baseTeam], seats: baseSeats },
    files: repo({ ...base, ml: { copilot: "team", members: ["ann", "ben"] } }),
    teams: ["create_team ml", "add_member ml ann", "add_member ml ben"],
    seats: ["add_team ml"],
    holders: ["ann", "ben", ...direct],
  },
  {
    name: "a renamed copilot: team team keeps its assignment and seats",
    github: { teams: [baseTeam, { name: "ml", members: ["ann", "ben"] }], copilot_teams: ["ml"], seats: [...baseSeats, seat("ann", "ml"), seat("ben", "ml")] },
    files: repo({ ...base, "ml-platform": { copilot: "team", members: ["ann", "ben"], extra: "previously: [ml]\n" } }),
    teams: ["rename_team ml-platform ml"],
    seats: [],
    holders: ["ann", "ben", ...direct],
  },
  {
    name: "a direct self-add in a copilot: users team",
    github: { teams: [baseTeam], seats: baseSeats },
    files: repo({ platform: { copilot: "users", members: [...direct, "cat"] } }),
    teams: ["add_member platform cat"],
    seats: ["add cat"],
    holders: ["cat", ...direct],
  },
  {
    name: "a member of a copilot: none child team under an assigned copilot: team parent holds a seat through the parent",
    github: { teams: [baseTeam, { name: "ml", members: ["ann"] }, { name: "ml-interns", parent: "ml", members: [] }], copilot_teams: ["ml"], seats: [...baseSeats, seat("ann", "ml")] },
    files: repo({ ...base, ml: { copilot: "team", members: ["ann"] }, "ml-interns": { copilot: "none", members: ["dan"], extra: "parent: ml\n" } }),
    teams: ["add_member ml-interns dan"],
    seats: [],
    holders: ["ann", "dan", ...direct],
  },
  {
    name: "a maintainer of a copilot: team team is a team member, so a seat holder",
    github: { teams: [baseTeam, { name: "ml", members: ["ann"] }], copilot_teams: ["ml"], seats: [...baseSeats, seat("ann", "ml")] },
    files: repo({ ...base, ml: { copilot: "team", members: ["ann"], extra: "maintainers: [eve]\n" } }),
    teams: ["add_member ml eve"],
    seats: [],
    holders: ["ann", "eve", ...direct],
  },
  {
    name: "moved from a copilot: team team to a copilot: users team: the team seat ends and a direct one replaces it",
    github: { teams: [baseTeam, { name: "ml", members: ["ann", "ben"] }], copilot_teams: ["ml"], seats: [...baseSeats, seat("ann", "ml"), seat("ben", "ml")] },
    files: repo({ platform: { copilot: "users", members: [...direct, "ben"] }, ml: { copilot: "team", members: ["ann"] } }),
    teams: ["add_member platform ben", "remove_member ml ben"],
    seats: ["readd ben"],
    holders: ["ann", "ben", ...direct],
  },
  {
    name: "an outsider declared in a copilot: team team is left out of it (nobody is invited) and blocked",
    github: { teams: [baseTeam, { name: "ml", members: ["ann"] }], copilot_teams: ["ml"], seats: [...baseSeats, seat("ann", "ml")], outsiders: ["olga"] },
    files: repo({ ...base, ml: { copilot: "team", members: ["ann", "olga"] } }),
    teams: [],
    seats: [],
    holders: ["ann", ...direct],
    code: 1,
  },
];

let emu: RunningEmulator | undefined;
let dir: string | undefined;
afterEach(async () => {
  await emu?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  emu = undefined;
  dir = undefined;
});

async function seats(args: string[]): Promise<{ code: number; out: string }> {
  const io = captureIo();
  const code = await main([...args, "--dir", dir!, "--api-url", emu!.url], { io, env: { GITHUB_TOKEN: "t" }, cwd: dir! });
  return { code, out: io.stdout + io.stderr };
}
const planFile = (name: string) => JSON.parse(readFileSync(path.join(dir!, name), "utf8")) as Plan;

describe("the checksum reviewed before pulumi up is the one applied after it", () => {
  it.each(CASES)("$name", async (c) => {
    emu = await startEmulator({
      seed: {
        org: { login: ORG, seat_management_setting: "assign_selected" },
        viewer: "octo",
        members: [{ login: "octo", role: "admin" }, ...PEOPLE],
        users: c.github.outsiders ?? [],
        teams: c.github.teams ?? [],
        copilot_teams: c.github.copilot_teams ?? [],
        seats: c.github.seats ?? [],
      },
    });
    dir = mkdtempSync(path.join(tmpdir(), "seats-projection-"));
    for (const [rel, text] of Object.entries(c.files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }

    const pr = await seats(["plan", "--json", path.join(dir!, "pr.json")]);
    expect(pr.code, pr.out).toBe(0);
    const reviewed = planFile("pr.json");
    expect(reviewed.teams.changes.map((t) => [t.action, t.team, t.login ?? t.from].filter(Boolean).join(" "))).toEqual(c.teams);
    expect(reviewed.changes.map((x) => `${x.action} ${x.target}`)).toEqual(c.seats);

    // On merge, before pulumi up: the dry run checks both halves.
    const verify = await seats(["apply", "--checksum", reviewed.checksum, "--teams-checksum", reviewed.teams.checksum]);
    expect(verify.code, verify.out).toBe(0);
    expect(verify.out).toContain("Dry run: nothing was sent");

    const gh = createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: "t" }, allowWrites: true, writeIntervalMs: 0, warn: () => {} });
    await pulumiEquivalent(gh, loadValidModel(dir));

    const apply = await seats(["apply", "--confirm", "--checksum", reviewed.checksum, "--json", path.join(dir!, "merge.json")]);
    expect(apply.code, apply.out).toBe(c.code ?? 0);
    expect(apply.out).not.toContain("differs from the reviewed one");
    expect(planFile("merge.json").checksum).toBe(reviewed.checksum);

    const after = await seats(["plan", "--json", path.join(dir!, "after.json")]);
    expect(after.code, after.out).toBe(0);
    expect(planFile("after.json").changes).toEqual([]);
    expect(planFile("after.json").teams.changes).toEqual([]);
    const holders = (emu.control.snapshot().seats ?? []).filter((s) => !s.pending_cancellation_date).map((s) => s.login).sort();
    expect(holders).toEqual([...c.holders].sort());
  });

  it("the team checksum refuses a merge whose team changes are not the reviewed ones", async () => {
    const c = CASES[0]!;
    emu = await startEmulator({ seed: { org: { login: ORG, seat_management_setting: "assign_selected" }, viewer: "octo", members: [{ login: "octo", role: "admin" }, ...PEOPLE], users: [], teams: c.github.teams ?? [], copilot_teams: c.github.copilot_teams ?? [], seats: c.github.seats ?? [] } });
    dir = mkdtempSync(path.join(tmpdir(), "seats-projection-"));
    for (const [rel, text] of Object.entries(c.files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    await seats(["plan", "--json", path.join(dir!, "pr.json")]);
    const reviewed = planFile("pr.json");
    // Someone adds cat to the team by hand before the merge: seats are unchanged, teams are not.
    const gh = createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: "t" }, allowWrites: true, writeIntervalMs: 0, warn: () => {} });
    await gh.request("PUT /orgs/{org}/teams/{team_slug}/memberships/{username}", { org: ORG, team_slug: "ml", username: "cat" });
    const verify = await seats(["apply", "--checksum", reviewed.checksum, "--teams-checksum", reviewed.teams.checksum]);
    expect(verify.code).toBe(1);
    expect(verify.out).toContain("the team changes differ from the reviewed ones");
  });
});
