// GitHub derives a team's slug from its name; the folder is the slug, so Pulumi and the Copilot
// API address the same team the reviewer sees in the path.
import { finding, type Finding } from "../../model/findings.js";
import { teamSlug } from "../../model/logins.js";
import { at, type Rule } from "../rule.js";

/** What teamSlug() can produce: lowercase ASCII letters, digits and `_`, joined by single dashes. */
const SLUG = /^[a-z0-9_]+(?:-[a-z0-9_]+)*$/;

export const teamFolderSlug: Rule = {
  id: "team-folder-slug",
  description: "a team folder's name equals the slug GitHub derives from the team's `name`",
  check(model) {
    const out: Finding[] = [];
    for (const t of model.teams) {
      const slug = teamSlug(t.name);
      if (!slug) {
        out.push(
          finding(
            this.id,
            at(model, t.file, ["name"]),
            `team name ${JSON.stringify(t.name)} has no ASCII letters or digits (a-z, 0-9), so GitHub cannot derive a slug from it that a folder could match`,
            `use a name with ASCII letters or digits whose slug is ${t.slug}, e.g. \`name: ${t.slug}\``,
          ),
        );
      } else if (slug !== t.slug && !SLUG.test(t.slug)) {
        // The folder can never be a slug (capitals, spaces): renaming it is the only fix.
        out.push(
          finding(
            this.id,
            at(model, t.file, ["name"]),
            `team folder seats/${t.slug}/ is not a slug (lowercase letters, digits, _ and single dashes); the slug of ${JSON.stringify(t.name)} is \`${slug}\``,
            `rename the folder to seats/${slug}/`,
          ),
        );
      } else if (slug !== t.slug) {
        out.push(
          finding(
            this.id,
            at(model, t.file, ["name"]),
            `team name ${JSON.stringify(t.name)} has the slug \`${slug}\`, but its folder is seats/${t.slug}/`,
            `rename the folder to seats/${slug}/ (and add \`previously: [${t.slug}]\` if the team already exists on GitHub), or change \`name\` so its slug is ${t.slug}`,
          ),
        );
      }
    }
    return out;
  },
};
