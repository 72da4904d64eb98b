// `seats validate --online`, the pure half: every member file's login checked against who it is
// on GitHub now (and its `id`, when the file has one). The lookups come in as maps (batched reads
// in src/github/user-lookup.ts); this module only decides what each file's answer means.
// A file's `id` is the account's identity (README.md, "Member files"), so a login that no longer
// matches its id is a rename to follow, not a different person.
import { finding, type Finding } from "../model/findings.js";
import { loginKey } from "../model/logins.js";
import type { MemberDecl, SeatModel } from "../model/types.js";
import type { Account } from "../github/user-lookup.js";
import { at } from "./rule.js";

export const ONLINE_RULE = "online-identity";

/** A member file that can get the `id:` line it lacks (`--fix`). */
export interface MissingId {
  file: string;
  login: string;
  id: number;
}

/** An account whose id resolves to another login now: the file should be renamed. */
export interface RenamedFile {
  file: string;
  id: number;
  from: string;
  to: string;
  /** Where the file should live: the same team folder, the new login's name. */
  newFile: string;
}

export interface OnlineCheck {
  findings: Finding[];
  missingIds: MissingId[];
  renamed: RenamedFile[];
}

/** Ids whose login must be looked up too: files with an id their login does not resolve to. */
export function idsToLookUp(members: readonly MemberDecl[], byLogin: ReadonlyMap<string, Account | null>): number[] {
  const ids = new Set<number>();
  for (const m of members) if (m.id !== undefined && byLogin.get(loginKey(m.login))?.id !== m.id) ids.add(m.id);
  return [...ids];
}

/** What each member file's lookups mean, as located findings and the fixes they allow. */
export function checkOnline(model: Pick<SeatModel, "members" | "sources">, byLogin: ReadonlyMap<string, Account | null>, byId: ReadonlyMap<number, string | null>): OnlineCheck {
  const out: OnlineCheck = { findings: [], missingIds: [], renamed: [] };
  for (const m of model.members) {
    const account = byLogin.get(loginKey(m.login));
    const loginAt = at(model, m.file, ["login"]);
    if (m.id === undefined) {
      if (account) {
        out.missingIds.push({ file: m.file, login: m.login, id: account.id });
        out.findings.push(
          finding(ONLINE_RULE, loginAt, `no \`id:\`: ${m.login} is user id ${account.id}; with it, plans follow the account through a rename`, `add \`id: ${account.id}\` (seats validate --online --fix writes it)`, "warning"),
        );
      } else {
        out.findings.push(finding(ONLINE_RULE, loginAt, `login \`${m.login}\` is no GitHub user (a typo, a deleted account, or an organization)`, "correct the login, or delete the file"));
      }
      continue;
    }
    if (account?.id === m.id) continue;
    const idAt = at(model, m.file, ["id"]);
    const now = byId.get(m.id);
    if (now && loginKey(now) !== loginKey(m.login)) {
      const newFile = `${m.file.slice(0, m.file.lastIndexOf("/") + 1)}${now}.yaml`;
      out.renamed.push({ file: m.file, id: m.id, from: m.login, to: now, newFile });
      const taken = account ? `; \`${m.login}\` is now another account (id ${account.id}), which this file must not grant a seat to` : "";
      out.findings.push(
        finding(ONLINE_RULE, loginAt, `user id ${m.id} was renamed from ${m.login} to ${now} on GitHub${taken}; plans match it by id meanwhile`, `rename the file to ${newFile} and set \`login: ${now}\` (seats drift proposes it)`, account ? "error" : "warning"),
      );
    } else if (account) {
      out.findings.push(
        finding(ONLINE_RULE, idAt, `login \`${m.login}\` is user id ${account.id}, not ${m.id}${now === null ? ` (user id ${m.id} no longer exists)` : ""}`, `check who this file is for: set \`id: ${account.id}\` if it is ${m.login}, or delete the file`),
      );
    } else {
      out.findings.push(finding(ONLINE_RULE, loginAt, `neither login \`${m.login}\` nor user id ${m.id} is a GitHub user any more (a deleted account)`, "delete the file"));
    }
  }
  return out;
}
