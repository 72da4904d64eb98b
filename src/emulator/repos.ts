// One repository: its git objects, refs, pull requests, labels and comments. Pure state and
// rules (fast-forward checks, "no commits between", merges); HTTP shapes are in representations.ts.
import { isoTime } from "./clock.js";
import { GitStore, type ObjectType, type Signature } from "./git-store.js";

export interface PullRec {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  headRef: string;
  baseRef: string;
  /** The head commit at the last time the PR was read or updated (GitHub keeps it after the branch is deleted). */
  headSha: string;
  baseSha: string;
  user: string;
  draft: boolean;
  maintainer_can_modify: boolean;
  labels: number[];
  requested_reviewers: string[];
  requested_teams: number[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  merged_at: string | null;
  merge_commit_sha: string | null;
  merged_by: string | null;
}

export interface LabelRec {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface CommentRec {
  id: number;
  issue: number;
  body: string;
  user: string;
  created_at: string;
  updated_at: string;
}

/** An issue (not a PR): issues and PRs share one number sequence, as on GitHub. */
export interface IssueRec {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  state_reason: "completed" | "not_planned" | "duplicate" | "reopened" | null;
  user: string;
  labels: number[];
  /** Logins as GitHub shows them. */
  assignees: string[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface PersistedRepo {
  id: number;
  owner: string;
  name: string;
  default_branch: string;
  created_at: string;
  objects: Record<string, [ObjectType, string]>;
  refs: [string, string][];
  pulls: PullRec[];
  labels: LabelRec[];
  comments: CommentRec[];
  /** Absent in state files written before the emulator modelled issues. */
  issues?: IssueRec[];
  /** Lower-cased logins (SeedRepo.collaborators); absent: every org member has access. */
  collaborators?: string[];
  next_number: number;
}

export class MergeConflict extends Error {}

export class RepoState {
  readonly store = new GitStore();
  readonly refs = new Map<string, string>();
  readonly pulls: PullRec[] = [];
  readonly labels: LabelRec[] = [];
  readonly comments: CommentRec[] = [];
  readonly issues: IssueRec[] = [];
  /** Lower-cased logins with access when members get none by default (SeedRepo.collaborators). */
  collaborators: string[] | undefined;
  nextNumber = 1;

  constructor(
    readonly id: number,
    readonly owner: string,
    readonly name: string,
    public defaultBranch: string,
    readonly createdAt: string,
  ) {}

  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }

  static create(id: number, owner: string, name: string, defaultBranch: string, files: Record<string, string>, who: { name: string; email: string }, now: Date): RepoState {
    const repo = new RepoState(id, owner, name, defaultBranch, isoTime(now));
    const flat = new Map<string, { sha: string; mode: string }>();
    for (const [p, content] of Object.entries(files)) flat.set(p.replace(/^\/+/, ""), { sha: repo.store.putBlob(content), mode: "100644" });
    const tree = repo.store.buildTree(flat);
    const sig: Signature = { ...who, date: isoTime(now) };
    const commit = repo.store.putCommit({ tree, parents: [], author: sig, committer: sig, message: "Initial commit" });
    repo.refs.set(`refs/heads/${defaultBranch}`, commit);
    return repo;
  }

  toPersisted(): PersistedRepo {
    return {
      id: this.id,
      owner: this.owner,
      name: this.name,
      default_branch: this.defaultBranch,
      created_at: this.createdAt,
      objects: this.store.dump(),
      refs: [...this.refs.entries()],
      pulls: this.pulls,
      labels: this.labels,
      comments: this.comments,
      issues: this.issues,
      ...(this.collaborators ? { collaborators: this.collaborators } : {}),
      next_number: this.nextNumber,
    };
  }

  static fromPersisted(p: PersistedRepo): RepoState {
    const repo = new RepoState(p.id, p.owner, p.name, p.default_branch, p.created_at);
    repo.store.load(p.objects);
    for (const [r, sha] of p.refs) repo.refs.set(r, sha);
    repo.pulls.push(...p.pulls);
    repo.labels.push(...p.labels);
    repo.comments.push(...p.comments);
    repo.issues.push(...(p.issues ?? []));
    repo.collaborators = p.collaborators;
    repo.nextNumber = p.next_number;
    return repo;
  }

  branchSha(branch: string): string | undefined {
    return this.refs.get(`refs/heads/${branch}`);
  }

  /** Files on a branch (path → UTF-8 content), or undefined when the branch does not exist. */
  readBranch(branch: string): Record<string, string> | undefined {
    const sha = this.branchSha(branch);
    if (!sha) return undefined;
    const out: Record<string, string> = {};
    const files = this.store.flatten(this.store.readCommit(sha).tree);
    for (const p of [...files.keys()].sort()) out[p] = this.store.get(files.get(p)!.sha)!.data.toString("utf8");
    return out;
  }

  /** Refreshes the recorded head/base commits of open PRs from their branches. */
  refreshPull(pr: PullRec): void {
    if (pr.state !== "open") return;
    pr.headSha = this.branchSha(pr.headRef) ?? pr.headSha;
    pr.baseSha = this.branchSha(pr.baseRef) ?? pr.baseSha;
  }

  /** Commits reachable from `head` but not from `base` (what "No commits between" checks). */
  commitsBetween(base: string, head: string): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    const stack = [head];
    while (stack.length) {
      const s = stack.pop()!;
      if (seen.has(s) || this.store.isAncestor(s, base)) continue;
      seen.add(s);
      out.push(s);
      stack.push(...this.store.readCommit(s).parents);
    }
    return out;
  }

  /** Paths whose blob differs between two commits. */
  changedFiles(base: string, head: string): { path: string; additions: number; deletions: number }[] {
    const a = this.store.flatten(this.store.readCommit(base).tree);
    const b = this.store.flatten(this.store.readCommit(head).tree);
    const lines = (sha: string | undefined) => (sha ? this.store.get(sha)!.data.toString("utf8").split("\n").length : 0);
    const out: { path: string; additions: number; deletions: number }[] = [];
    for (const p of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(p)?.sha;
      const y = b.get(p)?.sha;
      if (x !== y) out.push({ path: p, additions: lines(y), deletions: lines(x) });
    }
    return out;
  }

  /**
   * Merges an open PR into its base: a fast-forward when the base has not moved, otherwise a
   * merge commit with a file-level three-way merge (conflicting edits throw MergeConflict).
   */
  merge(pr: PullRec, by: string, who: { name: string; email: string }, now: Date): string {
    this.refreshPull(pr);
    const base = this.branchSha(pr.baseRef);
    const head = this.branchSha(pr.headRef) ?? pr.headSha;
    if (!base) throw new MergeConflict(`base branch ${pr.baseRef} does not exist`);
    let result: string;
    if (this.store.isAncestor(base, head)) result = head;
    else {
      const mergeBase = this.store.mergeBase(base, head);
      const files = (c: string | undefined) => (c ? this.store.flatten(this.store.readCommit(c).tree) : new Map<string, { sha: string; mode: string }>());
      const o = files(mergeBase);
      const ours = files(base);
      const theirs = files(head);
      const merged = new Map(ours);
      for (const p of new Set([...o.keys(), ...ours.keys(), ...theirs.keys()])) {
        const ob = o.get(p)?.sha;
        const a = ours.get(p)?.sha;
        const b = theirs.get(p)?.sha;
        if (a === b || b === ob) continue;
        if (a !== ob) throw new MergeConflict(`merge conflict in ${p}`);
        const theirEntry = theirs.get(p);
        if (theirEntry) merged.set(p, theirEntry);
        else merged.delete(p);
      }
      const sig = { ...who, date: isoTime(now) };
      result = this.store.putCommit({
        tree: this.store.buildTree(merged),
        parents: [base, head],
        author: sig,
        committer: sig,
        message: `Merge pull request #${pr.number} from ${this.owner}/${pr.headRef}\n\n${pr.title}`,
      });
    }
    this.refs.set(`refs/heads/${pr.baseRef}`, result);
    const t = isoTime(now);
    pr.headSha = head;
    pr.baseSha = base;
    pr.state = "closed";
    pr.merged_at = t;
    pr.closed_at = t;
    pr.updated_at = t;
    pr.merge_commit_sha = result;
    pr.merged_by = by;
    return result;
  }
}
