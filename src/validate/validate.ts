// validate: load + schema + cross-file rules. Pure apart from reading the files.
import { compareFindings, hasErrors, type Finding } from "../model/findings.js";
import { loadRepo } from "../model/load.js";
import type { SeatModel } from "../model/types.js";
import { UserError } from "../errors.js";
import { RULES } from "./rules/index.js";

export interface ValidationResult {
  model: SeatModel;
  findings: Finding[];
}

export function validateRepo(dir: string): ValidationResult {
  const { model, findings } = loadRepo(dir);
  const all = [...findings];
  for (const rule of RULES) all.push(...rule.check(model));
  return { model, findings: all.sort(compareFindings) };
}

/** Thrown when the seat repo has errors; carries every finding so callers can print them all. */
export class ValidationError extends UserError {
  override name = "ValidationError";
  constructor(readonly findings: Finding[]) {
    const errors = findings.filter((f) => f.severity === "error");
    super(
      `the seat repo has ${errors.length} error${errors.length === 1 ? "" : "s"}; run \`seats validate\` for details:\n` +
        errors
          .slice(0, 20)
          .map((f) => `${f.file}:${f.line}:${f.col}: ${f.message}`)
          .join("\n") +
        (errors.length > 20 ? `\n… and ${errors.length - 20} more` : ""),
    );
  }
}

/** The model for commands that act on it (plan, apply, reclaim, Pulumi): refuses an invalid repo. */
export function loadValidModel(dir: string): SeatModel {
  const { model, findings } = validateRepo(dir);
  if (hasErrors(findings)) throw new ValidationError(findings);
  return model;
}
