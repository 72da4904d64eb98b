// Real Chromium for the portal's browser tests: Debian's `chromium` package (/usr/bin/chromium,
// installed by .ci/run on a fresh machine) driven by playwright-core. Never a downloaded browser.
// A missing browser fails the tests with the command that installs it; they never skip.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { REPO_ROOT } from "../../helpers/seat-repo.js";

export const CHROMIUM = process.env.SEATS_CHROMIUM ?? "/usr/bin/chromium";
/** Test artifacts (gitignored): one screenshot per page. */
export const SCREENSHOTS = path.join(REPO_ROOT, "test-artifacts", "screenshots");

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<LaunchedBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (as root; .ci/run does it) or set SEATS_CHROMIUM`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  // playwright-core gives every launch a new empty profile. No background networking: the
  // machine's network is closed, and Chromium's own connections would be refused at every start.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    timeout: 60_000,
  });
  return { browser, close: () => browser.close() };
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's WCAG 2 A/AA rules on the current page. It runs through the DevTools protocol, so the
 * page's CSP (which allows no script at all) stays on.
 */
export async function axe(page: Page): Promise<AxeViolation[]> {
  const result = (await page.evaluate(`${AXE_SOURCE}\n;axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }).then(r => r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({ target: n.target })) })))`)) as AxeViolation[];
  return result;
}
