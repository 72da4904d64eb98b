// Property, over real HTTP: on random seat repos and emulator states, the incremental plan of a PR
// (`--base` its merge base) and of its squash merge (`--base` the first parent) is one plan, with
// one checksum, and it equals the full plan restricted to the touched logins. The incremental read
// is the real one (src/github/read-logins.ts: one seat read per login, GraphQL batched org
// membership, REST for the accounts GraphQL does not show), so private memberships, which GraphQL
// hides from an App's token, go through the REST fallback. Seeded and small: every failure names
// its case, and the whole run takes seconds. (incremental.property.test.ts checks the same
// agreement on the pure halves over many more cases.)
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mulberry32 } from "../../src/emulator/faults.js";
import { startEmulator, type EmulatorSeed } from "../../src/emulator/index.js";
import { createGitHubClient } from "../../src/github/client.js";
import { mapLimit } from "../../src/github/concurrency.js";
import type { CopilotMode } from "../../src/model/types.js";
import { livePlan } from "../../src/plan/live.js";
import { declaredHolders, loginSet, restrictPlan, seatCounts, touchedPairs } from "../../src/plan/restrict.js";
import { scopeOfChanges } from "../../src/plan/scope.js";
import { scopedPlan } from "../../src/plan/scoped.js";
import { changedFiles } from "../../src/validate/git-changes.js";
import { loadValidModel } from "../../src/validate/validate.js";
import { gitIn, tempDir } from "../helpers/seat-repo.js";

const CASES = 16;
/** GitHub spells Bob with a capital; the files say bob. */
const UNIVERSE = ["ana", "bob", "cy", "dee", "eve", "fay", "gus", "hal"];
const github = (login: string) => (login === "bob" ? "Bob" : login);
/** Undeclared seats that make paging cost more than a few logins' reads, so the targeted read is chosen. */
const FILLER = Array.from({ length: 250 }, (_, i) => `filler-${i}`);
const MODES: CopilotMode[] = ["users", "users", "none", "team"];

type Rng = () => number;
const pick = <T,>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const subset = <T,>(r: Rng, xs: readonly T[], p: number): T[] => xs.filter(() => r() < p);
const member = (login: string, reason = "needs Copilot") => `login: ${login}\nreason: ${reason}\n`;

/** Who each login is on GitHub in one case. */
type Standing = "public" | "private" | "outside" | "invited" | "nobody";
const STANDINGS: Standing[] = ["public", "public", "private", "private", "outside", "invited", "nobody"];

interface World {
  seed: EmulatorSeed;
  files: Record<string, string>;
  /** The PR's edits: path → content, null to delete. */
  change: Record<string, string | null>;
  force: boolean;
}

function world(n: number): World {
  const r = mulberry32(7000 + n);
  const teams = Array.from({ length: 2 + Math.floor(r() * 2) }, (_, i) => ({
    slug: `t${i}`,
    mode: i === 0 ? ("users" as const) : pick(r, MODES),
    parent: i > 0 && r() < 0.3 ? "t0" : undefined,
    members: subset(r, UNIVERSE, 0.4),
  }));
  const files: Record<string, string> = {
    "policies/policy.yaml": `org: acme\nseats:\n  unmanaged: ${r() < 0.75 ? "remove" : "keep"}\n  max_removal_ratio: ${pick(r, [0.1, 0.25, 1])}\n`,
  };
  for (const t of teams) {
    files[`seats/${t.slug}/_team.yaml`] = `name: ${t.slug}\ncopilot: ${t.mode}\n${t.parent ? `parent: ${t.parent}\n` : ""}`;
    for (const l of t.members) files[`seats/${t.slug}/${l}.yaml`] = member(l);
  }

  const standing = new Map(UNIVERSE.map((l) => [l, pick(r, STANDINGS)]));
  const members = UNIVERSE.filter((l) => ["public", "private"].includes(standing.get(l)!));
  const ghTeams = teams
    .filter(() => r() < 0.85)
    .map((t) => ({ name: t.slug, ...(t.parent && r() < 0.8 ? { parent: t.parent } : {}), members: subset(r, members, 0.4).map(github) }))
    // A child team needs its parent on GitHub.
    .filter((t, _i, all) => !t.parent || all.some((p) => p.name === t.parent));
  const assigned = ghTeams.filter((t) => teams.find((d) => d.slug === t.name)!.mode === "team" && r() < 0.8).map((t) => t.name);
  const seed: EmulatorSeed = {
    org: { login: "acme", seat_management_setting: "assign_selected" },
    viewer: "root",
    // An App's installation token, as the workflows use: GraphQL does not show it private memberships.
    auth_as: "app",
    members: [
      { login: "root", role: "admin" },
      ...members.map((l) => (standing.get(l) === "private" ? { login: github(l), public: false } : github(l))),
      ...FILLER,
    ],
    users: UNIVERSE.filter((l) => standing.get(l) === "outside").map(github),
    pending_members: UNIVERSE.filter((l) => standing.get(l) === "invited").map(github),
    teams: ghTeams,
    copilot_teams: assigned,
    seats: [
      ...subset(r, members, 0.5).map((l) => ({
        login: github(l),
        created_at: "2025-01-10T00:00:00Z",
        ...(r() < 0.2 ? { pending_cancellation_date: "2099-01-01" } : {}),
      })),
      ...FILLER.map((login) => ({ login, created_at: "2025-01-10T00:00:00Z" })),
    ],
    next_billing_cycle: "2099-01-01",
  };

  // The PR: one or two member files added, edited or deleted; now and then in a copilot: team
  // team (a full plan, by design).
  const change: Record<string, string | null> = {};
  for (let i = 0; i < (r() < 0.6 ? 2 : 1); i++) {
    const t = pick(r, teams);
    const l = pick(r, UNIVERSE);
    const p = `seats/${t.slug}/${l}.yaml`;
    change[p] = p in files ? (r() < 0.5 ? null : member(l, "edited")) : member(l);
  }
  return { seed, files, change, force: r() < 0.2 };
}

function write(dir: string, files: Record<string, string | null>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    if (content === null) rmSync(abs);
    else {
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, content);
    }
  }
}

const tmp = tempDir("seats-prop-http-");
afterAll(() => tmp.remove());

describe("incremental plans over HTTP = the full plan restricted to the touched logins", () => {
  it(`holds on ${CASES} random repos and emulator states, PR and merge alike`, async () => {
    const seen = { incremental: 0, paged: 0, full: 0, restFallbacks: 0, graphql: 0, nonEmpty: 0 };
    // Four cases at a time: each has its own checkout and emulator, and mostly waits on HTTP.
    await mapLimit(Array.from({ length: CASES }, (_, i) => i), 4, async (i) => {
      const w = world(i);
      const dir = path.join(tmp.dir, `case-${i}`);
      const git = (...args: string[]) => gitIn(dir, ...args);
      mkdirSync(dir);
      write(dir, w.files);
      git("init", "-q", "-b", "main");
      git("add", "-A");
      git("commit", "-qm", "base");
      git("checkout", "-qb", "pr");
      write(dir, w.change);
      git("add", "-A");
      git("commit", "-qm", "the change");

      const emu = await startEmulator({ seed: w.seed, now: () => new Date("2026-06-15T12:00:00Z") });
      try {
        const client = createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: "t" }, allowWrites: false, writeIntervalMs: 0, retryAfterBaseMs: 1, warn: () => {} });
        const planAt = async (base: string) => {
          const model = loadValidModel(dir);
          const changes = changedFiles(dir, base);
          const scope = scopeOfChanges(changes, model);
          const opts = { force: w.force, changedFiles: changes.map((c) => c.file) };
          emu.log.reset();
          const res = await scopedPlan(client, model, scope, opts);
          const log = emu.log.entries.map((e) => ({ route: e.route, path: e.path }));
          return { model, scope, opts, res, log };
        };

        // The PR's plan (`--base` the merge base), then the squash merge's (`--base` its first parent).
        const pr = await planAt("main");
        git("checkout", "-q", "main");
        git("merge", "-q", "--squash", "pr");
        git("commit", "-qm", "squash");
        const merge = await planAt("HEAD~1");
        expect(merge.res.scope.mode, `case ${i}`).toBe(pr.res.scope.mode);
        expect(merge.res.plan, `case ${i}`).toEqual(pr.res.plan);

        const full = await livePlan(client, merge.model, merge.opts);
        if (pr.scope.kind === "full") {
          seen.full++;
          expect(pr.res.plan, `case ${i}`).toEqual(full.plan);
          return;
        }
        const m = merge.model;
        const restricted = restrictPlan(full.plan, loginSet(pr.scope.logins), {
          ...seatCounts(full.snapshot),
          declared: declaredHolders(m),
          max_removal_ratio: m.policy.seats.max_removal_ratio,
          min_seats_for_ratio: m.policy.seats.min_seats_for_ratio,
          force: w.force,
          pairs: touchedPairs(pr.scope.files, m),
        });
        expect(pr.res.plan, `case ${i} (${pr.res.scope.mode}, ${pr.scope.logins.join(", ")})`).toEqual(restricted);
        expect(pr.res.plan.checksum).toBe(restricted.checksum);

        if (pr.res.scope.mode === "paged") seen.paged++;
        else {
          seen.incremental++;
          // The targeted read, not paging: no seat or member page was read.
          expect(pr.log.filter((e) => e.route === "GET /orgs/{org}/copilot/billing/seats" || e.route === "GET /orgs/{org}/members"), `case ${i}`).toEqual([]);
          if (pr.log.some((e) => e.route === "POST /graphql")) seen.graphql++;
          const privates = new Set((w.seed.members as ({ login: string; public?: boolean } | string)[]).flatMap((x) => (typeof x === "object" && x.public === false ? [`/orgs/acme/members/${x.login}`] : [])));
          if (pr.log.some((e) => e.route === "GET /orgs/{org}/members/{username}" && privates.has(e.path))) seen.restFallbacks++;
        }
        const p = pr.res.plan;
        if (p.changes.length + p.blocked.length + p.kept.length + p.teams.changes.length > 0) seen.nonEmpty++;
      } finally {
        await emu.close();
      }
    });
    // Worth something only if each path was taken, on cases with something to say.
    expect(seen.incremental, JSON.stringify(seen)).toBeGreaterThanOrEqual(CASES / 2);
    expect(seen.graphql, JSON.stringify(seen)).toBeGreaterThan(0);
    expect(seen.restFallbacks, JSON.stringify(seen)).toBeGreaterThan(0);
    expect(seen.full, JSON.stringify(seen)).toBeGreaterThan(0);
    expect(seen.nonEmpty, JSON.stringify(seen)).toBeGreaterThan(CASES / 3);
  }, 60_000);
});
