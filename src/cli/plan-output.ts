// The files `seats plan` and `seats apply` write (--json, --markdown, --audit) and the flags that
// name them. Every path is checked before the run sends its first request, so an apply never
// makes a change it then cannot record.
import { accessSync, constants, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UsageError, UserError } from "../errors.js";
import { renderJson } from "../plan/render/json.js";
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from "../plan/render/markdown.js";
import { renderRenamesMarkdown, renderRenamesText } from "../plan/render/renames.js";
import type { Rename } from "../plan/renames.js";
import { renderText } from "../plan/render/text.js";
import type { Plan } from "../plan/types.js";
import { type CommandContext, stringOpt } from "./command.js";
import { GITHUB_OPTIONS } from "./github-options.js";
import { SCOPE_OPTIONS } from "./plan-scope.js";
import type { PlanScope } from "../plan/scoped.js";

export const PLAN_OPTIONS = {
  ...GITHUB_OPTIONS,
  json: { type: "string" },
  markdown: { type: "string" },
  force: { type: "boolean" },
  ...SCOPE_OPTIONS,
} as const;

/** Writes a report file, creating nothing but the file; relative paths are from the working directory. */
export function writeReport(file: string, text: string): void {
  try {
    writeFileSync(path.resolve(file), text);
  } catch (err) {
    throw new UserError(`cannot write ${file}: ${(err as Error).message}`);
  }
}

/** Why `file` could not be written, or undefined when it can (an existing file is overwritten). */
export function unwritable(file: string): string | undefined {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  try {
    const parent = statSync(dir, { throwIfNoEntry: false });
    if (!parent) return `the folder ${dir} does not exist`;
    if (!parent.isDirectory()) return `${dir} is not a folder`;
    const existing = statSync(abs, { throwIfNoEntry: false });
    if (existing?.isDirectory()) return "it is a folder";
    accessSync(existing ? abs : dir, constants.W_OK);
    return undefined;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EACCES" || (err as NodeJS.ErrnoException).code === "EPERM"
      ? "permission denied"
      : (err as Error).message;
  }
}

/** The value of a file flag; a usage error when it is empty or cannot be written. */
export function outputFlag(ctx: CommandContext, name: string): string | undefined {
  const v = stringOpt(ctx, name);
  if (v === undefined) return undefined;
  if (v === "") throw new UsageError(`--${name} needs a file path`);
  const why = unwritable(v);
  if (why) throw new UsageError(`--${name} ${v}: cannot write there (${why}); pass a path in an existing, writable folder`);
  return v;
}

/** Prints the plan and writes --json / --markdown; shared by plan and apply (so the dry run is identical). */
/** What a plan JSON file carries beside the plan, outside its checksum. */
export interface PlanExtra {
  /** How the plan was read. */
  scope?: PlanScope;
  /** Accounts matched by id. */
  renames?: readonly Rename[];
  /** What `seats apply`'s last check keeps (src/reclaim/last-check-io.ts). */
  last_check?: unknown;
}

/** The extras of a computed plan (src/cli/plan-scope.ts). */
export function planExtra(computed: { scope?: PlanScope | undefined; renames?: readonly Rename[] | undefined } | undefined): PlanExtra {
  return { ...(computed?.scope ? { scope: computed.scope } : {}), ...(computed?.renames?.length ? { renames: computed.renames } : {}) };
}

/** The plan JSON file: the plan, then the extras (the plan is the same with or without them). */
export function writePlanJson(file: string, plan: Plan, extra: PlanExtra = {}): void {
  writeReport(file, Object.keys(extra).length ? `${JSON.stringify({ ...plan, ...extra }, null, 2)}\n` : renderJson(plan));
}

export function emitPlan(ctx: CommandContext, plan: Plan, files: { json?: string | undefined; markdown?: string | undefined }, extra: PlanExtra = {}): void {
  const renames = extra.renames ?? [];
  const text = renderText(plan);
  ctx.io.out(renames.length ? [text.replace(/\n$/, ""), ...renderRenamesText(renames), ""].join("\n") : text);
  if (files.json) writePlanJson(files.json, plan, extra);
  if (files.markdown) {
    const section = renderRenamesMarkdown(renames);
    writeReport(files.markdown, section ? `${renderMarkdown(plan, { limit: GITHUB_COMMENT_LIMIT - section.length })}${section}` : renderMarkdown(plan));
  }
}
