// The portal's pure parts: escaping, sessions, eligibility, request checks, the reclaim countdown,
// reclaim PR bodies, which repo files it reads, and the command's usage errors.
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { SeatModel, TeamDecl } from "../../src/model/types.js";
import { checkRequest } from "../../src/portal/actions.js";
import { loginsOfReclaimBody } from "../../src/portal/admin-data.js";
import { eligibility } from "../../src/portal/eligibility.js";
import { html, raw } from "../../src/portal/html.js";
import { daysUntilReclaimable } from "../../src/portal/pages.js";
import type { Person } from "../../src/portal/people.js";
import { isSeatDataPath } from "../../src/portal/seat-repo.js";
import { SessionStore } from "../../src/portal/session.js";
import { captureIo } from "../helpers/io.js";

const team = (slug: string, o: Partial<TeamDecl> = {}): TeamDecl =>
  ({ slug, name: slug, copilot: "users", enrollment: "approval", maintainers: [], members: [], ...o }) as TeamDecl;

function model(teams: TeamDecl[], eligible: string[] = [], inactivity: Partial<SeatModel["policy"]["inactivity"]> = {}): SeatModel {
  return {
    teams,
    policy: { org: "acme", self_service: { eligible_teams: eligible }, inactivity: { days: 30, new_seat_grace_days: 14, exempt: [], remind_days: 23, ...inactivity } },
  } as unknown as SeatModel;
}

describe("html", () => {
  it.each([
    ["<script>", "&lt;script&gt;"],
    [`" onmouseover="x`, "&quot; onmouseover=&quot;x"],
    ["a & b's", "a &amp; b&#39;s"],
  ])("escapes %s", (v, want) => expect(html`<p title="${v}">${v}</p>`.text).toBe(`<p title="${want}">${want}</p>`));
  it("nests Html without double escaping, raw passes through, arrays join, null is empty", () => {
    expect(html`<ul>${["<a>", "b"].map((x) => html`<li>${x}</li>`)}</ul>${raw("<svg/>")}${null}`.text).toBe("<ul><li>&lt;a&gt;</li><li>b</li></ul><svg/>");
  });
});

describe("SessionStore", () => {
  const store = new SessionStore(Buffer.from("k".repeat(32)));
  const { session, cookieValue } = store.create("ann", "gho_secret");
  it.each([
    ["the real cookie", cookieValue, "ann"],
    ["a changed signature", `${cookieValue.slice(0, -1)}${cookieValue.endsWith("A") ? "B" : "A"}`, undefined],
    ["a changed id", `x${cookieValue}`, undefined],
    ["the bare id", session.id, undefined],
    ["another key's signature", new SessionStore(Buffer.from("z".repeat(32))).sign(session.id), undefined],
    ["nothing", "", undefined],
  ])("%s", (_n, value, login) => expect(store.fromCookie(value)?.login).toBe(login));
  it("the cookie never holds the token", () => expect(cookieValue).not.toContain("gho_secret"));
  it("expired sessions are gone", () => {
    let now = 0;
    const s = new SessionStore(Buffer.from("k".repeat(32)), () => now);
    const c = s.create("ann", "t").cookieValue;
    now = 9 * 3_600_000;
    expect(s.fromCookie(c)).toBeUndefined();
  });
});

describe("eligibility", () => {
  const teams = [team("web"), team("platform", { enrollment: "open" }), team("design", { copilot: "none" }), team("data", { members: [{ login: "Ann" }] as TeamDecl["members"] })];
  it.each([
    { name: "an org member: open team first, copilot: none and declaring teams left out", facts: { orgMember: true, eligibleTeamsMemberOf: [] }, eligible: true, teams: ["platform", "web"] },
    { name: "not an org member", facts: { orgMember: false, eligibleTeamsMemberOf: [] }, eligible: false, reason: "not a member of the acme organization" },
    { name: "eligible teams set, not in any", facts: { orgMember: true, eligibleTeamsMemberOf: [] }, eligibleTeams: ["staff"], eligible: false, reason: "open to members of staff" },
    { name: "eligible teams set, in one", facts: { orgMember: true, eligibleTeamsMemberOf: ["staff"] }, eligibleTeams: ["staff"], eligible: true, teams: ["platform", "web"] },
    { name: "GitHub team membership breaks ties", facts: { orgMember: true, eligibleTeamsMemberOf: [], githubTeams: ["web"] }, eligible: true, teams: ["platform", "web"] },
  ])("$name", ({ facts, eligibleTeams, eligible, teams: want, reason }) => {
    const e = eligibility(model(teams, eligibleTeams), { login: "ann", ...facts });
    expect(e.eligible).toBe(eligible);
    if (want) expect(e.teams.map((t) => t.slug)).toEqual(want);
    if (reason) expect(e.reason).toContain(reason);
    if (eligible) expect(e.best?.slug).toBe(want![0]);
  });
  it("nothing left to join", () => {
    const e = eligibility(model([team("data", { members: [{ login: "ann" }] as TeamDecl["members"] })]), { login: "ann", orgMember: true, eligibleTeamsMemberOf: [] });
    expect(e).toMatchObject({ eligible: false, reason: expect.stringContaining("already declares you") });
  });
});

describe("checkRequest", () => {
  const person = (eligible = true) => ({ login: "ann", eligibility: eligible ? { eligible, teams: [team("platform"), team("web")], best: team("platform") } : { eligible, teams: [], reason: "not in staff" } }) as unknown as Person;
  it.each([
    { name: "the default team", form: { reason: " pairing " }, team: "platform", reason: "pairing" },
    { name: "a chosen team with an end date", form: { team: "web", reason: "r", expires: "2027-01-31" }, team: "web", expires: "2027-01-31" },
    { name: "CRLF becomes LF", form: { reason: "a\r\nb" }, reason: "a\nb" },
    { name: "a team not offered", form: { team: "design", reason: "r" }, status: 422, error: "not a team you can ask to join" },
    { name: "no reason", form: { reason: "  " }, status: 422, error: "Reason" },
    { name: "a long reason", form: { reason: "x".repeat(1001) }, status: 422, error: "at most 1000" },
    { name: "control characters", form: { reason: "a\u0007" }, status: 422, error: "control characters" },
    { name: "a bad date", form: { reason: "r", expires: "2027-02-30" }, status: 422, error: "YYYY-MM-DD" },
    { name: "a past date", form: { reason: "r", expires: "2026-01-01" }, status: 422, error: "after today" },
    { name: "ineligible", form: { reason: "r" }, eligible: false, status: 403, error: "not in staff" },
  ])("$name", ({ form, team: t, reason, expires, status, error, eligible }) => {
    const run = () => checkRequest(person(eligible ?? true), form, "2026-06-15");
    if (status) {
      expect(run).toThrow(error);
      try {
        run();
      } catch (e) {
        expect((e as { status: number }).status).toBe(status);
      }
      return;
    }
    const r = run();
    if (t) expect(r.team.slug).toBe(t);
    if (reason) expect(r.reason).toBe(reason);
    if (expires) expect(r.expires).toBe(expires);
  });
});

describe("daysUntilReclaimable", () => {
  const NOW = Date.parse("2026-06-15T00:00:00Z");
  const p = (seat: Record<string, unknown> | undefined, login = "ann") => ({ login, seat: seat ? { created_at: "2026-01-01T00:00:00Z", last_activity_at: null, pending_cancellation_date: null, ...seat } : undefined }) as unknown as Person;
  it.each([
    { name: "used 10 days ago", seat: { last_activity_at: "2026-06-05T00:00:00Z" }, want: 20 },
    { name: "idle 40 days", seat: { last_activity_at: "2026-05-06T00:00:00Z" }, want: 0 },
    { name: "never used, new seat: the grace period", seat: { created_at: "2026-06-10T00:00:00Z" }, want: 25 },
    { name: "pending", seat: { pending_cancellation_date: "2026-07-01" }, want: undefined },
    { name: "no seat", seat: undefined, want: undefined },
    { name: "exempt", seat: { last_activity_at: "2026-05-06T00:00:00Z" }, exempt: [{ login: "ANN", until: "2026-12-31", reason: "r" }], want: undefined },
  ])("$name → $want", ({ seat, exempt, want }) => {
    expect(daysUntilReclaimable(p(seat), model([], [], { exempt: exempt ?? [] }), NOW)).toBe(want);
  });
});

describe("loginsOfReclaimBody", () => {
  it("reads the first column of the reclaim table only", () => {
    const body = ["intro | not a table", "| login | team(s) | last activity |", "|---|---|---|", "| ann | web | 2026-01-01 |", "| bob\\_x | web | never |", "| cy | a, b | x |", "", "| other | table |"].join("\n");
    expect(loginsOfReclaimBody(body)).toEqual(["ann", "bob_x", "cy"]);
  });
});

describe("isSeatDataPath", () => {
  it.each([
    ["seats/web/ann.yaml", true],
    ["seats/web/_team.yaml", true],
    ["seats/README.md", false],
    ["policies/policy.yaml", true],
    ["policies/policy.schema.json", false],
    [".github/CODEOWNERS", true],
    [".github/workflows/seats-pr.yml", true],
    ["src/index.ts", false],
  ])("%s → %s", (p, want) => expect(isSeatDataPath(p)).toBe(want));
});

describe("seats portal usage errors", () => {
  it.each([
    { argv: [], env: {}, err: "pass --repo <owner/name>" },
    { argv: ["--repo", "a/b", "--port", "x"], env: {}, err: "--port must be a number" },
    { argv: ["--repo", "a/b"], env: {}, err: "SEATS_PORTAL_CLIENT_ID and SEATS_PORTAL_CLIENT_SECRET" },
    { argv: ["--repo", "a/b"], env: { SEATS_PORTAL_CLIENT_ID: "c", SEATS_PORTAL_CLIENT_SECRET: "s", SEATS_PORTAL_SESSION_SECRET: "short" }, err: "at least 32 characters" },
    { argv: ["--repo", "a/b", "--github-url", "ftp://x"], env: { SEATS_PORTAL_CLIENT_ID: "c", SEATS_PORTAL_CLIENT_SECRET: "s" }, err: "--github-url must be an http(s) URL" },
    { argv: ["--repo", "a/b"], env: { SEATS_PORTAL_CLIENT_ID: "c", SEATS_PORTAL_CLIENT_SECRET: "s" }, err: "no GitHub credentials" },
  ])("$err", async ({ argv, env, err }) => {
    const io = captureIo();
    const code = await main(["portal", ...argv], { io, env: { GITHUB_API_URL: "http://127.0.0.1:9", ...env } });
    expect(code).toBe(2);
    expect(io.stderr).toContain(err);
  });
});
