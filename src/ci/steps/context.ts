// What a `seats ci <step>` gets from src/cli/commands/ci.ts: the environment the workflow step
// declares, the flags, the checkout (`--dir`) and the CLI's output.
import type { Io } from "../../cli/command.js";
import { setOutputs, type Env } from "../actions-io.js";

export interface StepContext {
  env: Env;
  dir: string;
  io: Io;
  flag(name: string): string | undefined;
  bool(name: string): boolean;
  /** Step outputs (GITHUB_OUTPUT), printed as `name=value` outside Actions. */
  output(values: Record<string, string>): void;
}

export function stepContext(env: Env, dir: string, io: Io, values: Record<string, unknown>): StepContext {
  return {
    env,
    dir,
    io,
    flag: (name) => (typeof values[name] === "string" ? (values[name] as string) : undefined),
    bool: (name) => values[name] === true,
    output: (v) => setOutputs(env, v, (line) => io.out(line)),
  };
}

export interface Step {
  name: string;
  summary: string;
  /** Environment variables and flags, for `seats ci --help`. */
  usage: string;
  run(ctx: StepContext): Promise<number>;
}

/** The Actions run's page, for links in checks and comments (GitHub sets all three variables). */
export function runUrl(env: Env): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
  return server && repo && id ? `${server.replace(/\/+$/, "")}/${repo}/actions/runs/${id}` : undefined;
}
