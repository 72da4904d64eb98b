import { describe, expect, it } from "vitest";
import { classify } from "../../src/reclaim/classify.js";
import { restrictToPresent } from "../../src/reclaim/run.js";
import { ago, modelOf, seat } from "./model.js";

const NOW = new Date("2025-06-01T02:00:00Z");

describe("restrictToPresent", () => {
  const model = modelOf([
    { slug: "data", copilot: "team", members: ["a", "b"] },
    { slug: "web", members: ["a", "c"] },
  ]);
  const { reclaim } = classify(
    ["a", "b", "c"].map((l) => seat(l, { last_activity_at: ago(NOW, 90) })),
    model,
    model.policy,
    NOW,
  );

  it.each([
    {
      name: "everything on the base",
      present: ["seats/data/a.yaml", "seats/web/a.yaml", "seats/data/b.yaml", "seats/web/c.yaml"],
      expected: { a: ["seats/data/a.yaml", "seats/web/a.yaml"], b: ["seats/data/b.yaml"], c: ["seats/web/c.yaml"] },
      teamMode: { a: ["data"], b: ["data"], c: [] },
    },
    {
      name: "a's team-mode file and all of b's are gone from the base",
      present: ["seats/web/a.yaml", "seats/web/c.yaml"],
      expected: { a: ["seats/web/a.yaml"], c: ["seats/web/c.yaml"] },
      teamMode: { a: [], c: [] },
    },
  ])("$name", ({ present, expected, teamMode }) => {
    const out = restrictToPresent(reclaim, new Set(present));
    expect(Object.fromEntries(out.map((d) => [d.login, d.files]))).toEqual(expected);
    expect(Object.fromEntries(out.map((d) => [d.login, d.team_mode_teams]))).toEqual(teamMode);
    for (const d of out) expect(d.team_mode).toBe(d.team_mode_teams.length > 0);
  });
});
