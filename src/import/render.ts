// Pure: the live org (teams, members, seats) → the files of a seat repo whose plan is empty.
//
// Mapping (README, "Files"): a team that GitHub assigns Copilot through selected_teams becomes
// `copilot: team`; a team whose every direct member holds a direct seat becomes `copilot: users`;
// any other team is `copilot: none` (membership only). Direct seat holders not covered by a
// `users` team get a file in one extra `copilot: users` team (default `copilot-users`), because in
// a `users` team every member file is a seat and we must neither grant nor drop anyone.
// Seats pending cancellation are already leaving and are not declared.
import { stringify } from "yaml";
import { UserError } from "../errors.js";
import { compareLogins, loginKey, teamSlug } from "../model/logins.js";
import type { OrgState, OrgTeam } from "./org-state.js";

export interface ImportOptions {
  /** Slug of the team that holds direct seats not covered by another `users` team. */
  seatTeam: string;
  /** YYYY-MM-DD, written into the reasons. */
  today: string;
  /** Several orgs (src/import/orgs.ts): the `org:` of this org's teams (unset for the first org). */
  teamOrg?: string;
  /** Several orgs: the policy's `orgs:`. */
  orgs?: readonly string[];
}

export interface ImportResult {
  /** Relative path → file content. */
  files: Map<string, string>;
  notes: string[];
  counts: { teams: number; memberFiles: number; seats: number };
}

const SCHEMA = {
  policy: "# yaml-language-server: $schema=./policy.schema.json",
  team: "# yaml-language-server: $schema=../../policies/team.schema.json",
  member: "# yaml-language-server: $schema=../../policies/member.schema.json",
};

function yamlFile(header: string, value: Record<string, unknown>): string {
  return `${header}\n${stringify(value, { lineWidth: 0 })}`;
}

export function renderImport(state: OrgState, opts: ImportOptions): ImportResult {
  const files = new Map<string, string>();
  const notes: string[] = [];
  const live = state.seats.filter((s) => !s.pending_cancellation_date);
  const pending = state.seats.length - live.length;
  if (pending) notes.push(`${pending} seat(s) pending cancellation were not declared (they are already leaving)`);
  const teamGranted = new Set(live.flatMap((s) => (s.assigning_team ? [s.assigning_team] : [])));
  const direct = new Map(live.filter((s) => !s.assigning_team).map((s) => [loginKey(s.login), s.login]));

  const modeOf = (t: OrgTeam): "team" | "users" | "none" => {
    if (teamGranted.has(t.slug)) return "team";
    if (t.members.length > 0 && t.members.every((m) => direct.has(loginKey(m)))) return "users";
    return "none";
  };

  const covered = new Set<string>();
  const teams = [...state.teams].sort((a, b) => (a.slug < b.slug ? -1 : 1));
  let memberFiles = 0;
  for (const t of teams) {
    const mode = modeOf(t);
    if (teamSlug(t.name) !== t.slug) {
      notes.push(`team "${t.name}" has slug ${t.slug} but seats validate derives ${teamSlug(t.name) || "(empty)"}: check it`);
    }
    const team: Record<string, unknown> = { name: t.name };
    if (opts.teamOrg) team.org = opts.teamOrg;
    if (t.description) team.description = t.description;
    team.privacy = t.privacy;
    if (t.parent) team.parent = t.parent;
    if (t.maintainers.length) team.maintainers = t.maintainers;
    team.copilot = mode;
    files.set(`seats/${t.slug}/_team.yaml`, yamlFile(SCHEMA.team, team));
    for (const login of t.members) {
      const seat = mode !== "none" || direct.has(loginKey(login));
      if (mode === "users") covered.add(loginKey(login));
      const reason =
        mode === "team"
          ? `Copilot through the ${t.slug} team (imported from ${state.org} on ${opts.today})`
          : mode === "users"
            ? `Held a Copilot seat when imported from ${state.org} on ${opts.today}`
            : `Member of ${t.slug} (imported from ${state.org} on ${opts.today})${seat ? "; seat declared elsewhere" : ""}`;
      files.set(`seats/${t.slug}/${login}.yaml`, yamlFile(SCHEMA.member, { login, reason }));
      memberFiles++;
    }
  }

  const uncovered = [...direct.entries()].filter(([k]) => !covered.has(k)).map(([, login]) => login).sort(compareLogins);
  if (uncovered.length) {
    const existing = teams.find((t) => t.slug === opts.seatTeam);
    if (existing) {
      throw new UserError(
        `team ${opts.seatTeam} already exists in ${state.org} and is not a seats-only team; choose another --seat-team`,
      );
    }
    files.set(
      `seats/${opts.seatTeam}/_team.yaml`,
      yamlFile(SCHEMA.team, {
        name: titleOf(opts.seatTeam),
        ...(opts.teamOrg ? { org: opts.teamOrg } : {}),
        description: `Directly assigned Copilot seats (created by seats import on ${opts.today})`,
        privacy: "closed",
        copilot: "users",
      }),
    );
    for (const login of uncovered) {
      files.set(
        `seats/${opts.seatTeam}/${login}.yaml`,
        yamlFile(SCHEMA.member, { login, reason: `Held a Copilot seat when imported from ${state.org} on ${opts.today}` }),
      );
      memberFiles++;
    }
    notes.push(
      `${uncovered.length} direct seat holder(s) are in no team where everyone holds a seat; they were put in seats/${opts.seatTeam}/ ` +
        `(a new GitHub team "${titleOf(opts.seatTeam)}" that pulumi up will create); move them to better teams later`,
    );
  }

  files.set(
    "policies/policy.yaml",
    yamlFile(SCHEMA.policy, {
      org: state.org,
      ...(opts.orgs ? { orgs: [...opts.orgs] } : {}),
      seats: { unmanaged: "remove", max_removal_ratio: 0.25 },
      inactivity: { days: 30, new_seat_grace_days: 14, exempt: [] },
      pricing: { usd_per_seat_month: state.plan_type === "enterprise" ? 39 : 19 },
    }),
  );
  return {
    files,
    notes,
    counts: { teams: teams.length + (uncovered.length ? 1 : 0), memberFiles, seats: live.length },
  };
}

function titleOf(slug: string): string {
  return slug
    .split(/[-_]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(" ");
}
