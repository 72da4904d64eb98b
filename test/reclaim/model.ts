// Small in-memory seat models for the reclaim unit tests (the fixture repo covers loading).
import type { CopilotMode, MemberDecl, SeatModel, TeamDecl } from "../../src/model/types.js";
import { resolvePolicy, resolveTeam } from "../../src/model/load.js";
import type { Exemption } from "../../src/model/types.js";
import { DAY_MS } from "../../src/reclaim/time.js";
import { seat } from "../helpers/seat.js";

export { seat };

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
    return { ...resolveTeam(t.slug, { name: t.slug, ...(t.copilot ? { copilot: t.copilot } : {}) }), members };
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

export const DAY = DAY_MS;

/** An ISO timestamp `days` days (and `ms` milliseconds) before `now`. */
export function ago(now: Date, days: number, ms = 0): string {
  return new Date(now.getTime() - days * DAY - ms).toISOString();
}
