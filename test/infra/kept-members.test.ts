// The program under mocks with the last check's kept members (SEATS_PLAN's last_check): the
// authoritative TeamMembers of the team still lists them, so `pulumi up` does not end their
// team-granted seat, and the run says why.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadValidModel } from "../../src/validate/validate.js";
import { keptFromPlanFile } from "../../infra/org-members.js";
import { defineSeatTeams } from "../../infra/program.js";
import { createGitHubProvider } from "../../infra/provider.js";
import { installMocks, TYPES, valueOf, type Recorder } from "./mocks.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/infra");
let rec: Recorder;
const warnings: string[] = [];

beforeAll(async () => {
  rec = await installMocks();
  const model = loadValidModel(path.join(FIXTURES, "basic"));
  const provider = createGitHubProvider({ owner: model.policy.org, auth: { kind: "token", token: "t", source: "github:token" }, legacyClient: false });
  const kept = keptFromPlanFile(path.join(FIXTURES, "plans/kept-by-last-check.json"));
  const program = defineSeatTeams(model, { provider, kept, warn: (m) => warnings.push(m) });
  await valueOf(program.outputs.teams);
  await rec.settle();
});

describe("kept members", () => {
  it("stay in the team's authoritative member list, as members", () => {
    expect(rec.get(TYPES.members, "platform-members").inputs).toEqual({
      teamSlug: "platform",
      members: [
        { username: "Amy-Infra", role: "member" },
        { username: "dave-lead", role: "maintainer" },
        { username: "frank-ops", role: "maintainer" },
        { username: "Kim", role: "member" },
        { username: "zoe-sre", role: "member" },
      ],
    });
  });

  it("leave every other team as declared, and are named in a warning", () => {
    expect((rec.get(TYPES.members, "engineering-members").inputs.members as { username: string }[]).map((m) => m.username)).not.toContain("Kim");
    expect(warnings.filter((w) => w.startsWith("team platform: keeping Kim, removed by a reclaim PR but active since its snapshot"))).toHaveLength(1);
  });
});
