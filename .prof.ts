import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os"; import path from "node:path";
import { generateRepo } from "./scripts/bench/validate.js";
import { validateRepo } from "./src/validate/validate.js";
import { loadRepo } from "./src/model/load.js";
const dir = mkdtempSync(path.join(os.tmpdir(), "prof-"));
generateRepo(dir);
validateRepo(dir);
for (let k = 0; k < 3; k++) {
  let t0 = performance.now(); loadRepo(dir); const l = performance.now() - t0;
  t0 = performance.now(); validateRepo(dir); const v = performance.now() - t0;
  console.log(`load ${l.toFixed(0)} ms, validate ${v.toFixed(0)} ms`);
}
rmSync(dir, { recursive: true });
