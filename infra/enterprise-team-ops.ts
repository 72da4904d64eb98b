// What the enterprise-team dynamic provider does (enterprise-team.ts), on the project's Octokit
// client: create, read, update and delete one enterprise team and keep its memberships equal to
// the declared roster, with the bulk membership endpoints (batched, never per person).
// The provider loads this module at run time, so only plain data crosses Pulumi's closure
// serialization. Credentials come from the environment of `pulumi up` (GITHUB_TOKEN: a classic
// token with admin:enterprise), never from the resource's inputs, so they never reach the state.
import { UserError } from "../src/errors.js";
import { createGitHubClient, DEFAULT_API_URL, type GitHubClient } from "../src/github/client.js";
import { listEnterpriseTeamMembers } from "../src/github/enterprise-read.js";
import { enterpriseTeamWriter } from "../src/github/enterprise-write.js";
import { compareLogins, loginKey, teamSlug } from "../src/model/logins.js";
import { checkEnterpriseCredentials } from "../src/plan/enterprise-live.js";

/** The resource's inputs (and, with `id` and `slug`, its outputs). */
export interface EnterpriseTeamInputs {
  enterprise: string;
  /** The API base URL (GITHUB_API_URL of the stack); default api.github.com. */
  apiUrl?: string;
  name: string;
  description: string;
  /** Declared roster, sorted; the team's memberships are kept equal to it. */
  members: string[];
}

export interface EnterpriseTeamOutputs extends EnterpriseTeamInputs {
  /** `ent:<slug>` as GitHub reports it. */
  slug: string;
}

function clientFor(inputs: Pick<EnterpriseTeamInputs, "apiUrl">, env: NodeJS.ProcessEnv): GitHubClient {
  const token = env.GITHUB_TOKEN?.trim();
  if (!token) throw new UserError("enterprise teams: GITHUB_TOKEN is not set (a classic token of an enterprise owner with admin:enterprise; docs/enterprise.md)");
  checkEnterpriseCredentials({ kind: "token", token });
  return createGitHubClient({ apiUrl: inputs.apiUrl ?? env.GITHUB_API_URL ?? DEFAULT_API_URL, auth: { kind: "token", token }, allowWrites: true, writeIntervalMs: Number(env.SEATS_WRITE_INTERVAL_MS ?? 1000) });
}

/** Logins to add and to remove so that `live` becomes `wanted` (case-insensitive). */
export function membershipDiff(live: readonly string[], wanted: readonly string[]): { add: string[]; remove: string[] } {
  const liveKeys = new Set(live.map(loginKey));
  const wantedKeys = new Set(wanted.map(loginKey));
  return { add: wanted.filter((l) => !liveKeys.has(loginKey(l))).sort(compareLogins), remove: live.filter((l) => !wantedKeys.has(loginKey(l))).sort(compareLogins) };
}

export async function createTeam(inputs: EnterpriseTeamInputs, env: NodeJS.ProcessEnv = process.env): Promise<{ id: string; outs: EnterpriseTeamOutputs }> {
  const gh = clientFor(inputs, env);
  const teams = enterpriseTeamWriter(gh, inputs.enterprise);
  // A team of that name already there (created by hand, or by a run that failed before recording
  // it) is adopted instead of failing on GitHub's "name must be unique".
  const existing = await teams.get(`ent:${teamSlug(inputs.name)}`);
  const team = existing ?? (await teams.create({ name: inputs.name, description: inputs.description }));
  const live = existing ? ((await listEnterpriseTeamMembers(gh, inputs.enterprise, String(team.id))) ?? []) : [];
  const { add, remove } = membershipDiff(live, inputs.members);
  await teams.syncMembers(String(team.id), add, remove);
  return { id: String(team.id), outs: { ...inputs, slug: team.slug } };
}

export async function readTeam(id: string, props: EnterpriseTeamOutputs, env: NodeJS.ProcessEnv = process.env): Promise<{ id: string; props: EnterpriseTeamOutputs } | undefined> {
  const gh = clientFor(props, env);
  const team = await enterpriseTeamWriter(gh, props.enterprise).get(id);
  if (!team) return undefined;
  const members = (await listEnterpriseTeamMembers(gh, props.enterprise, id)) ?? [];
  return { id, props: { ...props, name: team.name, description: team.description, slug: team.slug, members } };
}

/** Rename in place (the id stays; the slug follows the name), then bring the memberships in line. */
export async function updateTeam(id: string, olds: EnterpriseTeamOutputs, news: EnterpriseTeamInputs, env: NodeJS.ProcessEnv = process.env): Promise<EnterpriseTeamOutputs> {
  const gh = clientFor(news, env);
  const teams = enterpriseTeamWriter(gh, news.enterprise);
  let slug = olds.slug;
  if (olds.name !== news.name || olds.description !== news.description) {
    slug = (await teams.update(id, { name: news.name, description: news.description })).slug;
  }
  // Against the live list, not the old inputs: a membership changed on GitHub is corrected too.
  const live = (await listEnterpriseTeamMembers(gh, news.enterprise, id)) ?? [];
  const { add, remove } = membershipDiff(live, news.members);
  await teams.syncMembers(id, add, remove);
  return { ...news, slug };
}

export async function deleteTeam(id: string, props: EnterpriseTeamOutputs, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await enterpriseTeamWriter(clientFor(props, env), props.enterprise).delete(id);
}

/** Never a replacement for a rename or a membership change (the team keeps its id and seats); only another enterprise is. */
export function diffTeam(olds: EnterpriseTeamOutputs, news: EnterpriseTeamInputs): { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean } {
  const replaces = olds.enterprise.toLowerCase() !== news.enterprise.toLowerCase() ? ["enterprise"] : [];
  const sameMembers = membershipDiff(olds.members, news.members);
  const changes = replaces.length > 0 || olds.name !== news.name || olds.description !== news.description || sameMembers.add.length + sameMembers.remove.length > 0 || (olds.apiUrl ?? "") !== (news.apiUrl ?? "");
  return { changes, replaces, deleteBeforeReplace: false };
}
