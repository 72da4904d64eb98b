// Pure part of the Pulumi program: turns the validated seat model into one plain, serializable
// description per team (what to create, under which names, with which safety options). No Pulumi
// import here, so the rules that keep `pulumi up` safe are unit-tested as data.
import { compareLogins, loginKey } from "../src/model/logins.js";
import { teamRoster } from "../src/model/seat-holders.js";
import type { CopilotMode, Privacy, SeatModel, TeamDecl } from "../src/model/types.js";
import { UserError } from "../src/errors.js";

export type MemberRole = "member" | "maintainer";

export interface TeamMemberSpec {
  username: string;
  role: MemberRole;
}

export interface TeamPlan {
  /** Folder name = GitHub slug; the Pulumi name of the component and its Team child. */
  slug: string;
  name: string;
  description: string;
  privacy: Privacy;
  /** Slug of the parent team; the parent always comes earlier in `planTeams`' result. */
  parent?: string;
  copilot: CopilotMode;
  /** Old slugs (`previously:`), which become Pulumi aliases so a rename updates in place. */
  previously: string[];
  /** Authoritative member list: deduplicated case-insensitively, maintainers win, sorted. */
  members: TeamMemberSpec[];
  /** Declared logins left out of `members` because they are not org members (infra/org-members.ts). */
  leftOut: string[];
  /** Undeclared logins kept in `members` by the last check before revocation (infra/org-members.ts). */
  kept: string[];
  /**
   * True for teams that grant Copilot seats (`copilot: users | team`): their github.Team is
   * created with `protect`, so deleting the team (a removed folder, a rename that forgot
   * `previously:`) fails the update instead of deleting a team that holds seats.
   */
  protect: boolean;
}

/** Pulumi resource names derived from a slug. Children carry the parent's name as a prefix so
 * the engine's parent-alias inheritance renames them together with the component. */
export const resourceNames = {
  component: (slug: string): string => slug,
  team: (slug: string): string => slug,
  members: (slug: string): string => `${slug}-members`,
};

export function grantsSeats(copilot: CopilotMode): boolean {
  return copilot !== "none";
}

/**
 * The team's authoritative member list: its roster (member files as `member`, maintainers as
 * `maintainer`; the model's one definition, shared with the planner), without the logins that
 * `leftOut` names (declared non-members, unless the policy opts in to invitations).
 */
export function teamMembers(team: Pick<TeamDecl, "members" | "maintainers">, leftOut: ReadonlySet<string> = new Set()): TeamMemberSpec[] {
  return teamRoster(team)
    .filter((r) => !leftOut.has(loginKey(r.login)))
    .map((r) => ({ username: r.login, role: r.role }));
}

/**
 * One plan per declared team, parents before children (GitHub needs the parent's id before the
 * child can be created), otherwise by slug. The model is expected to be valid (loadValidModel);
 * the checks below only guard the invariants this program relies on, so a bug elsewhere fails
 * loudly instead of producing duplicate URNs or a half-applied tree.
 */
export function planTeams(
  model: Pick<SeatModel, "teams">,
  leftOut: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
  kept: ReadonlyMap<string, readonly string[]> = new Map(),
): TeamPlan[] {
  const bySlug = new Map<string, TeamDecl>();
  for (const t of model.teams) {
    if (bySlug.has(t.slug)) throw new UserError(`team ${t.slug} is declared twice; run \`seats validate\``);
    bySlug.set(t.slug, t);
  }
  const claimed = new Map<string, string>();
  for (const t of model.teams) {
    for (const old of t.previously) {
      const other = bySlug.has(old) ? old : claimed.get(old);
      if (other !== undefined && other !== t.slug) {
        throw new UserError(
          `seats/${t.slug}/_team.yaml: \`previously: ${old}\` clashes with team ${other}; run \`seats validate\` for the fix`,
        );
      }
      claimed.set(old, t.slug);
    }
  }

  const ordered: TeamPlan[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (t: TeamDecl, path: string[]): void => {
    const s = state.get(t.slug);
    if (s === "done") return;
    if (s === "visiting") {
      throw new UserError(`team parents form a cycle: ${[...path, t.slug].join(" → ")}; run \`seats validate\``);
    }
    state.set(t.slug, "visiting");
    if (t.parent !== undefined) {
      const parent = bySlug.get(t.parent);
      if (!parent) {
        throw new UserError(`seats/${t.slug}/_team.yaml: parent \`${t.parent}\` is not a declared team; run \`seats validate\``);
      }
      visit(parent, [...path, t.slug]);
    }
    state.set(t.slug, "done");
    ordered.push(toPlan(t, leftOut.get(t.slug), kept.get(t.slug) ?? []));
  };
  for (const t of [...model.teams].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))) visit(t, []);
  return ordered;
}

/**
 * The authoritative member list with the logins the last check keeps (infra/org-members.ts) that
 * it does not list already, and those logins. Shared by org teams and enterprise teams.
 */
export function membersKeeping(t: Pick<TeamDecl, "members" | "maintainers">, leftOut: ReadonlySet<string> | undefined, keep: readonly string[]): { members: TeamMemberSpec[]; kept: string[] } {
  const members = teamMembers(t, leftOut);
  const listed = new Set(members.map((m) => loginKey(m.username)));
  const kept = [...new Map(keep.filter((l) => !listed.has(loginKey(l))).map((l) => [loginKey(l), l])).values()];
  // Kept members are plain members: reclaim deletes member files, never maintainers: entries.
  return { kept, members: kept.length ? [...members, ...kept.map((username) => ({ username, role: "member" as const }))].sort((a, b) => compareLogins(a.username, b.username)) : members };
}

function toPlan(t: TeamDecl, leftOut: ReadonlySet<string> | undefined, keep: readonly string[]): TeamPlan {
  const { members, kept } = membersKeeping(t, leftOut, keep);
  return {
    slug: t.slug,
    name: t.name,
    description: t.description,
    privacy: t.privacy,
    ...(t.parent !== undefined ? { parent: t.parent } : {}),
    copilot: t.copilot,
    previously: [...t.previously],
    members,
    kept,
    leftOut: teamRoster(t).filter((r) => leftOut?.has(loginKey(r.login))).map((r) => r.login),
    protect: grantsSeats(t.copilot),
  };
}
