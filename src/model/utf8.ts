// Bytes → text for seat files: UTF-8 only (a BOM is fine), with the encoding named when a file is
// UTF-16/32 or binary, and the first invalid byte located.
import { finding, type Finding } from "./findings.js";
import { offsetToLocation } from "./source-text.js";

export type Decoded = { text: string } | { finding: Finding };

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function decodeUtf8(bytes: Uint8Array, file: string): Decoded {
  // UTF-16/32 files start with a BOM that is not valid UTF-8; name the encoding so the fix is clear.
  if (
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)
  ) {
    return {
      finding: finding("encoding", { file, line: 1, col: 1 }, "file is UTF-16 or UTF-32, not UTF-8", "save the file as UTF-8"),
    };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    // NUL never occurs in UTF-8 text; it does in every other byte of UTF-16/32 without a BOM.
    const prefix = utf8.decode(bytes.subarray(0, Math.max(0, firstInvalidUtf8(bytes.subarray(0, nul)))));
    return {
      finding: finding(
        "encoding",
        offsetToLocation(prefix, prefix.length, file),
        "file contains NUL bytes: it is UTF-16, UTF-32 or binary, not UTF-8 text",
        "save the file as UTF-8",
      ),
    };
  }
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    // Report the position by decoding the valid prefix (lossless) and counting in it.
    const prefix = utf8.decode(bytes.subarray(0, bad));
    return {
      finding: finding(
        "encoding",
        offsetToLocation(prefix, prefix.length, file),
        `invalid UTF-8 byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, "0")}`,
        "save the file as UTF-8",
      ),
    };
  }
}

/** Byte offset of the first invalid UTF-8 sequence (RFC 3629: no overlongs, no surrogates). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) (n = 1), (min = 0x80);
    else if (c >= 0xe0 && c <= 0xef) (n = 2), (min = 0x800);
    else if (c >= 0xf0 && c <= 0xf4) (n = 3), (min = 0x10000);
    else return i;
    if (i + n >= b.length) return i;
    let cp = c & (0xff >> (n + 2));
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}
