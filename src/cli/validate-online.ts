// `seats validate --online [--fix]`, the I/O half: look every member file's login up (GraphQL,
// 100 logins a query) and the few ids whose login did not match (REST, one each), then, with
// --fix, write the missing `id:` lines. Read-only without --fix. The fix is all or nothing: every
// new text is computed and checked first, then each file is replaced by a rename.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { GitHubClient } from "../github/client.js";
import { compareFindings, hasErrors } from "../model/findings.js";
import { lookupIds, lookupLogins } from "../github/user-lookup.js";
import { finding, type Finding } from "../model/findings.js";
import type { CommandContext } from "./command.js";
import { githubClientFromContext, githubFailure } from "./github-options.js";
import type { SeatModel } from "../model/types.js";
import { plural } from "../text.js";
import { withIdLine } from "../model/member-edit.js";
import { checkOnline, idsToLookUp, ONLINE_RULE, type OnlineCheck } from "../validate/online.js";

export interface OnlineResult extends OnlineCheck {
  /** Requests sent: ⌈logins/100⌉ GraphQL queries plus one per mismatched id. */
  queries: number;
  lookups: number;
}

export async function checkOnlineIdentity(client: GitHubClient, model: SeatModel): Promise<OnlineResult> {
  const byLogin = await lookupLogins(client, model.members.map((m) => m.login));
  const ids = idsToLookUp(model.members, byLogin);
  const byId = await lookupIds(client, ids);
  return { ...checkOnline(model, byLogin, byId), queries: Math.ceil(byLogin.size / 100), lookups: ids.length };
}

export interface FixResult {
  written: string[];
  /** Findings for files the fix could not edit (nothing was written then). */
  refused: Finding[];
}

/** Writes the missing ids into their files, or nothing when any one of them cannot be edited. */
export function writeMissingIds(dir: string, check: OnlineCheck): FixResult {
  const texts = new Map<string, string>();
  const refused: Finding[] = [];
  for (const m of check.missingIds) {
    const abs = path.join(dir, m.file);
    const next = withIdLine(readFileSync(abs, "utf8"), m.id);
    if (next === undefined) {
      refused.push(finding(ONLINE_RULE, { file: m.file, line: 1, col: 1 }, `--fix cannot add \`id: ${m.id}\` to this file's layout`, `add the line \`id: ${m.id}\` by hand`));
    } else texts.set(abs, next);
  }
  if (refused.length) return { written: [], refused };
  for (const [abs, text] of texts) {
    const tmp = `${abs}.seats-fix.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, abs);
  }
  return { written: check.missingIds.map((m) => m.file), refused };
}

/** The lines `--fix` prints: what it wrote, and the renames left for a reviewed change. */
export function fixSummary(fix: FixResult, check: OnlineCheck): string[] {
  const lines = fix.written.map((f) => `fixed: ${f}: added \`id: ${check.missingIds.find((m) => m.file === f)!.id}\``);
  for (const r of check.renamed) lines.push(`renamed: ${r.file}: user id ${r.id} is ${r.to} now; rename the file to ${r.newFile} and set \`login: ${r.to}\``);
  lines.push(`--fix wrote ${plural(fix.written.length, "file")}${check.renamed.length ? `; ${plural(check.renamed.length, "renamed account")} to follow in a reviewed change` : ""}.`);
  return lines;
}

export function onlineClient(ctx: CommandContext): GitHubClient {
  return githubClientFromContext(ctx).client;
}

/**
 * The online findings merged with the offline ones; with `fix`, the missing ids written first
 * (never into a repo with offline errors: an id goes into a file that is valid otherwise).
 * What was written and the request count go to stderr, so `--format json` stays one document.
 */
export async function runOnlineCheck(ctx: CommandContext, client: GitHubClient, model: SeatModel, offline: readonly Finding[], fix: boolean): Promise<Finding[]> {
  const check = await checkOnlineIdentity(client, model).catch((err: unknown) => {
    throw githubFailure(err, "check the credentials and --api-url (reading users needs no particular permission)");
  });
  let found = check.findings;
  if (fix && hasErrors(offline)) {
    ctx.io.err("--fix wrote nothing: fix the errors first (an id is only written into a file that is valid otherwise).");
  } else if (fix) {
    const written = writeMissingIds(ctx.dir, check);
    const done = new Set(written.written);
    // A file that got its id has no online finding left (a missing id is its only one).
    found = [...found.filter((f) => !done.has(f.file)), ...written.refused];
    for (const line of fixSummary(written, check)) ctx.io.err(line);
  }
  ctx.io.err(`Online check: ${plural(model.members.length, "member file")} in ${plural(check.queries, "GraphQL query", "GraphQL queries")} and ${plural(check.lookups, "id lookup")}.`);
  return [...offline, ...found].sort(compareFindings);
}
