// validate: load + schema + cross-file rules. Pure apart from reading the files (and the clock,
// which is read here once and handed to the rules as `today`).
import { compareFindings, hasErrors, type Finding } from "../model/findings.js";
import { loadRepo } from "../model/load.js";
import type { SeatModel } from "../model/types.js";
import { UserError } from "../errors.js";
import { printable } from "../printable.js";
import { utcDay } from "../dates.js";
import type { RuleContext } from "./rule.js";
import { RULES } from "./rules/index.js";
import { plural } from "../text.js";

export interface ValidationResult {
  model: SeatModel;
  findings: Finding[];
}

export interface ValidateOptions {
  /** YYYY-MM-DD; defaults to today (UTC). Tests and replays pass a fixed date. */
  today?: string;
}

/** Runs every cross-file rule over a loaded model. */
function runRules(model: SeatModel, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const rule of RULES) out.push(...rule.check(model, ctx));
  return out;
}

export function validateRepo(dir: string, opts: ValidateOptions = {}): ValidationResult {
  const { model, findings } = loadRepo(dir);
  const all = [...findings, ...runRules(model, { today: opts.today ?? utcDay(new Date()) })];
  return { model, findings: all.sort(compareFindings) };
}

/** Thrown when the seat repo has errors; carries every finding so callers can print them all. */
export class ValidationError extends UserError {
  override name = "ValidationError";
  constructor(readonly findings: Finding[]) {
    const errors = findings.filter((f) => f.severity === "error");
    super(
      `the seat repo has ${plural(errors.length, "error")}; run \`seats validate\` for details:\n` +
        errors
          .slice(0, 20)
          .map((f) => printable(`${f.file}:${f.line}:${f.col}: ${f.message}`))
          .join("\n") +
        (errors.length > 20 ? `\n… and ${errors.length - 20} more` : ""),
    );
  }
}

/** The model for commands that act on it (plan, apply, reclaim, Pulumi): refuses an invalid repo. */
export function loadValidModel(dir: string, opts: ValidateOptions = {}): SeatModel {
  const { model, findings } = validateRepo(dir, opts);
  if (hasErrors(findings)) throw new ValidationError(findings);
  return model;
}
