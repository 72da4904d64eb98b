// `seats import --enterprise <slug>`: the org's import (render.ts) plus what the enterprise
// manages, so adoption in enterprise billing starts from an empty plan too:
//   - seats are the enterprise's own grants (one per person, src/plan/enterprise.ts); org-granted
//     rows are the org's and are not declared;
//   - each enterprise team becomes a folder with `enterprise_team: true` (GitHub slug
//     `ent:<folder>`); one that the enterprise assigns Copilot is `copilot: team`;
//   - policy.yaml gets `enterprise:` and `copilot.billing: enterprise`.
// The rendering is render.ts's, on enterprise teams named by their GitHub slug, then moved to
// their folders (pure).
import { parse, stringify } from "yaml";
import { UserError } from "../errors.js";
import type { GitHubClient } from "../github/client.js";
import { mapLimit } from "../github/concurrency.js";
import { listEnterpriseGrants, listEnterpriseTeamMembers, listEnterpriseTeams, type EnterpriseGrant } from "../github/enterprise-read.js";
import { ENTERPRISE_TEAM_PREFIX } from "../model/live-state.js";
import { enterpriseSeats } from "../plan/enterprise.js";
import type { OrgState, OrgTeam } from "./org-state.js";
import { renderImport, type ImportOptions, type ImportResult } from "./render.js";

export interface EnterpriseState {
  enterprise: string;
  grants: EnterpriseGrant[];
  /** Enterprise teams under their GitHub slug (`ent:<slug>`). */
  teams: OrgTeam[];
}

export async function readEnterpriseState(client: GitHubClient, enterprise: string): Promise<EnterpriseState> {
  const [grants, list] = await Promise.all([listEnterpriseGrants(client, enterprise), listEnterpriseTeams(client, enterprise)]);
  const teams = await mapLimit(list, 4, async (t): Promise<OrgTeam> => ({
    slug: t.slug,
    name: t.name,
    description: t.description,
    privacy: "closed",
    parent: null,
    members: (await listEnterpriseTeamMembers(client, enterprise, t.slug)) ?? [],
    maintainers: [],
  }));
  return { enterprise, grants, teams };
}

const folderOf = (slug: string) => slug.slice(ENTERPRISE_TEAM_PREFIX.length);

export function renderEnterpriseImport(org: OrgState, ent: EnterpriseState, opts: ImportOptions): ImportResult {
  const orgFolders = new Set(org.teams.map((t) => t.slug.toLowerCase()));
  const clash = ent.teams.find((t) => orgFolders.has(folderOf(t.slug).toLowerCase()));
  if (clash) throw new UserError(`enterprise team ${clash.slug} and org team ${folderOf(clash.slug)} would share the folder seats/${folderOf(clash.slug)}/; rename one of them on GitHub first`);
  const combined: OrgState = { ...org, teams: [...org.teams, ...ent.teams], seats: enterpriseSeats(ent.grants) };
  const result = renderImport(combined, opts);
  const files = new Map<string, string>();
  for (const [file, content] of result.files) {
    const m = /^seats\/(ent:[^/]+)\/(.+)$/.exec(file);
    if (!m) {
      files.set(file, content);
      continue;
    }
    let text = content;
    if (m[2] === "_team.yaml") text = withKeys(content, { enterprise_team: true }, ["privacy"]);
    files.set(`seats/${folderOf(m[1]!)}/${m[2]}`, text.replace(/Copilot through the ent:/g, "Copilot through the enterprise team ent:"));
  }
  const policy = files.get("policies/policy.yaml");
  if (policy) files.set("policies/policy.yaml", withKeys(policy, { enterprise: ent.enterprise, copilot: { billing: "enterprise" } }, []));
  // render.ts notes that `ent:x` is not the slug of its name: expected for enterprise teams.
  const notes = result.notes.filter((n) => !/has slug ent:/.test(n));
  return { ...result, files, notes };
}

/** Adds keys after the first line (the schema comment), dropping `drop`; keeps the rest in order. */
function withKeys(content: string, add: Record<string, unknown>, drop: string[]): string {
  const [header, ...rest] = content.split("\n");
  const value = parse(rest.join("\n")) as Record<string, unknown>;
  for (const k of drop) delete value[k];
  const keys = Object.keys(value);
  const at = Math.max(0, keys.indexOf("org") + 1);
  const ordered = Object.fromEntries([...keys.slice(0, at).map((k) => [k, value[k]]), ...Object.entries(add), ...keys.slice(at).map((k) => [k, value[k]])]);
  return `${header}\n${stringify(ordered, { lineWidth: 0 })}`;
}
