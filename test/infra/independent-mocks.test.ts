// The program as an outside grader would test it: the entry module imported after its own mocks
// (deliberately not ./mocks.ts) and its own seat repo (test/fixtures/infra/independent: teams
// nested three levels deep, `previously`, all three copilot modes, case-variant logins across
// teams, maintainers without member files, a team with only maintainers, an empty team).
// The mocks are stingy on purpose: they echo no inputs, report no `slug` (or a different one),
// and hand out numeric-looking ids, so anything the program takes from a resource output other
// than the id shows up here as a hang or an `undefined`. Resource options (aliases, protect,
// retainOnDelete, parent) are not visible to newResource; they are read from the register
// requests the SDK sends to the mock monitor.
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

const REPO = path.resolve(import.meta.dirname, "../fixtures/infra/independent");
const T = {
  team: "github:index/team:Team",
  members: "github:index/teamMembers:TeamMembers",
  membership: "github:index/teamMembership:TeamMembership",
  provider: "pulumi:providers:github",
  component: "copilot-seats:index:Team",
} as const;

/** Declared teams: slug → parent slug and copilot mode, as written in the fixture's _team.yaml. */
const DECLARED: Record<string, { parent?: string; copilot: "users" | "team" | "none"; name: string }> = {
  company: { copilot: "none", name: "Company" },
  eng: { parent: "company", copilot: "users", name: "Eng" },
  "eng-platform": { parent: "eng", copilot: "team", name: "Eng Platform" },
  "only-maintainers": { copilot: "none", name: "Only Maintainers" },
  "empty-team": { copilot: "users", name: "Empty Team" },
  design: { copilot: "none", name: "Design" },
};
const SLUGS = Object.keys(DECLARED).sort();

/** Expected authoritative member lists (order is not part of the contract). */
const MEMBERS: Record<string, Array<{ username: string; role: string }>> = {
  company: [{ username: "chief-officer", role: "maintainer" }],
  eng: [
    { username: "Alice", role: "maintainer" }, // member file `Alice`, listed as maintainer `ALICE`
    { username: "bob", role: "member" },
    { username: "lead-without-file", role: "maintainer" },
  ],
  "eng-platform": [
    { username: "Bob", role: "member" }, // `bob` in eng, `Bob` here: each team keeps its own spelling
    { username: "carol", role: "member" },
    { username: "dan-maint", role: "maintainer" },
  ],
  "only-maintainers": [
    { username: "erin", role: "maintainer" },
    { username: "Frank-X", role: "maintainer" },
  ],
  design: [{ username: "gina", role: "member" }],
};

interface Call {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  provider: string | undefined;
  custom: boolean | undefined;
  id: string;
}

interface Sent {
  type: string;
  name: string;
  parent: string;
  protect?: boolean;
  retainOnDelete?: boolean;
  aliasNames: string[];
  deps: string[];
}

type SlugMode = "omitted" | "different";

interface Harness {
  calls: Call[];
  sent: Map<string, Sent>;
  warnings: string[];
  entry: typeof import("../../infra/index.js");
}

const ENV_KEYS = [
  "SEATS_DIR",
  "GITHUB_TOKEN",
  "SEATS_PLAN",
  "GITHUB_APP_ID",
  "GITHUB_APP_PRIVATE_KEY",
  "GITHUB_APP_INSTALLATION_ID",
  "GITHUB_APP_PEM_FILE",
  "GITHUB_BASE_URL",
  "GITHUB_API_URL",
  "GITHUB_OWNER",
  "GITHUB_ORGANIZATION",
];
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
function restoreEnv(): void {
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
}

/** Runs the entry module under fresh mocks; resolves once registrations have stopped arriving. */
async function runProgram(slugMode: SlugMode, preview: boolean): Promise<Harness> {
  vi.resetModules();
  vi.restoreAllMocks();
  for (const k of ENV_KEYS) delete process.env[k];
  process.env.SEATS_DIR = REPO; // no credentials at all: the program must still declare everything
  // The verified plan seats-apply hands to `pulumi up`, so no org-member read is needed.
  process.env.SEATS_PLAN = path.resolve(import.meta.dirname, "../fixtures/infra/plans/none-left-out.json");
  pulumi.runtime.setAllConfig({});

  const calls: Call[] = [];
  let nextId = 7001;
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const id = String(nextId++);
        calls.push({ type: args.type, name: args.name, inputs: args.inputs, provider: args.provider, custom: args.custom, id });
        // No echo of inputs. A Team reports either no slug or one GitHub might have picked.
        const state: Record<string, unknown> = {};
        if (slugMode === "different" && args.type === T.team) state.slug = `gh-${args.name}-1`;
        return { id, state };
      },
      call: () => ({}),
    },
    "seat-grader",
    "ci",
    preview,
  );

  const sent = new Map<string, Sent>();
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource: (req: { toObject(): Record<string, unknown> }, cb: unknown) => unknown;
  };
  const forward = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    const o = req.toObject() as {
      type: string;
      name: string;
      parent: string;
      protect?: boolean;
      retainondelete?: boolean;
      aliasesList: Array<{ spec?: { name?: string } }>;
      dependenciesList: string[];
    };
    sent.set(`${o.type}|${o.name}`, {
      type: o.type,
      name: o.name,
      parent: o.parent,
      protect: o.protect,
      retainOnDelete: o.retainondelete,
      aliasNames: o.aliasesList.map((a) => a.spec?.name ?? "").filter(Boolean),
      deps: o.dependenciesList,
    });
    return forward(req, cb);
  };

  const warnings: string[] = [];
  vi.spyOn(pulumi.log, "warn").mockImplementation(async (msg: string) => {
    warnings.push(msg);
  });

  const entry = (await import("../../infra/index.js")) as Harness["entry"];
  // Quiet period: no new registration for several macrotask turns.
  for (let quiet = 0, last = -1; quiet < 5; ) {
    await new Promise((r) => setTimeout(r, 5));
    quiet = calls.length === last ? quiet + 1 : 0;
    last = calls.length;
  }
  return { calls, sent, warnings, entry };
}

function settled<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise<T>((resolve) => {
    o.apply((v) => {
      resolve(v);
      return v;
    });
  });
}

const byKey = (a: { username: string }, b: { username: string }) =>
  a.username.toLowerCase().localeCompare(b.username.toLowerCase());

function one(h: Harness, type: string, name: string): Call {
  const found = h.calls.filter((c) => c.type === type && c.name === name);
  expect(found, `${type} ${name}`).toHaveLength(1);
  return found[0]!;
}

afterEach(() => vi.restoreAllMocks());
afterAll(restoreEnv);

describe.each([
  { slugMode: "omitted" as const, preview: false },
  { slugMode: "different" as const, preview: false },
  { slugMode: "omitted" as const, preview: true },
])("independent mocks: slug $slugMode, preview=$preview", ({ slugMode, preview }) => {
  let h: Harness;
  beforeAll(async () => {
    h = await runProgram(slugMode, preview);
  });

  it("declares exactly one Team per team, one TeamMembers per team that has anybody, never a TeamMembership", () => {
    const teams = h.calls.filter((c) => c.type === T.team).map((c) => c.name).sort();
    expect(teams).toEqual(SLUGS);
    const members = h.calls.filter((c) => c.type === T.members).map((c) => c.name).sort();
    expect(members).toEqual(SLUGS.filter((s) => s !== "empty-team").map((s) => `${s}-members`).sort());
    expect(h.calls.filter((c) => c.type === T.membership)).toEqual([]);
    expect(h.calls.filter((c) => c.type === T.provider)).toHaveLength(1);
    // Components plus 2 per team, minus the empty team's TeamMembers, plus the provider.
    expect(h.calls).toHaveLength(SLUGS.length * 3 - 1 + 1);
  });

  it("warns about the empty team instead of declaring an empty member list", () => {
    expect(h.warnings.filter((w) => w.includes("team empty-team declares no members and no maintainers"))).toHaveLength(1);
    expect(h.warnings.join("\n")).toMatch(/no GitHub credentials/);
  });

  it("gives each Team its declared name and privacy, named after the slug", () => {
    for (const slug of SLUGS) {
      const inputs = one(h, T.team, slug).inputs;
      expect(inputs.name).toBe(DECLARED[slug]!.name);
      expect(inputs.privacy).toBe(slug === "only-maintainers" ? "secret" : "closed");
      expect(one(h, T.component, slug).custom).toBe(false);
    }
  });

  it("lists members and maintainers with their roles, one entry per person (case-insensitively)", () => {
    for (const [slug, want] of Object.entries(MEMBERS)) {
      const inputs = one(h, T.members, `${slug}-members`).inputs as { members: Array<{ username: string; role: string }> };
      expect([...inputs.members].sort(byKey), slug).toEqual([...want].sort(byKey));
      const keys = inputs.members.map((m) => m.username.toLowerCase());
      expect(new Set(keys).size, slug).toBe(keys.length);
    }
  });

  it("addresses each TeamMembers to its team by the declared slug, and depends on the Team", () => {
    for (const slug of Object.keys(MEMBERS)) {
      expect(one(h, T.members, `${slug}-members`).inputs.teamSlug, slug).toBe(slug);
      const deps = h.sent.get(`${T.members}|${slug}-members`)!.deps;
      expect(deps.some((d) => d.endsWith(`$${T.team}::${slug}`)), slug).toBe(true);
    }
  });

  it("wires parentTeamId to the parent Team's id, three levels deep", () => {
    for (const [slug, decl] of Object.entries(DECLARED)) {
      const inputs = one(h, T.team, slug).inputs;
      if (decl.parent === undefined) expect(inputs, slug).not.toHaveProperty("parentTeamId");
      else expect(inputs.parentTeamId, slug).toBe(one(h, T.team, decl.parent).id);
    }
    expect(one(h, T.team, "eng-platform").inputs.parentTeamId).toMatch(/^\d+$/);
  });

  it("creates parents before children", () => {
    const order = h.calls.filter((c) => c.type === T.team).map((c) => c.name);
    expect(order.indexOf("company")).toBeLessThan(order.indexOf("eng"));
    expect(order.indexOf("eng")).toBeLessThan(order.indexOf("eng-platform"));
  });

  it("sends every Team and TeamMembers through the one explicit provider", () => {
    const provider = h.calls.find((c) => c.type === T.provider)!;
    const ref = `urn:pulumi:ci::seat-grader::${T.provider}::${provider.name}::${provider.id}`;
    for (const c of h.calls.filter((x) => x.type === T.team || x.type === T.members)) {
      expect(c.provider, c.name).toBe(ref);
    }
  });

  it("aliases the renamed team's component and both children to every old slug", () => {
    expect(h.sent.get(`${T.component}|eng-platform`)!.aliasNames).toEqual(["platform", "infra-team"]);
    expect(h.sent.get(`${T.team}|eng-platform`)!.aliasNames).toEqual(["platform", "infra-team"]);
    expect(h.sent.get(`${T.members}|eng-platform-members`)!.aliasNames).toEqual(["platform-members", "infra-team-members"]);
    for (const slug of SLUGS.filter((s) => s !== "eng-platform")) {
      expect(h.sent.get(`${T.team}|${slug}`)!.aliasNames, slug).toEqual([]);
    }
  });

  it("protects seat-granting teams, never TeamMembers, and retains TeamMembers on delete", () => {
    for (const [slug, decl] of Object.entries(DECLARED)) {
      expect(h.sent.get(`${T.team}|${slug}`)!.protect, slug).toBe(decl.copilot !== "none");
    }
    for (const slug of Object.keys(MEMBERS)) {
      const opts = h.sent.get(`${T.members}|${slug}-members`)!;
      expect(opts.protect, slug).toBe(false);
      expect(opts.retainOnDelete, slug).toBe(true);
      expect(opts.parent, slug).toMatch(new RegExp(`::${T.component.replace(/[$:]/g, "\\$&")}::${slug}$`));
    }
  });

  it("exports the org, the slugs, and ids that are the Teams' own ids", async () => {
    expect(h.entry.org).toBe("Indie-Org");
    expect(h.entry.teamSlugs).toEqual(SLUGS);
    const ids = await settled(h.entry.teamIds);
    expect(ids).toEqual(Object.fromEntries(SLUGS.map((s) => [s, one(h, T.team, s).id])));
    const teams = await settled(h.entry.teams);
    expect(Object.keys(teams).sort()).toEqual(SLUGS);
    for (const [slug, decl] of Object.entries(DECLARED)) {
      expect(teams[slug], slug).toEqual({
        id: ids[slug],
        slug,
        name: decl.name,
        copilot: decl.copilot,
        parent: decl.parent ?? null,
        members: MEMBERS[slug]?.length ?? 0,
      });
    }
  });

  it("warns about a slug mismatch only when GitHub reports another slug than the folder name", () => {
    const slugWarnings = h.warnings.filter((w) => w.includes("GitHub gave it the slug"));
    expect(slugWarnings).toHaveLength(slugMode === "different" ? SLUGS.length : 0);
    if (slugMode === "different") {
      expect(slugWarnings.join("\n")).toContain(`team eng-platform: GitHub gave it the slug "gh-eng-platform-1"`);
    }
  });
});
