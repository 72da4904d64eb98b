// The capped, no-follow file read under the YAML loader: a seat file is read only when it is a
// regular file under the size cap, with the size checked before any byte is read.
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync } from "node:fs";
import { finding, type Finding, type Location } from "./findings.js";

export type Read = { bytes: Uint8Array } | { finding: Finding };

/**
 * Reads a regular file of at most `maxBytes` with one open/fstat/read/close (the same syscalls
 * as readFileSync, but the size is checked before any byte is read, so a huge or sparse file
 * costs nothing). O_NOFOLLOW refuses a symlink even if it appeared after the directory listing.
 */
export function readCapped(absPath: string, file: string, maxBytes: number): Read {
  const at1: Location = { file, line: 1, col: 1 };
  let fd: number;
  try {
    fd = openSync(absPath, OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ELOOP" || code === "EMLINK") {
      return { finding: finding("stray-file", at1, "symbolic links are not allowed in seats/ or policies/", "replace the link with a regular file") };
    }
    return { finding: finding("file-readable", at1, `cannot read file: ${(err as Error).message}`, "check the file's permissions") };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      return { finding: finding("stray-file", at1, "not a regular file", "replace it with a regular YAML file") };
    }
    if (st.size > maxBytes) return { finding: sizeFinding(at1, st.size, maxBytes) };
    // One byte more than fstat reported is asked for: getting it means the file grew after
    // fstat (checked without a second read call, which would cost a syscall per file).
    const want = st.size + 1;
    const buf = Buffer.allocUnsafe(want);
    let n = 0;
    while (n < want) {
      const r = readSync(fd, buf, n, want - n, n);
      if (r === 0) break;
      n += r;
    }
    if (n > st.size) return { finding: sizeFinding(at1, n, maxBytes, true) };
    return { bytes: buf.subarray(0, n) };
  } catch (err) {
    return { finding: finding("file-readable", at1, `cannot read file: ${(err as Error).message}`, "check the file's permissions") };
  } finally {
    closeSync(fd);
  }
}

const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0);

function sizeFinding(at: Location, size: number, maxBytes: number, grew = false): Finding {
  if (grew) {
    return finding(
      "file-size",
      at,
      "the file grew while it was being read, so it was not checked",
      "run `seats validate` again once nothing is writing to the file",
    );
  }
  return finding(
    "file-size",
    at,
    `file is ${size} bytes, over the ${maxBytes}-byte limit for this kind of file`,
    "keep one member or team per file; these files are only a few lines long",
  );
}
