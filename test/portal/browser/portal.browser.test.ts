// The portal in real Chromium against the emulator: a person signs in with GitHub, sees no seat,
// requests one, watches the PR open; a maintainer approves; the pipeline stand-in merges and
// applies; the seat is active; they give it back. An ineligible person is told why; the admin
// page renders its charts; every page passes axe-core and fits a phone.
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPipelineOnce } from "../../../scripts/portal/pipeline.js";
import { PIPELINE_TOKEN, REPO, startPortalWorld, type PortalWorld } from "../../../scripts/portal/world.js";
import { axe, launchChromium, type LaunchedBrowser, SCREENSHOTS } from "./chromium.js";

let world: PortalWorld;
let launching: Promise<LaunchedBrowser> | undefined;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  world = await startPortalWorld();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await launching?.then((b) => b.close()).catch(() => {});
  await world?.close();
});

/**
 * The browser is launched inside the tests (once), not in a hook: without Chromium every test
 * fails with the install command, instead of being reported as skipped.
 */
async function browser(): Promise<Browser> {
  launching ??= launchChromium();
  return (await launching).browser;
}

async function newPage(phone = false): Promise<Page> {
  const ctx = await (await browser()).newContext(phone ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } : { viewport: { width: 1100, height: 900 } });
  contexts.push(ctx);
  const page = await ctx.newPage();
  const csp: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
  });
  (page as Page & { cspViolations: string[] }).cspViolations = csp;
  return page;
}

async function signIn(page: Page, login: string): Promise<void> {
  await page.goto(world.portal.url);
  await page.getByRole("link", { name: "Sign in with GitHub" }).click();
  await page.getByRole("button", { name: new RegExp(`^Sign in as ${login}( |$)`) }).click();
  await page.getByText(`Signed in as ${login}`).waitFor();
}

async function checkPage(page: Page, name: string): Promise<void> {
  const violations = await axe(page);
  expect(violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  // Readable on a phone: nothing wider than the screen.
  const overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth");
  expect(overflow).toBeLessThanOrEqual(0);
  expect((page as Page & { cspViolations: string[] }).cspViolations).toEqual([]);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe("portal in Chromium", () => {
  // The whole story in a real browser, with three pipeline runs: minutes on a busy 2-core machine.
  it("request → PR → maintainer approves → merged and applied → active; then give it back", { timeout: 240_000 }, async () => {
    const heidi = await newPage(true);
    await signIn(heidi, "heidi-new");
    await heidi.getByText("No seat.").waitFor();
    await checkPage(heidi, "my-copilot-no-seat");

    // Cookies: the session is HttpOnly (no script can read it) and Secure.
    const [session] = (await heidi.context().cookies()).filter((c) => c.name === "seats_session");
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax" });

    await heidi.getByLabel("Team").selectOption("engineering");
    await heidi.getByLabel("Reason").fill("Pairing on the <b>billing</b> service");
    await heidi.getByRole("button", { name: "Request Copilot" }).click();
    // The page refreshes itself while the PR opens and while it is open.
    const prLink = heidi.getByRole("link", { name: /Copilot seat: heidi-new → engineering/ });
    await prLink.waitFor({ timeout: 30_000 });
    expect(await heidi.locator("b", { hasText: "billing" }).count()).toBe(0);
    await checkPage(heidi, "my-copilot-request-open");

    expect((await runPipelineOnce(world.emu, REPO, PIPELINE_TOKEN)).merged).toEqual([]);

    const alice = await newPage();
    await signIn(alice, "alice-admin");
    await alice.getByRole("link", { name: "Approvals" }).click();
    const approve = alice.getByRole("button", { name: /^Approve #\d+$/ });
    await approve.waitFor();
    await checkPage(alice, "approvals");
    await approve.click();
    await alice.getByText(/^Approved #\d+\.$/).waitFor();

    expect((await runPipelineOnce(world.emu, REPO, PIPELINE_TOKEN)).merged).toHaveLength(1);
    await heidi.reload();
    await heidi.getByText("Active", { exact: true }).waitFor({ timeout: 15_000 });
    await heidi.getByText("merged · applied: seat active").waitFor();
    await heidi.getByRole("heading", { name: "Give back my seat" }).waitFor({ timeout: 15_000 });
    await checkPage(heidi, "my-copilot-active");

    await heidi.getByRole("button", { name: "Give back my seat" }).click();
    await heidi.getByRole("link", { name: /heidi-new gives theirs back/ }).waitFor({ timeout: 30_000 });
    expect((await runPipelineOnce(world.emu, REPO, PIPELINE_TOKEN)).merged).toHaveLength(1);
    await heidi.reload();
    await heidi.getByText("Pending cancellation").waitFor({ timeout: 15_000 });
    await checkPage(heidi, "my-copilot-given-back");
  });

  it("an ineligible person is told why", async () => {
    const mallory = await newPage(true);
    await signIn(mallory, "mallory");
    await mallory.getByText("You cannot request a seat here.").waitFor();
    await mallory.getByText(/not a member of the acme-corp organization/).waitFor();
    expect(await mallory.getByRole("button", { name: "Request Copilot" }).count()).toBe(0);
    await checkPage(mallory, "ineligible");
  });

  it("the admin page renders its charts with the numbers beside them", async () => {
    const alice = await newPage();
    await signIn(alice, "alice-admin");
    await alice.getByRole("link", { name: "Admin" }).click();
    await alice.getByRole("heading", { name: "Admin" }).waitFor();
    const charts = alice.locator("figure svg[role=img]");
    expect(await charts.count()).toBeGreaterThanOrEqual(2);
    const box = await charts.first().boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    expect(await alice.getByRole("table", { name: "Per team" }).locator("tbody tr").count()).toBeGreaterThan(1);
    await checkPage(alice, "admin");
    // A non-admin gets no admin page.
    const frank = await newPage();
    await signIn(frank, "frank-ops");
    expect(await frank.getByRole("link", { name: "Admin" }).count()).toBe(0);
    const res = await frank.goto(`${world.portal.url}/admin`);
    expect(res?.status()).toBe(403);
  });

  it("the signed-out page", async () => {
    const page = await newPage(true);
    await page.goto(world.portal.url);
    await checkPage(page, "signed-out");
  });
});
