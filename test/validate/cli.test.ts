// `seats validate` usage errors: each exits 2 with a message naming the flag and the fix, and
// never a stack trace.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIo } from "../helpers/io.js";
import { FIXTURES } from "./repo.js";

const GOOD = path.join(FIXTURES, "base");

describe("seats validate usage", () => {
  it.each([
    [["--dir", path.join(FIXTURES, "no-such-repo")], /--dir .*no-such-repo: no such directory/],
    [["--dir", path.join(GOOD, "policies/policy.yaml")], /no such directory/],
    [["--dir", GOOD, "--now", "2026-02-30"], /--now must be an ISO date or timestamp, e.g. 2026-06-01 or 2026-06-01T02:00:00Z \(got "2026-02-30", which is not a day of the calendar\)/],
    [["--dir", GOOD, "--now", "June 1"], /--now must be an ISO date/],
    [["--dir", GOOD, "--format", "JSON"], /--format must be text, github or json/],
  ])("%j", async (args, message) => {
    const io = captureIo();
    expect(await main(["validate", ...args], { io })).toBe(2);
    expect(io.stderr).toMatch(message);
    expect(io.stderr).not.toMatch(/\n\s+at /);
    expect(io.stdout).toBe("");
  });

  it("accepts --now as a date or an ISO timestamp", async () => {
    for (const now of ["2028-02-29", "2026-06-01T23:59:59Z"]) {
      const io = captureIo();
      expect(await main(["validate", "--dir", GOOD, "--now", now], { io })).toBe(0);
      expect(io.stdout).toMatch(/^ok: 3 files valid$/m);
    }
  });
});
