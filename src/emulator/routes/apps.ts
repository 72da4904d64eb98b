// GitHub App authentication: POST /app/installations/{installation_id}/access_tokens trades the
// App's JWT for an installation token (one hour), optionally narrowed to some permissions and
// repositories. The token is recorded with what it may do (src/emulator/identities.ts).
import { verifyAppJwt } from "../app-auth.js";
import { ApiError, notFound, validationFailed } from "../errors.js";
import { json, type Handler } from "../handler.js";
import { bearerToken, tokensOf } from "../tokens.js";
import { repositoryJson } from "../representations.js";
import type { Router } from "../router.js";

const LEVELS = ["read", "write", "admin"];

const createInstallationToken: Handler = (ctx) => {
  const token = bearerToken(ctx.authorization);
  if (!token) throw new ApiError(401, "A JSON web token could not be decoded");
  const app = verifyAppJwt(ctx.state, token);
  const id = Number(ctx.params.installation_id);
  const inst = Number.isInteger(id) ? app.installations.get(id) : undefined;
  if (!inst) throw notFound();
  const body = (ctx.body ?? {}) as { permissions?: unknown; repositories?: unknown; repository_ids?: unknown };
  let permissions = inst.permissions;
  if (body.permissions !== undefined) {
    if (typeof body.permissions !== "object" || body.permissions === null || Array.isArray(body.permissions)) {
      throw validationFailed({ resource: "Installation", field: "permissions", code: "invalid" });
    }
    const asked = body.permissions as Record<string, unknown>;
    for (const [k, v] of Object.entries(asked)) {
      const granted = inst.permissions[k];
      if (typeof v !== "string" || !granted || LEVELS.indexOf(v) < 0 || LEVELS.indexOf(v) > LEVELS.indexOf(granted)) {
        throw new ApiError(422, "The permissions requested are not granted to this installation.");
      }
    }
    permissions = asked as Record<string, string>;
  }
  let repositories: string[] | undefined;
  if (body.repositories !== undefined) {
    if (!Array.isArray(body.repositories) || !body.repositories.every((r) => typeof r === "string")) {
      throw validationFailed({ resource: "Installation", field: "repositories", code: "invalid" });
    }
    repositories = body.repositories as string[];
  }
  const repoStates = (repositories ?? []).map((name) => {
    const r = [...ctx.state.repos.values()].find((x) => x.name.toLowerCase() === name.toLowerCase());
    const allowed = r && (!inst.repositories || inst.repositories.some((n) => n.toLowerCase() === name.toLowerCase()));
    if (!r || !allowed) throw new ApiError(422, `There is at least one repository that does not exist or is not accessible to the parent installation.`);
    return r;
  });
  const selection = repositories ? "selected" : inst.repositorySelection;
  const issued = tokensOf(ctx.state).issue({
    kind: "installation",
    appId: app.id,
    appSlug: app.slug,
    installationId: inst.id,
    permissions,
    repositorySelection: selection,
    ...(repositories ? { repositories: repoStates.map((r) => r.name) } : inst.repositories ? { repositories: inst.repositories } : {}),
  });
  return json(201, {
    token: issued.token,
    expires_at: issued.expiresAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
    permissions,
    repository_selection: selection,
    ...(repositories ? { repositories: repoStates.map((r) => repositoryJson(ctx, r)) } : {}),
  });
};

export function registerApps(r: Router<Handler>): void {
  r.add("POST", "/app/installations/{installation_id}/access_tokens", createInstallationToken);
}
