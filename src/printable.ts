// Text that came from outside (file names, logins, API answers) is printed through these, so a
// control character can never start a new line in a job log: a line starting with `::` is a
// GitHub Actions workflow command, and a PR author chooses the file names.

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** `text` on one line: control characters (line breaks included) shown as `\n`, `\x1b`, … */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    const code = c.charCodeAt(0);
    return code > 0xff ? `\\u${code.toString(16).padStart(4, "0")}` : `\\x${code.toString(16).padStart(2, "0")}`;
  });
}

/**
 * A multi-line message made safe line by line: each line is `printable`, and a line that would
 * read as a workflow command (`::warning::…`) is defused with a zero-width space after its
 * first colon. For messages that never mean to emit workflow commands (errors, warnings).
 */
export function printableLines(text: string): string {
  return text
    .split("\n")
    .map((l) => printable(l).replace(/^(\s*):(?=:)/, "$1:\u200b"))
    .join("\n");
}
