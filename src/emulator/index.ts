// The GitHub REST API emulator: a local, stateful, high-fidelity stand-in for the parts of
// api.github.com this project uses (Copilot seats, org members, teams, and what opening a PR
// needs). `seats emulator` serves it; the demo, the benchmarks and the integration tests start it
// in-process with `startEmulator`.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { attachApps } from "./app-auth.js";
import { FaultInjector } from "./faults.js";
import { tokensOf } from "./tokens.js";
import { MemoryRequestLog } from "./request-log.js";
import { MergeConflict } from "./repos.js";
import { ciControl, seedCi } from "./ci-state.js";
import { buildRouter } from "./routes/index.js";
import { registerOAuthApps } from "./routes/oauth-store.js";
import { handleOAuthWeb } from "./routes/oauth-web.js";
import { DEMO_SEED_FILE, loadSeedFile, checkSeed } from "./seed.js";
import { createRequestListener } from "./server.js";
import { EmulatorState, type PersistedState } from "./state.js";
import type { EmulatorControl, EmulatorSeed, RunningEmulator, StartOptions } from "./types.js";
import { renameUser } from "./user-rename.js";

export type * from "./types.js";
export { DEMO_SEED_FILE, loadSeedFile, parseSeedText, SeedError } from "./seed.js";
export { SUPPORTED_API_VERSIONS } from "./server.js";

/** The seed's GitHub Apps (kept out of the persisted state: keys come from the seed every start). */
function seedApps(opts: StartOptions): EmulatorSeed["apps"] {
  if (typeof opts.seed === "object") return opts.seed.apps;
  return typeof opts.seed === "string" ? loadSeedFile(opts.seed).apps : undefined;
}

function loadInitialState(opts: StartOptions, clock: () => Date): { state: EmulatorState; seed?: EmulatorSeed } {
  if (opts.stateFile && existsSync(opts.stateFile)) {
    let parsed: PersistedState;
    try {
      parsed = JSON.parse(readFileSync(opts.stateFile, "utf8")) as PersistedState;
    } catch (err) {
      throw new Error(`state file ${opts.stateFile} is not valid JSON (${(err as Error).message}); delete it to start from the seed`);
    }
    return { state: EmulatorState.fromPersisted(parsed, clock) };
  }
  let seed: EmulatorSeed;
  if (opts.seed === undefined) seed = loadSeedFile(DEMO_SEED_FILE);
  else if (typeof opts.seed === "string") seed = loadSeedFile(opts.seed);
  else seed = checkSeed(structuredClone(opts.seed));
  return { state: EmulatorState.fromSeed(seed, clock), seed };
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

export async function startEmulator(opts: StartOptions = {}): Promise<RunningEmulator> {
  let fixedNow: Date | undefined;
  const clock = () => (fixedNow ? new Date(fixedNow) : opts.now ? opts.now() : new Date());
  const { state, seed } = loadInitialState(opts, clock);
  attachApps(state, seedApps(opts));
  // After the apps: seeded tokens may name an app, which must already be known.
  if (seed) seedCi(state, seed);
  const persist = () => {
    if (opts.stateFile) writeAtomic(opts.stateFile, `${JSON.stringify(state.toPersisted())}\n`);
  };
  for (const o of state.allOrgs()) o.rollBillingCycle();
  if (opts.stateFile) persist();

  const log = new MemoryRequestLog();
  const faults = new FaultInjector(opts.faults);
  const host = opts.host ?? "127.0.0.1";
  let base = "";
  registerOAuthApps(state, opts.oauthApps ?? []);
  const api = createRequestListener({
    router: buildRouter(),
    state: () => state,
    faults,
    log,
    base: () => base,
    requireAuth: opts.requireAuth ?? true,
    persist,
  });
  // The OAuth web flow's pages are GitHub's web host, not its API: no API auth, forms not JSON.
  const server = createServer((req, res) => {
    if (!handleOAuthWeb(state, req, res)) api(req, res);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  base = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  const repo = (fullName: string) => {
    const r = state.repos.get(fullName.toLowerCase());
    if (!r) throw new Error(`unknown repository ${fullName} (seed it under repos:)`);
    return r;
  };

  const control: EmulatorControl = {
    setNow(now: Date) {
      fixedNow = new Date(now);
      let rolled = false;
      for (const o of state.allOrgs()) {
        o.changed();
        if (o.rollBillingCycle()) rolled = true;
      }
      if (rolled) persist();
    },
    now: clock,
    recordActivity(login, at, editor, org) {
      const o = org === undefined ? state : state.orgState(org);
      if (!o) throw new Error(`recordActivity: the emulator serves no org ${org}`);
      o.recordActivity(login, at, editor);
      o.changed();
      persist();
    },
    snapshot: () => state.snapshot(),
    readBranch: (fullName, branch) => repo(fullName).readBranch(branch),
    mergePull(fullName, number) {
      const r = repo(fullName);
      const pr = r.pulls.find((p) => p.number === number);
      if (!pr) throw new Error(`${fullName} has no pull request #${number}`);
      if (pr.state !== "open") throw new Error(`${fullName}#${number} is ${pr.merged_at ? "already merged" : "closed"}`);
      try {
        r.merge(pr, state.viewer, state.viewerSignature(), clock());
      } catch (err) {
        if (err instanceof MergeConflict) throw new Error(`${fullName}#${number} cannot be merged: ${err.message}`);
        throw err;
      }
      persist();
    },
    issuedTokens: () => tokensOf(state).issued(),
    ci: ciControl(state, () => {
      state.changed();
      persist();
    }),
    acceptInvitation(login) {
      state.acceptInvitation(login);
      state.changed();
      persist();
    },
    renameUser(from, to) {
      renameUser(state, from, to);
      persist();
    },
  };

  return {
    url: base,
    log,
    setFaults: (f) => faults.set(f),
    control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
