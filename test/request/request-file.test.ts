// The request module on its own (no CLI): the file is written only for a known team and a new
// login, removed again when invalid, and the PR body says who asks, why, and who reviews.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveTeam } from "../../src/model/load.js";
import { requestPullSpec, reviewNote as reviewSentence } from "../../src/request/pull-request.js";
import { InvalidRequest, prepareRequest, writeRequestFile, type RequestInput } from "../../src/request/request.js";

const write = (input: RequestInput) => writeRequestFile(prepareRequest(input));
import { UserError } from "../../src/errors.js";
import { tempSeatRepo, type TempRepo } from "../helpers/seat-repo.js";

let repo: TempRepo;
beforeEach(() => {
  repo = tempSeatRepo();
});
afterEach(() => repo.remove());

describe("writeRequestFile", () => {
  it("writes and validates the member file, with the team's reviewers and notes", () => {
    const req = write({ dir: repo.dir, team: "design", login: "heidi-new", reason: "mockups", expires: "2099-01-01" });
    expect(req.rel).toBe("seats/design/heidi-new.yaml");
    expect(readFileSync(req.abs, "utf8")).toBe(req.content);
    expect(req.content).toContain("expires: 2099-01-01");
    expect(req.review).toBe("design needs approval from a maintainer: @erin-design");
    expect(req.notes).toEqual(["note: team design has copilot: none: this makes you a team member but grants no Copilot seat"]);
    expect(req.warnings).toEqual([]);
  });

  it.each([
    { name: "an unknown team, with the closest slug", team: "platfrom", login: "heidi-new", error: 'no team "platfrom" in seats/; did you mean "platform"?' },
    { name: "a login already declared in the team (any case)", team: "platform", login: "Frank-Ops", error: "seats/platform/frank-ops.yaml already exists: Frank-Ops is already declared in platform" },
  ])("refuses $name before writing anything", ({ team, login, error }) => {
    const before = repo.files();
    expect(() => write({ dir: repo.dir, team, login, reason: "r" })).toThrow(new UserError(error));
    expect(repo.files()).toEqual(before);
  });

  it("removes the file again when it does not validate, and returns the findings", () => {
    let err: unknown;
    try {
      write({ dir: repo.dir, team: "platform", login: "heidi-new", reason: "r", expires: "not-a-date" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidRequest);
    expect((err as InvalidRequest).message).toBe("the request is invalid; nothing was written");
    expect((err as InvalidRequest).findings.map((f) => f.file)).toContain("seats/platform/heidi-new.yaml");
    expect(existsSync(path.join(repo.dir, "seats/platform/heidi-new.yaml"))).toBe(false);
  });
});

describe("the pull request's words", () => {
  const open = resolveTeam("platform", { name: "Platform", enrollment: "open" });
  const gated = resolveTeam("ml", { name: "ML", maintainers: ["ann", "ben"] });
  const unowned = resolveTeam("ops", { name: "Ops" });
  it.each([
    { team: open, want: "platform has open enrollment: once every check passes the PR is approved automatically" },
    { team: gated, want: "ml needs approval from a maintainer: @ann, @ben" },
    { team: unowned, want: "ops lists no maintainers, so the PR needs approval from a repository admin" },
  ])("review sentence for $team.slug", ({ team, want }) => expect(reviewSentence(team)).toBe(want));

  it("the body names the person, the team, the quoted reason and the one file", () => {
    const { body } = requestPullSpec({ owner: "acme", repo: "seats", base: "main", login: "heidi", team: gated, reason: "line one\nline two" });
    expect(body.split("\n")).toEqual([
      "<!-- seats-request -->",
      "@heidi requests a GitHub Copilot seat as a member of **ML** (`ml`).",
      "",
      "> line one",
      "> line two",
      "",
      "ml needs approval from a maintainer: @ann, @ben.",
      "",
      "This PR adds one file, `seats/ml/heidi.yaml`. The seat is assigned when it is merged.",
    ]);
  });
});
