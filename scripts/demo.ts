// `npm run demo`: the whole story on the embedded GitHub API emulator, with the real `seats` CLI
// talking real HTTP. A developer requests a seat, the merge applies it; three weeks later idle
// people get a reminder; a month later the nightly job opens a reclaim PR with its billing
// deadline; two people on it use Copilot again before the merge (one with a direct seat, one
// whose seat comes through a `copilot: team` team), so the last check keeps both seats; the
// other is cancelled and told; the report shows what it all costs (docs/lifecycle.md).
// `npm run demo -- --seed enterprise` runs the enterprise-mode story instead (demo-enterprise.ts).
//
// The emulator is seeded from this repo's own example (seats/ and policies/), so what you read
// in seats/ is what the demo runs. Nothing here reaches the internet.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { utcDay } from "../src/dates.js";
import { createGitHubClient, type GitHubClient } from "../src/github/client.js";
import { pulumiEquivalent } from "./pulumi-equivalent.js";
import { loadValidModel } from "../src/validate/validate.js";
import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../src/emulator/index.js";
import type { SeatModel } from "../src/model/types.js";
import { DAY_MS as DAY } from "../src/reclaim/time.js";
import { bold, checksumsOf, commitAt, dim, exampleCheckout, fmtUsd, git, heading, listFiles, quote, say, seats } from "./demo-kit.js";
import { runEnterprise } from "./demo-enterprise.js";

const T0 = new Date("2026-11-02T09:00:00Z");
const T1 = new Date(T0.getTime() + 35 * DAY);
/** The reminder run: idle for more than inactivity.remind_days, not yet reclaimable. */
const TR = new Date(T0.getTime() + 24 * DAY);
/** The morning after the reclaim PR: it is merged and applied. */
const TM = new Date(T1.getTime() + DAY);
/** On the reclaim PR, but use Copilot again before it is merged: the last check keeps their seats. */
const DIRECT_COMES_BACK = "bob-builder";
/** Their seat comes through data-science (`copilot: team`): the team membership is what stays. */
const TEAM_COMES_BACK = "ivan-analyst";
const REQUESTER = "heidi-new";
/** Declared seat holders who stop using Copilot in the demo's month. */
const GOES_IDLE = new Set(["bob-builder", "carol-coder", "ivan-analyst", "grace-hopper"]);

/** The emulator's starting state, derived from the example repo so the two always agree. */
function seedFrom(model: SeatModel, files: Record<string, string>): EmulatorSeed {
  const logins = new Map<string, string>();
  for (const m of model.members) logins.set(m.login.toLowerCase(), m.login);
  for (const t of model.teams) for (const m of t.maintainers) logins.set(m.toLowerCase(), m);
  const admin = model.teams.flatMap((t) => t.maintainers)[0] ?? "octo-admin";
  const created = new Date(T0.getTime() - 120 * DAY).toISOString();
  const recent = (days: number) => new Date(T0.getTime() - days * DAY).toISOString();
  const seatsOut: NonNullable<EmulatorSeed["seats"]> = [];
  const seen = new Set<string>();
  for (const t of model.teams) {
    if (t.copilot === "none") continue;
    for (const m of t.members) {
      if (seen.has(m.login.toLowerCase())) continue;
      seen.add(m.login.toLowerCase());
      seatsOut.push({
        login: m.login,
        ...(t.copilot === "team" ? { assigning_team: t.slug } : {}),
        created_at: created,
        last_activity_at: recent(GOES_IDLE.has(m.login) ? 3 : 1),
        last_activity_editor: "vscode/1.105.0/copilot/1.380.0",
      });
    }
  }
  return {
    org: { login: model.policy.org, seat_management_setting: "assign_selected", plan_type: "business" },
    viewer: admin,
    members: [
      ...[...logins.values()].map((login) => (login === admin ? { login, role: "admin" as const } : login)),
      REQUESTER,
    ],
    teams: model.teams.map((t) => ({
      name: t.name,
      slug: t.slug,
      description: t.description,
      privacy: t.privacy,
      ...(t.parent ? { parent: t.parent } : {}),
      members: [
        ...t.maintainers.map((login) => ({ login, role: "maintainer" as const })),
        ...t.members.filter((m) => !t.maintainers.some((x) => x.toLowerCase() === m.login.toLowerCase())).map((m) => m.login),
      ],
    })),
    copilot_teams: model.teams.filter((t) => t.copilot === "team").map((t) => t.slug),
    seats: seatsOut,
    repos: [{ full_name: `${model.policy.org}/copilot-seats`, default_branch: "main", files }],
    next_billing_cycle: "2026-12-01",
  };
}

interface SeatCount {
  active: number;
  pending: number;
}

function countSeats(emu: RunningEmulator): SeatCount {
  const all = emu.control.snapshot().seats ?? [];
  const pending = all.filter((s) => s.pending_cancellation_date).length;
  return { active: all.length - pending, pending };
}

/**
 * What `pulumi up` does to teams and memberships, applied through the REST API because the
 * Pulumi CLI cannot run offline (scripts/pulumi-equivalent.ts). In CI the real Pulumi program
 * (infra/) does this step; `planFile` is its SEATS_PLAN, the plan the verify step wrote.
 */
async function syncTeamMemberships(emu: RunningEmulator, model: SeatModel, planFile?: string): Promise<string[]> {
  const gh = createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: "demo" }, allowWrites: true, writeIntervalMs: 0, warn: () => {} });
  return pulumiEquivalent(gh, model, planFile ? { planFile } : {});
}

/**
 * The checkout follows a branch of the emulator's copy: its files, committed with the message of
 * the branch's head commit, so the history `seats report` reads carries the reclaim commits.
 */
async function syncWorkspaceFromBranch(emu: RunningEmulator, gh: GitHubClient, fullName: string, ws: string, branch: string): Promise<void> {
  const files = emu.control.readBranch(fullName, branch) ?? {};
  for (const rel of listFiles(ws).filter((f) => f.startsWith("seats/") || f.startsWith("policies/"))) {
    if (!(rel in files)) rmSync(path.join(ws, rel));
  }
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(ws, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    if (!existsSync(abs) || readFileSync(abs, "utf8") !== content) writeFileSync(abs, content);
  }
  git(ws, "add", "-A");
  if (!git(ws, "status", "--porcelain").trim()) return;
  const [owner, repo] = fullName.split("/") as [string, string];
  const { data: ref } = await gh.request("GET /repos/{owner}/{repo}/git/ref/{ref}", { owner, repo, ref: `heads/${branch}` });
  const { data: commit } = await gh.request("GET /repos/{owner}/{repo}/git/commits/{commit_sha}", { owner, repo, commit_sha: ref.object.sha });
  commitAt(ws, commit.message, new Date(commit.committer.date));
}

async function run(): Promise<void> {
  const { ws, files } = exampleCheckout();
  let emu: RunningEmulator | undefined;
  try {
    const model = loadValidModel(ws);
    const org = model.policy.org;
    const repo = `${org}/copilot-seats`;

    let now = T0;
    emu = await startEmulator({ seed: seedFrom(model, files), now: () => now });
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      GITHUB_API_URL: emu.url,
      GITHUB_TOKEN: "demo-token-not-a-secret",
      GITHUB_REPOSITORY: repo,
      // The apply's last check before revocation reads this repo's merged reclaim PRs.
      SEATS_RECLAIM_REPO: repo,
      // The emulator answers in microseconds; GitHub's 1 s write spacing and retry waits are not needed.
      SEATS_WRITE_INTERVAL_MS: "0",
      SEATS_RETRY_BASE_MS: "10",
    };
    const price = model.policy.pricing.usd_per_seat_month;
    const before = countSeats(emu);
    const gh = createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: "demo" }, warn: () => {} });
    const [owner, name] = repo.split("/") as [string, string];
    const setNow = (t: Date) => {
      now = t;
      emu!.control.setNow(t);
    };

    say(bold("Copilot seats as code: the whole loop, on a local GitHub API emulator"));
    say(`Emulator: ${emu.url}  (org ${org}, repo ${repo})`);
    say(`Seat repo: ${ws}  (a copy of this repo's seats/ and policies/)`);
    say(`Today is ${utcDay(T0)}. ${before.active} seats are billed (${fmtUsd(before.active * price)}/month).`);

    heading(1, `${REQUESTER} asks for Copilot`);
    say(`${REQUESTER} joined the platform team and opens a PR that adds one file:`);
    await seats(["request", "--team", "platform", "--login", REQUESTER, "--reason", "New platform engineer: Pulumi modules and CI tooling", "--open-pr"], env, ws);
    say("\nThe PR workflow validates the change and checks what the author may touch:");
    await seats(["validate", "--author", REQUESTER, "--base", "HEAD"], env, ws);
    say("\n…and posts the seat plan as a sticky comment (read-only against GitHub), reading only what the change touches:");
    const planFile = path.join(ws, "plan.json");
    await seats(["plan", "--base", "HEAD", "--json", planFile], env, ws);

    heading(2, "The PR is merged and applied");
    emu.control.mergePull(repo, 1);
    git(ws, "add", "-A", "seats");
    commitAt(ws, `Copilot seat for ${REQUESTER}`, T0);
    say("platform has open enrollment, so the checks approved the self-add and it merged.");
    say("On main, `pulumi up` syncs team memberships first (here through the REST API: the Pulumi CLI is not available offline):");
    for (const line of await syncTeamMemberships(emu, loadValidModel(ws))) say(`    ${line}`);
    say("then the seat diff of the merge (against its first parent) is applied, refusing any plan other than the reviewed one:");
    await seats(["apply", "--confirm", "--base", "HEAD~1", "--checksum", checksumsOf(planFile).checksum], env, ws);
    const afterAdd = countSeats(emu);
    say(`Seats billed: ${afterAdd.active}.`);

    const holders = new Set((emu.control.snapshot().seats ?? []).map((s) => s.login.toLowerCase()));
    const everyoneElseWorks = (at: Date) => {
      for (const m of model.members) {
        if (GOES_IDLE.has(m.login) || !holders.has(m.login.toLowerCase())) continue;
        emu!.control.recordActivity(m.login, new Date(at.getTime() - 2 * DAY), "vscode/1.106.0/copilot/1.390.0");
      }
      emu!.control.recordActivity(REQUESTER, new Date(at.getTime() - DAY), "jetbrains/2026.2/copilot/1.5.60");
    };

    heading(3, "Three weeks later: reminders before anything is reclaimed");
    setNow(TR);
    everyoneElseWorks(TR);
    say(`It is ${utcDay(TR)}. The nightly job first runs \`seats remind\`: one issue per person idle for more than inactivity.remind_days:`);
    await seats(["remind", "--confirm", "--now", TR.toISOString()], env, ws);
    const { data: issues } = await gh.request("GET /repos/{owner}/{repo}/issues", { owner, repo: name, labels: "seats-reminder", state: "open", per_page: 100 });
    for (const i of issues) say(dim(`  │ #${i.number} ${i.title} (assigned: ${(i.assignees ?? []).map((a) => a.login).join(", ")})`));

    heading(4, "A month passes; the nightly reclaim job runs");
    setNow(T1);
    everyoneElseWorks(T1);
    say(`It is now ${utcDay(T1)}. ${[...GOES_IDLE].join(", ")} have not used Copilot since ${utcDay(new Date(T0.getTime() - 3 * DAY))}.`);
    // Say up front who the PR will leave out, so a reader does not look for them in it.
    for (const e of model.policy.inactivity.exempt.filter((x) => GOES_IDLE.has(x.login))) {
      say(`${e.login} is exempt in policies/policy.yaml${e.until ? ` until ${e.until}` : ""} ("${e.reason}"), so reclaim leaves that seat alone.`);
    }
    const reclaim = await seats(["reclaim", "--confirm", "--now", T1.toISOString()], env, ws);
    const prNumber = Number(/#(\d+)/.exec(reclaim.output)?.[1] ?? "2");
    const { data: pr } = await gh.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner, repo: name, pull_number: prNumber });
    say(`\nPR #${prNumber} "${pr.title}" (labels: ${pr.labels.map((l) => l.name).join(", ")}):`);
    quote(pr.body ?? "", 24);
    say(dim("  │ …"));
    say(`\nIts seats/plan check plans the PR's head; the merge will apply this plan and no other (its checksums):`);
    git(ws, "checkout", "-q", "-b", pr.head.ref);
    await syncWorkspaceFromBranch(emu, gh, repo, ws, pr.head.ref);
    const reviewed = path.join(ws, "reviewed.json");
    await seats(["plan", "--json", reviewed], env, ws);
    const sums = checksumsOf(reviewed);

    heading(5, `${DIRECT_COMES_BACK} and ${TEAM_COMES_BACK} use Copilot again before the merge`);
    for (const login of [DIRECT_COMES_BACK, TEAM_COMES_BACK]) emu.control.recordActivity(login, new Date(T1.getTime() + 6 * 3_600_000), "vscode/1.106.0/copilot/1.390.0");
    say(`Both saw the mention and went back to work with Copilot, after the PR's activity snapshot.`);
    say(`${DIRECT_COMES_BACK} has a direct seat; ${TEAM_COMES_BACK}'s seat comes through data-science (copilot: team), so it ends when \`pulumi up\` takes them out of the team.`);

    heading(6, "Merged the next morning: last check, pulumi up, apply, notice");
    setNow(TM);
    emu.control.mergePull(repo, prNumber);
    git(ws, "checkout", "-q", "main");
    git(ws, "merge", "-q", "--ff-only", pr.head.ref);
    await syncWorkspaceFromBranch(emu, gh, repo, ws, "main");
    say("The merge workflow first verifies the plan (a dry run): the reviewed checksums, and the last check against live activity:");
    const verified = path.join(ws, "plan.json");
    await seats(["apply", "--json", verified, "--checksum", sums.checksum, "--teams-checksum", sums.teams], env, ws);
    say(`\n\`pulumi up\` reads that plan (SEATS_PLAN) and keeps ${TEAM_COMES_BACK} in data-science:`);
    for (const line of await syncTeamMemberships(emu, loadValidModel(ws), verified)) say(`    ${line}`);
    say("\n`seats apply` cancels what is no longer declared, skipping the seat the last check keeps:");
    await seats(["apply", "--confirm", "--checksum", sums.checksum], env, ws);
    const live = emu.control.snapshot().seats ?? [];
    const seatLine = (login: string) => {
      const s = live.find((x) => x.login === login);
      const how = s?.assigning_team ? `through team ${s.assigning_team}` : "direct";
      return `${login}: ${!s ? "no seat" : s.pending_cancellation_date ? `pending cancellation (${how})` : `active seat (${how})`}`;
    };
    say(`On GitHub now: ${[DIRECT_COMES_BACK, TEAM_COMES_BACK, "carol-coder"].map(seatLine).join("; ")}.`);
    say("\nThe people whose seats were cancelled are told on the merged PR (and in chat, with SEATS_WEBHOOK_URL):");
    await seats(["notice", "--pr", String(prNumber), "--confirm"], env, ws);
    const { data: comments } = await gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner, repo: name, issue_number: prNumber, per_page: 100 });
    quote(comments.find((c) => c.body?.startsWith("<!-- seats-notice -->"))?.body ?? "");
    say(`\nThe next nightly run opens a PR that restores the member files of the two people kept:`);
    const restore = await seats(["reclaim", "--confirm", "--now", TM.toISOString()], env, ws);
    const restorePr = Number(/#(\d+)/.exec(restore.output)?.[1]);
    if (restore.code !== 0 || !restorePr) throw new Error("seats reclaim (restore) failed");
    const { data: back } = await gh.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner, repo: name, pull_number: restorePr });
    say(`PR #${restorePr} "${back.title}":`);
    quote((back.body ?? "").split("\n").filter((l) => l.includes("restores the member files")).join("\n"));

    heading(7, "The report: who holds seats, what they cost, what reclaims saved");
    const report = await seats(["report", "--format", "markdown", "--now", TM.toISOString()], env, ws);
    if (report.code !== 0) throw new Error("seats report failed");

    heading(8, "Summary");
    const after = countSeats(emu);
    const row = (label: string, value: string) => say(`${label.padEnd(34)}${value}`);
    row("Seats billed at the start:", `${before.active}  (${fmtUsd(before.active * price)}/month)`);
    row(`After ${REQUESTER}'s request:`, `${afterAdd.active}  (${fmtUsd(afterAdd.active * price)}/month)`);
    row("Active after reclaim:", `${after.active}  (${after.pending} pending cancellation at the end of the billing cycle)`);
    row("Monthly cost from next cycle:", `${fmtUsd(after.active * price)}  (saves ${fmtUsd((afterAdd.active - after.active) * price)}/month)`);
    say(`API requests made by the whole demo: ${emu.log.count()} (${emu.log.count({ mutating: true })} writes)`);
    say("\nEvery change above went through a reviewed pull request; run it against GitHub by setting GITHUB_API_URL and GITHUB_TOKEN.");
  } finally {
    await emu?.close();
    rmSync(ws, { recursive: true, force: true });
  }
}

const { values } = parseArgs({ options: { seed: { type: "string", default: "demo" } } });
if (values.seed === "enterprise") await runEnterprise();
else if (values.seed === "demo") await run();
else {
  console.error(`--seed must be demo (the default) or enterprise (got "${values.seed}")`);
  process.exitCode = 2;
}
