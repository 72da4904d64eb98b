// A capturing Io for running the CLI in-process: `main(argv, { io })`.
import type { Io } from "../../src/cli/command.js";

export interface CapturedIo extends Io {
  stdout: string;
  stderr: string;
}

export function captureIo(): CapturedIo {
  const io: CapturedIo = {
    stdout: "",
    stderr: "",
    out(t) {
      io.stdout += t.endsWith("\n") ? t : `${t}\n`;
    },
    err(t) {
      io.stderr += t.endsWith("\n") ? t : `${t}\n`;
    },
  };
  return io;
}
