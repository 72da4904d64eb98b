// Owner tokens as CODEOWNERS accepts them: `@login`, `@org/team-slug`, or an e-mail address.
// Pure; used by the renderer (to refuse a bad --admins value) and the parser.
import { isValidLogin, loginKey } from "../model/logins.js";

const TEAM_OWNER = /^@[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/[A-Za-z0-9_.-]+$/;
const EMAIL_OWNER = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Why `owner` is not a CODEOWNERS owner, in words a person can act on; undefined when it is. */
export function ownerProblem(owner: string, emu = false): string | undefined {
  if (TEAM_OWNER.test(owner) || EMAIL_OWNER.test(owner)) return undefined;
  if (owner.startsWith("@") && !owner.includes("/")) {
    return isValidLogin(owner.slice(1), emu) ? undefined : `\`${owner}\` is not a valid GitHub login`;
  }
  if (!owner.startsWith("@") && isValidLogin(owner, emu)) return `\`${owner}\` needs a leading @ (write \`@${owner}\`)`;
  return `\`${owner}\` is not an owner: write @org/team-slug, @login or an e-mail address`;
}

/**
 * Splits flag values such as `--admins "@acme/admins, @root"` (repeatable, comma- or
 * space-separated) into owner tokens, dropping duplicates (case-insensitively, first kept).
 */
export function splitOwners(values: readonly string[]): string[] {
  return dedupeOwners(values.flatMap((v) => v.split(/[\s,]+/)).filter((s) => s.length > 0));
}

export function dedupeOwners(owners: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const o of owners) {
    const k = loginKey(o);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(o);
  }
  return out;
}
