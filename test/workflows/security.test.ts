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

  it("seats-apply never overlaps and never cancels an apply in progress", () => {
    const wf = parse(read("seats-apply.yml"));
    expect(wf.concurrency).toEqual({ group: "seats-apply", "cancel-in-progress": false });
    for (const job of Object.values(wf.jobs as Record<string, { environment?: unknown }>)) {
      expect(job.environment).toBe("seats-production");
    }
    expect(wf.jobs.seats.needs).toBe("teams");
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
    `name: t\non: push\n${top}jobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    permissions:\n      contents: read\n${job}`;
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
      text: wrap(`${checkout}      - run: curl -u \"t=\${{ secrets.TOKEN }}\" x\n`),
      want: ["inside run:", "credential"],
    },
    { name: "a secret in job env", text: wrap(`    env:\n      T: \${{ secrets.TOKEN }}\n${checkout}`), want: ["credential"] },
    { name: "a secret in a step's env is fine", text: wrap(`${checkout}      - run: ./x\n        env:\n          T: \${{ secrets.TOKEN }}\n`), want: [] },
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
