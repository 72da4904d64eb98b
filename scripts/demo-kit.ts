// What both demo stories (`npm run demo`, `npm run demo -- --seed enterprise`) share: narrated
// headings, the real `seats` CLI run in-process with its output indented, and a throwaway git
// checkout of this repo's example seats/ and policies/.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../src/cli/main.js";
import type { Io } from "../src/cli/command.js";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const color = process.stdout.isTTY && !process.env.NO_COLOR;
export const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[0m` : s);
export const dim = (s: string) => (color ? `\x1b[2m${s}\x1b[0m` : s);

export function heading(n: number, title: string): void {
  console.log(`\n${bold(`── ${n}. ${title} `.padEnd(78, "─"))}`);
}

export function say(text: string): void {
  console.log(text);
}

/** Quoted lines of something GitHub shows (a PR body, a comment). */
export function quote(text: string, max = Infinity): void {
  for (const line of text.split("\n").filter((l) => !l.startsWith("<!--")).slice(0, max)) say(dim(`  │ ${line}`));
}

function indentIo(): Io & { text: () => string } {
  let buf = "";
  const write = (t: string) => {
    const s = t.endsWith("\n") ? t : `${t}\n`;
    buf += s;
    process.stdout.write(s.replace(/^(?=.)/gm, "    "));
  };
  return { out: write, err: write, text: () => buf };
}

/** `seats <args> --dir <dir>`, printed as a command line with its output indented under it. */
export async function seats(args: string[], env: NodeJS.ProcessEnv, dir: string): Promise<{ code: number; output: string }> {
  console.log(dim(`  $ seats ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(" ")}`));
  const io = indentIo();
  const code = await main([...args, "--dir", dir], { io, env, cwd: dir });
  if (code !== 0) console.log(dim(`    (exit ${code})`));
  return { code, output: io.text() };
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-C", dir, "-c", "user.name=demo", "-c", "user.email=demo@example.com", ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Commits what is staged, dated on the demo's clock (`seats report` dates reclaims by their commits). */
export function commitAt(dir: string, message: string, at: Date): void {
  execFileSync("git", ["-C", dir, "-c", "user.name=demo", "-c", "user.email=demo@example.com", "commit", "-qm", message], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, GIT_AUTHOR_DATE: at.toISOString(), GIT_COMMITTER_DATE: at.toISOString() },
  });
}

export function listFiles(dir: string, rel = ""): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

/** A git checkout of this repo's example seat repo in a temp folder, and its files (for a seed). */
export function exampleCheckout(): { ws: string; files: Record<string, string> } {
  const ws = mkdtempSync(path.join(tmpdir(), "seats-demo-"));
  for (const p of ["seats", "policies", ".github/CODEOWNERS"]) {
    if (existsSync(path.join(root, p))) cpSync(path.join(root, p), path.join(ws, p), { recursive: true });
  }
  git(ws, "init", "-q", "-b", "main");
  git(ws, "add", "-A");
  git(ws, "commit", "-qm", "Seat repo");
  const files: Record<string, string> = {};
  for (const rel of listFiles(ws)) if (!rel.startsWith(".git/") && statSync(path.join(ws, rel)).size < 65536) files[rel] = readFileSync(path.join(ws, rel), "utf8");
  return { ws, files };
}

export function checksumsOf(file: string): { checksum: string; teams: string } {
  const p = JSON.parse(readFileSync(file, "utf8")) as { checksum: string; teams: { checksum: string } };
  return { checksum: p.checksum, teams: p.teams.checksum };
}

export function fmtUsd(n: number): string {
  return `$${n.toLocaleString("en-US", { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;
}
