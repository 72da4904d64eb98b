// The notice after revocation: the people whose seats an apply cancelled are told, in one
// comment on the merged PR that @-mentions them (more comments of 50 when there are more), and in
// the chat webhook: when access ends (the pending_cancellation_date GitHub returns), why (the
// PR, and the reason its table gives), and how to get a seat again. Pure: the I/O is notice-run.ts.
import { loginKey } from "../model/logins.js";

export const NOTICE_MARKER = "<!-- seats-notice -->";
/**
 * Ends a notice comment whose webhook digest the chat did not take: the next run on the PR sends
 * it again and takes the marker off. The comment is the record because every run on the PR reads
 * those comments already (no extra read) and may edit them with the job's pull-requests write.
 */
export const WEBHOOK_PENDING = "<!-- seats-notice-webhook-pending -->";
// With several orgs the date is per org (` in <org>`, more after commas) and the orgs whose seat
// stays follow in parentheses; a single org's line has neither.
const NOTICE_LINE = /^- @([A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?): access ends on \*\*([^*]+)\*\*((?: in [A-Za-z0-9-]+(?:, \*\*[^*]+\*\* in [A-Za-z0-9-]+)*)?(?: \(your seats? in [^)]* stays?\))?)(?:; why: (.*))?$/gm;
const PER_COMMENT = 50;

export interface Affected {
  login: string;
  /** `YYYY-MM-DD`: the last day of access is the day before (the latest of `grants`). */
  ends: string;
  /** The reason column of the PR's table for this person, when it has one. */
  why?: string;
  /** Several orgs: each org whose seat of theirs is pending cancellation, and its date. */
  grants?: { org: string; ends: string }[];
  /** Several orgs: the orgs where their seat stays. */
  keeps?: string[];
  /** The seat is gone from the seat list, not pending: access ended on `ends` (the merge day). */
  immediate?: boolean;
}

/**
 * Who a merged PR took a seat from: each removed login whose seat is pending cancellation (with
 * its date), unless an earlier notice told them. Under enterprise billing (`held`: who still
 * holds any grant), GitHub documents that unassigning a user "revokes access immediately", while
 * its seat list may also show the grant as pending: either answer works. A person the PR's table
 * names as reclaimed (not "left the organization") who holds no grant at all any more lost
 * access on the merge day (`revokedOn`).
 */
export function affectedOf(input: {
  removed: readonly string[];
  ends: ReadonlyMap<string, Omit<Affected, "why">>;
  why: ReadonlyMap<string, string>;
  told: ReadonlySet<string>;
  held?: ReadonlySet<string>;
  revokedOn?: string;
}): Affected[] {
  const out: Affected[] = [];
  for (const login of input.removed) {
    const k = loginKey(login);
    if (input.told.has(k)) continue;
    const why = input.why.get(k);
    const reason = why !== undefined ? { why } : {};
    const pending = input.ends.get(k);
    if (pending) out.push({ ...pending, login, ...reason });
    else if (input.held && input.revokedOn && !input.held.has(k) && why !== undefined && !/left the organization/i.test(why)) {
      out.push({ login, ends: input.revokedOn, immediate: true, ...reason });
    }
  }
  return out;
}

/** The grants of a person whose seats are pending in `pending` (org → date) and live in `keeps`. */
export function affectedAcrossOrgs(login: string, pending: readonly { org: string; ends: string }[], keeps: readonly string[]): Affected {
  return { login, ends: pending.map((g) => g.ends).sort().pop()!, grants: [...pending], ...(keeps.length ? { keeps: [...keeps] } : {}) };
}

/** `**date**`, or with several orgs `**date** in org, **date** in other (your seat in third stays)`. */
function endsText(a: Affected): string {
  if (!a.grants) return `**${a.ends}**`;
  const keeps = a.keeps?.length ? ` (your seat${a.keeps.length === 1 ? "" : "s"} in ${a.keeps.join(", ")} stay${a.keeps.length === 1 ? "s" : ""})` : "";
  return `${a.grants.map((g) => `**${g.ends}** in ${g.org}`).join(", ")}${keeps}`;
}

/** `date`, or with several orgs `date in org, date in other`, for the digest and the CLI. */
export function untilText(a: Affected): string {
  return a.grants ? a.grants.map((g) => `${g.ends} in ${g.org}`).join(", ") : a.ends;
}

function grantsFrom(first: string, tail: string): Pick<Affected, "grants" | "keeps"> {
  if (!tail) return {};
  const grants = [...`**${first}**${tail}`.matchAll(/\*\*([^*]+)\*\* in ([A-Za-z0-9-]+)/g)].map((m) => ({ org: m[2]!, ends: m[1]! }));
  const keeps = /\(your seats? in ([^)]*) stays?\)/.exec(tail)?.[1]?.split(", ");
  return { grants, ...(keeps ? { keeps } : {}) };
}

export interface NoticeContext {
  pull: { number: number; title: string };
  /** SEATS_PORTAL_URL, when a portal is configured. */
  portalUrl?: string;
  repo: string;
}

/** The people a notice comment told, as it told them; none for any other comment. */
export function noticedIn(body: string | null | undefined): Affected[] {
  if (!body?.startsWith(NOTICE_MARKER)) return [];
  return [...body.matchAll(NOTICE_LINE)].map((m) => {
    const across = grantsFrom(m[2]!, m[3] ?? "");
    const ends = across.grants?.length ? across.grants.map((g) => g.ends).sort().pop()! : m[2]!;
    return { login: m[1]!, ends, ...(m[4] !== undefined ? { why: m[4] } : {}), ...across };
  });
}

/** Logins a previous notice already told (so a re-run never tells anyone twice). */
export function alreadyNoticed(comments: readonly { body?: string | null }[]): Set<string> {
  const out = new Set<string>();
  for (const c of comments) {
    if (!c.body?.startsWith(NOTICE_MARKER)) continue;
    // Any "- @login:" line counts, whatever follows: telling nobody twice matters most.
    for (const m of c.body.matchAll(/^- @([A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?):/gm)) out.add(loginKey(m[1]!));
  }
  return out;
}

/** A notice comment whose digest still has to reach the webhook. */
export function webhookPending(body: string | null | undefined): boolean {
  return body?.startsWith(NOTICE_MARKER) === true && body.includes(WEBHOOK_PENDING);
}

/** The comment with the pending marker set (true) or taken off (false). */
export function markPending(body: string, pending: boolean): string {
  const plain = body.replace(`\n${WEBHOOK_PENDING}`, "").replace(WEBHOOK_PENDING, "");
  return pending ? `${plain}\n${WEBHOOK_PENDING}` : plain;
}

/** Reasons per login from the PR body's table (`| login | … | reason |`). */
export function reasonsFromBody(body: string | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of (body ?? "").split("\n")) {
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    if (cells.length < 8 || !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(cells[1] ?? "")) continue;
    out.set(loginKey(cells[1]!), cells[6]!.replace(/\\\|/g, "|"));
  }
  return out;
}

function getBack(ctx: NoticeContext): string {
  const ways = [
    ...(ctx.portalUrl ? [`the portal (${ctx.portalUrl}, **Request Copilot**)`] : []),
    "`npx seats request --team <team> --reason \"…\" --open-pr` in a checkout of " + `\`${ctx.repo}\``,
    "the *Copilot seat* issue form of that repository",
  ];
  return `**Need it again?** Ask through ${ways.join(", or ")}; a seat PR that passes its checks is applied on merge.`;
}

export function noticeComments(affected: readonly Affected[], ctx: NoticeContext): string[] {
  const out: string[] = [];
  for (let i = 0; i < affected.length; i += PER_COMMENT) {
    const part = affected.slice(i, i + PER_COMMENT);
    out.push(
      [
        NOTICE_MARKER,
        `**Copilot seats cancelled** by the apply of #${ctx.pull.number} (${ctx.pull.title}). ` +
          (part.some((a) => a.immediate)
            ? "Access ends on the date shown: GitHub's pending-cancellation date, or, for a seat the enterprise revoked at once (it is gone from the seat list), the day of the apply."
            : "Access continues until the end of the billing cycle; it ends on the date shown (GitHub's pending-cancellation date)."),
        "",
        ...part.map((a) => `- @${a.login}: access ends on ${endsText(a)}${a.why ? `; why: ${a.why}` : ""}`),
        "",
        getBack(ctx),
      ].join("\n"),
    );
  }
  return out;
}

export function noticeDigest(affected: readonly Affected[], ctx: NoticeContext): string {
  const cap = 50;
  const shown = affected.slice(0, cap).map((a) => `${a.login} (until ${untilText(a)})`).join(", ");
  const more = affected.length > cap ? ` and ${affected.length - cap} more` : "";
  return `*Copilot seats cancelled* (${ctx.repo} #${ctx.pull.number}, ${ctx.pull.title}): ${affected.length}. ${shown}${more}. ${ctx.portalUrl ? `Ask again: ${ctx.portalUrl}` : "Ask again with `seats request` or the issue form."}`;
}
