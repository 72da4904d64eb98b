// Enterprise mode and several organizations hold together (docs/enterprise.md): enterprise billing
// and enterprise teams need the enterprise's slug; the enterprise assigns seats to enterprise teams
// only, so a `copilot: team` team in enterprise billing must be an enterprise team; a team's `org:`
// is one of `orgs:`, and a nested team is in its parent's org (GitHub nests teams within one org);
// an enterprise team belongs to the enterprise, not to an org.
import { finding, type Finding } from "../../model/findings.js";
import { at, type Rule } from "../rule.js";

export const enterpriseConfig: Rule = {
  id: "enterprise-config",
  description: "enterprise billing and enterprise teams name the enterprise; team orgs are listed in `orgs`",
  check(model) {
    const p = model.policy;
    // A rejected policy.yaml (placeholder `org: ""`) is reported already; judged against the
    // placeholder, every team with `org:` would get a second, wrong error.
    if (p.org === "") return [];
    const out: Finding[] = [];
    const enterpriseBilling = p.copilot.billing === "enterprise";
    if (enterpriseBilling && !p.enterprise) {
      out.push(
        finding(
          this.id,
          at(model, p.file, ["copilot", "billing"]),
          "`copilot.billing: enterprise` needs the enterprise's slug, and `enterprise` is not set",
          "add `enterprise: <slug>` to policies/policy.yaml (the <slug> of github.com/enterprises/<slug>)",
        ),
      );
    }
    const orgs = new Set(p.orgs.map((o) => o.toLowerCase()));
    // Org logins are case-insensitive: `[acme, ACME]` would plan, apply and bill acme twice.
    const twice = p.orgs.findIndex((o, i) => p.orgs.findIndex((x) => x.toLowerCase() === o.toLowerCase()) !== i);
    if (twice >= 0) {
      out.push(
        finding(
          this.id,
          at(model, p.file, ["orgs", twice]),
          `\`orgs:\` lists \`${p.orgs[twice]}\` twice (org logins are case-insensitive)`,
          `delete this entry: each org is listed once`,
        ),
      );
    }
    // `org` is where a team without `org:` lives, so it must be one of the orgs planned.
    if (p.org && !orgs.has(p.org.toLowerCase())) {
      out.push(
        finding(
          this.id,
          at(model, p.file, ["orgs"]),
          `\`orgs:\` does not list \`${p.org}\`, the \`org\` of every team without \`org:\``,
          `add \`${p.org}\` to \`orgs:\` (e.g. \`orgs: [${[p.org, ...p.orgs].join(", ")}]\`)`,
        ),
      );
    }
    const orgOf = new Map(model.teams.map((t) => [t.slug.toLowerCase(), (t.org ?? p.org).toLowerCase()]));
    for (const t of model.teams) {
      if (t.enterprise_team && !p.enterprise && !enterpriseBilling) {
        out.push(
          finding(
            this.id,
            at(model, t.file, ["enterprise_team"]),
            `seats/${t.slug} is an enterprise team but policies/policy.yaml names no \`enterprise\``,
            "add `enterprise: <slug>` to policies/policy.yaml, or remove `enterprise_team: true`",
          ),
        );
      }
      if (t.enterprise_team && t.org !== undefined) {
        out.push(
          finding(this.id, at(model, t.file, ["org"], "key"), `seats/${t.slug} is an enterprise team, which belongs to no organization`, "remove the `org:` line (or `enterprise_team: true`)"),
        );
      } else if (t.org !== undefined && !orgs.has(t.org.toLowerCase())) {
        out.push(
          finding(
            this.id,
            at(model, t.file, ["org"]),
            `seats/${t.slug} belongs to org \`${t.org}\`, which is not one of the organizations this repo manages (${p.orgs.join(", ")})`,
            `add \`${t.org}\` to \`orgs:\` in policies/policy.yaml, or fix the org's login`,
          ),
        );
      }
      const parentOrg = t.parent === undefined ? undefined : orgOf.get(t.parent.toLowerCase());
      if (!t.enterprise_team && parentOrg !== undefined && parentOrg !== (t.org ?? p.org).toLowerCase()) {
        out.push(
          finding(
            this.id,
            at(model, t.file, ["parent"]),
            `seats/${t.slug} is in org \`${t.org ?? p.org}\` but its parent seats/${t.parent} is in \`${parentOrg}\`: GitHub nests teams within one organization`,
            `give seats/${t.slug} the parent's org (\`org: ${parentOrg}\`), or remove \`parent:\``,
          ),
        );
      }
      if (enterpriseBilling && t.copilot === "team" && !t.enterprise_team) {
        out.push(
          finding(
            this.id,
            at(model, t.file, ["copilot"]),
            `seats/${t.slug} is \`copilot: team\`, but with \`copilot.billing: enterprise\` the enterprise assigns Copilot to enterprise teams only`,
            "add `enterprise_team: true` to make it an enterprise team, or use `copilot: users`",
          ),
        );
      }
    }
    return out;
  },
};
