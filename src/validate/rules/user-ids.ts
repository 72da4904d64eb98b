// A numeric user id is stable across renames; the same id under two logins, or one login with
// two ids, means one of the files is wrong (a stale rename or a copy-paste).
import { finding, type Finding } from "../../model/findings.js";
import { loginKey } from "../../model/logins.js";
import type { MemberDecl } from "../../model/types.js";
import { at, type Rule } from "../rule.js";

export const userIds: Rule = {
  id: "user-ids",
  description: "one user `id` belongs to one login, and one login has one `id`",
  check(model) {
    const out: Finding[] = [];
    const byId = new Map<number, MemberDecl[]>();
    const byLogin = new Map<string, MemberDecl[]>();
    for (const m of model.members) {
      if (m.id === undefined) continue;
      byId.set(m.id, [...(byId.get(m.id) ?? []), m]);
      byLogin.set(loginKey(m.login), [...(byLogin.get(loginKey(m.login)) ?? []), m]);
    }
    for (const [id, ms] of byId) {
      for (const m of ms) {
        const other = ms.find((o) => loginKey(o.login) !== loginKey(m.login));
        if (!other) continue;
        out.push(
          finding(
            this.id,
            at(model, m.file, ["id"]),
            `user id ${id} is also given for login \`${other.login}\` in ${other.file}; an id belongs to one account`,
            "look the id up (GET /users/<login>) and correct the file that is wrong, or remove `id:`",
          ),
        );
      }
    }
    for (const ms of byLogin.values()) {
      for (const m of ms) {
        const other = ms.find((o) => o.id !== m.id);
        if (!other) continue;
        out.push(
          finding(
            this.id,
            at(model, m.file, ["id"]),
            `login \`${m.login}\` has id ${m.id} here but id ${other.id} in ${other.file}`,
            "look the id up (GET /users/<login>) and use the same id in every file, or remove `id:`",
          ),
        );
      }
    }
    return out;
  },
};
