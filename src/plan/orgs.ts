// Several organizations in one repo (`orgs:` in policy.yaml, `org:` in _team.yaml) under
// `copilot.billing: org`: each org is planned on its own, as a repo of its own teams would be,
// and the plans are combined into one. Each org assigns and cancels its own seats through its
// own endpoints, so a change, a blocked or kept entry and a team change name the org it
// concerns; a person declared in two orgs has an entry in each (the renderers show the person
// once, with every org). The summary's `declared` counts people, as the budget does, and so do
// `current_people` and `people_losing_access`; its seat counts add up the orgs' seats.
//
// A single-org repo never comes here: its plan, output and checksum are what they always were.
// Pure: plans in, plan out.
import { activeSeat, type Snapshot } from "../model/live-state.js";
import { compareLogins, loginKey } from "../model/logins.js";
import { seatHolders } from "../model/seat-holders.js";
import type { ResolvedPolicy, SeatModel } from "../model/types.js";
import { planChecksum, teamsChecksum } from "./canonical.js";
import { ACTIONS, type Plan, type PlanSafety, type PlanSummary } from "./types.js";

/** True when the repo plans several orgs (enterprise billing plans the enterprise instead). */
export function isMultiOrg(policy: Pick<ResolvedPolicy, "orgs" | "copilot">): boolean {
  return policy.copilot.billing === "org" && policy.orgs.length > 1;
}

/** The org a team belongs to: its `org:`, else the policy's `org`. */
export function teamOrg(team: { org?: string | undefined }, policy: Pick<ResolvedPolicy, "org">): string {
  return team.org ?? policy.org;
}

/** The part of the model one org manages: its org teams and their member files. */
export function orgModel<M extends Pick<SeatModel, "teams" | "members" | "policy">>(model: M, org: string): M {
  const teams = model.teams.filter((t) => !t.enterprise_team && loginKey(teamOrg(t, model.policy)) === loginKey(org));
  const slugs = new Set(teams.map((t) => t.slug));
  return { ...model, teams, members: model.members.filter((m) => slugs.has(m.team)) };
}

export interface OrgPlan {
  org: string;
  plan: Plan;
  /** The org's live seats the plan was made against: with them the summary counts people too. */
  snapshot?: Pick<Snapshot, "seats">;
}

/**
 * People, not seats, across orgs: who holds a live seat in any org, and who loses every one of
 * them with this plan (all their live seats cancelled or unassigned, and no seat added or re-added
 * for them in another org). A person moved from one org's team to another's keeps access.
 */
export function peopleCounts(parts: readonly Required<OrgPlan>[]): { current_people: number; people_losing_access: number } {
  const holding = new Map<string, Set<string>>();
  for (const p of parts) {
    for (const s of p.snapshot.seats) if (activeSeat(s)) holding.set(loginKey(s.login), (holding.get(loginKey(s.login)) ?? new Set()).add(loginKey(p.org)));
  }
  const ending = new Map<string, Set<string>>();
  const gaining = new Set<string>();
  for (const p of parts) {
    for (const c of p.plan.changes) {
      const who = c.action === "cancel" ? [c.target] : c.action === "remove_team" ? (c.logins ?? []) : [];
      for (const l of who) ending.set(loginKey(l), (ending.get(loginKey(l)) ?? new Set()).add(loginKey(p.org)));
      if (c.action === "add" || c.action === "readd") gaining.add(loginKey(c.target));
    }
  }
  const losing = [...holding].filter(([k, orgs]) => !gaining.has(k) && [...orgs].every((o) => ending.get(k)?.has(o)));
  return { current_people: holding.size, people_losing_access: losing.length };
}

/**
 * One plan of every org's plan. The guards ran per org (an org whose seats would all go is refused
 * even when another org gains seats); their refusals are kept, each naming its org.
 */
export function combineOrgPlans(parts: readonly OrgPlan[], model: Pick<SeatModel, "teams" | "policy">): Plan {
  const orgs = parts.map((p) => p.org);
  const rank = new Map(orgs.map((o, i) => [loginKey(o), i]));
  const byOrg = (a: { org?: string }, b: { org?: string }) => rank.get(loginKey(a.org ?? ""))! - rank.get(loginKey(b.org ?? ""))!;
  const tag = <T extends object>(org: string, xs: readonly T[]): (T & { org: string })[] => xs.map((x) => ({ ...x, org }));

  const order = new Map<string, number>(ACTIONS.map((a, i) => [a, i]));
  const changes = parts
    .flatMap((p) => tag(p.org, p.plan.changes))
    .sort((a, b) => order.get(a.action)! - order.get(b.action)! || compareLogins(a.target, b.target) || byOrg(a, b));
  const blocked = parts.flatMap((p) => tag(p.org, p.plan.blocked)).sort((a, b) => compareLogins(a.target, b.target) || byOrg(a, b));
  const kept = parts.flatMap((p) => tag(p.org, p.plan.kept)).sort((a, b) => compareLogins(a.login, b.login) || byOrg(a, b));
  const section = {
    changes: parts.flatMap((p) => tag(p.org, p.plan.teams.changes)),
    left_out: parts.flatMap((p) => tag(p.org, p.plan.teams.left_out)),
  };
  const teams = { ...section, checksum: teamsChecksum(model.policy.org, section) };

  const sum = (k: keyof PlanSummary) => parts.reduce((n, p) => n + (p.plan.summary[k] ?? 0), 0);
  const summary: PlanSummary = {
    current_seats: sum("current_seats"),
    pending_seats: sum("pending_seats"),
    // People, not seats: a person declared in two orgs is one holder (the budget's unit).
    declared: seatHolders({ teams: model.teams.filter((t) => !t.enterprise_team) }).length,
    adds: sum("adds"),
    readds: sum("readds"),
    cancels: sum("cancels"),
    team_adds: sum("team_adds"),
    team_removes: sum("team_removes"),
    blocked: sum("blocked"),
    kept: sum("kept"),
    removals: sum("removals"),
    ...(parts.every((p) => p.snapshot !== undefined) ? peopleCounts(parts as Required<OrgPlan>[]) : {}),
  };
  const safety: PlanSafety = {
    max_removal_ratio: model.policy.seats.max_removal_ratio,
    removal_ratio: Math.max(0, ...parts.map((p) => p.plan.safety.removal_ratio)),
    min_seats_for_ratio: model.policy.seats.min_seats_for_ratio,
    forced: parts.some((p) => p.plan.safety.forced),
    refusals: parts.flatMap((p) => p.plan.safety.refusals.map((r) => `${p.org}: ${r}`)),
    unsafe: parts.flatMap((p) => p.plan.safety.unsafe),
  };
  const body = { version: 1 as const, org: model.policy.org, orgs, summary, changes, blocked, kept, teams };
  return { ...body, safety, checksum: planChecksum(body) };
}
