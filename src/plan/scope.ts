// What a change touches: from the files a commit range changes (`git diff --name-status`), the
// logins whose member files were added, edited or deleted, or the reason the change needs a full
// plan instead. Pure: the git side is src/validate/git-changes.ts.
//
// Why these fall back to a full plan (docs/plan-apply.md, "Incremental plans"):
// - policies/policy.yaml changes what every seat is judged by (unmanaged, the removal guard);
// - a _team.yaml change (mode, parent, rename) changes the seats of every member of the team;
// - a member file of a `copilot: team` team (or of a team nested under one) is a team change:
//   the team's assignment covers all its members, so its seats cannot be judged one login at a time;
// - a path under seats/ that is neither a _team.yaml nor a member file is something the loader
//   does not know; a full plan is the safe reading.
import { loginKey } from "../model/logins.js";
import { POLICY_FILE, SEATS_DIR, TEAM_FILE, type SeatModel, type TeamDecl } from "../model/types.js";

export interface ChangedFile {
  /** Path relative to the repo root, with forward slashes. */
  file: string;
  change: "added" | "modified" | "deleted";
}

export type Scope =
  | { kind: "logins"; /** Touched logins as written in the file names, sorted by key, one per key. */ logins: string[]; files: string[] }
  | { kind: "full"; reason: string };

/** Slugs (lowercased) of every `copilot: team` team and every team nested under one. */
export function teamGrantedSlugs(teams: readonly Pick<TeamDecl, "slug" | "parent" | "copilot">[]): Set<string> {
  const children = new Map<string, string[]>();
  for (const t of teams) {
    if (!t.parent) continue;
    const k = t.parent.toLowerCase();
    children.set(k, [...(children.get(k) ?? []), t.slug.toLowerCase()]);
  }
  const out = new Set<string>();
  const stack = teams.filter((t) => t.copilot === "team").map((t) => t.slug.toLowerCase());
  while (stack.length) {
    const s = stack.pop() as string;
    if (out.has(s)) continue; // a cycle is a validation error; never loop on one
    out.add(s);
    stack.push(...(children.get(s) ?? []));
  }
  return out;
}

/** Login keys with a member file in a team-granted team (see teamGrantedSlugs). */
export function teamGrantedLogins(model: Pick<SeatModel, "teams">): Set<string> {
  const slugs = teamGrantedSlugs(model.teams);
  const out = new Set<string>();
  for (const t of model.teams) if (slugs.has(t.slug.toLowerCase())) for (const m of t.members) out.add(loginKey(m.login));
  return out;
}

/**
 * The scope of a change, judged against the model after it (`head`). Files outside seats/ and
 * policies/policy.yaml never change a plan (the JSON Schemas, docs, code) and are ignored.
 */
export function scopeOfChanges(changes: readonly ChangedFile[], head: Pick<SeatModel, "teams">): Scope {
  const granted = teamGrantedSlugs(head.teams);
  const grantedLogins = teamGrantedLogins(head);
  const logins = new Map<string, string>();
  const files: string[] = [];
  for (const { file } of [...changes].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    if (file === POLICY_FILE) return { kind: "full", reason: `${POLICY_FILE} changed` };
    if (!file.startsWith(`${SEATS_DIR}/`)) continue;
    const parts = file.split("/");
    if (parts.length !== 3 || !parts[2]!.endsWith(".yaml")) return { kind: "full", reason: `${file} is not a team or member file` };
    const [, folder, name] = parts as [string, string, string];
    if (name === TEAM_FILE) return { kind: "full", reason: `${file} changed (a team change)` };
    if (granted.has(folder.toLowerCase())) return { kind: "full", reason: `${file} is in a copilot: team team (a team change)` };
    const login = name.slice(0, -".yaml".length);
    const k = loginKey(login);
    if (grantedLogins.has(k)) return { kind: "full", reason: `${login} is also a member of a copilot: team team` };
    if (!logins.has(k)) logins.set(k, login);
    files.push(file);
  }
  const sorted = [...logins.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, l]) => l);
  return { kind: "logins", logins: sorted, files };
}
