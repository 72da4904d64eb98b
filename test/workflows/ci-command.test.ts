// `seats ci <step>` through the CLI's one exit path: usage errors (unknown step, a variable the
// workflow forgot) exit 2 with an annotation in Actions; outputs go to GITHUB_OUTPUT.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { STEPS } from "../../src/ci/steps/index.js";
import { captureIo } from "../helpers/io.js";
import { parseOutputs } from "./step-runner.js";
import { tempDir } from "../helpers/seat-repo.js";

const tmp = tempDir("seats-ci-").dir;
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function ci(args: string[], env: Record<string, string> = {}) {
  const io = captureIo();
  const code = await main(["ci", ...args], { io, env: { PATH: process.env.PATH ?? "", ...env }, cwd: tmp });
  return { code, out: io.stdout, err: io.stderr };
}

describe("seats ci", () => {
  it("lists every step with its environment in --help", async () => {
    const r = await ci(["--help"]);
    expect(r.code).toBe(0);
    for (const s of STEPS) expect(r.out).toContain(`  ${s.name} `);
    expect(r.out).toContain("env: GITHUB_EVENT_NAME");
  });

  it.each([
    { name: "no step", args: [], says: "which step?" },
    { name: "an unknown step", args: ["deploy"], says: 'unknown step "deploy"' },
    { name: "a second argument", args: ["author", "x"], says: 'unexpected argument "x"' },
    { name: "a flag of no step", args: ["author", "--nope"], says: "Unknown option" },
  ])("$name is a usage error", async ({ args, says }) => {
    const r = await ci(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(says);
  });

  it("a variable the workflow forgot is a usage error, annotated in Actions", async () => {
    const r = await ci(["approvers"], { GITHUB_ACTIONS: "true", GITHUB_REPOSITORY: "acme/seats", GITHUB_TOKEN: "t" });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^::error::seats ci approvers: environment variable PR_AUTHOR is not set/m);
    const outside = await ci(["approvers"], { GITHUB_REPOSITORY: "acme/seats", GITHUB_TOKEN: "t" });
    expect(outside.err).not.toContain("::error::");
  });

  it("a dispatch checksum that is not a sha256 never reaches a request", async () => {
    const r = await ci(["reviewed-plan"], { GITHUB_EVENT_NAME: "workflow_dispatch", GITHUB_REPOSITORY: "acme/seats", INPUT_CHECKSUM: "main; rm -rf /" });
    expect(r.code).toBe(2);
    expect(r.err).toContain("the checksum input must be the 64-hex-digit sha256");
  });

  it("writes step outputs with delimiters a value cannot forge, and fails a form it cannot read", async () => {
    const event = path.join(tmp, "event.json");
    const output = path.join(tmp, "output");
    writeFileSync(output, "");
    writeFileSync(event, JSON.stringify({ issue: { body: "### Team\n\nPlatform\n\n### Reason\n\nline1\nreason<<EOF\n", user: { login: "heidi" } } }));
    const r = await ci(["issue-form"], { GITHUB_EVENT_PATH: event, GITHUB_OUTPUT: output });
    expect(r.code).toBe(0);
    expect(parseOutputs(readFileSync(output, "utf8"))).toEqual({ team: "platform", reason: "line1 reason<<EOF", login: "heidi" });

    writeFileSync(output, "");
    writeFileSync(event, JSON.stringify({ issue: { body: "### Team\n\n../etc\n", user: { login: "heidi" } } }));
    const bad = await ci(["issue-form"], { GITHUB_EVENT_PATH: event, GITHUB_OUTPUT: output });
    expect(bad.code).toBe(1);
    expect(parseOutputs(readFileSync(output, "utf8")).error).toContain("is not a team slug");
  });
});
