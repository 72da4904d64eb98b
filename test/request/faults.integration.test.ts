// `seats request --open-pr` when GitHub fails part-way: exit 1 with the failed request named, the
// local member file removed again (nothing left behind), and re-running the same command
// converges on exactly one PR holding exactly the new file.
import { existsSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { startEmulator, type FaultConfig, type RunningEmulator } from "../../src/emulator/index.js";
import { requestBranch } from "../../src/request/member-file.js";
import { captureIo } from "../helpers/io.js";
import { tempSeatRepo, type TempRepo } from "../helpers/seat-repo.js";

const FULL = "acme-corp/copilot-seats";
let emu: RunningEmulator | undefined;
let repo: TempRepo | undefined;
afterEach(async () => {
  await emu?.close();
  repo?.remove();
  emu = undefined;
  repo = undefined;
});

async function world() {
  repo = tempSeatRepo();
  const files = repo.files();
  emu = await startEmulator({
    seed: {
      org: { login: "acme-corp", seat_management_setting: "assign_selected" },
      viewer: "alice-admin",
      members: [{ login: "alice-admin", role: "admin" }, "heidi-new"],
      repos: [{ full_name: FULL, default_branch: "main", files }],
    },
  });
  const e = emu;
  const dir = repo.dir;
  const request = async () => {
    const io = captureIo();
    const env = { GITHUB_API_URL: e.url, GITHUB_TOKEN: "t0ken-value", GITHUB_REPOSITORY: FULL, SEATS_WRITE_INTERVAL_MS: "0", SEATS_RETRY_BASE_MS: "1" };
    const code = await main(["request", "--team", "platform", "--reason", "Writes Pulumi modules", "--login", "heidi-new", "--open-pr", "--dir", dir], { io, env });
    return { code, out: io.stdout, err: io.stderr };
  };
  return { emu: e, files, dir, request };
}

describe("request --open-pr interrupted, then re-run", () => {
  it.each([
    { step: "tree", faults: { errorRate: 1, match: /^POST \/repos\/.*\/git\/trees$/ } },
    { step: "branch creation", faults: { errorRate: 1, match: /^POST \/repos\/.*\/git\/refs$/ } },
    { step: "PR creation", faults: { errorRate: 1, match: /^POST \/repos\/.*\/pulls$/ } },
    { step: "label", faults: { dropRate: 1, match: /^POST \/repos\/.*\/labels$/ } },
  ] satisfies { step: string; faults: FaultConfig }[])("fails at the $step: exit 1 and no local file; the re-run opens exactly one PR", async ({ faults }) => {
    const w = await world();
    w.emu.setFaults(faults);
    const failed = await w.request();
    expect(failed.err).not.toMatch(/internal error/);
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/GitHub request failed: POST /);
    expect(failed.err).not.toContain("t0ken-value");
    expect(existsSync(path.join(w.dir, "seats/platform/heidi-new.yaml"))).toBe(false);

    w.emu.setFaults(undefined);
    const ok = await w.request();
    expect(ok.err).not.toMatch(/internal error/);
    expect(ok.code).toBe(0);
    const pulls = (await fetch(`${w.emu.url}/repos/${FULL}/pulls?state=all`, { headers: { authorization: "token t", "user-agent": "t" } }).then((r) => r.json())) as {
      state: string;
      labels: { name: string }[];
    }[];
    expect(pulls).toHaveLength(1);
    expect(pulls[0]!.labels.map((l) => l.name)).toEqual(["seat-request"]);
    const branch = w.emu.control.readBranch(FULL, requestBranch("platform", "heidi-new"))!;
    expect(Object.keys(branch).filter((f) => !(f in w.files))).toEqual(["seats/platform/heidi-new.yaml"]);
  });
});
