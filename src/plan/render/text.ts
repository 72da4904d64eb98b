// Terminal rendering of a Plan: one line per change, grouped, with the reason beside it.
import { plural } from "../../text.js";
import type { Action, Plan, TeamChange } from "../types.js";

export const SYMBOL: Record<Action, string> = { add_team: "+", remove_team: "-", add: "+", readd: "~", cancel: "-" };
export const LABEL: Record<Action, string> = {
  add_team: "assign team",
  remove_team: "unassign team",
  add: "add",
  readd: "re-add",
  cancel: "cancel",
};

/** One line per team change, as `pulumi up` will make it. */
export function describeTeamChange(c: TeamChange): string {
  switch (c.action) {
    case "create_team":
      return `create team ${c.team}`;
    case "rename_team":
      return `rename team ${c.from} → ${c.team}`;
    case "add_member":
      return `add ${c.login} to ${c.team}${c.role === "maintainer" ? " (maintainer)" : ""}`;
    case "invite_member":
      return `invite ${c.login} to the org and ${c.team}`;
    case "remove_member":
      return `remove ${c.login} from ${c.team}`;
  }
}

/** ` in <org>` for an entry of a plan of several orgs; nothing for a single org's plan. */
export function inOrg(x: { org?: string | undefined }): string {
  return x.org === undefined ? "" : ` in ${x.org}`;
}

/** Who the plan is for: the org, or every org of a plan of several. */
export function planTitle(plan: Pick<Plan, "org" | "orgs">): string {
  return (plan.orgs ?? [plan.org]).join(", ");
}

export function summaryLine(plan: Plan): string {
  const s = plan.summary;
  const parts = [
    `${s.adds} to add`,
    `${s.readds} to re-add`,
    `${s.cancels} to cancel`,
    `${s.team_adds} team${s.team_adds === 1 ? "" : "s"} to assign`,
    `${s.team_removes} team${s.team_removes === 1 ? "" : "s"} to unassign`,
  ];
  const teamChanges = plan.teams?.changes.length ?? 0;
  const teams = teamChanges ? `; ${teamChanges} team change${teamChanges === 1 ? "" : "s"}` : "";
  return `${parts.join(", ")}; ${s.blocked} blocked, ${s.kept} kept${teams}`;
}

/** `N current seats`, and with several orgs the people holding them (a person may hold a seat in each). */
export function currentSeats(s: Plan["summary"]): string {
  const people = s.current_people === undefined ? "" : ` held by ${s.current_people} ${s.current_people === 1 ? "person" : "people"}`;
  return `${plural(s.current_seats, "current seat")}${people}`;
}

/** Who loses access: seats, and with several orgs the people left with no seat in any org. */
export function losingAccess(s: Plan["summary"]): string {
  if (s.people_losing_access === undefined) return `${s.removals} lose access`;
  return `${plural(s.removals, "seat")} end, ${s.people_losing_access} ${s.people_losing_access === 1 ? "person loses" : "people lose"} access`;
}

export function renderText(plan: Plan): string {
  const s = plan.summary;
  const lines: string[] = [
    `Copilot seat plan for ${planTitle(plan)}: ${summaryLine(plan)}`,
    `(${currentSeats(s)}, ${s.pending_seats} pending cancellation, ${plural(s.declared, "declared holder")})`,
  ];
  if (plan.changes.length === 0) lines.push("", plan.teams?.changes.length ? "No seat changes (the team changes below grant and end seats through their teams)." : "No changes: GitHub matches seats/.");
  else {
    const w = Math.max(...plan.changes.map((c) => c.target.length), 6);
    const lw = Math.max(...plan.changes.map((c) => LABEL[c.action].length));
    // Several orgs: an org column, and a person's changes in every org under one name.
    const ow = plan.orgs ? Math.max(...plan.orgs.map((o) => o.length)) : 0;
    lines.push("");
    plan.changes.forEach((c, i) => {
      const extra = c.logins?.length ? ` (loses: ${c.logins.join(", ")})` : "";
      const prev = plan.changes[i - 1];
      const again = c.org !== undefined && prev?.action === c.action && prev.target.toLowerCase() === c.target.toLowerCase();
      const head = again ? `    ${"".padEnd(lw)}  ${"".padEnd(w)}` : `  ${SYMBOL[c.action]} ${LABEL[c.action].padEnd(lw)}  ${c.target.padEnd(w)}`;
      lines.push(`${head}  ${c.org === undefined ? "" : `${c.org.padEnd(ow)}  `}${c.reason}${extra}`);
    });
  }
  const teams = plan.teams ?? { changes: [], left_out: [] };
  if (teams.changes.length) {
    lines.push("", "Teams (`pulumi up` makes these first; the seat changes above count on them):");
    for (const c of teams.changes) lines.push(`  ${c.action === "remove_member" ? "-" : c.action === "rename_team" ? "~" : "+"} ${describeTeamChange(c)}${inOrg(c)}  (${c.reason})`);
  }
  if (teams.left_out.length) {
    lines.push("", "Left out of teams (not org members; teams.invite_non_members: false):");
    for (const l of teams.left_out) lines.push(`  ! ${l.login} (${l.team}${inOrg(l)}): ${l.reason}`);
  }
  if (plan.blocked.length) {
    lines.push("", "Blocked (not applied; the rest of the plan still applies):");
    for (const b of plan.blocked) lines.push(`  ! ${b.target}${inOrg(b)}: ${b.reason}; fix: ${b.fix}${b.introduced === false ? " (not from this change)" : ""}`);
  }
  if (plan.kept.length) {
    lines.push("", "Kept (held on GitHub, declared nowhere):");
    for (const k of plan.kept) lines.push(`  = ${k.login}${inOrg(k)}: ${k.reason}`);
  }
  if (plan.safety.forced) lines.push("", `warning: --force overrides the removal guard (${s.removals} of ${s.current_seats} seats)`);
  for (const r of plan.safety.refusals) lines.push("", `error: ${r}`);
  lines.push("", `checksum: ${plan.checksum}`);
  return lines.join("\n");
}
