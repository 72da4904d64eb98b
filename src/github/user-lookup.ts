// Who a login or a numeric user id is on GitHub now, in batches. REST has no batch user read,
// so logins go through GraphQL: one query of up to 100 aliased `user(login:) { databaseId login }`
// fields. A login that is nobody's (a typo, a deleted or renamed account, an organization) comes
// back as `null` under its alias with a NOT_FOUND error, and the rest of the data still arrives.
// Ids have no batch read (GraphQL `user` takes a login only), so each id is one
// `GET /user/{account_id}`; callers ask only for the few ids whose login did not match.
import type { GitHubClient } from "./client.js";
import { httpStatus } from "./client.js";
import { mapLimit } from "./concurrency.js";
import { loginKey } from "../model/logins.js";

export interface Account {
  id: number;
  login: string;
}

/** Logins per GraphQL query (GitHub's node limit allows far more; 100 keeps one answer small). */
export const LOGINS_PER_QUERY = 100;

/** The query for one batch: `u0: user(login: "…") { databaseId login }` per login. */
export function loginQuery(logins: readonly string[]): string {
  return `query {\n${logins.map((l, i) => `  u${i}: user(login: ${JSON.stringify(l)}) { databaseId login }`).join("\n")}\n}`;
}

interface GraphqlError {
  type?: string;
  path?: readonly unknown[];
  message?: string;
}

/** The data of a GraphQL answer whose only errors are NOT_FOUND user lookups; anything else rethrows. */
function partialData(err: unknown): Record<string, unknown> {
  const e = err as { errors?: GraphqlError[]; data?: unknown };
  if (!Array.isArray(e?.errors) || typeof e.data !== "object" || e.data === null) throw err;
  if (e.errors.some((x) => x.type !== "NOT_FOUND" || !/^u\d+$/.test(String(x.path?.[0])))) throw err;
  return e.data as Record<string, unknown>;
}

function accountOf(v: unknown): Account | null {
  const u = v as { databaseId?: unknown; login?: unknown } | null;
  return u && typeof u.databaseId === "number" && typeof u.login === "string" ? { id: u.databaseId, login: u.login } : null;
}

/** Each login's account (keyed by loginKey), or null when the login is nobody's: ⌈n/100⌉ queries. */
export async function lookupLogins(client: GitHubClient, logins: readonly string[]): Promise<Map<string, Account | null>> {
  const unique = [...new Map(logins.map((l) => [loginKey(l), l])).values()];
  const batches: string[][] = [];
  for (let i = 0; i < unique.length; i += LOGINS_PER_QUERY) batches.push(unique.slice(i, i + LOGINS_PER_QUERY));
  const out = new Map<string, Account | null>();
  await mapLimit(batches, 4, async (batch) => {
    let data: Record<string, unknown>;
    try {
      data = await client.graphql<Record<string, unknown>>(loginQuery(batch));
    } catch (err) {
      data = partialData(err);
    }
    batch.forEach((login, i) => out.set(loginKey(login), accountOf(data[`u${i}`])));
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
