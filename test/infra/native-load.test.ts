// Loads the program the way the Pulumi Node.js language host does for this Pulumi.yaml, outside
// vitest (whose own TypeScript transform would hide a broken setup): `node <runtime.options.
// nodeargs>` with the working directory set to `main` (the host passes --pwd <main>), then a
// dynamic import of <main>/index.ts, which is what @pulumi/pulumi's cmd/run does for a directory
// entry point in a `"type": "module"` package. Mocks stand in for the engine.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURE = path.join(ROOT, "test/fixtures/infra/basic");

interface PulumiYaml {
  name: string;
  main: string;
  runtime: { name: string; options?: { nodeargs?: string; typescript?: boolean } };
}

const project = parse(readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as PulumiYaml;
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as Record<string, unknown>;

describe("Pulumi.yaml", () => {
  it("declares a Node.js program in infra/ that runs TypeScript through tsx, not the SDK's ts-node", () => {
    expect(project.name).toBe("copilot-seats");
    expect(project.runtime.name).toBe("nodejs");
    expect(path.normalize(project.main)).toBe(path.normalize("infra/"));
    expect(project.runtime.options?.typescript).toBe(false);
    expect(project.runtime.options?.nodeargs).toBe("--import tsx");
  });

  it("leaves the entry point to `main`: package.json has no main/exports that the host would prefer", () => {
    // cmd/run only consults package.json main/exports when Pulumi.yaml's entry point is ".", but
    // a future `main` here would silently become the program if someone dropped `main:`.
    expect(pkg.type).toBe("module");
    expect(pkg).not.toHaveProperty("main");
    expect(pkg).not.toHaveProperty("exports");
  });

  it("loads infra/index.ts natively under `node --import tsx` from the program directory", () => {
    const mainDir = path.resolve(ROOT, project.main);
    const script = `
      import * as pulumi from "@pulumi/pulumi";
      import { pathToFileURL } from "node:url";
      import path from "node:path";
      const seen = [];
      await pulumi.runtime.setMocks({
        newResource(a) {
          seen.push(a.type);
          const state = { ...a.inputs };
          if (a.type === "github:index/team:Team") state.slug = String(a.inputs.name).toLowerCase();
          return { id: a.name + "_id", state };
        },
        call(a) { return a.inputs; },
      }, "copilot-seats", "native", false);
      const entry = await import(pathToFileURL(path.join(process.cwd(), "index.ts")).href);
      entry.teamIds.apply((ids) => {
        setTimeout(() => console.log(JSON.stringify({ org: entry.org, ids, types: seen.sort() })), 50);
      });
    `;
    const nodeargs = (project.runtime.options?.nodeargs ?? "").split(/\s+/).filter(Boolean);
    const r = spawnSync(process.execPath, [...nodeargs, "--input-type=module", "-e", script], {
      cwd: mainDir,
      env: { ...process.env, SEATS_DIR: FIXTURE, GITHUB_TOKEN: "t", SEATS_PLAN: path.resolve(import.meta.dirname, "../fixtures/infra/plans/none-left-out.json") },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.stderr.split("\n").filter((l) => /error/i.test(l))).toEqual([]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout.trim().split("\n").at(-1)!) as { org: string; ids: Record<string, string>; types: string[] };
    expect(out.org).toBe("fixture-org");
    expect(Object.keys(out.ids)).toEqual(["design", "empty", "engineering", "mobile", "platform"]);
    expect(out.types.filter((t) => t === "github:index/team:Team")).toHaveLength(5);
    expect(out.types.filter((t) => t === "github:index/teamMembers:TeamMembers")).toHaveLength(4);
  });
});
