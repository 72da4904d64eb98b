// The request and give-back PRs that the CLI and the portal share.
import { describe, expect, it } from "vitest";
import { givebackPullSpec, parseGivebackBranch, parseRequestBranch, requestPullSpec, seatFilesOf } from "../../src/request/pull-request.js";
import type { TeamDecl } from "../../src/model/types.js";

const team = (slug: string, copilot: TeamDecl["copilot"], logins: string[]) =>
  ({ slug, copilot, members: logins.map((login) => ({ login, file: `seats/${slug}/${login}.yaml` })) }) as unknown as TeamDecl;

describe("branches", () => {
  it.each([
    ["seats/request/platform/ann", { team: "platform", login: "ann" }],
    ["seats/request/platform", undefined],
    ["seats/request/a/b/c", undefined],
    ["feature/x", undefined],
  ])("request %s", (ref, want) => expect(parseRequestBranch(ref)).toEqual(want));
  it.each([
    ["seats/giveback/ann", "ann"],
    ["seats/giveback/", undefined],
  ])("giveback %s", (ref, want) => expect(parseGivebackBranch(ref)).toBe(want));
});

describe("seatFilesOf", () => {
  it("only teams that grant seats, case-insensitively", () => {
    const model = { teams: [team("a", "users", ["Ann"]), team("b", "none", ["ann"]), team("c", "team", ["ann", "bob"])] };
    expect(seatFilesOf(model, "ann")).toEqual(["seats/a/Ann.yaml", "seats/c/ann.yaml"]);
    expect(seatFilesOf(model, "zed")).toEqual([]);
  });
});

describe("specs", () => {
  it("a request adds one file on the person's branch and quotes the reason", () => {
    const s = requestPullSpec({ owner: "o", repo: "r", base: "main", login: "Ann", team: { slug: "web", name: "Web", enrollment: "approval", maintainers: ["max"] }, reason: "line1\nline2", via: "the portal" });
    expect(s.branch).toBe("seats/request/web/ann");
    expect(s.changes).toEqual([{ path: "seats/web/Ann.yaml", content: expect.stringContaining("login: Ann\nreason: |-\n  line1\n  line2\n") }]);
    expect(s.body).toContain("> line1\n> line2");
    expect(s.body).toContain("through the portal");
    expect(s.body).toContain("needs approval from a maintainer: @max");
    expect(s.labels).toEqual(["seat-request"]);
  });
  it("a give-back deletes the files", () => {
    const s = givebackPullSpec({ owner: "o", repo: "r", base: "main", login: "Ann", files: ["seats/a/Ann.yaml"] });
    expect(s.branch).toBe("seats/giveback/ann");
    expect(s.changes).toEqual([{ path: "seats/a/Ann.yaml", content: null }]);
  });
});
