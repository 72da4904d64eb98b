// Small pieces of `seats request`: who is asking (from a flag, the environment or git's
// `github.user`), the member file they get, and the branch it is proposed on.
import { execFileSync } from "node:child_process";
import { stringify } from "yaml";

export interface LoginSources {
  flag?: string | undefined;
  env: NodeJS.ProcessEnv;
  /** `git config github.user` in the repo, when set. */
  gitUser?: string | undefined;
}

/** --login, else GITHUB_ACTOR (Actions), else git's `github.user`; undefined when none is known. */
export function resolveLogin(src: LoginSources): { login: string; from: string } | undefined {
  if (src.flag?.trim()) return { login: src.flag.trim(), from: "--login" };
  if (src.env.GITHUB_ACTOR?.trim()) return { login: src.env.GITHUB_ACTOR.trim(), from: "GITHUB_ACTOR" };
  if (src.gitUser?.trim()) return { login: src.gitUser.trim(), from: "git config github.user" };
  return undefined;
}

/** `git config --get github.user` in `dir`, or undefined (not a repo, not set, no git). */
export function gitGithubUser(dir: string): string | undefined {
  try {
    const out = execFileSync("git", ["-C", dir, "config", "--get", "github.user"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return out || undefined;
  } catch {
    return undefined;
  }
}

export interface MemberFileInput {
  login: string;
  reason: string;
  expires?: string | undefined;
}

export function memberFileContent(input: MemberFileInput): string {
  const value: Record<string, string> = { login: input.login, reason: input.reason };
  if (input.expires) value.expires = input.expires;
  return `# yaml-language-server: $schema=../../policies/member.schema.json\n${stringify(value, { lineWidth: 0 })}`;
}

/** The fixed bot branch for one person's request to one team (re-running updates the same PR). */
export function requestBranch(team: string, login: string): string {
  return `seats/request/${team}/${login.toLowerCase()}`;
}
