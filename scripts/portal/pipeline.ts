// A stand-in for the seat repo's workflows, for `npm run portal:demo` and the portal's browser
// tests on the emulator: it does what the merge path does on GitHub, in one process. For each
// open seat PR it applies the approval rule (an `enrollment: open` team, or an approving review
// by a maintainer of the team on the base branch), merges it, and runs the real `seats apply
// --confirm` on the merged default branch (which also buys or cancels the seat). The real
// pipeline (docs/workflows.md) adds the plan check, validation and the reviewed-checksum gate.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "../../src/cli/main.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { loadRepo } from "../../src/model/load.js";
import { parseGivebackBranch, parseRequestBranch } from "../../src/request/pull-request.js";

export interface PipelineRun {
  merged: number[];
  waiting: number[];
  applyOutput: string[];
}

const headers = (token: string) => ({ authorization: `token ${token}`, "user-agent": "seats-pipeline", accept: "application/vnd.github+json" });

async function api<T>(emu: RunningEmulator, token: string, method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emu.url}${p}`, { method, headers: { ...headers(token), ...(body ? { "content-type": "application/json" } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

function checkout(emu: RunningEmulator, repo: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "seats-pipeline-"));
  for (const [rel, content] of Object.entries(emu.control.readBranch(repo, "main") ?? {})) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  mkdirSync(path.join(dir, "seats"), { recursive: true });
  return dir;
}

/** One pass over the open seat PRs of `repo` (owner/name); `token` is the pipeline's credentials. */
export async function runPipelineOnce(emu: RunningEmulator, repo: string, token: string): Promise<PipelineRun> {
  const out: PipelineRun = { merged: [], waiting: [], applyOutput: [] };
  const pulls = await api<{ number: number; head: { ref: string }; base: { ref: string } }[]>(emu, token, "GET", `/repos/${repo}/pulls?state=open&per_page=100`);
  const base = checkout(emu, repo);
  try {
    const { model } = loadRepo(base);
    for (const p of pulls) {
      const req = parseRequestBranch(p.head.ref);
      const back = parseGivebackBranch(p.head.ref);
      if (!req && !back) continue;
      let ok = !!back; // giving your own seat back needs nobody's approval
      if (req) {
        const team = model.teams.find((t) => t.slug === req.team);
        if (!team) continue;
        const reviews = await api<{ user: { login: string }; state: string }[]>(emu, token, "GET", `/repos/${repo}/pulls/${p.number}/reviews?per_page=100`);
        const approvedBy = reviews.filter((r) => r.state === "APPROVED").map((r) => r.user.login.toLowerCase());
        ok = team.enrollment === "open" || team.maintainers.some((m) => approvedBy.includes(m.toLowerCase()) && m.toLowerCase() !== req.login.toLowerCase());
      }
      if (!ok) {
        out.waiting.push(p.number);
        continue;
      }
      await api(emu, token, "PUT", `/repos/${repo}/pulls/${p.number}/merge`, { merge_method: "squash" });
      out.merged.push(p.number);
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  if (out.merged.length) {
    const dir = checkout(emu, repo);
    try {
      let text = "";
      const io = { out: (t: string) => void (text += `${t}\n`), err: (t: string) => void (text += `${t}\n`) };
      await main(["apply", "--confirm", "--force", "--dir", dir], { io, env: { GITHUB_TOKEN: token, GITHUB_API_URL: emu.url, SEATS_WRITE_INTERVAL_MS: "0", SEATS_RETRY_BASE_MS: "1" }, cwd: dir });
      out.applyOutput.push(text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}
