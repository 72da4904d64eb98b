// `previously` lists a team's old slugs so a rename updates the team in place. An old slug that
// is still (or again) a declared team, or that two teams claim, would make the apply step rename
// the wrong team, or two teams onto one.
import { finding, type Finding } from "../../model/findings.js";
import { at, type Rule } from "../rule.js";
import { declaredSlugs } from "./team-parent.js";

const SLUG = /^[a-z0-9_](?:[a-z0-9_]|-(?=[a-z0-9_]))*$/;

export const teamPreviously: Rule = {
  id: "team-previously",
  description: "`previously` slugs are slugs, not the team's own, not another declared team's, and claimed by one team",
  check(model) {
    const out: Finding[] = [];
    const declared = declaredSlugs(model);
    const claimedBy = new Map<string, string>();
    for (const t of model.teams) {
      const own = new Set<string>();
      t.previously.forEach((old, i) => {
        const where = at(model, t.file, ["previously", i]);
        if (!SLUG.test(old)) {
          out.push(
            finding(
              this.id,
              where,
              `\`${old}\` is not a team slug (lowercase letters, digits, _ and single dashes)`,
              "write the team's old slug exactly as it appears in its GitHub URL",
            ),
          );
        } else if (old === t.slug) {
          out.push(finding(this.id, where, `team ${t.slug} lists its own slug in \`previously\``, `remove \`${old}\` from the list`));
        } else if (declared.has(old)) {
          out.push(
            finding(
              this.id,
              where,
              `\`${old}\` is listed as an old slug of ${t.slug}, but seats/${old}/ is a declared team`,
              `remove \`${old}\` from \`previously\`, or remove seats/${old}/ if it was renamed to ${t.slug}`,
            ),
          );
        } else if (own.has(old)) {
          out.push(finding(this.id, where, `\`${old}\` is listed twice in \`previously\``, "delete one of the two entries"));
        } else if (claimedBy.has(old)) {
          out.push(
            finding(
              this.id,
              where,
              `\`${old}\` is also listed in \`previously\` of team ${claimedBy.get(old)}; one old team cannot become two`,
              `keep \`${old}\` in only one team's \`previously\``,
            ),
          );
        }
        own.add(old);
        if (!claimedBy.has(old)) claimedBy.set(old, t.slug);
      });
    }
    return out;
  },
};
