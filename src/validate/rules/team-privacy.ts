// GitHub's nesting rule: "Parent or child team: only `closed`". A secret
// team can have neither a parent nor children, and the API rejects the change with a 422 only
// after earlier changes have been applied, so it is caught here.
import { finding, type Finding } from "../../model/findings.js";
import { at, listWords, type Rule } from "../rule.js";

export const teamPrivacyNesting: Rule = {
  id: "team-privacy-nesting",
  description: "nested teams are `closed`: a `secret` team has neither a parent nor children",
  check(model) {
    const out: Finding[] = [];
    const children = new Map<string, string[]>();
    for (const t of model.teams) {
      if (t.parent !== undefined && t.parent !== t.slug) children.set(t.parent, [...(children.get(t.parent) ?? []), t.slug]);
    }
    for (const t of model.teams) {
      if (t.privacy !== "secret") continue;
      const where = at(model, t.file, ["privacy"]);
      if (t.parent !== undefined) {
        out.push(
          finding(
            this.id,
            where,
            `team ${t.slug} is secret but has a parent (${t.parent}); GitHub only allows closed teams to be nested`,
            "set `privacy: closed`, or remove `parent:`",
          ),
        );
      }
      const kids = children.get(t.slug);
      if (kids?.length) {
        out.push(
          finding(
            this.id,
            where,
            `team ${t.slug} is secret but is the parent of ${listWords(kids)}; GitHub only allows closed teams to be nested`,
            `set \`privacy: closed\`, or remove \`parent: ${t.slug}\` from ${listWords(kids.map((k) => `seats/${k}/_team.yaml`))}`,
          ),
        );
      }
    }
    return out;
  },
};
