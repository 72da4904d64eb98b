// One home for defaults: the `default` fields of policies/*.schema.json. The resolvers read them,
// and the README's "Files" tables must say the same, key for key. A default that is computed from
// other keys (not a schema default) is listed here with what the resolver must give.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolvePolicy, resolveTeam } from "../../src/model/load.js";
import { loadSchema, schemaDefault, schemaDefaults, type SchemaName } from "../../src/model/schemas.js";
import { REPO_ROOT } from "../helpers/seat-repo.js";

const README = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

interface Row {
  key: string;
  required: boolean;
  /** The default column as written. */
  shown: string;
}

/** The rows of the key table under the README heading that names `file`. */
function readmeRows(file: string): Row[] {
  const at = README.indexOf(`### \`${file}\``);
  expect(at, `README has a section for ${file}`).toBeGreaterThanOrEqual(0);
  const lines = README.slice(at).split("\n").slice(1);
  const start = lines.findIndex((l) => l.startsWith("| key |"));
  const rows: Row[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    // Cells are split on unescaped pipes: `remove` \| `keep` is one cell.
    const [keyCell = "", , shown = ""] = line.split(/(?<!\\)\|/).slice(1).map((c) => c.trim());
    const required = keyCell.startsWith("**");
    rows.push({ key: keyCell.replace(/\*\*/g, ""), required, shown });
  }
  return rows;
}

/** Every property of a schema by dotted key (nested objects walked, list items not). */
function schemaKeys(name: SchemaName): string[] {
  const out: string[] = [];
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [k, sub] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
      if (sub.type === "object" && sub.properties) walk(sub, `${prefix}${k}.`);
      else out.push(prefix + k);
    }
  };
  walk(loadSchema(name), "");
  return out.sort();
}

/** A literal default as the README writes it, or undefined when the cell describes no literal. */
function literal(shown: string): { value: unknown } | undefined {
  if (/^`[^`\s]+`$/.test(shown)) return { value: shown.slice(1, -1) };
  if (shown === "[]") return { value: [] };
  if (shown === '""') return { value: "" };
  if (shown === "true" || shown === "false") return { value: shown === "true" };
  if (/^\d+(\.\d+)?$/.test(shown)) return { value: Number(shown) };
  return undefined;
}

function valueAt(obj: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
}

const POLICY = resolvePolicy({ org: "acme" });
const TEAM = resolveTeam("platform", { name: "Platform" });

const FILES: { name: SchemaName; file: string; resolved?: unknown; computed: Record<string, unknown> }[] = [
  {
    name: "policy",
    file: "policies/policy.yaml",
    resolved: POLICY,
    computed: { "inactivity.remind_days": POLICY.inactivity.days - 7, orgs: ["acme"] },
  },
  // A team's `org` defaults to the policy's, which resolveTeam does not know: left unset there.
  { name: "team", file: "seats/<team-slug>/_team.yaml", resolved: TEAM, computed: { org: undefined } },
  { name: "member", file: "seats/<team-slug>/<login>.yaml", computed: {} },
];

describe.each(FILES)("defaults of $file", ({ name, file, resolved, computed }) => {
  const rows = readmeRows(file);
  const defaults = schemaDefaults(name);

  it("the README table lists exactly the schema's keys", () => {
    expect(rows.map((r) => r.key).sort()).toEqual(schemaKeys(name));
  });

  it.each(rows.map((r) => ({ ...r, name })))("$key: README says $shown", ({ key, required, shown }) => {
    const lit = literal(shown);
    if (required || shown === "" || shown === "none") {
      expect(defaults.has(key), `${key} is required or has no default`).toBe(false);
      if (resolved) expect(valueAt(resolved, key) === undefined || required).toBe(true);
    } else if (key in computed) {
      // Computed from other keys: no schema default, and the resolver computes it.
      expect(defaults.has(key)).toBe(false);
      if (resolved) expect(valueAt(resolved, key)).toEqual(computed[key]);
    } else {
      expect(lit, `README default "${shown}" of ${key} is a literal (or list it as computed)`).toBeDefined();
      expect(defaults.get(key)).toEqual(lit!.value);
      if (resolved) expect(valueAt(resolved, key)).toEqual(lit!.value);
    }
  });
});

describe("schemaDefault", () => {
  it("hands out a copy, so a list default is never shared between two files", () => {
    const a = schemaDefault("team", "maintainers");
    a.push("mallory");
    expect(schemaDefault("team", "maintainers")).toEqual([]);
    expect(resolveTeam("x", { name: "X" }).maintainers).toEqual([]);
  });

  it("refuses a key without a default (a bug, not user input)", () => {
    expect(() => schemaDefault("policy", "seats.budget")).toThrow("policies/policy.schema.json declares no default for seats.budget");
  });
});
