// `simple-user` and `organization-simple`.
import { appOfBotLogin, botUserJson } from "../identities.js";
import { nodeId } from "../ids.js";
import type { UserRec } from "../state.js";
import type { View } from "./view.js";

export function userJson(v: View, u: UserRec): Record<string, unknown> {
  const api = `${v.base}/users/${u.login}`;
  return {
    login: u.login,
    id: u.id,
    node_id: nodeId("User", u.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: `${v.base}/${u.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: "User",
    site_admin: false,
    user_view_type: "public",
  };
}

export function userByKey(v: View, login: string): Record<string, unknown> {
  const app = appOfBotLogin(v.state, login);
  if (app) return botUserJson(v, app);
  const u = v.state.user(login) ?? { login, id: 0 };
  return userJson(v, u);
}

export function orgSimpleJson(v: View): Record<string, unknown> {
  const o = v.state.org;
  const api = `${v.base}/orgs/${o.login}`;
  return {
    login: o.login,
    id: o.id,
    node_id: nodeId("Organization", o.id),
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${o.id}?v=4`,
    description: null,
  };
}
