// GitHub derives a team's slug from its name; the folder is the slug, so Pulumi and the Copilot
// API address the same team the reviewer sees in the path.
import { finding, type Finding } from "../../model/findings.js";
import { teamSlug } from "../../model/logins.js";
import { at, type Rule } from "../rule.js";

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
            `team name ${JSON.stringify(t.name)} has no letters or digits, so GitHub cannot derive a slug from it`,
            "use a name with letters or digits, such as the folder name",
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
