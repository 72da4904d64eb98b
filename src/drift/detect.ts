// Drift: what changed on GitHub outside the repo, read from a full plan (pure). Incremental plans
// only look at the logins a change touches, so whatever was changed by hand elsewhere (a seat
// granted in the UI, a member added to a `copilot: team` team, a team assigned) is left alone by
// them; the nightly full plan finds it, and `seats drift` shows it in one reviewed PR. Merging the
// PR adopts what can be adopted (member files for hand-granted seats); closing it and running a
// full apply reverts it. Nothing is reverted without a reviewed change.
import { stringify } from "yaml";
import { UserError } from "../errors.js";
import { compareLogins } from "../model/logins.js";
import type { SeatModel } from "../model/types.js";
import { teamOrg } from "../plan/orgs.js";
import { renameFileChanges, type Rename } from "../plan/renames.js";
import type { Plan } from "../plan/types.js";

export interface DriftItem {
  kind: "renamed" | "seat_granted" | "seat_missing" | "team_member_added" | "team_assigned" | "kept";
  target: string;
  /** What happened on GitHub, in one sentence. */
  what: string;
  /** What merging the drift PR does / what a full apply does instead. */
  adopt: string;
  revert: string;
}

export interface Drift {
  org: string;
  /** Only with several orgs (policy.yaml `orgs:`): every org the full plan read. */
  orgs?: string[];
  items: DriftItem[];
  /** Files that adopt the drift (path → content; null deletes): hand-granted seats, renamed accounts. */
  adoption: Map<string, string | null>;
  /** The checksum of the full plan the drift was read from (a full apply with it reverts the drift). */
  checksum: string;
}

export interface DriftOptions {
  /**
   * Team folder for adopted seats (a `copilot: users` team; created when missing). With several
   * orgs it is the folder for its own org (`org`, when it does not exist yet); a seat granted by
   * hand in another org goes to `<seatTeam>-<org>` (seatTeamFor), so it is declared where it is.
   */
  seatTeam: string;
  /** YYYY-MM-DD, written into the adopted files' reasons. */
  today: string;
  /** A member file's text, so a renamed account's file keeps its comments and layout. */
  textOf?: (file: string) => string | undefined;
}

const MEMBER_HEADER = "# yaml-language-server: $schema=../../policies/member.schema.json";

function memberFile(login: string, today: string): string {
  return `${MEMBER_HEADER}\n${stringify({ login, reason: `adopted ${today}: seat granted on GitHub outside the repo (seats drift)` }, { lineWidth: 0 })}`;
}

/**
 * The folder a seat granted by hand in `org` is adopted into: `seatTeam` in its own org (the
 * policy's `org` when the folder does not exist yet), else `<seatTeam>-<org>`. Refused when that
 * folder exists but cannot hold it (another org's, or not `copilot: users`), with the fix.
 */
export function seatTeamFor(model: Pick<SeatModel, "teams" | "policy">, seatTeam: string, org: string): { slug: string; org: string; exists: boolean } {
  const named = model.teams.find((t) => t.slug === seatTeam);
  const home = named ? teamOrg(named, model.policy) : model.policy.org;
  const slug = home.toLowerCase() === org.toLowerCase() ? seatTeam : `${seatTeam}-${org.toLowerCase()}`;
  const team = model.teams.find((t) => t.slug === slug);
  if (team && (team.copilot !== "users" || team.enterprise_team || teamOrg(team, model.policy).toLowerCase() !== org.toLowerCase())) {
    throw new UserError(
      `seats/${slug} cannot take the seats granted by hand in ${org}: it is ${team.enterprise_team ? "an enterprise team" : `copilot: ${team.copilot} in ${teamOrg(team, model.policy)}`}; ` +
        `make it a copilot: users team of ${org} (\`org: ${org}\` in its _team.yaml) or pass another --seat-team`,
    );
  }
  return { slug, org, exists: !!team };
}

export function detectDrift(model: Pick<SeatModel, "teams" | "members" | "policy">, plan: Plan, opts: DriftOptions, renames: readonly Rename[] = []): Drift {
  // With several orgs each change names its org (plan/orgs.ts); a hand-granted seat is adopted
  // into a folder of that org, and the table says which org each row is about.
  const several = !!plan.orgs;
  const inOrg = (org: string | undefined) => (several && org ? ` in ${org}` : "");
  const created = new Map<string, string>();
  const items: DriftItem[] = [];
  const adoption = new Map<string, string | null>();
  for (const r of renames) {
    items.push({
      kind: "renamed",
      target: r.from,
      what: `account ${r.id} was renamed from ${r.from} to ${r.to} on GitHub (matched by the id in ${r.files.join(", ")}); it is planned as ${r.to}`,
      adopt: `rename ${r.files.join(", ")} to ${r.to}.yaml`,
      revert: "nothing to revert: a rename is GitHub's; until the files follow, plans match the account by id",
    });
  }
  for (const c of renameFileChanges(model, renames, opts.textOf)) adoption.set(c.path, c.content);
  for (const c of plan.changes) {
    if (c.action === "cancel") {
      const team = seatTeamFor(model, opts.seatTeam, c.org ?? model.policy.org);
      if (!team.exists) created.set(team.slug, team.org);
      items.push({
        kind: "seat_granted",
        target: c.target,
        what: `${c.target} holds a seat${inOrg(c.org)} that the repo does not declare (${c.reason})`,
        adopt: `seats/${team.slug}/${c.target}.yaml declares it`,
        revert: "a full apply cancels the seat",
      });
      adoption.set(`seats/${team.slug}/${c.target}.yaml`, memberFile(c.target, opts.today));
    } else if (c.action === "add" || c.action === "readd") {
      items.push({
        kind: "seat_missing",
        target: c.target,
        what: `${c.target} is declared but ${c.action === "readd" ? "their seat is pending cancellation" : "holds no seat"}${inOrg(c.org)} (${c.reason})`,
        adopt: `delete ${c.sources.filter((f) => f.startsWith("seats/")).join(", ") || "the member file"} in a PR of its own (a removal is reviewed like any change)`,
        revert: "a full apply grants the seat again",
      });
    } else if (c.action === "remove_team") {
      items.push({
        kind: "team_assigned",
        target: c.target,
        what: `${c.reason}${inOrg(c.org)}`,
        adopt: `declare team "${c.target}" with \`copilot: team\` (a team change, reviewed by an admin)`,
        revert: `a full apply unassigns the team${c.logins?.length ? ` (${c.logins.length} seat(s) go with it)` : ""}`,
      });
    } else if (c.action === "add_team") {
      items.push({ kind: "seat_missing", target: c.target, what: `${c.reason}${inOrg(c.org)}`, adopt: "nothing to adopt: the files ask for it", revert: "a full apply assigns the team" });
    }
  }
  for (const b of plan.blocked) {
    if (b.kind !== "team_granted") continue;
    items.push({ kind: "team_member_added", target: b.target, what: `${b.reason}${inOrg(b.org)}`, adopt: `add seats/${b.team}/${b.target}.yaml`, revert: `\`pulumi up\` removes ${b.target} from team "${b.team}"` });
  }
  for (const k of plan.kept) {
    items.push({ kind: "kept", target: k.login, what: `${k.reason}${inOrg(k.org)}`, adopt: `seats import --merge declares it`, revert: "kept (seats.unmanaged: keep)" });
  }
  items.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : compareLogins(a.target, b.target)));
  for (const [slug, org] of created) {
    // A folder of the policy's own org needs no `org:` (the default), as in a single-org repo.
    const team = org.toLowerCase() === model.policy.org.toLowerCase() ? { name: slug, copilot: "users" } : { name: slug, org, copilot: "users" };
    adoption.set(`seats/${slug}/_team.yaml`, `# yaml-language-server: $schema=../../policies/team.schema.json\n${stringify(team)}`);
  }
  return { org: plan.org, ...(plan.orgs ? { orgs: plan.orgs } : {}), items, adoption, checksum: plan.checksum };
}

/** The PR (or dry-run) body: one table of what changed, and the two ways out. */
export function renderDrift(d: Drift): string {
  const where = (d.orgs ?? [d.org]).join(", ");
  if (!d.items.length) return `No drift: GitHub matches seats/ for ${where}.`;
  const esc = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const lines = [
    `<!-- seats-drift -->`,
    `## ${d.items.length} change${d.items.length === 1 ? "" : "s"} made on GitHub outside the repo (${where})`,
    "",
    "Found by the nightly full plan. Nothing is reverted without a reviewed change:",
    `- **merge this PR** to adopt what it can (${d.adoption.size} file change${d.adoption.size === 1 ? "" : "s"}: member files for seats granted by hand, renamed member files);`,
    `- or **close it** and revert on the next full apply (\`seats apply --full --confirm --checksum ${d.checksum}\`, from the seats-apply workflow's dispatch).`,
    "",
    "| | who / what | on GitHub | adopt | revert |",
    "|---|---|---|---|---|",
    ...d.items.map((i) => `| ${i.kind.replace(/_/g, " ")} | \`${esc(i.target)}\` | ${esc(i.what)} | ${esc(i.adopt)} | ${esc(i.revert)} |`),
  ];
  return `${lines.join("\n")}\n`;
}
