import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { resolveSeatsDir } from "../../infra/seats-dir.js";

const root = "/repo";
const base = { env: undefined, seatsConfig: undefined, projectConfig: undefined, root, project: "copilot-seats" };

describe("resolveSeatsDir", () => {
  it.each([
    { name: "default: the project root", over: {}, dir: "/repo", source: "project root" },
    { name: "SEATS_DIR, relative to the project root", over: { env: "../seat-repo" }, dir: "/seat-repo", source: "SEATS_DIR" },
    { name: "SEATS_DIR absolute", over: { env: "/elsewhere" }, dir: "/elsewhere", source: "SEATS_DIR" },
    { name: "SEATS_DIR wins over config", over: { env: "/env", seatsConfig: "/cfg" }, dir: "/env", source: "SEATS_DIR" },
    { name: "blank SEATS_DIR is ignored", over: { env: "  ", seatsConfig: "cfg" }, dir: "/repo/cfg", source: "seats:dir" },
    { name: "seats:dir", over: { seatsConfig: "cfg" }, dir: "/repo/cfg", source: "seats:dir" },
    { name: "<project>:dir", over: { projectConfig: "/p" }, dir: "/p", source: "copilot-seats:dir" },
    {
      name: "both config keys agreeing",
      over: { seatsConfig: "x", projectConfig: "/repo/x" },
      dir: "/repo/x",
      source: "seats:dir",
    },
  ])("$name", ({ over, dir, source }) => {
    expect(resolveSeatsDir({ ...base, ...over })).toEqual({ dir, source });
  });

  it("refuses two config keys that disagree, saying which to remove", () => {
    const call = () => resolveSeatsDir({ ...base, seatsConfig: "a", projectConfig: "b" });
    expect(call).toThrow(UserError);
    expect(call).toThrow(/seats:dir \(a\) and copilot-seats:dir \(b\).*pulumi config rm copilot-seats:dir/);
  });
});
