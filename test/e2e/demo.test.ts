// The README's first quick-start command (`npm run demo`) end to end: a real child process, the
// real CLI, the emulator over HTTP. Guards the story, not the wording.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/seat-repo.js";

const run = promisify(execFile);

describe("npm run demo", () => {
  it("walks request → apply → reminders → reclaim PR with its deadline → last check → apply → notice, and ends with a summary", async () => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/demo.ts"], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: "1" },
      timeout: 120_000,
    });
    expect(stdout).toContain("opened pull request #1");
    expect(stdout).toMatch(/self-service: yes; auto-approve: yes/);
    expect(stdout).toMatch(/\+ add\s+heidi-new/);
    expect(stdout).toMatch(/Applied 1 of 1 changes in 1 request/);
    expect(stdout).toMatch(/Reclaim 2 unused Copilot seats/);
    // defect 35: the idle person the PR leaves out is named as exempt, so nobody looks for her in it.
    expect(stdout).toContain("grace-hopper is exempt in policies/policy.yaml until 2027-03-31");
    expect(stdout).toMatch(/- cancel\s+bob-builder/);
    expect(stdout).toMatch(/Reminders: 2 opened/);
    expect(stdout).toMatch(/Merge by \d{4}-\d{2}-\d{2} \(UTC\)/);
    expect(stdout).toMatch(/kept {2}bob-builder: used Copilot on .* after the activity snapshot of reclaim PR #\d+/);
    expect(stdout).toMatch(/- @ivan-analyst: access ends on \*\*\d{4}-\d{2}-\d{2}\*\*/);
    expect(stdout).toMatch(/Monthly cost from next cycle:\s+\$133/);
    expect(stdout).not.toContain("demo-token-not-a-secret");
  });
});
