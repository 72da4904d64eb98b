// Reclaimed maintainers of `copilot: team` teams. The Pulumi program keeps every `maintainers:`
// login in the team, and in a `copilot: team` team every member holds a seat, so deleting such a
// person's member file alone ends nothing (and leaves every later apply with a blocked change).
// The reclaim PR therefore also removes them from `maintainers:` of those teams, in the same
// commit, with a note asking the team to name another maintainer when none is left. Pure: the
// _team.yaml text in, the edited text out (comments and layout kept by the yaml Document API).
import { parseDocument, isSeq, isScalar } from "yaml";
import { loginKey } from "../model/logins.js";
import type { TeamDecl } from "../model/types.js";
import type { SeatDecision } from "./classify.js";

export interface MaintainerRemoval {
  team: string;
  file: string;
  logins: string[];
}

/** Which reclaimed people are maintainers of which `copilot: team` team they lose their seat in. */
export function maintainerRemovals(reclaim: readonly SeatDecision[], teams: readonly TeamDecl[]): MaintainerRemoval[] {
  const out: MaintainerRemoval[] = [];
  for (const team of teams) {
    if (team.copilot !== "team") continue;
    const maint = new Set(team.maintainers.map(loginKey));
    const logins = reclaim.filter((d) => d.team_mode_teams.includes(team.slug) && maint.has(loginKey(d.login))).map((d) => d.login);
    if (logins.length) out.push({ team: team.slug, file: team.file, logins });
  }
  return out;
}

/** `text` without `logins` in its top-level `maintainers:` list; `left` counts who remains. */
export function withoutMaintainers(text: string, logins: readonly string[]): { text: string; removed: string[]; left: number } {
  const doc = parseDocument(text);
  const seq = doc.get("maintainers", true);
  if (!isSeq(seq)) return { text, removed: [], left: 0 };
  const gone = new Set(logins.map(loginKey));
  const removed: string[] = [];
  seq.items = seq.items.filter((item) => {
    const v = isScalar(item) ? item.value : item;
    if (typeof v === "string" && gone.has(loginKey(v))) {
      removed.push(v);
      return false;
    }
    return true;
  });
  if (!removed.length) return { text, removed, left: seq.items.length };
  return { text: doc.toString(), removed, left: seq.items.length };
}

export function maintainerNote(r: MaintainerRemoval & { left: number }): string {
  const who = r.logins.map((l) => `@${l}`).join(", ");
  return (
    `${who} ${r.logins.length === 1 ? "is a maintainer" : "are maintainers"} of \`${r.team}\`, a \`copilot: team\` team: maintainers stay team members (and keep the seat), ` +
    `so this PR also removes ${r.logins.length === 1 ? "them" : "them"} from \`maintainers:\` in \`${r.file}\`.` +
    (r.left === 0 ? ` The team has no maintainer left: name one in this PR or soon after, or its seat PRs need an admin.` : "")
  );
}

/**
 * `copilot: team` teams this PR leaves declaring nobody (every member file deleted, no maintainer
 * left): `pulumi up` cannot empty a team (docs/pulumi.md), so their people stay on it on GitHub
 * and keep the team's seat, which every later plan shows as blocked.
 */
export function emptiedTeams(teams: readonly TeamDecl[], deleted: readonly string[], reclaimed: readonly string[]): string[] {
  const gone = new Set(deleted);
  const out = new Set(reclaimed.map(loginKey));
  return teams
    .filter((t) => t.copilot === "team" && t.members.length > 0 && t.members.every((m) => gone.has(m.file)) && t.maintainers.every((l) => out.has(loginKey(l))))
    .map((t) => t.slug);
}

export function emptiedTeamsNote(slugs: readonly string[]): string {
  const list = slugs.map((s) => `\`${s}\``).join(", ");
  return (
    `This PR removes everyone declared in ${list} (\`copilot: team\`): \`pulumi up\` cannot empty a team (docs/pulumi.md), ` +
    `so they stay team members on GitHub and keep the team's seat. After merging, remove them from the team on GitHub (or set \`copilot: none\` in its \`_team.yaml\`).`
  );
}
