// The last check before revocation. A reclaim PR proposes removing seats from an activity
// snapshot; review and merge take days, and someone may use Copilot in between. Such a person
// must never lose the seat because of that PR.
//
// The PR records its evidence in its body (a hidden, machine-readable comment; when that would be
// too big, a file on its branch that the body names: evidence-file.ts): the snapshot time
// and the logins removed for inactivity (expired and departed people are not re-checked: their
// removal does not depend on activity). At apply, every cancellation of such a login is compared
// with the live seat: used after the snapshot → the cancellation is skipped, and the run says so.
// The check covers every apply while the evidence is recent (not only the merge of the reclaim PR
// itself), because until the file is restored the person is undeclared and any later plan would
// cancel the seat; the next nightly `seats reclaim` restores the file through its PR
// (restore.ts). Pure: bodies and seats in, decisions out.
import { loginKey } from "../model/logins.js";
import type { ReclaimSeat, SeatDecision } from "./classify.js";
import { parseInstant } from "./time.js";

const OPEN = "<!-- seats-reclaim-evidence ";
const CLOSE = " -->";

export interface Evidence {
  v: 1;
  /** When the activity data behind the PR was read (ISO). */
  snapshot: string;
  /** Logins removed because of inactivity: re-checked at apply. */
  recheck: string[];
  /**
   * `copilot: team` folder → the re-checked logins whose member files in it the PR deletes: the
   * teams `pulumi up` removes them from, which is what ends such a seat (kept-members.ts). Grouped
   * by folder to stay small in the body. Absent in evidence written before it was recorded; the
   * live seat's assigning team stands in then.
   */
  teams?: Record<string, string[]>;
}

/** What a reclaim PR records: its snapshot, who is re-checked, and their `copilot: team` folders. */
export function evidenceOf(snapshot: Date, reclaim: readonly SeatDecision[]): Evidence {
  const rechecked = reclaim.filter((d) => d.reason === "inactive" || d.reason === "never-used");
  const teams: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const d of rechecked) for (const t of d.team_mode_teams) (teams[t] ??= []).push(d.login);
  return { v: 1, snapshot: snapshot.toISOString(), recheck: rechecked.map((d) => d.login), ...(Object.keys(teams).length ? { teams } : {}) };
}

/** The hidden comment a reclaim PR body carries. */
export function renderEvidence(snapshot: Date, reclaim: readonly SeatDecision[]): string {
  return evidenceComment(evidenceOf(snapshot, reclaim));
}

export function evidenceComment(e: Evidence): string {
  return `${OPEN}${JSON.stringify(e)}${CLOSE}`;
}

/** The text of the hidden comment that starts with `open` in a PR body, if there is one. */
export function hiddenComment(body: string | null | undefined, open: string): string | undefined {
  if (!body) return undefined;
  const i = body.indexOf(open);
  if (i < 0) return undefined;
  const j = body.indexOf(CLOSE, i + open.length);
  return j < 0 ? undefined : body.slice(i + open.length, j);
}

/** The evidence in a PR body, or undefined when there is none or it does not parse. */
export function parseEvidence(body: string | null | undefined): Evidence | undefined {
  const text = hiddenComment(body, OPEN);
  return text === undefined ? undefined : parseEvidenceJson(text);
}

/** Evidence as JSON text (the body's comment, or the evidence file: evidence-file.ts); undefined when malformed. */
export function parseEvidenceJson(text: string): Evidence | undefined {
  try {
    const e = JSON.parse(text) as Partial<Evidence>;
    if (e.v !== 1 || typeof e.snapshot !== "string" || parseInstant(e.snapshot) === undefined || !Array.isArray(e.recheck)) return undefined;
    const teams = parseTeams(e.teams);
    return { v: 1, snapshot: e.snapshot, recheck: e.recheck.filter((l): l is string => typeof l === "string"), ...(teams ? { teams } : {}) };
  } catch {
    return undefined;
  }
}

/** Only well-formed entries of `teams` (the body is PR text a person can edit). */
function parseTeams(raw: unknown): Record<string, string[]> | undefined {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return undefined;
  // No prototype: a folder named "__proto__" in edited PR text is just a key.
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [folder, logins] of Object.entries(raw as Record<string, unknown>)) {
    if (Array.isArray(logins)) out[folder] = logins.filter((l): l is string => typeof l === "string");
  }
  return Object.keys(out).length ? out : undefined;
}

export interface Skip {
  login: string;
  /** The live last activity that is newer than the snapshot. */
  last_activity_at: string;
  snapshot: string;
  /** The PR whose evidence it is. */
  pull: number;
}

/**
 * Which of the plan's cancellations to skip: those of logins a recent reclaim PR removed for
 * inactivity and who used Copilot after that PR's snapshot (the newest PR naming them counts).
 */
export function lastCheck(cancels: readonly string[], evidence: readonly { pull: number; evidence: Evidence }[], live: readonly ReclaimSeat[]): Skip[] {
  // A person with seats in several orgs (`orgs:`) has a row per org: their latest use counts.
  const seat = new Map<string, ReclaimSeat>();
  for (const s of live) {
    const had = seat.get(loginKey(s.login));
    if (!had || (s.last_activity_at ?? "") > (had.last_activity_at ?? "")) seat.set(loginKey(s.login), s);
  }
  const newestFor = new Map<string, { pull: number; evidence: Evidence }>();
  for (const e of evidence) {
    for (const l of e.evidence.recheck) {
      const k = loginKey(l);
      const had = newestFor.get(k);
      if (!had || had.evidence.snapshot < e.evidence.snapshot) newestFor.set(k, e);
    }
  }
  const out: Skip[] = [];
  for (const login of cancels) {
    const k = loginKey(login);
    const e = newestFor.get(k);
    const s = seat.get(k);
    if (!e || !s?.last_activity_at) continue;
    const used = parseInstant(s.last_activity_at);
    const snap = parseInstant(e.evidence.snapshot)!;
    if (used !== undefined && used > snap) out.push({ login, last_activity_at: s.last_activity_at, snapshot: e.evidence.snapshot, pull: e.pull });
  }
  return out;
}

export function skipLine(s: Skip): string {
  return `  kept  ${s.login}: used Copilot on ${s.last_activity_at}, after the activity snapshot of reclaim PR #${s.pull} (${s.snapshot}); the cancellation is skipped and the next \`seats reclaim\` restores the member file`;
}
