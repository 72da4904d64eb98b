#!/usr/bin/env node
// The `seats` CLI. The sources are TypeScript; tsx compiles them on the fly so a checkout
// runs with no build step after `npm ci` (and so the Pulumi program and the CLI share code).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
