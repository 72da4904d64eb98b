// The security rules of every workflow (see audit.ts), and the rules themselves on known-bad input.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { auditWorkflow } from "./audit.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WORKFLOWS = path.join(ROOT, ".github/workflows");
const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort();
const read = (f: string) => readFileSync(path.join(WORKFLOWS, f), "utf8");

describe("workflow security rules", () => {
  it.each(files)("%s passes every rule", (file) => {
    expect(auditWorkflow(read(file), file)).toEqual([]);
  });

  it("seats-apply is one job in seats-production: wait its turn, verify the reviewed plan, then pulumi up, then seats apply", () => {
    const wf = parse(read("seats-apply.yml"));
    // A group per run: GitHub's one pending slot per group would cancel applies; order is the FIFO wait.
    expect(wf.concurrency).toEqual({ group: "seats-apply-${{ github.run_id }}", "cancel-in-progress": false });
    expect(Object.keys(wf.jobs)).toEqual(["apply"]);
    const job = wf.jobs.apply;
    expect(job.environment).toBe("seats-production");
    const ids = (job.steps as { id?: string }[]).map((x) => x.id).filter(Boolean);
    expect(ids).toEqual(["turn", "creds", "read-token", "reviewed", "change", "verify", "team-token", "teams", "seat-token", "seats"]);
    const step = (id: string) => (job.steps as { id?: string; run?: string; env?: Record<string, string> }[]).find((x) => x.id === id)!;
    expect(step("turn").run).toContain("ci wait-runs --workflow seats-apply.yml --older");
    expect(step("verify").run).not.toContain("--confirm");
    expect(step("verify").run).toContain('--checksum "$CHECKSUM"');
    expect(step("teams").run).toMatch(/^pulumi up /);
    expect(step("seats").run).toContain("--confirm");
    expect(step("seats").env?.CHECKSUM).toBe("${{ steps.reviewed.outputs.checksum }}");
    expect(step("verify").env?.CHECKSUM).toBe("${{ steps.reviewed.outputs.checksum }}");
    // The dry run and the apply plan the same scope: what the merge changed since its first parent.
    for (const id of ["verify", "seats"]) {
      expect(step(id).env?.BASE).toBe("${{ steps.change.outputs.base }}");
      expect(step(id).run).toContain('--base "$BASE"');
    }
    // The dispatch inputs reach the reviewed-plan step (which checks who may use them), nothing else.
    expect(step("reviewed").env).toMatchObject({ INPUT_CHECKSUM: "${{ inputs.checksum }}", INPUT_FORCE: "${{ inputs.force }}" });
    expect(JSON.stringify(step("seats"))).not.toContain("inputs.");
  });

  it("pins the Pulumi CLI to the @pulumi/pulumi version in package.json", () => {
    const version = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).dependencies["@pulumi/pulumi"];
    const pins = files.flatMap((f) =>
      Object.values(parse(read(f)).jobs as Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>)
        .flatMap((j) => j.steps)
        .filter((x) => x.uses?.startsWith("pulumi/actions@"))
        .map((x) => String(x.with?.["pulumi-version"] ?? "unpinned")),
    );
    expect(pins.length).toBeGreaterThanOrEqual(2);
    expect(new Set(pins)).toEqual(new Set([version]));
  });

  it("secrets live in environments, each job only in the one its secrets belong to", () => {
    const envs: Record<string, string> = {};
    for (const f of files) {
      for (const [id, job] of Object.entries(parse(read(f)).jobs as Record<string, { environment?: string }>)) if (job.environment) envs[`${f}#${id}`] = job.environment;
    }
    expect(envs).toEqual({
      "seats-apply.yml#apply": "seats-production",
      "seats-doctor.yml#pr-bot": "seats-bot",
      "seats-doctor.yml#read-only": "seats-plan",
      "seats-doctor.yml#read-write": "seats-production",
      "seats-plan.yml#plan": "seats-plan",
      "seats-plan.yml#publish": "seats-bot",
      "seats-reclaim.yml#reclaim": "seats-bot",
      "seats-request.yml#request": "seats-bot",
    });
    // The read-write App and the Pulumi token appear in the apply (and the doctor's rw job) only.
    for (const f of files) {
      const text = read(f);
      if (!["seats-apply.yml", "seats-doctor.yml"].includes(f)) expect(text, f).not.toMatch(/secrets\.(SEATS_RW_|PULUMI_ACCESS_TOKEN)/);
    }
  });

  it("the untrusted PR workflow gets no secrets and no write permission", () => {
    const text = read("seats-pr.yml");
    expect(text).not.toMatch(/secrets\./);
    const wf = parse(text);
    for (const job of Object.values(wf.jobs as Record<string, { permissions: Record<string, string> }>)) {
      expect(Object.values(job.permissions)).not.toContain("write");
    }
  });

  it("the trusted plan workflow runs the default branch's code", () => {
    const wf = parse(read("seats-plan.yml"));
    expect(Object.keys(wf.on)).toEqual(["workflow_run"]);
    const checkouts = Object.values(wf.jobs as Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>)
      .flatMap((j) => j.steps)
      .filter((s) => s.uses?.startsWith("actions/checkout@"));
    for (const c of checkouts) {
      const ref = String(c.with?.ref ?? "");
      if (ref.includes("pull/")) expect(c.with?.path).toBe("pr");
      else expect(ref).toBe("${{ github.event.repository.default_branch }}");
    }
  });

  it("the request workflow takes the login from the issue author, never from the form", () => {
    const wf = parse(read("seats-request.yml"));
    const step = (wf.jobs.request.steps as { id?: string; run?: string; env?: Record<string, string> }[]).find((s) => s.id === "request")!;
    expect(step.run).toContain('--login "$ISSUE_AUTHOR"');
    expect(step.env?.ISSUE_AUTHOR).toBe("${{ steps.form.outputs.login }}");
  });
});

describe("auditWorkflow flags", () => {
  const SHA = "11bd71901bbe5b1630ceea73d27597364c9af683";
  const wrap = (job: string, top = "permissions: {}\nconcurrency: x\n") =>
    `name: t\non: push\n${top}jobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    environment: seats-production\n    permissions:\n      contents: read\n${job}`;
  const checkout = `    steps:\n      - uses: actions/checkout@${SHA} # v4.2.2\n        with:\n          persist-credentials: false\n`;

  it.each([
    { name: "a clean workflow", text: wrap(checkout), want: [] },
    { name: "pull_request_target", text: wrap(checkout).replace("on: push", "on:\n  pull_request_target:"), want: ["pull_request_target"] },
    { name: "write-all", text: wrap(checkout).replace("permissions:\n      contents: read", "permissions: write-all"), want: ["write-all"] },
    {
      name: "missing permissions",
      text: wrap(checkout, "concurrency: x\n").replace("    permissions:\n      contents: read\n", ""),
      want: ["no permissions"],
    },
    { name: "a tag instead of a SHA", text: wrap(checkout.replace(`@${SHA} # v4.2.2`, "@v4")), want: ["not pinned"] },
    { name: "a short SHA", text: wrap(checkout.replace(`@${SHA}`, "@11bd719")), want: ["not pinned"] },
    { name: "a SHA without a version comment", text: wrap(checkout.replace(" # v4.2.2", "")), want: ["# vX.Y.Z"] },
    { name: "checkout keeping credentials", text: wrap(checkout.replace("persist-credentials: false", "fetch-depth: 1")), want: ["persist-credentials"] },
    {
      name: "PR text in run:",
      text: wrap(`${checkout}      - run: echo "\${{ github.event.pull_request.title }}"\n`),
      want: ["inside run:"],
    },
    { name: "head_ref in run:", text: wrap(`${checkout}      - run: git checkout \${{ github.head_ref }}\n`), want: ["inside run:"] },
    { name: "inputs in run:", text: wrap(`${checkout}      - run: echo \${{ inputs.x }}\n`), want: ["inside run:"] },
    {
      name: "a secret in run:",
      text: wrap(`${checkout}      - run: curl -u \"t=\${{ secrets.PULUMI_ACCESS_TOKEN }}\" x\n`),
      want: ["inside run:", "credential"],
    },
    { name: "a secret in job env", text: wrap(`    env:\n      T: \${{ secrets.PULUMI_ACCESS_TOKEN }}\n${checkout}`), want: ["credential"] },
    { name: "a secret in a step's env is fine", text: wrap(`${checkout}      - run: ./x\n        env:\n          T: \${{ secrets.PULUMI_ACCESS_TOKEN }}\n`), want: [] },
    {
      name: "PR ref checked out over the workspace",
      text: wrap(checkout.replace("persist-credentials: false", "persist-credentials: false\n          ref: refs/pull/1/head")),
      want: ["workspace root"],
    },
    { name: "no timeout", text: wrap(checkout).replace("    timeout-minutes: 5\n", ""), want: ["timeout-minutes"] },
  ])("$name", ({ text, want }) => {
    const problems = auditWorkflow(text, "t.yml");
    expect(problems).toHaveLength(want.length);
    want.forEach((w, i) => expect(problems[i]).toContain(w));
  });
});

describe("auditWorkflow flags (credentials, PR code, schedules)", () => {
  const SHA = "11bd71901bbe5b1630ceea73d27597364c9af683";
  const APP = "df432ceedc7162793a195dd1713ff69aefc7379e";
  const wf = (steps: string, opts: { on?: string; top?: string; perms?: string; job?: string } = {}) =>
    `name: t\non: ${opts.on ?? "push"}\n${opts.top ?? "permissions: {}"}\nconcurrency: x\njobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n${opts.job ?? "    environment: seats-production\n"}    permissions:\n      ${opts.perms ?? "contents: read"}\n    steps:\n${steps}`;
  const prData = `      - uses: actions/checkout@${SHA} # v4.2.2\n        with:\n          ref: refs/pull/1/merge\n          path: pr\n          persist-credentials: false\n`;
  const appToken = (perms = "          permission-contents: write\n") =>
    `      - id: token\n        uses: actions/create-github-app-token@${APP} # v2.0.6\n        with:\n          app-id: \${{ secrets.SEATS_RW_APP_ID }}\n          private-key: \${{ secrets.SEATS_RW_PRIVATE_KEY }}\n${perms}`;
  const withToken = (run: string, name = "GITHUB_TOKEN") => `      - run: ${run}\n        env:\n          ${name}: \${{ steps.token.outputs.token }}\n`;

  it.each([
    { name: "top-level permissions that grant something", text: wf("      - run: ./x\n", { top: "permissions:\n  contents: read" }), want: ["top-level permissions must be {}"] },
    { name: "set -x", text: wf("      - run: |\n          set -x\n          npx seats plan\n"), want: ["shell tracing"] },
    { name: "set -eux", text: wf("      - run: set -eux; npx seats plan\n"), want: ["shell tracing"] },
    { name: "set -o xtrace", text: wf("      - run: set -o xtrace\n"), want: ["shell tracing"] },
    { name: "a tracing shell", text: wf("      - run: npx seats plan\n        shell: bash -ex {0}\n"), want: ["shell tracing"] },
    { name: "echo of a token", text: wf(appToken() + withToken('echo "$GITHUB_TOKEN"')), want: ["expands the credential $GITHUB_TOKEN"] },
    { name: "a token in a curl header", text: wf(appToken() + withToken('curl -u "x:${T}" https://example.com', "T")), want: ["expands the credential $T"] },
    { name: "a tool reading the token itself is fine", text: wf(appToken() + withToken("npx seats plan")), want: [] },
    {
      name: "a token minted in run: without a mask",
      text: wf(`      - id: token\n        run: echo "token=$(./mint)" >> "$GITHUB_OUTPUT"\n${withToken("npx seats plan")}`),
      want: ["without ::add-mask::"],
    },
    {
      name: "a token minted in run: and masked",
      text: wf(`      - id: token\n        run: |\n          t=$(./mint)\n          echo "::add-mask::$t"\n          echo "token=$t" >> "$GITHUB_OUTPUT"\n${withToken("npx seats plan")}`),
      want: [],
    },
    { name: "an App token with every permission of the App", text: wf(appToken("")), want: ["without permission-* inputs"] },
    { name: "a PR workflow with a secret", text: wf(`      - run: ./x\n        env:\n          T: \${{ secrets.PULUMI_ACCESS_TOKEN }}\n`, { on: "pull_request" }), want: ["references secrets"] },
    { name: "a PR workflow with a write permission", text: wf("      - run: ./x\n", { on: "pull_request_review", perms: "pull-requests: write" }), want: ["with a write permission"] },
    { name: "cd into PR data", text: wf(`${prData}      - run: cd pr && npm test\n`, { on: "workflow_run" }), want: ["runs code from pr/"] },
    { name: "a PR script", text: wf(`${prData}      - run: node pr/bin/seats.js plan\n`, { on: "workflow_run" }), want: ["runs code from pr/"] },
    { name: "npm --prefix on PR data", text: wf(`${prData}      - run: npm --prefix pr run build\n`, { on: "workflow_run" }), want: ["runs code from pr/"] },
    { name: "a step inside PR data", text: wf(`${prData}      - run: make\n        working-directory: pr\n`, { on: "workflow_run" }), want: ["runs inside pr/"] },
    { name: "a local action from PR data", text: wf(`${prData}      - uses: ./pr/.github/actions/x\n`, { on: "workflow_run" }), want: ["uses an action from pr/"] },
    { name: "PR data read as data is fine", text: wf(`${prData}      - run: git -C pr rev-parse HEAD^2 && node bin/seats.js validate --dir pr\n`, { on: "workflow_run" }), want: [] },
    {
      name: "a scheduled run reading the event's repository",
      text: wf("      - run: ./x\n        env:\n          B: ${{ github.event.repository.default_branch }}\n", { on: "\n  schedule:\n    - cron: '0 3 * * *'" }),
      want: ["empty on scheduled runs"],
    },
    {
      name: "the read-write key in a job of the plan environment",
      text: wf(`      - run: ./x\n        env:\n          K: \${{ secrets.SEATS_RW_PRIVATE_KEY }}\n`, { job: "    environment: seats-plan\n" }),
      want: ["secrets.SEATS_RW_PRIVATE_KEY belongs to the seats-production environment, but the job runs in seats-plan"],
    },
    {
      name: "the PR-bot key in the plan job",
      text: wf(`      - run: ./x\n        env:\n          K: \${{ secrets.SEATS_BOT_PRIVATE_KEY }}\n`, { job: "    environment: seats-plan\n" }),
      want: ["belongs to the seats-bot environment"],
    },
    {
      name: "the read-only key without an environment (readable from any branch)",
      text: wf(`      - run: ./x\n        env:\n          K: \${{ secrets.SEATS_RO_PRIVATE_KEY }}\n`, { job: "" }),
      want: ["the job runs in no environment"],
    },
    {
      name: "the Pulumi token in the PR-bot environment",
      text: wf(`      - run: ./x\n        env:\n          K: \${{ secrets.PULUMI_ACCESS_TOKEN }}\n`, { job: "    environment: seats-bot\n" }),
      want: ["belongs to the seats-production environment"],
    },
    {
      name: "the enterprise write token in the plan job",
      text: wf(`      - run: ./x\n        env:\n          T: \${{ secrets.SEATS_ENTERPRISE_WRITE_TOKEN }}\n`, { job: "    environment: seats-plan\n" }),
      want: ["secrets.SEATS_ENTERPRISE_WRITE_TOKEN belongs to the seats-production environment, but the job runs in seats-plan"],
    },
    {
      name: "the enterprise write token in the PR-bot environment",
      text: wf(`      - run: ./x\n        env:\n          T: \${{ secrets.SEATS_ENTERPRISE_WRITE_TOKEN }}\n`, { job: "    environment: seats-bot\n" }),
      want: ["belongs to the seats-production environment, but the job runs in seats-bot"],
    },
    {
      name: "the enterprise read token without an environment",
      text: wf(`      - run: ./x\n        env:\n          T: \${{ secrets.SEATS_ENTERPRISE_READ_TOKEN }}\n`, { job: "" }),
      want: ["the job runs in no environment"],
    },
    {
      name: "the enterprise read token in a workflow that runs the PR's code",
      text: wf(`      - run: ./x\n        env:\n          T: \${{ secrets.SEATS_ENTERPRISE_READ_TOKEN }}\n`, { on: "pull_request", job: "    environment: seats-plan\n" }),
      want: ["references secrets"],
    },
    {
      name: "the enterprise read token in an if: (an if: cannot read secrets; the credentials step decides)",
      text: wf(`      - run: ./x\n        if: \${{ secrets.SEATS_ENTERPRISE_READ_TOKEN != '' }}\n`, { job: "    environment: seats-plan\n" }),
      want: ["credential"],
    },
    {
      name: "a repository secret of the old single App",
      text: wf(`      - run: ./x\n        env:\n          K: \${{ secrets.SEATS_APP_PRIVATE_KEY }}\n`, { job: "    environment: seats-production\n" }),
      want: ["is not one of the pipeline's environment secrets"],
    },
    {
      name: "each secret in its environment is fine",
      text: wf(`      - run: ./x\n        env:\n          K: \${{ secrets.SEATS_RW_PRIVATE_KEY }}\n          B: \${{ secrets.SEATS_BOT_APP_ID }}\n`, { job: "    environment: seats-production\n" }),
      want: [],
    },
    {
      name: "checkout v7 of a fork PR ref in workflow_run without the opt-in",
      text: wf(prData.replace("v4.2.2", "v7.0.1"), { on: "workflow_run" }),
      want: ["refuses fork PR refs in workflow_run without allow-unsafe-pr-checkout"],
    },
    {
      name: "checkout v7 of a fork PR ref with the opt-in, into pr/",
      text: wf(prData.replace("v4.2.2", "v7.0.1").replace("persist-credentials: false", "persist-credentials: false\n          allow-unsafe-pr-checkout: true"), { on: "workflow_run" }),
      want: [],
    },
    {
      name: "the unsafe opt-in on a checkout of the trusted code",
      text: wf(`      - uses: actions/checkout@${SHA} # v7.0.1\n        with:\n          persist-credentials: false\n          allow-unsafe-pr-checkout: true\n`, { on: "workflow_run" }),
      want: ["allow-unsafe-pr-checkout outside the PR-data checkout"],
    },
    {
      name: "a scheduled run with a fallback",
      text: wf("      - run: ./x\n        env:\n          B: ${{ github.event.repository.default_branch || github.ref_name }}\n", { on: "\n  schedule:\n    - cron: '0 3 * * *'" }),
      want: [],
    },
  ])("$name", ({ text, want }) => {
    const problems = auditWorkflow(text, "t.yml");
    expect(problems).toHaveLength(want.length);
    want.forEach((w, i) => expect(problems[i]).toContain(w));
  });
});

describe("the pipeline's own rules", () => {
  const steps = (file: string, job: string) => (parse(read(file)).jobs[job].steps as { id?: string; name?: string; run?: string; env?: Record<string, string>; if?: string }[]);

  it("seats-pr applies the authorship check only to a person's change of seat data, against the merge base", () => {
    const s = steps("seats-pr.yml", "validate");
    expect(s.find((x) => x.id === "author")?.if).toBe("${{ steps.changed.outputs.seats == 'true' }}");
    const validate = s.find((x) => x.name === "seats validate")!;
    expect(validate.env?.REVIEW_AUTHOR).toBe("${{ steps.author.outputs.author }}");
    expect(validate.run).toContain('--base "$BASE_SHA"');
    expect(s.find((x) => x.id === "author")?.run).toBe("node bin/seats.js ci author");
    expect(parse(read("seats-pr.yml")).on.pull_request.types).toContain("edited");
    // Nothing is written into the checkout: it would count as a change of the PR.
    expect(validate.run).toContain('> "$RUNNER_TEMP/validate.json"');
  });

  it("seats-plan waits for applies, plans GitHub's merge commit, and publishes with the PR-bot App only", () => {
    const wf = parse(read("seats-plan.yml"));
    const plan = steps("seats-plan.yml", "plan");
    const checkout = (plan as { uses?: string; with?: Record<string, unknown> }[]).find((x) => String(x.with?.ref ?? "").includes("pull/"));
    expect(checkout?.with).toMatchObject({ ref: "refs/pull/${{ steps.pr.outputs.number }}/merge", path: "pr", "fetch-depth": 2 });
    const ids = plan.map((x) => x.id).filter(Boolean);
    expect(ids.indexOf("wait")).toBeLessThan(ids.indexOf("plan"));
    expect(plan.find((x) => x.id === "data")!.run).toBe("node bin/seats.js ci overlay --pr pr");
    // L9: nothing runs on un-overlaid data or without the read token.
    for (const id of ["plan", "preview", "gate"]) {
      // read-token is skipped (not failed) when the environment's enterprise read token is used.
      expect(plan.find((x) => x.id === id)!.if).toContain("steps.data.outcome == 'success' && steps.creds.outcome == 'success' && steps.read-token.outcome != 'failure'");
    }
    expect(plan.find((x) => x.id === "gate")!.run).toContain("--dir pr");
    const publish = steps("seats-plan.yml", "publish");
    expect(publish.at(-1)!.run).toContain("ci publish");
    expect(wf.jobs.publish.if).toContain("needs.plan.outputs.skip == 'false'");
    expect(JSON.stringify(wf.jobs.plan)).not.toContain("SEATS_BOT_PRIVATE_KEY");
  });

  it("every `seats ci` step a workflow calls exists, with flags the CLI knows", async () => {
    const { STEPS } = await import("../../src/ci/steps/index.js");
    const { ciCommand } = await import("../../src/cli/commands/ci.js");
    const calls = files.flatMap((f) =>
      Object.values(parse(read(f)).jobs as Record<string, { steps: { run?: string }[] }>)
        .flatMap((j) => j.steps)
        .flatMap((x) => [...(x.run ?? "").matchAll(/node bin\/seats\.js ci ([\w-]+)([^\n]*)/g)].map((m) => ({ f, step: m[1]!, rest: m[2]! }))),
    );
    expect(new Set(calls.map((c) => c.step))).toEqual(new Set(STEPS.map((x) => x.name)));
    for (const c of calls) {
      for (const flag of c.rest.matchAll(/--([\w-]+)/g)) expect(Object.keys(ciCommand.options).concat("dir"), `${c.f}: ci ${c.step} --${flag[1]}`).toContain(flag[1]);
    }
  });

  it("seats-request acts on edits by the issue's author only", () => {
    const wf = parse(read("seats-request.yml"));
    expect(wf.jobs.request.if).toContain("github.event.sender.login == github.event.issue.user.login");
  });

  it("seats-request opens the PR against the default branch", () => {
    const request = steps("seats-request.yml", "request").find((x) => x.id === "request")!;
    expect(request.run).toContain('--base "$BASE_BRANCH"');
    expect(request.env?.BASE_BRANCH).toBe("${{ github.event.repository.default_branch }}");
  });
});
