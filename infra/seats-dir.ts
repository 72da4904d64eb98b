// Where the seat repo (the folder holding seats/ and policies/) is, for the Pulumi program.
//
// Order: env SEATS_DIR, then Pulumi config `seats:dir`, then the project root (where Pulumi.yaml
// lives, i.e. this repository). `seats` is its own config namespace, like a provider's
// (`github:owner`): the key reads the same whatever the project is called, matching the
// SEATS_DIR variable. `pulumi config set dir …` (no namespace) writes `copilot-seats:dir`; that
// key is accepted too, so the short form is never silently ignored.
//
// Relative paths resolve against the project root, not the process's working directory: the
// Node.js language host chdir()s into `main` (infra/) before loading the program, and
// `pulumi -C <dir>` can run it from anywhere, so the working directory means nothing stable.
import path from "node:path";
import { UserError } from "../src/errors.js";

export interface SeatsDirInputs {
  /** process.env.SEATS_DIR */
  env: string | undefined;
  /** Pulumi config `seats:dir` */
  seatsConfig: string | undefined;
  /** Pulumi config `<project>:dir` (what `pulumi config set dir` writes) */
  projectConfig: string | undefined;
  /** Absolute path of the Pulumi project root. */
  root: string;
  /** The project name, for messages (`copilot-seats`). */
  project: string;
}

export interface SeatsDir {
  dir: string;
  /** Where the value came from, for log lines and error messages. */
  source: "SEATS_DIR" | "seats:dir" | `${string}:dir` | "project root";
}

export function resolveSeatsDir(i: SeatsDirInputs): SeatsDir {
  const env = nonEmpty(i.env);
  if (env !== undefined) return { dir: path.resolve(i.root, env), source: "SEATS_DIR" };
  const seats = nonEmpty(i.seatsConfig);
  const proj = nonEmpty(i.projectConfig);
  if (seats !== undefined && proj !== undefined && path.resolve(i.root, seats) !== path.resolve(i.root, proj)) {
    throw new UserError(
      `Pulumi config sets both seats:dir (${seats}) and ${i.project}:dir (${proj}); ` +
        `keep one: \`pulumi config rm ${i.project}:dir\``,
    );
  }
  if (seats !== undefined) return { dir: path.resolve(i.root, seats), source: "seats:dir" };
  if (proj !== undefined) return { dir: path.resolve(i.root, proj), source: `${i.project}:dir` };
  return { dir: path.resolve(i.root), source: "project root" };
}

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}
