// GitHub logins compare case-insensitively but are shown as written (korg's case-agnostic sort).
import { compareStrings } from "../text.js";

export function loginKey(login: string): string {
  return login.toLowerCase();
}

export function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function compareLogins(a: string, b: string): number {
  const ka = a.toLowerCase();
  const kb = b.toLowerCase();
  return compareStrings(ka, kb) || compareStrings(a, b);
}

/** github.com usernames: alphanumerics and single inner dashes, at most 39 characters. */
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
/** Enterprise Managed Users: `idp-name_shortcode`, shortcode 3-8 alphanumerics, 39 characters in all. */
const EMU_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9]))*_[A-Za-z0-9]{3,8}$/;

export function isValidLogin(login: string, emu = false): boolean {
  if (GITHUB_LOGIN.test(login)) return true;
  return emu && login.length <= 39 && EMU_LOGIN.test(login);
}

/** Why a login is invalid, in words a person can act on; undefined when it is valid. */
export function loginProblem(login: string, emu = false, kind: "user" | "org" = "user"): string | undefined {
  if (isValidLogin(login, emu)) return undefined;
  if (login.length === 0) return "is empty";
  if (login.length > 39) return `is ${login.length} characters long (GitHub allows at most 39)`;
  if (login.startsWith("-") || login.endsWith("-")) return "starts or ends with a dash";
  if (login.includes("--")) return "contains two dashes in a row";
  if (login.includes("_") && kind === "org") return "contains an underscore (organization logins may only contain letters, digits and single dashes)";
  if (/[^\x00-\x7f]/.test(login)) return "contains a character that is not an ASCII letter, digit or dash";
  if (/\s/.test(login)) return "contains a space";
  if (login.includes("_") && !emu) return "contains an underscore (only Enterprise Managed Users logins do; set `enterprise_managed_users: true` in policies/policy.yaml if yours are)";
  return "may only contain letters, digits and single dashes";
}

/**
 * Latin letters that Unicode does not decompose into a base letter and an accent, spelled the
 * way transliteration (Rails' `parameterize`, which GitHub's slugs follow) spells them.
 */
const LATIN_LETTERS: Record<string, string> = { ß: "ss", æ: "ae", ø: "o", œ: "oe", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };

/** The slug GitHub derives from a team name (observed behaviour). */
export function teamSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[ßæøœłđðþı]/g, (c) => LATIN_LETTERS[c] ?? c)
    .replace(/[^a-z0-9_]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
