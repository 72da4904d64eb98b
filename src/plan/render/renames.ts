// The renamed accounts a plan matched by id, shown under the plan: the files still name the old
// login, and the fix belongs in the repo (rename the file, set the new login), not on GitHub.
// Outside the plan's checksum, like how the plan was read: the seat changes are the same either way.
import type { Rename } from "../renames.js";

const SHOWN = 20;

function fixOf(r: Rename): string {
  return r.files.map((f) => `${f} → ${f.slice(0, f.lastIndexOf("/") + 1)}${r.to}.yaml`).join(", ");
}

export function renderRenamesText(renames: readonly Rename[]): string[] {
  if (!renames.length) return [];
  const lines = ["", `Renamed accounts, matched by the id in their member files (no seat change; fix the files in the repo; seats drift proposes it):`];
  for (const r of renames.slice(0, SHOWN)) lines.push(`  ~ rename ${r.from} → ${r.to}  (user id ${r.id}): ${fixOf(r)}, and set login: ${r.to}`);
  if (renames.length > SHOWN) lines.push(`  … and ${renames.length - SHOWN} more`);
  return lines;
}

export function renderRenamesMarkdown(renames: readonly Rename[]): string {
  if (!renames.length) return "";
  const rows = renames.slice(0, SHOWN).map((r) => `| 🔁 | \`${r.from}\` → \`${r.to}\` | ${r.id} | ${fixOf(r).replace(/\|/g, "\\|")} |`);
  const more = renames.length > SHOWN ? [`\n… and ${renames.length - SHOWN} more renamed accounts`] : [];
  return ["", `#### Renamed accounts (${renames.length})`, "", "Matched by the `id` in their member files: no seat change. Rename the files in the repo (`seats drift` proposes it).", "", "| | login | user id | fix |", "|---|---|---|---|", ...rows, ...more, ""].join("\n");
}
