import { describe, expect, it } from "vitest";
import type { SeatDecision } from "../../src/reclaim/classify.js";
import {
  BODY_MARKER,
  DEFAULT_BODY_BUDGET,
  formatUsd,
  GITHUB_BODY_LIMIT,
  MAX_MENTIONS,
  renderBody,
  renderCloseComment,
  renderMentions,
  renderRow,
  renderTitle,
} from "../../src/reclaim/render.js";

const NOW = new Date("2025-06-01T02:00:00Z");
const CTX = { branch: "seats/reclaim", base: "main", now: NOW, usdPerSeatMonth: 19, inactivityDays: 30, graceDays: 14 };

function decision(login: string, over: Partial<SeatDecision> = {}): SeatDecision {
  return {
    login,
    reclaim: true,
    reason: "inactive",
    detail: "no Copilot activity for 45 days (limit 30)",
    files: [`seats/platform/${login}.yaml`],
    teams: ["platform"],
    assigning_team: null,
    team_mode: false,
    team_mode_teams: [],
    created_at: "2024-01-01T00:00:00Z",
    last_activity_at: "2025-04-17T09:00:00Z",
    last_activity_editor: "vscode/1.99.0/copilot/1.300.0",
    days_idle: 45,
    expires: null,
    ...over,
  };
}

const many = (n: number) => Array.from({ length: n }, (_, i) => decision(`user-${String(i).padStart(5, "0")}`));

describe("renderTitle", () => {
  it.each([
    [1, 19, "Reclaim 1 unused Copilot seat ($19.00/month)"],
    [3, 19, "Reclaim 3 unused Copilot seats ($57.00/month)"],
    [1000, 39, "Reclaim 1000 unused Copilot seats ($39,000.00/month)"],
    [3, 19.99, "Reclaim 3 unused Copilot seats ($59.97/month)"],
  ])("%i seats at $%d", (n, price, title) => {
    expect(renderTitle(many(n), price)).toBe(title);
  });
  it("formats money", () => {
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(1234567.5)).toBe("$1,234,567.50");
  });
});

describe("renderRow", () => {
  it("shows login, teams, last activity date, editor, days idle and reason", () => {
    expect(renderRow(decision("alice", { teams: ["data", "platform"] }))).toBe(
      "| alice | data, platform | 2025-04-17 | `vscode/1.99.0/copilot/1.300.0` | 45 | inactive: no Copilot activity for 45 days (limit 30) |",
    );
  });
  it("says never for a seat without activity and leaves the editor empty", () => {
    const row = renderRow(decision("carol", { reason: "never-used", last_activity_at: null, last_activity_editor: null, detail: "never used" }));
    expect(row).toBe("| carol | platform | never |  | 45 | never used: never used |");
  });
  it("escapes pipes, newlines and backticks so the table holds", () => {
    const row = renderRow(decision("eve", { last_activity_editor: "evil|`editor`\nx", detail: "a|b" }));
    expect(row.split(/(?<!\\)\|/)).toHaveLength(8);
    expect(row).not.toContain("\n");
  });
});

describe("renderMentions", () => {
  it("mentions everyone below the cap", () => {
    expect(renderMentions(many(3))).toBe("cc @user-00000 @user-00001 @user-00002");
  });
  it("caps mentions and says how many were left out", () => {
    const text = renderMentions(many(MAX_MENTIONS + 7));
    expect(text.match(/@/g)).toHaveLength(MAX_MENTIONS);
    expect(text).toContain("and 7 more");
  });
});

describe("renderBody", () => {
  it("has the marker, savings, table, mentions and how to object", () => {
    const body = renderBody([decision("alice"), decision("bob", { reason: "expired", detail: "member file expired on 2025-05-31" })], CTX);
    expect(body.startsWith(BODY_MARKER)).toBe(true);
    expect(body).toContain("**Monthly savings: $38.00** (2 seats × $19.00 per seat)");
    expect(body).toContain("Inactive: 1, never used: 0, expired: 1.");
    expect(body).toContain("| login | team(s) | last activity | editor | days idle | reason |");
    expect(body).toContain("| alice | platform |");
    expect(body).toContain("cc @alice @bob");
    expect(body).toContain("policies/policy.yaml");
    expect(body).toContain("`seats/reclaim` branch");
    expect(body).toContain("until: 2025-09-01");
    expect(body).not.toContain("copilot: team");
    expect(body).not.toContain("more seat");
  });

  it("explains team-mode reclaims", () => {
    const body = renderBody([decision("hank", { teams: ["data"], team_mode: true, team_mode_teams: ["data"], assigning_team: "data" })], CTX);
    expect(body).toContain("`copilot: team` teams (`data`)");
    expect(body).toContain("Pulumi program then removes the person from the team");
  });

  it("shows notes", () => {
    const body = renderBody([decision("alice")], { ...CTX, notes: ["first note", "second\nline"] });
    expect(body).toContain("> [!IMPORTANT]\n> first note");
    expect(body).toContain("> second\n> line");
  });

  it.each([1, 100, 400, 5_000, 100_000])("stays under the budget with %i seats and counts the rest honestly", (n) => {
    const body = renderBody(many(n), CTX);
    expect(body.length).toBeLessThanOrEqual(DEFAULT_BODY_BUDGET);
    const shown = body.split("\n").filter((l) => l.startsWith("| user-")).length;
    const more = /… and (\d+) more seats? not shown/.exec(body);
    if (shown === n) expect(more).toBeNull();
    else expect(Number(more?.[1])).toBe(n - shown);
    expect(shown).toBeGreaterThan(0);
    expect(body).toContain(`**Monthly savings: ${formatUsd(n * 19)}**`);
  });

  it("never exceeds GitHub's limit even when asked for more", () => {
    const body = renderBody(many(5_000), { ...CTX, maxChars: 10_000_000 });
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(body).toMatch(/… and \d+ more seats not shown/);
  });

  it("fills a small budget exactly up to the limit", () => {
    const small = 3_000;
    const body = renderBody(many(50), { ...CTX, maxChars: small });
    expect(body.length).toBeLessThanOrEqual(small);
    const shown = body.split("\n").filter((l) => l.startsWith("| user-")).length;
    expect(shown).toBeGreaterThan(0);
    expect(body).toContain(`… and ${50 - shown} more seats not shown`);
  });
});

describe("renderCloseComment", () => {
  it("says why the PR closes", () => {
    expect(renderCloseComment(NOW, "main")).toMatch(/^Closing: as of 2025-06-01 02:00 UTC no seat is reclaimable on `main`/);
  });
});
