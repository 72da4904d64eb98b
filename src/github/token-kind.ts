// What kind of token a string is, told by the prefix GitHub gives each kind it issues
// (github.blog, "Behind GitHub's new authentication token formats"). Enterprise endpoints
// refuse GitHub App installation and fine-grained tokens, and an installation token is one
// org's, so these are caught before any request. Any other string (an older classic token,
// the emulator's tokens) is "other": GitHub decides.
export type TokenKind = "classic" | "oauth" | "installation" | "app-user" | "fine-grained" | "other";

const PREFIXES: readonly [string, TokenKind][] = [
  ["github_pat_", "fine-grained"],
  ["ghp_", "classic"],
  ["gho_", "oauth"],
  ["ghs_", "installation"],
  ["ghu_", "app-user"],
];

export function tokenKind(token: string): TokenKind {
  return PREFIXES.find(([p]) => token.startsWith(p))?.[1] ?? "other";
}

/** Why a token cannot act across orgs or at the enterprise, or undefined when it may. */
export function notAnOwnerToken(token: string): string | undefined {
  const kind = tokenKind(token);
  if (kind === "installation") return "a GitHub App installation token";
  if (kind === "fine-grained") return "a fine-grained token";
  return undefined;
}
