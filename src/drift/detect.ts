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
  items: DriftItem[];
  /** Files that adopt the drift (path → content; null deletes): hand-granted seats, renamed accounts. */
  adoption: Map<string, string | null>;
  /** The checksum of the full plan the drift was read from (a full apply with it reverts the drift). */
  checksum: string;
}

export interface DriftOptions {
  /** Team folder for adopted seats (a `copilot: users` team; created when missing). */
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

export function detectDrift(model: Pick<SeatModel, "teams" | "members">, plan: Plan, opts: DriftOptions, renames: readonly Rename[] = []): Drift {
  // Adopted seats go to one folder, which is one org's: with several orgs a seat granted by hand
  // in another org would be declared in the wrong one. Refused rather than guessed.
  if (plan.orgs) {
    throw new UserError(
      `drift across several orgs (${plan.orgs.join(", ")}) is not supported yet: adopted seats would land in one org's team; ` +
        "run `seats plan` to see each org's differences and declare them in that org's teams (docs/enterprise.md, \"Not done yet\")",
    );
  }
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
  const seatTeam = model.teams.find((t) => t.slug === opts.seatTeam);
  for (const c of plan.changes) {
    if (c.action === "cancel") {
      items.push({
        kind: "seat_granted",
        target: c.target,
        what: `${c.target} holds a seat that the repo does not declare (${c.reason})`,
        adopt: `seats/${opts.seatTeam}/${c.target}.yaml declares it`,
        revert: "a full apply cancels the seat",
      });
      adoption.set(`seats/${opts.seatTeam}/${c.target}.yaml`, memberFile(c.target, opts.today));
    } else if (c.action === "add" || c.action === "readd") {
      items.push({
        kind: "seat_missing",
        target: c.target,
        what: `${c.target} is declared but ${c.action === "readd" ? "their seat is pending cancellation" : "holds no seat"} (${c.reason})`,
        adopt: `delete ${c.sources.filter((f) => f.startsWith("seats/")).join(", ") || "the member file"} in a PR of its own (a removal is reviewed like any change)`,
        revert: "a full apply grants the seat again",
      });
    } else if (c.action === "remove_team") {
      items.push({
        kind: "team_assigned",
        target: c.target,
        what: c.reason,
        adopt: `declare team "${c.target}" with \`copilot: team\` (a team change, reviewed by an admin)`,
        revert: `a full apply unassigns the team${c.logins?.length ? ` (${c.logins.length} seat(s) go with it)` : ""}`,
      });
    } else if (c.action === "add_team") {
      items.push({ kind: "seat_missing", target: c.target, what: c.reason, adopt: "nothing to adopt: the files ask for it", revert: "a full apply assigns the team" });
    }
  }
  for (const b of plan.blocked) {
    if (b.kind !== "team_granted") continue;
    items.push({ kind: "team_member_added", target: b.target, what: b.reason, adopt: `add seats/${b.team}/${b.target}.yaml`, revert: `\`pulumi up\` removes ${b.target} from team "${b.team}"` });
  }
  for (const k of plan.kept) {
    items.push({ kind: "kept", target: k.login, what: k.reason, adopt: `seats import --merge declares it`, revert: "kept (seats.unmanaged: keep)" });
  }
  items.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : compareLogins(a.target, b.target)));
  if (adoption.size && !seatTeam) {
    adoption.set(`seats/${opts.seatTeam}/_team.yaml`, `# yaml-language-server: $schema=../../policies/team.schema.json\n${stringify({ name: opts.seatTeam, copilot: "users" })}`);
  }
  return { org: plan.org, items, adoption, checksum: plan.checksum };
}

/** The PR (or dry-run) body: one table of what changed, and the two ways out. */
export function renderDrift(d: Drift): string {
  if (!d.items.length) return `No drift: GitHub matches seats/ for ${d.org}.`;
  const esc = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const lines = [
    `<!-- seats-drift -->`,
    `## ${d.items.length} change${d.items.length === 1 ? "" : "s"} made on GitHub outside the repo (${d.org})`,
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
