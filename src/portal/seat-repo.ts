// The seat repository as the portal sees it: always the default branch's current commit, read
// through the API (no checkout). The branch head is read at most once a second; when it moved,
// only blobs not seen before are fetched (a 5,000-file repo costs one tree read and the changed
// files, not 5,000 requests), written to a private temp folder and loaded with the same model
// loader as the CLI.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { GitHubClient } from "../github/client.js";
import { mapLimit } from "../github/concurrency.js";
import { getBaseHead, readFileAt } from "../github/pull-request.js";
import { httpStatus } from "../github/client.js";
import { loadRepo } from "../model/load.js";
import type { SeatModel } from "../model/types.js";

export interface RepoTarget {
  owner: string;
  repo: string;
  base: string;
}

export interface RepoSnapshot {
  sha: string;
  model: SeatModel;
  /** Problems the loader found (the portal still works on the valid part). */
  problems: number;
}

/** Paths the model loader reads. */
export function isSeatDataPath(p: string): boolean {
  return (p.startsWith("seats/") && p.endsWith(".yaml")) || p === "policies/policy.yaml" || p === ".github/CODEOWNERS" || /^\.github\/workflows\/[^/]+\.ya?ml$/.test(p);
}

export class SeatRepo {
  private current: RepoSnapshot | undefined;
  private checkedAt = 0;
  private loading: Promise<RepoSnapshot> | undefined;
  private readonly blobs = new Map<string, string>();
  private readonly dir = mkdtempSync(path.join(tmpdir(), "seats-portal-"));

  constructor(
    private readonly client: GitHubClient,
    readonly target: RepoTarget,
    private readonly maxAgeMs = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current snapshot; concurrent callers share one refresh. */
  async snapshot(): Promise<RepoSnapshot> {
    if (this.current && this.now() - this.checkedAt < this.maxAgeMs) return this.current;
    this.loading ??= this.refresh().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** Forget the freshness window (after the portal itself caused a change). */
  invalidate(): void {
    this.checkedAt = 0;
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async refresh(): Promise<RepoSnapshot> {
    const { owner, repo, base } = this.target;
    const head = await getBaseHead(this.client, owner, repo, base);
    this.checkedAt = this.now();
    if (this.current?.sha === head.sha) return this.current;
    const { data } = await this.client.request("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", { owner, repo, tree_sha: head.tree, recursive: "1" });
    const files = data.tree.filter((e) => e.type === "blob" && e.path && e.sha && isSeatDataPath(e.path)) as { path: string; sha: string }[];
    await mapLimit(
      files.filter((f) => !this.blobs.has(f.sha)),
      8,
      async (f) => {
        try {
          const { data: blob } = await this.client.request("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", { owner, repo, file_sha: f.sha });
          this.blobs.set(f.sha, Buffer.from(blob.content, (blob.encoding as BufferEncoding) ?? "base64").toString("utf8"));
        } catch (err) {
          // A server without the blob endpoint (some GitHub stand-ins): the contents API at this commit.
          if (httpStatus(err) !== 404) throw err;
          const file = await readFileAt(this.client, owner, repo, head.sha, f.path);
          if (file) this.blobs.set(f.sha, file.content);
        }
      },
    );
    const dir = path.join(this.dir, head.sha);
    for (const f of files) {
      const abs = path.join(dir, ...f.path.split("/"));
      mkdirSync(path.dirname(abs), { recursive: true });
      const text = this.blobs.get(f.sha);
      if (text !== undefined) writeFileSync(abs, text);
    }
    mkdirSync(path.join(dir, "seats"), { recursive: true });
    const { model, findings } = loadRepo(dir);
    const previous = this.current;
    this.current = { sha: head.sha, model, problems: findings.filter((f) => f.severity === "error").length };
    if (previous) rmSync(path.join(this.dir, previous.sha), { recursive: true, force: true });
    return this.current;
  }
}
