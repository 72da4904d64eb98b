// `npm run bench pulumi`: the Pulumi program's cost at scale, under mocks (no engine, no GitHub):
// a generated seat repo of 2,000 teams and 100,000 member files (50 per team, one team in ten
// nested under another, a few maintainers each), loaded and validated once, then evaluated.
// Prints numbers only; target for the evaluation is under 15 s, with 2 resources per team plus
// one component per team (and the one provider).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import * as pulumi from "@pulumi/pulumi";
import { loadValidModel } from "../../src/validate/validate.js";
import { defineSeatTeams } from "../../infra/program.js";
import { createGitHubProvider } from "../../infra/provider.js";
import { tuneForLargePrograms, withoutPromiseStackTraces } from "../../infra/runtime-tuning.js";

const TEAMS = 2_000;
const MEMBERS = 100_000;

function generate(dir: string): void {
  mkdirSync(path.join(dir, "policies"), { recursive: true });
  writeFileSync(path.join(dir, "policies/policy.yaml"), "org: bench-org\n");
  const perTeam = MEMBERS / TEAMS;
  let n = 0;
  for (let t = 0; t < TEAMS; t++) {
    const slug = `team-${String(t).padStart(4, "0")}`;
    const folder = path.join(dir, "seats", slug);
    mkdirSync(folder, { recursive: true });
    const logins = Array.from({ length: perTeam }, () => `user-${String(n++).padStart(6, "0")}`);
    const parent = t % 10 !== 0 ? `parent: team-${String(t - (t % 10)).padStart(4, "0")}\n` : "";
    const previously = t % 100 === 1 ? `previously:\n  - old-${slug}\n` : "";
    writeFileSync(
      path.join(folder, "_team.yaml"),
      `name: Team-${String(t).padStart(4, "0")}\ndescription: Bench team ${t}.\n${parent}` +
        `maintainers:\n  - ${logins[0]}\n  - ${logins[1]}\ncopilot: ${t % 3 === 0 ? "team" : t % 3 === 1 ? "users" : "none"}\n${previously}`,
    );
    for (const login of logins) writeFileSync(path.join(folder, `${login}.yaml`), `login: ${login}\nreason: Bench member.\n`);
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "seats-bench-pulumi-"));
  try {
    let t0 = performance.now();
    generate(dir);
    const genMs = performance.now() - t0;

    t0 = performance.now();
    const model = loadValidModel(dir);
    const loadMs = performance.now() - t0;

    const counts = new Map<string, number>();
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          counts.set(args.type, (counts.get(args.type) ?? 0) + 1);
          const state: Record<string, unknown> = { ...args.inputs };
          if (args.type === "github:index/team:Team") state.slug = String(args.inputs.name).toLowerCase();
          return { id: `${args.name}_id`, state };
        },
        call: (args) => args.inputs as Record<string, unknown>,
      },
      "copilot-seats",
      "bench",
      false,
    );

    // What infra/index.ts does before declaring anything (see runtime-tuning.ts).
    tuneForLargePrograms();
    const heapBefore = process.memoryUsage().heapUsed;
    t0 = performance.now();
    const provider = createGitHubProvider({ owner: model.policy.org, auth: { kind: "token", token: "t", source: "github:token" }, legacyClient: false });
    const program = withoutPromiseStackTraces(() => defineSeatTeams(model, { provider, warn: () => {} }));
    const declaredMs = performance.now() - t0;
    const urns: pulumi.Output<string>[] = [];
    for (const team of program.teams.values()) {
      urns.push(team.urn, team.team.urn);
      if (team.members) urns.push(team.members.urn);
    }
    await new Promise<void>((resolve) => pulumi.all([pulumi.all(urns), program.outputs.teams]).apply(() => resolve()));
    const evalMs = performance.now() - t0;
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;

    const n = (type: string) => counts.get(type) ?? 0;
    const components = n("copilot-seats:index:Team");
    const teams = n("github:index/team:Team");
    const members = n("github:index/teamMembers:TeamMembers");
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const rows: Array<[string, string]> = [
      ["teams / member files", `${model.teams.length} / ${model.members.length}`],
      ["generate seat repo (tmp dir)", `${(genMs / 1000).toFixed(2)} s`],
      ["loadValidModel (load + validate)", `${(loadMs / 1000).toFixed(2)} s`],
      ["declare resources (synchronous)", `${(declaredMs / 1000).toFixed(2)} s`],
      ["evaluate under mocks (all registered)", `${(evalMs / 1000).toFixed(2)} s  (target < 15 s)`],
      ["load + evaluate", `${((loadMs + evalMs) / 1000).toFixed(2)} s`],
      ["resources: Team / TeamMembers / component", `${teams} / ${members} / ${components}`],
      ["resources: total (incl. provider)", `${total}  (expected ${3 * TEAMS + 1})`],
      ["heap growth during evaluation", `${heapMb.toFixed(0)} MB`],
    ];
    const w = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
