// Security rules for the workflows, as a pure function from a workflow's text to its problems,
// so the rules themselves can be tested on known-bad snippets (security.test.ts).
import { parseDocument } from "yaml";

/** Jobs allowed to keep checkout credentials because they push; each must be documented in docs/workflows.md. */
export const PUSHING_JOBS: ReadonlySet<string> = new Set<string>();

const PINNED = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+@[0-9a-f]{40}$/;
const VERSION_COMMENT = /#\s*v\d+(\.\d+){0,2}\b/;
/** Anything that is a credential: secrets, the workflow token, tokens minted by earlier steps. */
const CREDENTIAL = /\bsecrets\.|\bgithub\.token\b|\bsteps\.[\w-]+\.outputs\.token\b/;
const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type PathSeg = string | number;

function walk(value: Json, path: PathSeg[], visit: (v: string, path: PathSeg[]) => void): void {
  if (typeof value === "string") visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], visit));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, [...path, k], visit);
}

function triggers(on: Json): string[] {
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.filter((t): t is string => typeof t === "string");
  if (on && typeof on === "object") return Object.keys(on);
  return [];
}

/** The line (1-based) of each `uses:` value, to read the `# vX.Y.Z` comment beside it. */
function usesLines(text: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  text.split("\n").forEach((line, i) => {
    const m = /^\s*(?:-\s+)?uses:\s*["']?([^\s"'#]+)/.exec(line);
    if (m) out.set(m[1]!, [...(out.get(m[1]!) ?? []), i + 1]);
  });
  return out;
}

export function auditWorkflow(text: string, file: string): string[] {
  const problems: string[] = [];
  const doc = parseDocument(text);
  if (doc.errors.length) return doc.errors.map((e) => `${file}: YAML: ${e.message}`);
  const wf = doc.toJS() as { [k: string]: Json };
  const lines = text.split("\n");
  const usesAt = usesLines(text);

  // `on` parses as the key "on" (YAML 1.2 core schema), never as boolean true.
  const on = triggers(wf.on ?? null);
  if (on.includes("pull_request_target")) problems.push(`${file}: uses pull_request_target (runs with secrets on PR events; use pull_request + workflow_run)`);
  if (wf.permissions === "write-all") problems.push(`${file}: top-level permissions: write-all`);
  if (!("concurrency" in wf)) problems.push(`${file}: no top-level concurrency group`);

  const jobs = (wf.jobs ?? {}) as { [id: string]: { [k: string]: Json } };
  for (const [id, job] of Object.entries(jobs)) {
    const where = `${file}: job ${id}`;
    if (!("permissions" in job) && !("permissions" in wf)) problems.push(`${where}: no permissions (set them per job or at the top)`);
    if (job.permissions === "write-all") problems.push(`${where}: permissions: write-all`);
    if (!("timeout-minutes" in job)) problems.push(`${where}: no timeout-minutes`);
    if (typeof job.uses === "string" && !job.uses.startsWith("./") && !PINNED.test(job.uses)) {
      problems.push(`${where}: reusable workflow ${job.uses} is not pinned to a commit SHA`);
    }
    const steps = (Array.isArray(job.steps) ? job.steps : []) as { [k: string]: Json }[];
    steps.forEach((step, i) => {
      const s = `${where} step ${i + 1}${typeof step.name === "string" ? ` (${step.name})` : ""}`;
      const uses = typeof step.uses === "string" ? step.uses : undefined;
      if (uses && !uses.startsWith("./") && !uses.startsWith("docker://")) {
        if (!PINNED.test(uses)) problems.push(`${s}: ${uses} is not pinned to a full 40-character commit SHA`);
        else if (!(usesAt.get(uses) ?? []).every((ln) => VERSION_COMMENT.test(lines[ln - 1] ?? ""))) {
          problems.push(`${s}: ${uses} has no \`# vX.Y.Z\` comment naming the pinned version`);
        }
      }
      if (uses?.startsWith("actions/checkout@")) {
        const withs = (step.with ?? {}) as { [k: string]: Json };
        if (withs["persist-credentials"] !== false && !PUSHING_JOBS.has(`${file}#${id}`)) {
          problems.push(`${s}: actions/checkout without persist-credentials: false`);
        }
        // A checkout of anything but the trigger's own commit or the default branch is PR data:
        // it must land in a subfolder, never over the trusted code in the workspace root.
        const ref = typeof withs.ref === "string" ? withs.ref : undefined;
        if (ref && !/^\$\{\{\s*github\.event\.repository\.default_branch\s*\}\}$/.test(ref) && typeof withs.path !== "string") {
          problems.push(`${s}: checks out ${ref} into the workspace root; give it a path: (and never run code from it)`);
        }
      }
      if (typeof step.run === "string") {
        for (const m of step.run.matchAll(EXPRESSION)) {
          problems.push(`${s}: \`\${{${m[1]}}}\` inside run: (pass it through env: and use "$VAR")`);
        }
      }
    });
  }

  // Credentials only in a step's env: or with:, never in run:, if:, job/workflow env, or outputs.
  walk(wf as Json, [], (value, path) => {
    for (const m of value.matchAll(EXPRESSION)) {
      if (!CREDENTIAL.test(m[1]!)) continue;
      const ok = path.length === 6 && path[0] === "jobs" && path[2] === "steps" && (path[4] === "env" || path[4] === "with");
      if (!ok) problems.push(`${file}: credential \`\${{${m[1]}}}\` at ${path.join(".")} (only a step's env: or with: may hold one)`);
    }
  });
  return problems;
}

