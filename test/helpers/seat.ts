// The one builder of a Copilot seat as GitHub lists it, for planner, apply and reclaim tests:
// a direct, never-used business seat from 2024-01-01 unless told otherwise.
import type { Seat } from "../../src/model/live-state.js";

export function seat(login: string, extra: Partial<Seat> = {}): Seat {
  return {
    login,
    assigning_team: null,
    created_at: "2024-01-01T00:00:00Z",
    last_activity_at: null,
    last_activity_editor: null,
    last_authenticated_at: null,
    pending_cancellation_date: null,
    plan_type: "business",
    ...extra,
  };
}
