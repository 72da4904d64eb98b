// Who a login or a numeric user id is on GitHub now, in batches. REST has no batch user read,
// so logins go through GraphQL: one query of up to 100 aliased `user(login:) { databaseId login }`
// fields. A login that is nobody's (a typo, a deleted or renamed account, an organization) comes
// back as `null` under its alias with a NOT_FOUND error, and the rest of the data still arrives.
// Ids have no batch read (GraphQL `user` takes a login only), so each id is one
// `GET /user/{account_id}`; callers ask only for the few ids whose login did not match.
//
// Asked with an org, each field also selects `organization(login: org) { login }`: the org when
// the user belongs to it. GitHub shows a private membership only to a viewer allowed to see it,
// so a shown org proves membership and a `null` proves nothing: callers check those by REST.
import type { GitHubClient } from "./client.js";
import { httpStatus } from "./client.js";
import { mapLimit } from "./concurrency.js";
import { loginKey } from "../model/logins.js";

export interface Account {
  id: number;
  login: string;
  /** Asked with an org: true when GitHub showed the org among the user's (a member for sure). */
  inOrg?: boolean;
}

/** Logins per GraphQL query (GitHub's node limit allows far more; 100 keeps one answer small). */
export const LOGINS_PER_QUERY = 100;

/** The query for one batch: `u0: user(login: "…") { databaseId login }` per login, and the org's membership when asked. */
export function loginQuery(logins: readonly string[], org?: string): string {
  const inOrg = org === undefined ? "" : ` organization(login: ${JSON.stringify(org)}) { login }`;
  return `query {\n${logins.map((l, i) => `  u${i}: user(login: ${JSON.stringify(l)}) { databaseId login${inOrg} }`).join("\n")}\n}`;
}

interface GraphqlError {
  type?: string;
  path?: readonly unknown[];
  message?: string;
}

/**
 * The data of a GraphQL answer whose only errors are NOT_FOUND user lookups, or any error on a
 * user's `organization` field (its membership then stays unproven); anything else rethrows.
 */
function partialData(err: unknown): Record<string, unknown> {
  const e = err as { errors?: GraphqlError[]; data?: unknown };
  if (!Array.isArray(e?.errors) || typeof e.data !== "object" || e.data === null) throw err;
  const tolerated = (x: GraphqlError) =>
    /^u\d+$/.test(String(x.path?.[0])) && ((x.path?.length === 1 && x.type === "NOT_FOUND") || (x.path?.length === 2 && x.path[1] === "organization"));
  if (!e.errors.every(tolerated)) throw err;
  return e.data as Record<string, unknown>;
}

function accountOf(v: unknown, withOrg: boolean): Account | null {
  const u = v as { databaseId?: unknown; login?: unknown; organization?: unknown } | null;
  if (!u || typeof u.databaseId !== "number" || typeof u.login !== "string") return null;
  return withOrg ? { id: u.databaseId, login: u.login, inOrg: typeof u.organization === "object" && u.organization !== null } : { id: u.databaseId, login: u.login };
}

/**
 * Each login's account (keyed by loginKey), or null when the login is nobody's: ⌈n/100⌉ queries.
 * With `org`, each account says whether GitHub showed it a member of that org (`inOrg`).
 */
export async function lookupLogins(client: GitHubClient, logins: readonly string[], org?: string): Promise<Map<string, Account | null>> {
  const unique = [...new Map(logins.map((l) => [loginKey(l), l])).values()];
  const batches: string[][] = [];
  for (let i = 0; i < unique.length; i += LOGINS_PER_QUERY) batches.push(unique.slice(i, i + LOGINS_PER_QUERY));
  const out = new Map<string, Account | null>();
  await mapLimit(batches, 4, async (batch) => {
    let data: Record<string, unknown>;
    try {
      data = await client.graphql<Record<string, unknown>>(loginQuery(batch, org));
    } catch (err) {
      data = partialData(err);
    }
    batch.forEach((login, i) => out.set(loginKey(login), accountOf(data[`u${i}`], org !== undefined)));
  });
  return out;
}

/** Each id's current login, or null for an account that is gone (404): one request per id. */
export async function lookupIds(client: GitHubClient, ids: readonly number[]): Promise<Map<number, string | null>> {
  const unique = [...new Set(ids)];
  const out = new Map<number, string | null>();
  await mapLimit(unique, 8, async (id) => {
    try {
      const { data } = await client.request("GET /user/{account_id}", { account_id: id });
      const login = (data as { login?: unknown }).login;
      out.set(id, typeof login === "string" ? login : null);
    } catch (err) {
      if (httpStatus(err) !== 404) throw err;
      out.set(id, null);
    }
  });
  return out;
}
