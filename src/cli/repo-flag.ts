// The seat repository a command works on: `--repo owner/name`, else GITHUB_REPOSITORY (which
// Actions sets). One parser for every command that takes it (reclaim, remind, notice, drift,
// request, portal), so they accept and refuse the same values with the same message.
import { UsageError } from "../errors.js";
import { parseRepoSlug } from "../request/checks.js";
import { type CommandContext, stringOpt } from "./command.js";

export interface RepoOption {
  owner: string;
  repo: string;
  /** Where it came from, for messages: `--repo` or `GITHUB_REPOSITORY`. */
  from: "--repo" | "GITHUB_REPOSITORY";
}

/** `--repo`, else GITHUB_REPOSITORY, parsed; undefined when neither is set. */
export function repoOption(ctx: CommandContext): RepoOption | undefined {
  const flag = stringOpt(ctx, "repo");
  const value = flag ?? ctx.env.GITHUB_REPOSITORY?.trim();
  if (!value) return undefined;
  const from = flag !== undefined ? "--repo" : "GITHUB_REPOSITORY";
  return { ...parseRepoSlug(value, from), from };
}

/** Like repoOption, but a usage error saying `why` when neither is set. */
export function requireRepoOption(ctx: CommandContext, why: string): RepoOption {
  const r = repoOption(ctx);
  if (!r) throw new UsageError(`${why}: pass --repo <owner/name> or set GITHUB_REPOSITORY`);
  return r;
}
