// GraphQL user lookups, the batch read GitHub offers where REST has none: one query of aliased
// `user(login:)` fields (up to 100 per query as `seats validate --online` sends them). A login
// that resolves to nobody (or to an organization: `user` resolves users only) is `null` under its
// alias plus a NOT_FOUND entry in `errors`, as GitHub answers; the rest of the data still comes back.
// A user's `organization(login:)` field is the org when the user is an active member of it, else
// null (a pending invitation is no membership). GitHub hides a private membership from a viewer
// who may not see it: here, a GitHub App's installation token does not see one (seed
// `public: false`) there, while an owner's token does; REST membership checks see it either way.
import { json, type RequestContext } from "../handler.js";
import { actorFor } from "../identities.js";
import { nodeId } from "../ids.js";
import { key } from "../state-records.js";

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

/** A GraphQL document that only reads (`{ … }` or `query … { … }`); a login may be "mutation". */
export function isGraphqlQuery(query: unknown): boolean {
  if (typeof query !== "string") return false;
  const doc = query.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return /^\s*(query\b[^{]*)?\{/.test(doc) && !/\bmutation\b/.test(doc);
}

/** The answer to a query of user lookups; undefined for any other query. */
export function userLookups(ctx: RequestContext, query: string): ReturnType<typeof json> | undefined {
  if (!isGraphqlQuery(query)) return undefined;
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
    const org = orgField(f.selection);
    const wanted = new Set((org ? f.selection.replace(org.text, "") : f.selection).match(/\w+/g) ?? []);
    const row: Record<string, unknown> = {};
    if (wanted.has("databaseId")) row.databaseId = u.id;
    if (wanted.has("login")) row.login = u.login;
    if (wanted.has("id")) row.id = nodeId("User", u.id);
    if (org) row[org.alias] = orgOfMember(ctx, org, u.login);
    data[f.alias] = row;
  }
  return json(200, errors.length ? { data, errors } : { data });
}

type OrgField = { text: string; alias: string; login: string; selection: string };

/** A user selection's `organization(login: "…") { … }` field, if it has one. */
function orgField(selection: string): OrgField | undefined {
  const m = /(?:(\w+)\s*:\s*)?\borganization\s*\(\s*login\s*:\s*"((?:[^"\\]|\\.)*)"\s*\)\s*\{([^{}]*)\}/.exec(selection);
  return m ? { text: m[0], alias: m[1] ?? "organization", login: JSON.parse(`"${m[2]}"`) as string, selection: m[3]! } : undefined;
}

function orgOfMember(ctx: RequestContext, f: OrgField, login: string): Record<string, unknown> | null {
  const org = ctx.state.org;
  if (f.login.toLowerCase() !== org.login.toLowerCase() || !ctx.state.isActiveMember(login)) return null;
  if (ctx.state.members.get(key(login))?.concealed && viewerIsApp(ctx)) return null;
  const wanted = new Set(f.selection.match(/\w+/g) ?? []);
  const row: Record<string, unknown> = {};
  if (wanted.has("login")) row.login = org.login;
  if (wanted.has("databaseId")) row.databaseId = org.id;
  if (wanted.has("id")) row.id = nodeId("Organization", org.id);
  return row;
}

/** An App's installation token, or a token the seed says is one (`auth_as: app`). */
function viewerIsApp(ctx: RequestContext): boolean {
  const actor = actorFor(ctx.state, ctx.token);
  return actor.kind === "app" || (ctx.state.authAs === "app" && actor.login === ctx.state.viewer);
}

function notFound(f: Field): Record<string, unknown> {
  return {
    type: "NOT_FOUND",
    path: [f.alias],
    locations: [{ line: f.line, column: f.column }],
    message: `Could not resolve to a User with the login of '${f.login}'.`,
  };
}
