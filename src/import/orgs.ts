// Pure: several live orgs → one seat repo managing them all (`orgs:` in policy.yaml,
// docs/enterprise.md), whose first plan is empty. Each org is rendered as `seats import` renders
// one (render.ts); the first org is the policy's `org` (its teams need no `org:`), every other
// org's teams carry `org: <login>`, and its direct seat holders in no users team go to
// `<seat-team>-<org>`. A folder is one team of one org: a team slug two orgs share is refused
// (the folder name is the GitHub slug, so it cannot be renamed here).
import { UserError } from "../errors.js";
import { loginKey } from "../model/logins.js";
import type { OrgState } from "./org-state.js";
import { type ImportOptions, type ImportResult, renderImport } from "./render.js";

export function renderOrgsImport(states: readonly OrgState[], opts: Omit<ImportOptions, "teamOrg" | "orgs">): ImportResult {
  const orgs = states.map((s) => s.org);
  const files = new Map<string, string>();
  const notes: string[] = [];
  const counts = { teams: 0, memberFiles: 0, seats: 0 };
  const folderOrg = new Map<string, string>();
  states.forEach((state, i) => {
    const seatTeam = i === 0 ? opts.seatTeam : `${opts.seatTeam}-${loginKey(state.org)}`;
    const r = renderImport(state, { ...opts, seatTeam, orgs, ...(i > 0 ? { teamOrg: state.org } : {}) });
    for (const [file, content] of r.files) {
      if (file === "policies/policy.yaml") {
        if (i === 0) files.set(file, content);
        continue;
      }
      const folder = file.split("/")[1]!;
      const had = folderOrg.get(folder);
      if (had !== undefined && had !== state.org) {
        throw new UserError(
          `team ${folder} exists in both ${had} and ${state.org}, and a folder of seats/ is one team of one org: rename one of them on GitHub (its slug), then import again`,
        );
      }
      folderOrg.set(folder, state.org);
      files.set(file, content);
    }
    notes.push(...r.notes.map((n) => `${state.org}: ${n}`));
    counts.teams += r.counts.teams;
    counts.memberFiles += r.counts.memberFiles;
    counts.seats += r.counts.seats;
  });
  return { files, notes, counts };
}
