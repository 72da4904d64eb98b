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
/** Triggers whose runs execute the PR's own code (the workflow file itself comes from the PR). */
const UNTRUSTED_TRIGGERS: ReadonlySet<string> = new Set(["pull_request", "pull_request_review", "pull_request_review_comment"]);
/**
 * Which environment may hold each secret (docs/workflows.md, "Three GitHub Apps"): every secret is
 * an environment secret, and an environment is limited to the default branch, so a workflow pushed
 * to another branch, or dispatched from one, gets none. A job may reference a secret only when it
 * runs in that secret's environment.
 */
export const SECRET_ENVIRONMENTS: Readonly<Record<string, readonly string[]>> = {
  SEATS_RO_APP_ID: ["seats-plan"],
  SEATS_RO_PRIVATE_KEY: ["seats-plan"],
  PULUMI_PREVIEW_TOKEN: ["seats-plan"],
  SEATS_BOT_APP_ID: ["seats-bot", "seats-production"],
  SEATS_BOT_PRIVATE_KEY: ["seats-bot"],
  SEATS_RW_APP_ID: ["seats-production"],
  SEATS_RW_PRIVATE_KEY: ["seats-production"],
  PULUMI_ACCESS_TOKEN: ["seats-production"],
  // Enterprise mode's classic tokens (docs/enterprise.md, "Credentials per job"): the read token
  // where the Apps' read tokens are used, the write token only beside the read-write App.
  SEATS_ENTERPRISE_READ_TOKEN: ["seats-plan", "seats-bot", "seats-production"],
  SEATS_ENTERPRISE_WRITE_TOKEN: ["seats-production"],
  // The optional chat webhook (docs/lifecycle.md): the nightly reminders and the notice after apply.
  SEATS_WEBHOOK_URL: ["seats-bot", "seats-production"],
};
const XTRACE = /(^|[\s;&|])(set\s+(-[a-wyz]*x|-o\s+xtrace)|bash\s+-\w*x)/m;

function isEmptyObject(v: Json | undefined): boolean {
  return v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0;
}

/** Whether a script executes something from folder `p` (data only may be read there). */
function runsFrom(run: string, p: string): boolean {
  const q = p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return [
    new RegExp(`(^|[\\s;&|(])(cd|pushd)\\s+["']?(\\./)?${q}(/|["'\\s;]|$)`, "m"),
    new RegExp(`(^|[\\s;&|(="'])(\\./)?${q}/\\S*\\.(js|mjs|cjs|ts|mts|sh|py)\\b`, "m"),
    new RegExp(`(^|[\\s;&|(="'])(\\./)?${q}/(bin|node_modules|scripts|\\.github/scripts)/`, "m"),
    // npm --prefix / make -C run the folder's package scripts or Makefile (git -C only reads it).
    new RegExp(`(--prefix[=\\s]+|\\bmake\\b[^\\n]*-C\\s*)["']?(\\./)?${q}(/|["'\\s;]|$)`, "m"),
  ].some((re) => re.test(run));
}

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
  else if ("permissions" in wf && !isEmptyObject(wf.permissions)) {
    problems.push(`${file}: top-level permissions must be {} (each job asks for exactly what it needs)`);
  }
  const untrusted = on.filter((t) => UNTRUSTED_TRIGGERS.has(t));
  if (!("concurrency" in wf)) problems.push(`${file}: no top-level concurrency group`);

  const jobs = (wf.jobs ?? {}) as { [id: string]: { [k: string]: Json } };
  for (const [id, job] of Object.entries(jobs)) {
    const where = `${file}: job ${id}`;
    if (!("permissions" in job)) problems.push(`${where}: no permissions (each job sets its own; the top level grants nothing)`);
    if (job.permissions === "write-all") problems.push(`${where}: permissions: write-all`);
    else if (untrusted.length && job.permissions && typeof job.permissions === "object" && Object.values(job.permissions).includes("write")) {
      problems.push(`${where}: runs the PR's code (${untrusted.join(", ")}) with a write permission`);
    }
    // Folders holding checked-out PR data: nothing in them may run.
    const dataPaths: string[] = [];
    if (!("timeout-minutes" in job)) problems.push(`${where}: no timeout-minutes`);
    if (typeof job.uses === "string" && !job.uses.startsWith("./") && !PINNED.test(job.uses)) {
      problems.push(`${where}: reusable workflow ${job.uses} is not pinned to a commit SHA`);
    }
    const env = typeof job.environment === "string" ? job.environment : (job.environment as { name?: Json } | undefined)?.name;
    const secrets = new Set<string>();
    walk(job as Json, [], (value) => {
      for (const m of value.matchAll(/\bsecrets\.([A-Za-z_][A-Za-z0-9_]*)/g)) secrets.add(m[1]!);
    });
    for (const name of [...secrets].sort()) {
      const allowed = SECRET_ENVIRONMENTS[name];
      if (!allowed) problems.push(`${where}: secrets.${name} is not one of the pipeline's environment secrets (${Object.keys(SECRET_ENVIRONMENTS).join(", ")})`);
      else if (typeof env !== "string" || !allowed.includes(env)) {
        problems.push(`${where}: secrets.${name} belongs to the ${allowed.join(" or ")} environment, but the job runs in ${typeof env === "string" ? env : "no environment"}`);
      }
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
        if (ref && typeof withs.path === "string") dataPaths.push(withs.path.replace(/^\.\//, "").replace(/\/+$/, ""));
        // actions/checkout v7 refuses fork PR refs in workflow_run unless told the checkout is
        // deliberate; only a PR-data checkout into a subfolder may say so.
        const prRef = ref !== undefined && /refs\/pull\//.test(ref);
        const major = Number(/#\s*v(\d+)/.exec(lines[(usesAt.get(uses)?.[0] ?? 0) - 1] ?? "")?.[1] ?? 0);
        const unsafe = withs["allow-unsafe-pr-checkout"] === true;
        if (unsafe && !(prRef && typeof withs.path === "string")) problems.push(`${s}: allow-unsafe-pr-checkout outside the PR-data checkout into a subfolder`);
        if (prRef && on.includes("workflow_run") && major >= 7 && !unsafe) problems.push(`${s}: actions/checkout v${major} refuses fork PR refs in workflow_run without allow-unsafe-pr-checkout: true`);
      }
      if (uses?.startsWith("actions/create-github-app-token@")) {
        const withs = (step.with ?? {}) as { [k: string]: Json };
        if (!Object.keys(withs).some((k) => k.startsWith("permission-"))) {
          problems.push(`${s}: App token without permission-* inputs (it would carry every permission of the App)`);
        }
      }
      for (const p of dataPaths) {
        const wd = typeof step["working-directory"] === "string" ? step["working-directory"].replace(/^\.\//, "") : "";
        if (wd === p || wd.startsWith(`${p}/`)) problems.push(`${s}: runs inside ${p}/, which holds PR data`);
        if (uses?.startsWith(`./${p}/`)) problems.push(`${s}: uses an action from ${p}/, which holds PR data`);
        if (typeof step.run === "string" && runsFrom(step.run, p)) problems.push(`${s}: runs code from ${p}/, which holds PR data (read it as data only)`);
      }
      if (typeof step.run === "string") {
        for (const m of step.run.matchAll(EXPRESSION)) {
          problems.push(`${s}: \`\${{${m[1]}}}\` inside run: (pass it through env: and use "$VAR")`);
        }
        if (XTRACE.test(step.run) || (typeof step.shell === "string" && /(^|\s)-\w*x/.test(step.shell))) {
          problems.push(`${s}: shell tracing (set -x) prints every expanded command, credentials included`);
        }
        // The tools read credentials from the environment themselves; a script never needs to expand one.
        const env = (step.env ?? {}) as { [k: string]: Json };
        for (const [name, value] of Object.entries(env)) {
          if (typeof value !== "string" || !CREDENTIAL.test(value)) continue;
          if (new RegExp(`\\$\\{?${name}\\b`).test(step.run)) problems.push(`${s}: the script expands the credential $${name} (let the tool read it from the environment)`);
        }
      }
    });

    // A token minted by a run: step must be masked before anything can print it (actions such
    // as create-github-app-token mask theirs).
    const tokenSteps = new Set<string>();
    walk(job as Json, [], (value) => {
      for (const m of value.matchAll(/steps\.([\w-]+)\.outputs\.token\b/g)) tokenSteps.add(m[1]!);
    });
    for (const step of steps) {
      if (typeof step.id === "string" && tokenSteps.has(step.id) && typeof step.run === "string" && !step.run.includes("::add-mask::")) {
        problems.push(`${where} step ${step.id}: writes a token output without ::add-mask::`);
      }
    }
  }
  // A scheduled run's payload is only `{schedule}`: `github.event.repository…` is empty there.
  if (on.includes("schedule")) {
    walk(wf as Json, [], (value, path) => {
      for (const m of value.matchAll(EXPRESSION)) {
        if (/\bgithub\.event\.(?!schedule\b)/.test(m[1]!) && !m[1]!.includes("||")) {
          problems.push(`${file}: \`\${{${m[1]}}}\` at ${path.join(".")} is empty on scheduled runs (use github.* or add a || fallback)`);
        }
      }
    });
  }
  if (untrusted.length && /\bsecrets\./.test(text)) problems.push(`${file}: runs the PR's code (${untrusted.join(", ")}) and references secrets`);

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

