// The approval gate (`seats ci gate`) in a repo that manages two orgs, on one emulator serving
// both: a self-add to an open team needs membership of that team's org, not of `org`.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/seat-repo.js";
import { SEATS_REPO, twoOrgSeed } from "../helpers/two-orgs.js";
import { readTreeFiles } from "../reclaim/world.js";
import { workspace, type Workspace } from "./workspace.js";

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/workflows/orgs-gate");
let emu: RunningEmulator | undefined;
let ws: Workspace | undefined;
let scratch: ReturnType<typeof tempDir> | undefined;
afterEach(async () => {
  await emu?.close();
  ws?.remove();
  scratch?.remove();
});

/** `author` asks for a seat in `team` (a PR through the API, with their own token), then the gate decides it. */
async function selfAdd(author: string, team: string) {
  const seed = twoOrgSeed({ members: ["ann", "zoe", "yan"] }, { members: ["ann", "yan"] }, readTreeFiles(FIXTURE));
  emu = await startEmulator({ seed: { ...seed, tokens: { [`${author}-token`]: { login: author } } } });
  ws = workspace(FIXTURE, { git: true });
  const base = ws.git("rev-parse", "HEAD");
  const asked = await runCli(["request", "--dir", ws.dir, "--team", team, "--login", author, "--reason", "building things", "--open-pr", "--repo", SEATS_REPO], emu.url, { GITHUB_TOKEN: `${author}-token` });
  expect(asked.code, asked.stderr).toBe(0);
  const [pr] = (await (await fetch(`${emu.url}/repos/${SEATS_REPO}/pulls?state=open`, { headers: { authorization: "token test-token" } })).json()) as { number: number; head: { ref: string; sha: string } }[];
  // The checkout of the PR: its member file on top of the base commit.
  mkdirSync(path.join(ws.dir, "seats", team), { recursive: true });
  writeFileSync(path.join(ws.dir, `seats/${team}/${author}.yaml`), `login: ${author}\nreason: building things\n`);
  // The plan and the decision live outside the checkout (a file there would be a change of the PR).
  scratch = tempDir("seats-gate-");
  const plan = path.join(scratch.dir, "plan.json");
  writeFileSync(plan, JSON.stringify({ checksum: "a".repeat(64), blocked: [] }));
  const out = path.join(scratch.dir, "gate.json");
  const r = await runCli(["ci", "gate", "--dir", ws.dir, "--plan", plan, "--out", out], emu.url, {
    PR_NUMBER: String(pr!.number),
    HEAD_SHA: pr!.head.sha,
    BASE_SHA: base,
    PR_AUTHOR: author,
    PR_AUTHOR_TYPE: "User",
    HEAD_REF: pr!.head.ref,
    HEAD_REPO: SEATS_REPO,
    GITHUB_REPOSITORY: SEATS_REPO,
  });
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(readFileSync(out, "utf8")) as { decision: { conclusion: string; summary: string } }).decision;
}

describe("the approval gate with several orgs", () => {
  it.each([
    { name: "a member of acme only, into an acme-labs team: refused, naming acme-labs", author: "zoe", team: "labs", conclusion: "action_required", says: "zoe is not a member of the organization acme-labs" },
    { name: "the same person into an acme team: self-service", author: "zoe", team: "platform", conclusion: "success" },
    { name: "a member of both, into an acme-labs team: self-service", author: "yan", team: "labs", conclusion: "success" },
  ])("$name", async ({ author, team, conclusion, says }) => {
    const d = await selfAdd(author, team);
    expect(d.conclusion).toBe(conclusion);
    if (says) expect(d.summary).toContain(says);
    else expect(d.summary).not.toContain("not a member");
  });
});
