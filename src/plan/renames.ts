// Identity that survives renames: a member file's `id` is the account's identity when present.
// A declared login that is no org member but whose id is (under another login) is a renamed
// account: the plan treats the file as the new login (no cancel of the new login's seat and
// re-add of the old, which GitHub would refuse anyway), and `seats drift` proposes the file
// rename. Only files with an `id` whose login is not an org member are looked up, one
// `GET /user/{account_id}` each: a handful at most, never one per seat.
import { stringify } from "yaml";
import type { GitHubClient } from "../github/client.js";
import { lookupIds } from "../github/user-lookup.js";
import { loginKey } from "../model/logins.js";
import { withLogin } from "../model/member-edit.js";
import type { MemberDecl, SeatModel } from "../model/types.js";

export interface Rename {
  id: number;
  /** The login the files say. */
  from: string;
  /** The account's login on GitHub now. */
  to: string;
  /** The member files that declare `from` with this id. */
  files: string[];
}

/** Member files with an `id` whose login is not an org member, one per id. */
export function renameSuspects(model: Pick<SeatModel, "members">, snapshot: { readonly members: readonly string[] }): MemberDecl[] {
  const members = new Set(snapshot.members.map(loginKey));
  const byId = new Map<number, MemberDecl>();
  for (const m of model.members) if (m.id !== undefined && !members.has(loginKey(m.login)) && !byId.has(m.id)) byId.set(m.id, m);
  return [...byId.values()];
}

export async function findRenames(client: GitHubClient, model: Pick<SeatModel, "members">, snapshot: { readonly members: readonly string[] }): Promise<Rename[]> {
  const suspects = renameSuspects(model, snapshot);
  const logins = await lookupIds(client, suspects.map((m) => m.id!));
  return renamesOf(model, suspects, logins);
}

/**
 * The renames among `suspects` (pure): an id whose current login is not the one its files say.
 * An id that resolves to nobody is a deleted account; the plan reports its login as no member.
 */
export function renamesOf(model: Pick<SeatModel, "members">, suspects: readonly MemberDecl[], logins: ReadonlyMap<number, string | null>): Rename[] {
  const out: Rename[] = [];
  for (const m of suspects) {
    const login = logins.get(m.id!);
    if (!login || loginKey(login) === loginKey(m.login)) continue;
    const files = model.members.filter((x) => x.id === m.id && loginKey(x.login) === loginKey(m.login)).map((x) => x.file);
    out.push({ id: m.id!, from: m.login, to: login, files });
  }
  return out;
}

/** The model with each renamed login replaced by the account's current one (file paths unchanged). */
export function withRenames<M extends Pick<SeatModel, "teams" | "members">>(model: M, renames: readonly Rename[]): M {
  if (!renames.length) return model;
  const to = new Map(renames.flatMap((r) => r.files.map((f) => [f, r.to] as const)));
  const rename = (m: MemberDecl): MemberDecl => (to.has(m.file) ? { ...m, login: to.get(m.file)! } : m);
  return { ...model, members: model.members.map(rename), teams: model.teams.map((t) => ({ ...t, members: t.members.map(rename) })) };
}

/**
 * The file changes that rename the member files: the old file deleted, the new one written. With
 * the old file's text (`textOf`), the new file is that text with only the login changed
 * (comments and layout kept); without it, or when the layout cannot be edited, it is written anew.
 */
export function renameFileChanges(
  model: Pick<SeatModel, "members">,
  renames: readonly Rename[],
  textOf: (file: string) => string | undefined = () => undefined,
): { path: string; content: string | null }[] {
  const out: { path: string; content: string | null }[] = [];
  for (const r of renames) {
    for (const file of r.files) {
      const m = model.members.find((x) => x.file === file)!;
      const dir = file.slice(0, file.lastIndexOf("/"));
      const old = textOf(file);
      const edited = old === undefined ? undefined : withLogin(old, r.to);
      const body = { login: r.to, reason: m.reason, ...(m.expires ? { expires: m.expires } : {}), id: r.id };
      out.push({ path: file, content: null });
      out.push({ path: `${dir}/${r.to}.yaml`, content: edited ?? `# yaml-language-server: $schema=../../policies/member.schema.json\n${stringify(body, { lineWidth: 0 })}` });
    }
  }
  return out;
}
