// What `seats apply` prints about its writes: one progress line a request, and the closing
// summary, which says exactly which batches were and were not sent when the run was stopped.
import { plural } from "../text.js";
import { failingBlocked } from "../plan/plan.js";
import type { Plan } from "../plan/types.js";
import { SEAT_WRITES } from "../github/write.js";
import type { ApplyResult, RequestOutcome, UnsentBatch } from "./apply.js";

function who(r: Pick<RequestOutcome, "kind" | "targets">): string {
  return r.targets.length === 1 ? r.targets[0]! : `${r.targets.length} ${SEAT_WRITES[r.kind].targets}`;
}

/** The route with its org filled in when the plan has several orgs (which org a request went to). */
function route(r: Pick<RequestOutcome, "route" | "org">): string {
  return r.org === undefined ? r.route : r.route.replace("{org}", r.org);
}

export function progressLine(r: RequestOutcome): string {
  const verb = r.bisect ? "retry part" : "batch";
  if (r.ok) return `  ok    ${route(r)} (${verb}: ${who(r)}) → ${r.status ?? "?"}, ${r.count ?? 0}`;
  return `  ${r.interrupted ? "????" : "FAIL"}  ${route(r)} (${verb}: ${who(r)}) → ${r.error}`;
}

function unsentLine(b: UnsentBatch): string {
  // One target is named by who() already.
  const shown = b.targets.length === 1 ? "" : b.targets.length <= 5 ? `: ${b.targets.join(", ")}` : `: ${b.targets.slice(0, 5).join(", ")}, …`;
  return `  not sent  ${route(b)} (${who(b)}${shown})`;
}

export function applySummary(plan: Plan, result: ApplyResult): string {
  // A target is one org's (several orgs): hana unsent in acme-labs is not hana failed in acme.
  const key = (org: string | undefined, target: string) => `${org ?? ""}\0${target}`;
  const unsent = new Set(result.unsent.flatMap((b) => b.targets.map((t) => key(b.org, t))));
  const failed = result.failures.filter((f) => !unsent.has(key(f.org, f.target)));
  const tail = [failed.length ? `${failed.length} failed` : "", unsent.size ? `${unsent.size} not sent` : ""].filter(Boolean);
  const lines = [
    `Applied ${result.applied.length} of ${plan.changes.length} changes in ${plural(result.requests.length, "request")}` +
      (tail.length ? `; ${tail.join(", ")}${failed.length ? ":" : "."}` : "."),
  ];
  for (const f of failed) lines.push(`  ✗ ${f.action} ${f.target}${f.org === undefined ? "" : ` in ${f.org}`}: ${f.error}`);
  if (result.unsent.length) {
    lines.push(`${plural(result.unsent.length, "batch", "batches")} not sent (${result.interrupted ?? result.unsent[0]!.reason}):`);
    for (const b of result.unsent) lines.push(unsentLine(b));
  }
  const failing = failingBlocked(plan).length;
  const stale = plan.blocked.length - failing;
  if (failing) lines.push(`${failing} blocked ${failing === 1 ? "change needs" : "changes need"} attention (listed above).`);
  if (stale) lines.push(`${stale} blocked ${stale === 1 ? "entry was" : "entries were"} there before this change (warnings, listed above).`);
  if (result.failures.length) lines.push("Re-run `seats apply --confirm`: it plans again from live state and only sends what is still missing.");
  return lines.join("\n");
}
