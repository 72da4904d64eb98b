// Where a reclaim PR keeps its last-check evidence (last-check.ts). The body's hidden comment is
// the place while it is small; at thousands of logins (each named once in `recheck` and again per
// `copilot: team` folder) it would crowd out the table, and past GitHub's 65,536-character body
// limit the PR could not be opened at all. Then the evidence is committed as a file on the reclaim
// branch, so it is part of the reviewed change (and of the merge commit), and the body carries a
// small reference to it instead: the file's path and its git blob SHA, by which the last check
// reads exactly the evidence the tool committed, whatever the branch became after the merge.
// Pure: evidence in, body comment and file out; body in, reference out.
import { createHash } from "node:crypto";
import { type Evidence, evidenceComment, hiddenComment } from "./last-check.js";

/** The evidence file on the reclaim branch (outside seats/ and policies/: no plan reads it). */
export const EVIDENCE_FILE = ".seats/reclaim-evidence.json";
/**
 * The most evidence the body carries inline: a third of the body's budget (render.ts), so the
 * table keeps most of the room. Below it the body is exactly what it always was.
 */
export const INLINE_EVIDENCE_MAX = 20_000;

const REF_OPEN = "<!-- seats-reclaim-evidence-file ";

export interface EvidenceRef {
  v: 1;
  path: string;
  /** The git blob SHA of the file's content as committed. */
  blob: string;
}

export interface PlacedEvidence {
  /** What goes into the body: the evidence itself, or the reference to the file. */
  comment: string;
  /** The file to commit on the reclaim branch, when the evidence does not stay in the body. */
  file?: { path: string; content: string };
}

/** Git's object name of a blob with this content (what the tree on GitHub will name it). */
export function gitBlobSha(content: string): string {
  const data = Buffer.from(content, "utf8");
  return createHash("sha1").update(`blob ${data.length}\0`).update(data).digest("hex");
}

export function placeEvidence(e: Evidence, inlineMax = INLINE_EVIDENCE_MAX): PlacedEvidence {
  const inline = evidenceComment(e);
  if (inline.length <= inlineMax) return { comment: inline };
  // One login per line: the reviewed diff stays readable, and a later PR's diff shows who changed.
  const content = `${JSON.stringify(e, null, 1)}\n`;
  const ref: EvidenceRef = { v: 1, path: EVIDENCE_FILE, blob: gitBlobSha(content) };
  return { comment: `${REF_OPEN}${JSON.stringify(ref)} -->`, file: { path: EVIDENCE_FILE, content } };
}

/** The reference to an evidence file in a PR body, or undefined when there is none (or it does not parse). */
export function parseEvidenceRef(body: string | null | undefined): EvidenceRef | undefined {
  const text = hiddenComment(body, REF_OPEN);
  if (text === undefined) return undefined;
  try {
    const r = JSON.parse(text) as Partial<EvidenceRef>;
    if (r.v !== 1 || typeof r.path !== "string" || !r.path || typeof r.blob !== "string" || !/^[0-9a-f]{40}$/.test(r.blob)) return undefined;
    return { v: 1, path: r.path, blob: r.blob };
  } catch {
    return undefined;
  }
}
