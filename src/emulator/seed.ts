// Loading seeds: an object, or a JSON/YAML file. The built-in demo org lives in seeds/demo.yaml.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { checkSeedApps } from "./app-auth.js";
import { isDay } from "./clock.js";
import type { EmulatorSeed } from "./types.js";

export const DEMO_SEED_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "seeds", "demo.yaml");

export class SeedError extends Error {
  override name = "SeedError";
}

export function parseSeedText(text: string, file: string): EmulatorSeed {
  let raw: unknown;
  try {
    raw = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new SeedError(`${file}: not valid ${/\.json$/i.test(file) ? "JSON" : "YAML"}: ${(err as Error).message}`);
  }
  return checkSeed(raw, file);
}

export function loadSeedFile(file: string): EmulatorSeed {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new SeedError(`cannot read seed file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseSeedText(text, file);
}

/** Structural checks with messages that say where and how to fix the seed. */
export function checkSeed(raw: unknown, where = "seed"): EmulatorSeed {
  const fail = (msg: string): never => {
    throw new SeedError(`${where}: ${msg}`);
  };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) fail("must be a mapping with `org` and `members`");
  const seed = raw as Record<string, unknown>;
  checkOrgPart(seed, "", fail);
  for (const [i, r] of ((seed.repos as unknown[]) ?? []).entries()) {
    const c = (r as { collaborators?: unknown } | null)?.collaborators;
    if (c !== undefined && (!Array.isArray(c) || c.some((l) => typeof l !== "string"))) fail(`repos[${i}].collaborators must be a list of logins`);
  }
  if (seed.other_orgs !== undefined) {
    if (!Array.isArray(seed.other_orgs)) fail("`other_orgs` must be a list of {org, members, teams, seats, …}");
    const logins = new Set([String((seed.org as { login: string }).login).toLowerCase()]);
    (seed.other_orgs as unknown[]).forEach((o, i) => {
      if (typeof o !== "object" || o === null || Array.isArray(o)) fail(`other_orgs[${i}] must be a mapping with \`org\` and \`members\``);
      checkOrgPart(o as Record<string, unknown>, `other_orgs[${i}].`, fail);
      const login = String(((o as { org: { login: string } }).org).login).toLowerCase();
      if (logins.has(login)) fail(`other_orgs[${i}]: org "${login}" is listed twice`);
      logins.add(login);
    });
  }
  try {
    checkSeedApps(seed.apps, where);
  } catch (err) {
    throw new SeedError((err as Error).message);
  }
  return raw as EmulatorSeed;
}

/** The checks of one org's part of a seed (the top level, or an entry of `other_orgs`); `at` prefixes every key named. */
function checkOrgPart(seed: Record<string, unknown>, at: string, fail: (msg: string) => never): void {
  const org = seed.org as Record<string, unknown> | undefined;
  if (!org || typeof org.login !== "string" || !org.login) fail(`\`${at}org.login\` is required (the organization's login)`);
  const settings = ["assign_all", "assign_selected", "disabled", "unconfigured"];
  if (org!.seat_management_setting !== undefined && !settings.includes(String(org!.seat_management_setting))) {
    fail(`${at}org.seat_management_setting must be one of ${settings.join(", ")}`);
  }
  if (!Array.isArray(seed.members)) fail(`\`${at}members\` must be a list of logins or {login, role}`);
  const members = seed.members as unknown[];
  members.forEach((m, i) => {
    if (typeof m === "string") return;
    if (typeof m !== "object" || m === null || typeof (m as { login?: unknown }).login !== "string") fail(`${at}members[${i}] must be a login or {login, role}`);
    const role = (m as { role?: unknown }).role;
    if (role !== undefined && role !== "admin" && role !== "member") fail(`${at}members[${i}].role must be admin or member`);
    const visible = (m as { public?: unknown }).public;
    if (visible !== undefined && typeof visible !== "boolean") fail(`${at}members[${i}].public must be true or false`);
  });
  for (const [i, s] of ((seed.seats as unknown[]) ?? []).entries()) {
    const seat = s as Record<string, unknown>;
    if (typeof seat?.login !== "string") fail(`${at}seats[${i}].login is required`);
    if (typeof seat.created_at !== "string" || Number.isNaN(Date.parse(seat.created_at))) fail(`${at}seats[${i}].created_at must be an ISO date-time`);
    const p = seat.pending_cancellation_date;
    if (p !== undefined && p !== null && (typeof p !== "string" || !isDay(p))) fail(`${at}seats[${i}].pending_cancellation_date must be YYYY-MM-DD`);
  }
  if (seed.next_billing_cycle !== undefined && (typeof seed.next_billing_cycle !== "string" || !isDay(seed.next_billing_cycle))) {
    fail(`${at}next_billing_cycle must be a date (YYYY-MM-DD)`);
  }
}
