// Runs one `run:` step of a workflow the way the Actions runner would: the step's exact script,
// under the runner's default shell (`bash -e {0}`), with the step's `env:` (its `${{ }}` values
// resolved from a test-supplied context), GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_EVENT_PATH
// files, and the step outputs parsed back. So the pipeline's glue (flags, env names, outputs that
// later steps read) is executed in tests, not only linted.
//
// A step whose whole script is one `node bin/seats.js <plain words>` line runs in this process
// (the same entry, `main`, with the step's env and working directory), which saves a Node and tsx
// start-up per step; anything with shell syntax, or `spawn: true`, runs under bash as on the runner.
//
// Only property paths are resolved (`steps.form.outputs.team`, `github.event.issue.number`): the
// workflows' env values use nothing else, and an unknown path fails loudly instead of silently
// becoming "" as on GitHub, so a typo in a step's env is caught.
import { spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { tempDir } from "../helpers/seat-repo.js";

export const ROOT = path.resolve(import.meta.dirname, "../..");

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface Step {
  id?: string;
  name?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  shell?: string;
}

interface Workflow {
  env?: Record<string, string>;
  jobs: Record<string, { env?: Record<string, string>; steps: Step[] }>;
}

/** The expression context: `github`, `steps`, `inputs`, `needs`, `env`... as plain objects. */
export type ExprContext = { [k: string]: Json };

export function readWorkflow(file: string): Workflow {
  return parse(readFileSync(path.join(ROOT, ".github/workflows", file), "utf8")) as Workflow;
}

/** A step by `id`, else by `name`. */
export function findStep(file: string, job: string, key: string): Step {
  const steps = readWorkflow(file).jobs[job]?.steps ?? [];
  const step = steps.find((s) => s.id === key) ?? steps.find((s) => s.name === key);
  if (!step) throw new Error(`${file}: job ${job} has no step with id or name "${key}"`);
  return step;
}

function lookup(ctx: ExprContext, expr: string): string {
  if (!/^[A-Za-z_][\w-]*(\.[\w-]+)*$/.test(expr)) throw new Error(`step-runner resolves property paths only, not \`${expr}\``);
  let v: Json | undefined = ctx;
  for (const part of expr.split(".")) {
    if (v === null || typeof v !== "object" || Array.isArray(v) || !(part in v)) {
      throw new Error(`\`\${{ ${expr} }}\` is not in the test's context (a typo in the workflow, or a missing fixture)`);
    }
    v = (v as { [k: string]: Json })[part];
  }
  if (v === null || v === undefined) return "";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/**
 * Replaces every `${{ path }}` in a value. `a || b` takes the first non-empty operand, and there
 * (only) a missing path is empty, as on GitHub, where that is the point of writing a fallback.
 */
export function resolve(value: string, ctx: ExprContext): string {
  return value.replace(/\$\{\{\s*([\s\S]*?)\s*\}\}/g, (_, expr: string) => {
    const operands = expr.split("||").map((e) => e.trim());
    if (operands.length === 1) return lookup(ctx, expr);
    for (const e of operands) {
      let v = "";
      try {
        v = lookup(ctx, e);
      } catch (err) {
        if (!String(err).includes("is not in the test's context")) throw err;
      }
      if (v !== "") return v;
    }
    return "";
  });
}

/** `name=value` lines and `name<<DELIM` blocks, as the runner reads GITHUB_OUTPUT. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i]!);
      out[name!] = value.join("\n");
    } else if (line.includes("=")) {
      out[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
    }
  }
  return out;
}

export interface StepRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface RunStepOptions {
  workflow: string;
  job: string;
  /** The step's `id`, or its `name`. */
  step: string;
  /** Expression context; `env` defaults to the workflow's and job's env. */
  ctx: ExprContext;
  /** The workspace (GITHUB_WORKSPACE, the step's working directory). */
  cwd: string;
  /** What the runner sets: GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_EVENT_NAME... */
  runnerEnv: Record<string, string>;
  /** The event payload written to GITHUB_EVENT_PATH. */
  event?: unknown;
  /** Always run under bash (a step that runs while others do: in-process steps share the cwd). */
  spawn?: boolean;
}

/** `node bin/seats.js a b c` with no shell syntax: the argument list, else undefined. */
export function inProcessArgs(run: string): string[] | undefined {
  const line = run.trim();
  if (line.includes("\n") || /[$"'`|&;<>(){}\\*?~]/.test(line)) return undefined;
  const words = line.split(/\s+/);
  return words[0] === "node" && words[1] === "bin/seats.js" ? words.slice(2) : undefined;
}

let inProcessQueue: Promise<unknown> = Promise.resolve();

/** Runs the CLI's `main` in this process, in `cwd`, one step at a time (the cwd is process-wide). */
async function runInProcess(args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = async () => {
    const { main } = await import("../../src/cli/main.js");
    let stdout = "";
    let stderr = "";
    const io = { out: (t: string) => void (stdout += t.endsWith("\n") ? t : `${t}\n`), err: (t: string) => void (stderr += t.endsWith("\n") ? t : `${t}\n`) };
    const before = process.cwd();
    process.chdir(cwd);
    try {
      const code = await main(args, { io, env, cwd, signal: new AbortController().signal });
      return { code, stdout, stderr };
    } finally {
      process.chdir(before);
    }
  };
  const next = inProcessQueue.then(run, run);
  inProcessQueue = next.catch(() => undefined);
  return next;
}

/** Runs the step's script; never throws for a failing script (the exit code is in the result). */
export async function runStep(o: RunStepOptions): Promise<StepRun> {
  const wf = readWorkflow(o.workflow);
  const step = findStep(o.workflow, o.job, o.step);
  if (step.run === undefined) throw new Error(`${o.workflow}: step ${o.step} is not a run: step`);
  if (step.shell !== undefined) throw new Error(`${o.workflow}: step ${o.step} sets shell: ${step.shell}; teach step-runner that shell`);
  const tmp = tempDir("seats-step-").dir;
  try {
    const files = {
      GITHUB_OUTPUT: path.join(tmp, "output"),
      GITHUB_STEP_SUMMARY: path.join(tmp, "summary"),
      GITHUB_EVENT_PATH: path.join(tmp, "event.json"),
    };
    writeFileSync(files.GITHUB_OUTPUT, "");
    writeFileSync(files.GITHUB_STEP_SUMMARY, "");
    writeFileSync(files.GITHUB_EVENT_PATH, JSON.stringify(o.event ?? {}));
    const ctx: ExprContext = { ...o.ctx, env: { ...(wf.env ?? {}), ...(wf.jobs[o.job]?.env ?? {}), ...((o.ctx.env as Record<string, string>) ?? {}) } };
    const stepEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...(wf.env ?? {}), ...(wf.jobs[o.job]?.env ?? {}), ...(step.env ?? {}) })) {
      stepEnv[k] = resolve(String(v), ctx);
    }
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? tmp,
      // npm's own settings (cache, offline registry); nothing else from the test process leaks in.
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("npm_config_") || k.startsWith("NPM_CONFIG_")) as [string, string][]),
      CI: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_WORKSPACE: o.cwd,
      RUNNER_TEMP: tmp,
      ...files,
      ...o.runnerEnv,
      ...stepEnv,
    };
    const args = o.spawn ? undefined : inProcessArgs(step.run);
    const { code, stdout, stderr } = args ? await runInProcess(args, o.cwd, env) : await new Promise<{ code: number; stdout: string; stderr: string }>((done, fail) => {
      const child = spawn("bash", ["-e", "-c", step.run!], { cwd: o.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8");
      child.stderr.setEncoding("utf8");
      child.stdout.on("data", (d: string) => (stdout += d));
      child.stderr.on("data", (d: string) => (stderr += d));
      child.on("error", fail);
      child.on("close", (c) => done({ code: c ?? 1, stdout, stderr }));
    });
    return {
      code,
      stdout,
      stderr,
      outputs: parseOutputs(readFileSync(files.GITHUB_OUTPUT, "utf8")),
      summary: readFileSync(files.GITHUB_STEP_SUMMARY, "utf8"),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
