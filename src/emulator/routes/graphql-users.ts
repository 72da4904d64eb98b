// GraphQL user lookups, the batch read GitHub offers where REST has none: one query of aliased
// `user(login:)` fields (up to 100 per query as `seats validate --online` sends them). A login
// that resolves to nobody (or to an organization: `user` resolves users only) is `null` under its
// alias plus a NOT_FOUND entry in `errors`, as GitHub answers; the rest of the data still comes back.
import { json, type RequestContext } from "../handler.js";
import { nodeId } from "../ids.js";

type Field = { alias: string; login: string; selection: string; line: number; column: number };

/** The top-level `user(login:)` fields of a query, with their selections. */
function fieldsOf(query: string): Field[] {
  const out: Field[] = [];
  const re = /(?:(\w+)\s*:\s*)?\b(user)\s*\(\s*login\s*:\s*"((?:[^"\\]|\\.)*)"\s*\)\s*\{/g;
  for (let m = re.exec(query); m; m = re.exec(query)) {
    // The selection runs to the matching closing brace.
    let depth = 1;
    let i = re.lastIndex;
    for (; i < query.length && depth > 0; i++) {
      if (query[i] === "{") depth++;
      else if (query[i] === "}") depth--;
    }
    const before = query.slice(0, m.index).split("\n");
    out.push({
      alias: m[1] ?? m[2]!,
      login: JSON.parse(`"${m[3]}"`) as string,
      selection: query.slice(re.lastIndex, i - 1),
      line: before.length,
      column: before[before.length - 1]!.length + 1,
    });
    re.lastIndex = i;
  }
  return out;
}

/** The answer to a query of user lookups; undefined for any other query. */
export function userLookups(ctx: RequestContext, query: string): ReturnType<typeof json> | undefined {
  const doc = query.replace(/"(?:[^"\\]|\\.)*"/g, '""'); // a login may be "mutation"
  if (!/^\s*(query\b[^{]*)?\{/.test(doc) || /\bmutation\b/.test(doc)) return undefined;
  const fields = fieldsOf(query);
  if (!fields.length) return undefined;
  const data: Record<string, unknown> = {};
  const errors: Record<string, unknown>[] = [];
  for (const f of fields) {
    const u = ctx.state.user(f.login);
    if (!u) {
      data[f.alias] = null;
      errors.push(notFound(f));
      continue;
    }
    const wanted = new Set(f.selection.match(/\w+/g) ?? []);
    const row: Record<string, unknown> = {};
    if (wanted.has("databaseId")) row.databaseId = u.id;
    if (wanted.has("login")) row.login = u.login;
    if (wanted.has("id")) row.id = nodeId("User", u.id);
    data[f.alias] = row;
  }
  return json(200, errors.length ? { data, errors } : { data });
}

function notFound(f: Field): Record<string, unknown> {
  return {
    type: "NOT_FOUND",
    path: [f.alias],
    locations: [{ line: f.line, column: f.column }],
    message: `Could not resolve to a User with the login of '${f.login}'.`,
  };
}
