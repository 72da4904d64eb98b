// The README's first quick-start command (`npm run demo`) end to end: a real child process, the
// real CLI, the emulator over HTTP. Guards the story, not the wording. The enterprise-mode story
// (`npm run demo -- --seed enterprise`) runs here too.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/seat-repo.js";

const run = promisify(execFile);
const demo = (...args: string[]) =>
  run(process.execPath, ["--import", "tsx", "scripts/demo.ts", ...args], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: "1" }, timeout: 120_000 });

describe("npm run demo", () => {
  it("walks request → apply → reminders → reclaim PR with its deadline → last check (direct and team seats) → apply → notice → restore → report", async () => {
    const { stdout } = await demo();
    expect(stdout).toContain("opened pull request #1");
    expect(stdout).toMatch(/self-service: yes; auto-approve: yes/);
    expect(stdout).toMatch(/\+ add\s+heidi-new/);
    // The PR's plan and the merge's read only heidi's state, and agree.
    expect(stdout).toMatch(/Incremental plan: 1 login touched since HEAD \(heidi-new\); read in \d+ requests/);
    expect(stdout).toMatch(/Incremental plan: 1 login touched since HEAD~1 \(heidi-new\)/);
    expect(stdout).toMatch(/Applied 1 of 1 changes in 1 request/);
    expect(stdout).toMatch(/Reminders: 3 opened/);
    expect(stdout).toMatch(/Reclaim 3 unused Copilot seats/);
    // defect 35: the idle person the PR leaves out is named as exempt, so nobody looks for her in it.
    expect(stdout).toContain("grace-hopper is exempt in policies/policy.yaml until 2027-03-31");
    expect(stdout).toMatch(/Merge by \d{4}-\d{2}-\d{2} \(UTC\)/);
    // The reviewed plan of the reclaim PR: bob's and carol's cancellations, ivan out of his team.
    expect(stdout).toMatch(/- cancel\s+bob-builder/);
    expect(stdout).toMatch(/- remove ivan-analyst from data-science/);
    // The last check: bob's direct seat, and ivan's team-granted seat through his membership.
    expect(stdout).toMatch(/kept {2}bob-builder: used Copilot on .* after the activity snapshot of reclaim PR #\d+/);
    expect(stdout).toMatch(/kept {2}ivan-analyst in team data-science: used Copilot on .* after the activity snapshot of reclaim PR #\d+/);
    // `pulumi up` (SEATS_PLAN) removes the others from their teams and keeps ivan in data-science.
    const pulumi = /keeps ivan-analyst in data-science:\n((?: {4}[-+] .*\n)+)/.exec(stdout)?.[1] ?? "";
    expect(pulumi).toContain("- carol-coder left engineering");
    expect(pulumi).not.toContain("ivan-analyst");
    expect(stdout).toContain("On GitHub now: bob-builder: active seat (direct); ivan-analyst: active seat (through team data-science); carol-coder: pending cancellation (direct).");
    expect(stdout).toMatch(/ok {4}DELETE \/orgs\/\{org\}\/copilot\/billing\/selected_users \(batch: carol-coder\)/);
    expect(stdout).toMatch(/Notified 1 on #\d+ in 1 comment\(s\): carol-coder/);
    expect(stdout).toMatch(/- @carol-coder: access ends on \*\*\d{4}-\d{2}-\d{2}\*\*/);
    expect(stdout).not.toMatch(/- @(bob-builder|ivan-analyst): access ends/);
    expect(stdout).toContain("member files of bob-builder, ivan-analyst restored (kept by the last check)");
    // The report counts only the seat that ended as a saving.
    expect(stdout).toContain("Reclaims have removed 1 seat: $19 a month");
    expect(stdout).toMatch(/Monthly cost from next cycle:\s+\$133 {2}\(saves \$19\/month\)/);
    expect(stdout).not.toContain("demo-token-not-a-secret");
  });

  it("--seed enterprise: an enterprise team joined in bulk, seats added and cancelled at the enterprise, then an empty plan", async () => {
    const { stdout } = await demo("--seed", "enterprise");
    expect(stdout).toContain("+ heidi-new joined ent:data-science");
    expect(stdout).toContain('POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/add {"usernames":["heidi-new"]}');
    expect(stdout).toContain('POST /enterprises/{enterprise}/copilot/billing/selected_users {"selected_usernames":["frank-ops"]}');
    expect(stdout).toContain('DELETE /enterprises/{enterprise}/copilot/billing/selected_users {"selected_usernames":["old-contractor"]}');
    expect(stdout).toContain("No changes: GitHub matches seats/.");
    expect(stdout).not.toContain("demo-token-not-a-secret");
  });

  it("refuses an unknown seed", async () => {
    await expect(demo("--seed", "nope")).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("--seed must be demo (the default) or enterprise") });
  });
});
