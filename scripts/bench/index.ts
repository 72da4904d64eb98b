// `npm run bench [name...]`: runs the benchmarks and prints their numbers. Each module in this
// folder exports `run(): Promise<void>` and prints its own table. Numbers, never assertions:
// timing checks do not belong in tests.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const names = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && f !== "index.ts" && !f.startsWith("_"))
  .map((f) => f.slice(0, -3))
  .filter((n) => !wanted.length || wanted.includes(n))
  .sort();

for (const name of names) {
  const mod = (await import(pathToFileURL(path.join(here, `${name}.ts`)).href)) as { run?: () => Promise<void> };
  if (typeof mod.run !== "function") continue;
  console.log(`\n=== bench: ${name} ===`);
  await mod.run();
}
