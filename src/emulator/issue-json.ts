// The `issue` representation (list, create, get, update of issues). Kept apart from
// representations.ts, which holds the older resources; same rules: validates against GitHub's
// published schema, every URL on the emulator's own origin.
import { nodeId } from "./ids.js";
import type { IssueRec, RepoState } from "./repos.js";
import { labelJson, userByKey, type View } from "./representations.js";

export function issueJson(v: View, r: RepoState, i: IssueRec): Record<string, unknown> {
  const api = `${v.base}/repos/${r.fullName}`;
  const self = `${api}/issues/${i.number}`;
  const assignees = i.assignees.map((l) => userByKey(v, l));
  return {
    id: i.id,
    node_id: nodeId("Issue", i.id),
    url: self,
    repository_url: api,
    labels_url: `${self}/labels{/name}`,
    comments_url: `${self}/comments`,
    events_url: `${self}/events`,
    html_url: `${v.base}/${r.fullName}/issues/${i.number}`,
    number: i.number,
    state: i.state,
    state_reason: i.state_reason,
    title: i.title,
    body: i.body,
    user: userByKey(v, i.user),
    labels: i.labels.map((id) => labelJson(v, r, id)),
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: r.comments.filter((c) => c.issue === i.number).length,
    closed_at: i.closed_at,
    created_at: i.created_at,
    updated_at: i.updated_at,
    author_association: "MEMBER",
  };
}
