// The portal's demo world: the emulator seeded with this repo's example org and its seat files
// (seats/, policies/, CODEOWNERS), an OAuth app to sign in with, and the portal in front of it.
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createGitHubClient } from "../../src/github/client.js";
import { DEMO_SEED_FILE, type EmulatorSeed, loadSeedFile, startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { startPortal, type RunningPortal } from "../../src/portal/server.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const REPO = "acme-corp/copilot-seats";
/** Any token the emulator did not issue acts as the seed's viewer (alice-admin, an org owner). */
export const PIPELINE_TOKEN = "demo-pipeline-token";
/** The portal's own credentials: a GitHub App's installation token, so its PRs are the bot's. */
export const PORTAL_TOKEN = "demo-portal-app-token";

function filesOf(dir: string, rel: string, out: Record<string, string>): void {
  const abs = path.join(dir, rel);
  if (!existsSync(abs)) return;
  if (statSync(abs).isDirectory()) for (const n of readdirSync(abs)) filesOf(dir, `${rel}/${n}`, out);
  else out[rel] = readFileSync(abs, "utf8");
}

export function repoFiles(dir = ROOT): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of ["seats", "policies/policy.yaml", ".github/CODEOWNERS"]) filesOf(dir, p, out);
  return out;
}

export interface PortalWorld {
  emu: RunningEmulator;
  portal: RunningPortal;
  logs: string[];
  close(): Promise<void>;
}

export interface PortalWorldOptions {
  port?: number;
  emulatorPort?: number;
  log?: (l: string) => void;
  /** policies/policy.yaml of the seat repo (default: this repo's). */
  policy?: string;
  /** More files of the seat repo (path → content). */
  files?: Record<string, string>;
  /** Changes to the demo seed (e.g. `other_orgs:`). */
  seed?: (seed: EmulatorSeed) => EmulatorSeed;
}

export async function startPortalWorld(opts: PortalWorldOptions = {}): Promise<PortalWorld> {
  const seed = (opts.seed ?? ((s) => s))(loadSeedFile(DEMO_SEED_FILE));
  const files = { ...repoFiles(), ...opts.files };
  if (opts.policy) files["policies/policy.yaml"] = opts.policy;
  seed.repos = [{ full_name: REPO, default_branch: "main", files }];
  const oauth = { client_id: "seats-portal-demo", client_secret: randomBytes(16).toString("hex") };
  const emu = await startEmulator({ seed, oauthApps: [oauth], ...(opts.emulatorPort !== undefined ? { port: opts.emulatorPort } : {}) });
  emu.control.ci.addApp({ id: 9001, slug: "seats-portal", name: "Seats portal" });
  emu.control.ci.registerToken(PORTAL_TOKEN, { app: "seats-portal" });
  const logs: string[] = [];
  const [owner, repo] = REPO.split("/") as [string, string];
  const portal = await startPortal({
    host: "127.0.0.1",
    port: opts.port ?? 0,
    target: { owner, repo, base: "main" },
    oauth: { githubUrl: emu.url, apiUrl: emu.url, clientId: oauth.client_id, clientSecret: oauth.client_secret },
    appClient: createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token: PORTAL_TOKEN }, allowWrites: true, writeIntervalMs: 0, retryAfterBaseMs: 1 }),
    userClient: (token) => createGitHubClient({ apiUrl: emu.url, auth: { kind: "token", token }, allowWrites: true, writeIntervalMs: 0, retryAfterBaseMs: 1 }),
    sessionSecret: randomBytes(32),
    log: (l) => {
      logs.push(l);
      opts.log?.(l);
    },
  });
  return {
    emu,
    portal,
    logs,
    close: async () => {
      await portal.close();
      await emu.close();
    },
  };
}
