// Shared helpers for the repository routes.
import { notFound } from "../errors.js";
import type { RequestContext } from "../handler.js";
import { actorFor, actorSignature } from "../identities.js";
import type { RepoState } from "../repos.js";

export function repoOf(ctx: RequestContext): RepoState {
  const r = ctx.state.repos.get(`${ctx.params.owner}/${ctx.params.repo}`.toLowerCase());
  if (!r) throw notFound();
  return r;
}

/** A commit-ish the way the contents and trees APIs accept it: a branch, `heads/<b>`, a tag ref or a commit SHA. */
export function resolveCommitish(r: RepoState, ref: string): string | undefined {
  const candidates = [`refs/heads/${ref}`, `refs/tags/${ref}`, `refs/${ref}`, ref];
  for (const c of candidates) {
    const sha = r.refs.get(c);
    if (sha) return sha;
  }
  if (/^[0-9a-f]{40}$/.test(ref) && r.store.typeOf(ref) === "commit") return ref;
  return undefined;
}

export function signatureFrom(ctx: RequestContext, given: { name: string; email: string; date?: string } | undefined, fallback?: { name: string; email: string; date: string }) {
  const now = ctx.state.nowIso();
  if (given) return { name: given.name, email: given.email, date: given.date ? new Date(given.date).toISOString().replace(/\.\d{3}Z$/, "Z") : now };
  return fallback ?? { ...actorSignature(ctx.state, actorFor(ctx.state, ctx.token)), date: now };
}
