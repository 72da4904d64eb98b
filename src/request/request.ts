// `seats request`: the team lookup, the clash check, the member file written, validated and
// removed again when it is invalid, and the pull request that proposes it (its words are
// pull-request.ts', shared with the portal). The CLI command only parses flags and prints.
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UserError } from "../errors.js";
import type { GitHubClient } from "../github/client.js";
import { openOrUpdatePullRequest, type PullRequestResult } from "../github/pull-request.js";
import { hasErrors, type Finding } from "../model/findings.js";
import { loadRepo } from "../model/load.js";
import { closest } from "../model/schemas.js";
import type { TeamDecl } from "../model/types.js";
import { validateRepo } from "../validate/validate.js";
import { existingDeclarations } from "./checks.js";
import { memberFileContent } from "./member-file.js";
import { requestPullSpec, reviewNote } from "./pull-request.js";

export interface RequestInput {
  /** The seat repo. */
  dir: string;
  team: string;
  login: string;
  reason: string;
  expires?: string | undefined;
}

/** A request checked against the checkout (the team exists, the login is new there); nothing written yet. */
export interface PreparedRequest {
  /** Repo-relative path of the new member file. */
  rel: string;
  abs: string;
  content: string;
  team: TeamDecl;
  /** Things the requester should know: a seat held elsewhere, a team that grants no seat. */
  notes: string[];
  dir: string;
  /** The organization of policies/policy.yaml. */
  org: string;
}

export interface WrittenRequest extends PreparedRequest {
  /** Who reviews it, in one sentence. */
  review: string;
  /** Warnings about the new file (validate would print them too). */
  warnings: Finding[];
}

/** The request was invalid: the file was removed again; `findings` say why. */
export class InvalidRequest extends UserError {
  constructor(
    message: string,
    readonly findings: Finding[],
  ) {
    super(message);
  }
}

/** Checks the request against the checkout: an unknown team or an existing file is refused. Writes nothing. */
export function prepareRequest(input: RequestInput): PreparedRequest {
  const { model } = loadRepo(input.dir);
  const team = model.teams.find((t) => t.slug === input.team);
  if (!team) {
    const slugs = model.teams.map((t) => t.slug);
    const guess = closest(input.team, slugs);
    throw new UserError(`no team "${input.team}" in seats/` + (guess ? `; did you mean "${guess}"?` : `; teams: ${slugs.join(", ") || "(none)"}`));
  }
  const clash = readdirSync(path.join(input.dir, "seats", input.team)).find((f) => f.toLowerCase() === `${input.login.toLowerCase()}.yaml`);
  if (clash) throw new UserError(`seats/${input.team}/${clash} already exists: ${input.login} is already declared in ${input.team}`);

  const rel = `seats/${input.team}/${input.login}.yaml`;
  const content = memberFileContent({ login: input.login, reason: input.reason, expires: input.expires });
  const notes = existingDeclarations(model, input.login, input.team);
  if (team.copilot === "none") notes.push(`note: team ${input.team} has copilot: none: this makes you a team member but grants no Copilot seat`);
  return { rel, abs: path.join(input.dir, rel), content, team, notes, dir: input.dir, org: model.policy.org };
}

/** Writes the member file and validates the repo with it; an invalid result is removed again (InvalidRequest). */
export function writeRequestFile(req: PreparedRequest): WrittenRequest {
  const { rel, abs } = req;
  writeFileSync(abs, req.content, { flag: "wx" });
  const { findings } = validateRepo(req.dir);
  if (hasErrors(findings)) {
    rmSync(abs, { force: true });
    const mine = findings.filter((f) => f.file === rel);
    throw new InvalidRequest(
      mine.length ? "the request is invalid; nothing was written" : "the seat repo has errors (above); fix them first; nothing was written",
      mine.length ? mine : findings,
    );
  }
  const warnings = findings.filter((f) => f.file === rel && f.severity === "warning");
  return { ...req, review: reviewNote(req.team), warnings };
}

export interface PullTarget {
  owner: string;
  repo: string;
  base: string;
}

/**
 * Commits the member file to the request branch and opens (or updates) its PR. On failure the
 * local file is removed, so re-running the same command converges (the branch and PR, if they
 * were made, are found and updated). Undefined when the file is already on the base branch.
 */
export async function openRequestPull(client: GitHubClient, req: WrittenRequest, login: string, reason: string, expires: string | undefined, to: PullTarget): Promise<PullRequestResult | undefined> {
  try {
    return await openOrUpdatePullRequest(client, requestPullSpec({ ...to, login, team: req.team, reason, expires }));
  } catch (err) {
    rmSync(req.abs, { force: true });
    throw err;
  }
}
