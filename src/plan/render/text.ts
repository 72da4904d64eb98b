// Terminal rendering of a Plan: one line per change, grouped, with the reason beside it.
import type { Action, Plan } from "../types.js";

export const SYMBOL: Record<Action, string> = { add_team: "+", remove_team: "-", add: "+", readd: "~", cancel: "-" };
export const LABEL: Record<Action, string> = {
  add_team: "assign team",
  remove_team: "unassign team",
  add: "add",
  readd: "re-add",
  cancel: "cancel",
};

export function summaryLine(plan: Plan): string {
  const s = plan.summary;
  const parts = [
    `${s.adds} to add`,
    `${s.readds} to re-add`,
    `${s.cancels} to cancel`,
    `${s.team_adds} team${s.team_adds === 1 ? "" : "s"} to assign`,
    `${s.team_removes} team${s.team_removes === 1 ? "" : "s"} to unassign`,
  ];
  return `${parts.join(", ")}; ${s.blocked} blocked, ${s.kept} kept`;
}

export function renderText(plan: Plan): string {
  const s = plan.summary;
  const lines: string[] = [
    `Copilot seat plan for ${plan.org}: ${summaryLine(plan)}`,
    `(${s.current_seats} current seats, ${s.pending_seats} pending cancellation, ${s.declared} declared holders)`,
  ];
  if (plan.changes.length === 0) lines.push("", "No changes: GitHub matches seats/.");
  else {
    const w = Math.max(...plan.changes.map((c) => c.target.length), 6);
    const lw = Math.max(...plan.changes.map((c) => LABEL[c.action].length));
    lines.push("");
    for (const c of plan.changes) {
      const extra = c.logins?.length ? ` (loses: ${c.logins.join(", ")})` : "";
      lines.push(`  ${SYMBOL[c.action]} ${LABEL[c.action].padEnd(lw)}  ${c.target.padEnd(w)}  ${c.reason}${extra}`);
    }
  }
  if (plan.blocked.length) {
    lines.push("", "Blocked (not applied; the rest of the plan still applies):");
    for (const b of plan.blocked) lines.push(`  ! ${b.target}: ${b.reason}; fix: ${b.fix}`);
  }
  if (plan.kept.length) {
    lines.push("", "Kept (held on GitHub, declared nowhere):");
    for (const k of plan.kept) lines.push(`  = ${k.login}: ${k.reason}`);
  }
  if (plan.safety.forced) lines.push("", `warning: --force overrides the removal guard (${s.removals} of ${s.current_seats} seats)`);
  for (const r of plan.safety.refusals) lines.push("", `error: ${r}`);
  lines.push("", `checksum: ${plan.checksum}`);
  return lines.join("\n");
}
