// Who `pulumi up` leaves out of team memberships: declared logins that are not org members,
// unless `teams.invite_non_members: true` (adding a non-member to a team sends them an org
// invitation, so a merged self-add must never do it by accident; docs/pulumi.md).
//
// Where the list comes from, first match wins:
//   1. SEATS_PLAN: the plan seats-apply verified against the reviewed checksum just before
//      `pulumi up` (its `teams.left_out`), so Pulumi leaves out exactly who the reviewer saw;
//   2. otherwise the org's members, read live with the provider's credentials (one request per
//      100 members, like `seats plan`). A failed read fails the run: guessing could invite people.
import { readFileSync } from "node:fs";
import { UserError } from "../src/errors.js";
import { createGitHubClient, type Auth } from "../src/github/client.js";
import { listOrgMembers } from "../src/github/read.js";
import { loginKey } from "../src/model/logins.js";
import { teamRoster } from "../src/model/seat-holders.js";
import type { SeatModel } from "../src/model/types.js";
import { teamOrg } from "../src/plan/orgs.js";
import type { ProviderSettings } from "./provider.js";

/** Declared team slug → login keys left out of it. */
export type LeftOut = Map<string, Set<string>>;

/** The pure part: roster logins that are not in `members`, per team. */
export function leftOutOf(model: Pick<SeatModel, "teams">, members: ReadonlySet<string>): LeftOut {
  const out: LeftOut = new Map();
  for (const t of model.teams) {
    const missing = teamRoster(t).map((r) => loginKey(r.login)).filter((k) => !members.has(k));
    if (missing.length) out.set(t.slug, new Set(missing));
  }
  return out;
}

/** A plan JSON file (`seats apply --json`), parsed; a file that cannot be read fails the run. */
function readPlanFile(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch (err) {
    throw new UserError(`SEATS_PLAN=${file}: cannot read the verified plan (${(err as Error).message}); unset SEATS_PLAN to read org members live`);
  }
}

/** `teams.left_out` of a plan JSON file (`seats apply --json`), by team. */
export function leftOutFromPlanFile(file: string): LeftOut {
  const rows = (readPlanFile(file) as { teams?: { left_out?: unknown } }).teams?.left_out;
  if (!Array.isArray(rows)) throw new UserError(`SEATS_PLAN=${file}: not a plan written by \`seats plan --json\` or \`seats apply --json\` (no teams.left_out)`);
  const out: LeftOut = new Map();
  for (const r of rows as { login?: unknown; team?: unknown }[]) {
    if (typeof r.login !== "string" || typeof r.team !== "string") continue;
    out.set(r.team, new Set([...(out.get(r.team) ?? []), loginKey(r.login)]));
  }
  return out;
}

/** Declared team slug → logins `pulumi up` keeps in it although no member file declares them. */
export type KeptMembers = Map<string, string[]>;

/**
 * `last_check.kept_members` of the verified plan file: people a reclaim PR removed who used
 * Copilot after its snapshot, whose team-granted seat only their membership keeps (the last check
 * before revocation, docs/lifecycle.md). Absent: nobody. Only SEATS_PLAN carries it: a `pulumi up`
 * run by hand, without the verified plan, does not run the last check.
 */
export function keptFromPlanFile(file: string): KeptMembers {
  const rows = (readPlanFile(file) as { last_check?: { kept_members?: unknown } }).last_check?.kept_members;
  const out: KeptMembers = new Map();
  if (!Array.isArray(rows)) return out;
  for (const r of rows as { login?: unknown; team?: unknown }[]) {
    if (typeof r.login !== "string" || typeof r.team !== "string") continue;
    out.set(r.team, [...(out.get(r.team) ?? []), r.login]);
  }
  return out;
}

function clientAuth(s: ProviderSettings): Auth {
  if (s.auth.kind === "token") return { kind: "token", token: s.auth.token };
  if (s.auth.kind === "app") return { kind: "app", appId: s.auth.id, installationId: s.auth.installationId, privateKey: readFileSync(s.auth.pemFile, "utf8") };
  throw new UserError("reading the org's members needs credentials (github:token, GITHUB_TOKEN or a GitHub App); or set teams.invite_non_members: true in policies/policy.yaml");
}

export async function resolveLeftOut(model: Pick<SeatModel, "teams" | "policy">, env: NodeJS.ProcessEnv, settings: ProviderSettings): Promise<LeftOut> {
  if (model.policy.teams.invite_non_members) return new Map();
  if (env.SEATS_PLAN) return leftOutFromPlanFile(env.SEATS_PLAN);
  const apiUrl = (settings.baseUrl ?? "https://api.github.com").replace(/\/+$/, "");
  const client = createGitHubClient({ apiUrl, auth: clientAuth(settings), allowWrites: false, warn: () => {} });
  const membersOf = async (org: string) => {
    try {
      return new Set((await listOrgMembers(client, org)).map(loginKey));
    } catch (err) {
      throw new UserError(`cannot read the members of ${org} at ${apiUrl} to leave non-members out of teams: ${(err as Error).message}`);
    }
  };
  const orgs = model.policy.orgs ?? [model.policy.org];
  if (orgs.length <= 1) return leftOutOf(model, await membersOf(model.policy.org));
  return leftOutPerOrg(model, new Map(await Promise.all(orgs.map(async (o) => [o.toLowerCase(), await membersOf(o)] as const))));
}

/**
 * Several orgs (`orgs:`): each org team's roster against its own org's members; an enterprise
 * team's against the members of any managed org (who can be in it).
 */
export function leftOutPerOrg(model: Pick<SeatModel, "teams" | "policy">, membersByOrg: ReadonlyMap<string, ReadonlySet<string>>): LeftOut {
  const anyOrg = new Set([...membersByOrg.values()].flatMap((m) => [...m]));
  const out: LeftOut = new Map();
  for (const t of model.teams) {
    const members = t.enterprise_team ? anyOrg : (membersByOrg.get(teamOrg(t, model.policy).toLowerCase()) ?? new Set<string>());
    for (const [slug, missing] of leftOutOf({ teams: [t] }, members)) out.set(slug, missing);
  }
  return out;
}
