// `parent` nests a team under another declared team; GitHub rejects a missing parent and a cycle
// would make `pulumi up` loop or fail half-way, so both are caught here, before anything runs.
import { finding, type Finding } from "../../model/findings.js";
import type { SeatModel } from "../../model/types.js";
import { at, type Rule } from "../rule.js";

/** Slugs of every team folder that has a _team.yaml, including ones whose file was rejected. */
export function declaredSlugs(model: SeatModel): Set<string> {
  return new Set([...model.teams.map((t) => t.slug), ...(model.rejectedTeams ?? [])]);
}

export const teamParent: Rule = {
  id: "team-parent",
  description: "`parent` names another declared team, not the team itself, and parents form no cycle",
  check(model) {
    const out: Finding[] = [];
    const declared = declaredSlugs(model);
    const bySlug = new Map(model.teams.map((t) => [t.slug, t]));
    const renamedTo = new Map<string, string>();
    for (const t of model.teams) for (const p of t.previously) renamedTo.set(p, t.slug);

    for (const t of model.teams) {
      if (t.parent === undefined) continue;
      const where = at(model, t.file, ["parent"]);
      if (t.parent === t.slug) {
        out.push(finding(this.id, where, `team ${t.slug} names itself as its parent`, "remove `parent:` or name another team"));
      } else if (!declared.has(t.parent)) {
        const renamed = renamedTo.get(t.parent);
        const ci = [...declared].find((s) => s.toLowerCase() === t.parent!.toLowerCase());
        out.push(
          finding(
            this.id,
            where,
            renamed
              ? `parent \`${t.parent}\` was renamed to \`${renamed}\``
              : `parent \`${t.parent}\` is not a declared team (no seats/${t.parent}/_team.yaml)`,
            renamed
              ? `set \`parent: ${renamed}\``
              : ci
                ? `did you mean \`${ci}\`? parent is the folder name (slug) of another team`
                : `set \`parent:\` to the folder name of a team under seats/, or add seats/${t.parent}/_team.yaml`,
          ),
        );
      }
    }

    // Cycles: follow parent pointers; each cycle is reported once, at its first team by slug.
    const state = new Map<string, "visiting" | "done">();
    for (const start of model.teams) {
      const chain: string[] = [];
      let cur: string | undefined = start.slug;
      while (cur !== undefined && !state.has(cur)) {
        state.set(cur, "visiting");
        chain.push(cur);
        const next: string | undefined = bySlug.get(cur)?.parent;
        cur = next !== undefined && next !== cur ? next : undefined;
      }
      if (cur !== undefined && state.get(cur) === "visiting") {
        const cycle = chain.slice(chain.indexOf(cur));
        const first = [...cycle].sort()[0]!;
        const rotated = [...cycle.slice(cycle.indexOf(first)), ...cycle.slice(0, cycle.indexOf(first)), first];
        out.push(
          finding(
            this.id,
            at(model, bySlug.get(first)!.file, ["parent"]),
            `team parents form a cycle: ${rotated.join(" → ")}`,
            `remove \`parent:\` from one of ${rotated.slice(0, -1).map((s) => `seats/${s}/_team.yaml`).join(", ")}`,
          ),
        );
      }
      for (const s of chain) state.set(s, "done");
    }
    return out;
  },
};
