// Small in-memory seat models for the reclaim unit tests (the fixture repo covers loading).
import type { CopilotMode, MemberDecl, SeatModel, TeamDecl } from "../../src/model/types.js";
import { resolvePolicy } from "../../src/model/load.js";
import type { ReclaimSeat } from "../../src/reclaim/classify.js";
import type { Exemption } from "../../src/model/types.js";

export interface TeamSpec {
  slug: string;
  copilot?: CopilotMode;
  /** login, or [login, expires] */
  members: (string | [string, string])[];
}

export function modelOf(teams: TeamSpec[], inactivity: { days?: number; grace?: number; remind?: number; exempt?: Exemption[] } = {}): SeatModel {
  const decls: TeamDecl[] = teams.map((t) => {
    const members: MemberDecl[] = t.members.map((m) => {
      const [login, expires] = typeof m === "string" ? [m, undefined] : m;
      return { login, reason: "needs it", team: t.slug, file: `seats/${t.slug}/${login.toLowerCase()}.yaml`, ...(expires ? { expires } : {}) };
    });
    return {
      slug: t.slug,
      name: t.slug,
      description: "",
      privacy: "closed",
      maintainers: [],
      copilot: t.copilot ?? "users",
      enrollment: "approval",
      previously: [],
      file: `seats/${t.slug}/_team.yaml`,
      members,
    };
  });
  return {
    dir: "/nowhere",
    policy: resolvePolicy({
      org: "acme",
      inactivity: {
        ...(inactivity.days !== undefined ? { days: inactivity.days } : {}),
        ...(inactivity.grace !== undefined ? { new_seat_grace_days: inactivity.grace } : {}),
        ...(inactivity.remind !== undefined ? { remind_days: inactivity.remind } : {}),
        exempt: inactivity.exempt ?? [],
      },
    }),
    teams: decls,
    members: decls.flatMap((t) => t.members),
    sources: new Map(),
  };
}

export const DAY = 86_400_000;

/** An ISO timestamp `days` days (and `ms` milliseconds) before `now`. */
export function ago(now: Date, days: number, ms = 0): string {
  return new Date(now.getTime() - days * DAY - ms).toISOString();
}

export function seat(login: string, s: Partial<ReclaimSeat> = {}): ReclaimSeat {
  return {
    login,
    assigning_team: null,
    created_at: "2024-01-01T00:00:00Z",
    last_activity_at: null,
    last_activity_editor: null,
    pending_cancellation_date: null,
    plan_type: "business",
    ...s,
  };
}
