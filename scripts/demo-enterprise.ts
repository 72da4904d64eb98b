// `npm run demo -- --seed enterprise`: the same example seat repo when the enterprise buys
// Copilot (docs/enterprise.md), against the emulator's second built-in seed
// (src/emulator/seeds/enterprise.yaml): Data Science becomes an enterprise team, a new member's
// seat comes through it, and seats are added and cancelled at the enterprise, in batches.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmulator, type RunningEmulator } from "../src/emulator/index.js";
import { createGitHubClient } from "../src/github/client.js";
import { loadValidModel } from "../src/validate/validate.js";
import { bold, checksumsOf, commitAt, dim, exampleCheckout, fmtUsd, git, heading, root, say, seats } from "./demo-kit.js";
import { pulumiEquivalent } from "./pulumi-equivalent.js";

const NOW = new Date("2026-07-01T12:00:00Z");
const ENTERPRISE = "acme-enterprise";
const JOINER = "heidi-new";

/** People holding an enterprise seat, and how many of them are pending cancellation. */
function enterpriseSeats(emu: RunningEmulator): { people: number; pending: number } {
  const grants = emu.control.snapshot().enterprise?.seats ?? [];
  const people = new Map<string, boolean>();
  for (const g of grants) people.set(g.login.toLowerCase(), (people.get(g.login.toLowerCase()) ?? true) && !!g.pending_cancellation_date);
  return { people: people.size, pending: [...people.values()].filter(Boolean).length };
}

/** Enterprise mode for the example repo: the three lines docs/enterprise.md asks for. */
function toEnterpriseMode(ws: string): void {
  const policy = path.join(ws, "policies/policy.yaml");
  writeFileSync(policy, readFileSync(policy, "utf8").replace(/^org: (.*)$/m, `org: $1\nenterprise: ${ENTERPRISE}\ncopilot:\n  billing: enterprise`));
  const ds = path.join(ws, "seats/data-science/_team.yaml");
  writeFileSync(ds, `${readFileSync(ds, "utf8")}enterprise_team: true\n`);
  git(ws, "add", "-A");
  commitAt(ws, "Enterprise billing", NOW);
}

export async function runEnterprise(): Promise<void> {
  const { ws } = exampleCheckout();
  let emu: RunningEmulator | undefined;
  try {
    toEnterpriseMode(ws);
    const model = loadValidModel(ws);
    emu = await startEmulator({ seed: path.join(root, "src/emulator/seeds/enterprise.yaml"), now: () => NOW });
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      GITHUB_API_URL: emu.url,
      // Enterprise endpoints take classic tokens only; the emulator accepts any such token.
      GITHUB_TOKEN: "demo-token-not-a-secret",
      SEATS_WRITE_INTERVAL_MS: "0",
      SEATS_RETRY_BASE_MS: "10",
    };
    const price = model.policy.pricing.usd_per_seat_month;
    const before = enterpriseSeats(emu);

    say(bold("Copilot seats as code in enterprise mode, on a local GitHub API emulator"));
    say(`Emulator: ${emu.url}  (enterprise ${ENTERPRISE}, org ${model.policy.org}; seed src/emulator/seeds/enterprise.yaml)`);
    say(`Seat repo: ${ws}  (this repo's seats/ and policies/, switched to enterprise billing)`);
    say(`${before.people} people hold enterprise seats (${fmtUsd(before.people * price)}/month).`);

    heading(1, "The same seat repo, billed at the enterprise");
    say(`policies/policy.yaml gains \`enterprise: ${ENTERPRISE}\` and \`copilot: { billing: enterprise }\`;`);
    say("seats/data-science/_team.yaml gains `enterprise_team: true`: Data Science is the enterprise team ent:data-science, assigned Copilot.");
    await seats(["validate"], env, ws);

    heading(2, `${JOINER} joins Data Science; the plan is made at the enterprise`);
    await seats(["request", "--team", "data-science", "--login", JOINER, "--reason", "Joins the data science team"], env, ws);
    git(ws, "add", "-A");
    commitAt(ws, `${JOINER} joins data-science`, NOW);
    const planFile = path.join(ws, "plan.json");
    await seats(["plan", "--json", planFile], env, ws);

    heading(3, "Merged: `pulumi up` syncs the enterprise team, then `seats apply`");
    say("The enterprise team's memberships change through the bulk endpoints (the dynamic provider's code, infra/enterprise-team-ops.ts):");
    const gh = createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: "demo" }, allowWrites: true, writeIntervalMs: 0, warn: () => {} });
    emu.log.reset();
    for (const line of await pulumiEquivalent(gh, loadValidModel(ws), { env })) say(`    ${line}`);
    await seats(["apply", "--confirm", "--checksum", checksumsOf(planFile).checksum], env, ws);
    say("\nWhat was sent to GitHub, from the emulator's request log:");
    for (const e of emu.log.entries.filter((x) => x.method !== "GET")) say(dim(`  │ ${e.route} ${JSON.stringify(e.body)}`));

    heading(4, "Converged: the next plan is empty");
    await seats(["plan"], env, ws);
    const after = enterpriseSeats(emu);
    say(`\nEnterprise seats: ${before.people} before, ${after.people - after.pending} active after (${after.pending} pending cancellation); ${fmtUsd((after.people - after.pending) * price)}/month from the next cycle.`);
  } finally {
    await emu?.close();
    rmSync(ws, { recursive: true, force: true });
  }
}
