// The CI steps in a repo that manages several orgs (`orgs:`): the gate checks a self-adding
// author's membership of the org of each team the change touches; the doctor probes every org,
// naming each (on the emulator, serving one org or both).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { formatProbe, probesFor } from "../../src/ci/doctor.js";
import { membershipOrgs } from "../../src/ci/gate.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { resolvePolicy, resolveTeam } from "../../src/model/load.js";
import type { PolicyFile } from "../../src/model/types.js";
import { runCli } from "../helpers/cli.js";
import { twoOrgSeed } from "../helpers/two-orgs.js";

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/remind/orgs");
const teams = [resolveTeam("platform", { name: "platform", copilot: "users" }), resolveTeam("labs", { name: "labs", org: "acme-labs", copilot: "users" })];
const TWO: PolicyFile = { org: "acme", orgs: ["acme", "acme-labs"] };

describe("membershipOrgs", () => {
  it.each([
    { name: "one org: the org, whatever the change", policy: { org: "acme" }, files: ["seats/labs/ann.yaml"], want: ["acme"] },
    { name: "a file in another org's team: that org", policy: TWO, files: ["seats/labs/ann.yaml"], want: ["acme-labs"] },
    { name: "files in both orgs' teams: both, in orgs: order", policy: TWO, files: ["seats/labs/ann.yaml", "seats/platform/ann.yaml"], want: ["acme", "acme-labs"] },
    { name: "no team touched: the policy's org", policy: TWO, files: ["README.md"], want: ["acme"] },
    { name: "a team the head no longer has: not counted", policy: TWO, files: ["seats/gone/ann.yaml"], want: ["acme"] },
  ])("$name", ({ policy, files, want }) => {
    expect(membershipOrgs({ teams, policy: resolvePolicy(policy) }, files)).toEqual(want);
  });
});

describe("doctor with several orgs", () => {
  it("probes each org's reads and names the org; one org's probes are as before", () => {
    const probes = probesFor("ro", ["acme", "acme-labs"], "acme", "seats", "main");
    expect(probes.map((p) => `${p.params.org} ${p.what}`)).toEqual([
      "acme acme: Copilot settings (GitHub Copilot Business: read)",
      "acme acme: org members (Members: read)",
      "acme acme: org teams (Members: read)",
      "acme-labs acme-labs: Copilot settings (GitHub Copilot Business: read)",
      "acme-labs acme-labs: org members (Members: read)",
      "acme-labs acme-labs: org teams (Members: read)",
    ]);
    expect(probesFor("ro", ["acme"], "acme", "seats", "main")).toEqual(probesFor("ro", "acme", "acme", "seats", "main"));
    expect(probesFor("ro", "acme", "acme", "seats", "main")[0]!.what).toBe("Copilot settings (GitHub Copilot Business: read)");
  });

  let emu: RunningEmulator | undefined;
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });
  const doctor = (url: string) => runCli(["ci", "doctor", "--dir", FIXTURE, "--as", "ro"], url, { GITHUB_REPOSITORY: "acme/seats", DEFAULT_BRANCH: "main" });

  it.each([
    { name: "both orgs reachable: every probe passes", other: true, code: 0, says: "all 6 probes passed for the ro App" },
    { name: "the second org unreachable: its probes fail, named", other: false, code: 1, says: "3 of 6 probes failed" },
  ])("on the emulator, $name", async ({ other, code, says }) => {
    const seed = twoOrgSeed({ members: [] }, { members: [] });
    emu = await startEmulator({ seed: other ? seed : { ...seed, other_orgs: [] } });
    const r = await doctor(emu.url);
    expect(r.code).toBe(code);
    expect(r.stdout + r.stderr).toContain(says);
    expect(r.stdout).toContain("ok   /orgs/{org}/copilot/billing → 200: acme: Copilot settings");
    if (!other) expect(r.stdout).toContain("FAIL /orgs/{org}/copilot/billing → 404: acme-labs: Copilot settings");
  });
});

describe("formatProbe", () => {
  it("a named org's failure keeps the org in the line", () => {
    const probe = probesFor("rw", ["acme", "acme-labs"], "a", "b", "main")[3]!;
    expect(formatProbe({ probe, status: 404 })).toBe("FAIL /orgs/{org}/copilot/billing → 404: acme-labs: Copilot settings (GitHub Copilot Business: read)");
  });
});
