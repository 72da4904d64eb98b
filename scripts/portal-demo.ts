// `npm run portal:demo`: the self-service portal on the embedded GitHub emulator, offline. Open the
// printed URL, sign in as heidi-new (an org member without a seat), click Request Copilot; a
// stand-in for the merge workflows (scripts/portal/pipeline.ts) merges approved seat PRs every
// two seconds and runs `seats apply`, so the seat turns active on the page. Sign in as mallory to
// see an ineligible person, as alice-admin for the approvals queue and the admin page.
import { runPipelineOnce } from "./portal/pipeline.js";
import { PIPELINE_TOKEN, REPO, startPortalWorld } from "./portal/world.js";

const port = Number(process.env.PORT ?? 0);
const world = await startPortalWorld({ port, log: (l) => process.stderr.write(`  ${l}\n`) });
console.log(`Copilot seats portal: ${world.portal.url}`);
console.log(`GitHub emulator (API and sign-in): ${world.emu.url}`);
console.log("Sign in as heidi-new and click Request Copilot; Ctrl-C stops.");
let busy = false;
const timer = setInterval(() => {
  if (busy) return;
  busy = true;
  runPipelineOnce(world.emu, REPO, PIPELINE_TOKEN)
    .then((r) => {
      if (r.merged.length) console.log(`pipeline: merged and applied ${r.merged.map((n) => `#${n}`).join(", ")}`);
    })
    .catch((err: unknown) => console.error(`pipeline: ${(err as Error).message}`))
    .finally(() => (busy = false));
}, 2000);
const stop = () => {
  clearInterval(timer);
  void world.close().then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
