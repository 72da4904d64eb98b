// The JSON Schemas in policies/ are the single source of truth for the file formats and their
// defaults: ajv compiles them once per process, their errors become located findings with a fix,
// and their `default` fields are what the resolvers in load.ts fill in.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { finding, type Finding } from "./findings.js";
import type { MemberFile, PolicyFile, TeamFile } from "./schema-types.js";
import { locate, plainSourceAt, type JsonPath, type YamlSource } from "./yaml-source.js";

export type SchemaName = "policy" | "team" | "member";

const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../policies");

export function schemaPath(name: SchemaName): string {
  return path.join(SCHEMA_DIR, `${name}.schema.json`);
}

export function loadSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(schemaPath(name), "utf8")) as Record<string, unknown>;
}

// ajv-formats is CJS with `export default`; under nodenext the callable is on `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
  formats: string[],
) => Ajv;

let compiled: Map<SchemaName, ValidateFunction> | undefined;

function validator(name: SchemaName): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: true, useDefaults: false });
    addFormats(ajv, ["date"]);
    compiled = new Map();
    for (const n of ["policy", "team", "member"] as const) compiled.set(n, ajv.compile(loadSchema(n)));
  }
  return compiled.get(name)!;
}

/** Validates a parsed file against its schema; every error becomes a located finding. */
export function checkSchema(name: SchemaName, src: YamlSource): Finding[] {
  const at1 = { file: src.file, line: 1, col: 1 };
  if (src.value === undefined || src.value === null) {
    return [finding("schema", at1, "the file is empty", `write the ${describe(name)} as \`key: value\` lines`)];
  }
  if (typeof src.value !== "object" || Array.isArray(src.value)) {
    return [
      finding(
        "schema",
        locate(src, []),
        `the file must be a mapping of \`key: value\` lines, not ${Array.isArray(src.value) ? "a list" : "a single value"}`,
        `write the ${describe(name)} as \`key: value\` lines`,
      ),
    ];
  }
  const validate = validator(name);
  if (validate(src.value)) return [];
  const schema = loadSchemaCached(name);
  // `copilot: false` fails both `type: string` and the enum; the enum's message (the allowed
  // values) is the one that helps, and "quote the value" would be wrong advice.
  const errors = validate.errors ?? [];
  const enumAt = new Set(errors.filter((e) => e.keyword === "enum").map((e) => e.instancePath));
  return dedupe(errors.filter((e) => !(e.keyword === "type" && enumAt.has(e.instancePath))).map((e) => toFinding(e, src, schema)));
}

const schemaCache = new Map<SchemaName, Record<string, unknown>>();
function loadSchemaCached(name: SchemaName): Record<string, unknown> {
  let s = schemaCache.get(name);
  if (!s) schemaCache.set(name, (s = loadSchema(name)));
  return s;
}

interface FileOf {
  policy: PolicyFile;
  team: TeamFile;
  member: MemberFile;
}

/** The type of the value at a dotted key of a file type: `At<PolicyFile, "seats.unmanaged">` is "remove" | "keep". */
type At<T, P extends string> = P extends `${infer H}.${infer R}`
  ? H extends keyof NonNullable<T>
    ? At<NonNullable<T>[H], R>
    : never
  : P extends keyof NonNullable<T>
    ? NonNullable<NonNullable<T>[P]>
    : never;

/** Every dotted key of a file type (`seats`, `seats.unmanaged`, …); lists are leaves. */
type Paths<T> = {
  [K in keyof T & string]: NonNullable<T[K]> extends readonly unknown[] ? K : NonNullable<T[K]> extends object ? K | `${K}.${Paths<NonNullable<T[K]>>}` : K;
}[keyof T & string];

/** A key of file `N` that may carry a default, e.g. `DefaultKey<"policy">` includes "seats.unmanaged". */
export type DefaultKey<N extends SchemaName> = Paths<FileOf[N]>;

const defaultsCache = new Map<SchemaName, ReadonlyMap<string, unknown>>();

/**
 * The `default` of every property that declares one, by dotted key (`seats.unmanaged`), read
 * from the schema file: the one place defaults are written. Nested objects are walked; the items
 * of lists are not (a list's default is the list's own).
 */
export function schemaDefaults(name: SchemaName): ReadonlyMap<string, unknown> {
  let out = defaultsCache.get(name);
  if (out) return out;
  const found = new Map<string, unknown>();
  const walk = (node: Record<string, unknown>, prefix: string) => {
    const props = (node.properties ?? {}) as Record<string, Record<string, unknown>>;
    for (const [key, sub] of Object.entries(props)) {
      if ("default" in sub) found.set(prefix + key, sub.default);
      if (sub.type === "object" && sub.properties) walk(sub, `${prefix}${key}.`);
    }
  };
  walk(loadSchemaCached(name), "");
  defaultsCache.set(name, (out = found));
  return out;
}

/** The schema's default for one key, typed by the file's type; a key without a default is a bug here. */
export function schemaDefault<N extends SchemaName, P extends DefaultKey<N>>(name: N, key: P): At<FileOf[N], P> {
  const all = schemaDefaults(name);
  if (!all.has(key)) throw new Error(`policies/${name}.schema.json declares no default for ${key}`);
  // A copy, so a list default is never shared between two resolved files.
  return structuredClone(all.get(key)) as At<FileOf[N], P>;
}

function describe(name: SchemaName): string {
  return name === "policy" ? "policy" : name === "team" ? "team (at least `name:`)" : "member file (`login:` and `reason:`)";
}

function pathOf(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function label(p: JsonPath): string {
  let out = "";
  for (const seg of p) out += typeof seg === "number" ? `[${seg}]` : out ? `.${seg}` : seg;
  return out || "the file";
}

function toFinding(e: ErrorObject, src: YamlSource, rootSchema: Record<string, unknown>): Finding {
  const p = pathOf(e.instancePath);
  const name = label(p);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required": {
      const key = String(params.missingProperty);
      return finding(
        "schema-required",
        locate(src, p),
        `missing required key \`${key}\`${p.length ? ` in ${name}` : ""}`,
        p.length ? `add a \`${key}:\` line to ${name}` : `add a \`${key}:\` line`,
      );
    }
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(subschemaAt(rootSchema, p)?.properties ?? {});
      // A key the mapping already has is no guess: `orgz` beside `org:` means `orgs`, and
      // "did you mean `org`" would lead to a duplicate key.
      const present = valueAt(src.value, p);
      const written = new Set(present !== null && typeof present === "object" ? Object.keys(present) : []);
      const guess = closest(key, allowed.filter((k) => !written.has(k)));
      const elsewhere = guess ? undefined : nestedHome(rootSchema, p, key);
      return finding(
        "schema-unknown-key",
        locate(src, [...p, key], "key"),
        `unknown key \`${key}\`${p.length ? ` in ${name}` : ""}`,
        guess
          ? `did you mean \`${guess}\`? allowed keys: ${allowed.join(", ")}`
          : elsewhere
            ? `\`${key}\` belongs under \`${elsewhere}:\` (as ${label([...p, elsewhere, key])}); move it there, indented`
            : `remove it; allowed keys: ${allowed.join(", ")}`,
      );
    }
    case "type": {
      const sub = subschemaAt(rootSchema, p) as { format?: string; default?: unknown } | undefined;
      // A date is a string to the schema, but "a date" is what a person needs to hear.
      const want = sub?.format === "date" ? "date" : String(params.type);
      const actual = valueAt(src.value, p);
      const last = p[p.length - 1];
      // How to write this value on its own line: `key: value`, or `- value` for a list item.
      const lineFor = (v: string) => (typeof last === "number" ? `- ${v}` : `${String(last ?? "key")}: ${v}`);
      const written = plainSourceAt(src, p);
      if (actual === null) {
        // `login: null` or `~` is YAML's empty value; a person whose login is "null" must quote it.
        const fix =
          typeof last === "number"
            ? `write ${article(want)} after the \`-\`, or delete the empty item`
            : `write ${article(want)} after \`${String(last ?? "value")}:\``;
        return finding(
          "schema-type",
          locate(src, p),
          written ? `${name} is \`${written}\`, which YAML reads as no value` : `${name} has no value`,
          written && want === "string" ? `${fix}; to mean the word ${written}, quote it: ${lineFor(JSON.stringify(written))}` : fix,
        );
      }
      let hint: string;
      if (want === "date") {
        hint = `write a date in the form YYYY-MM-DD: ${lineFor("2027-01-31")}`;
      } else if (want === "string" && (typeof actual === "number" || typeof actual === "boolean")) {
        // Quote what was written (`007`, `1e3`), not the number YAML made of it (7, 1000).
        hint = `quote the value: ${lineFor(JSON.stringify(written ?? String(actual)))}`;
      } else if ((want === "integer" || want === "number") && typeof actual === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(actual)) {
        hint = `remove the quotes: ${lineFor(actual.trim())}`;
      } else if (want === "boolean") {
        hint = `write true or false, without quotes: ${lineFor("true")}`;
      } else if (want === "array") {
        hint = "write a list, one `- item` per line";
      } else if (want === "object") {
        hint = typeof last === "number" ? "write `key: value` lines after the `-`" : `write \`${String(last ?? "key")}:\` followed by indented \`key: value\` lines`;
      } else {
        const example = typeof sub?.default === "number" ? `, e.g. ${lineFor(String(sub.default))}` : "";
        hint = `write ${article(want)}${example}`;
      }
      return finding("schema-type", locate(src, p), `${name} must be ${article(want)}, not ${kindOf(actual)}`, hint);
    }
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const actual = valueAt(src.value, p);
      const same = typeof actual === "string" ? allowed.find((a) => a.toLowerCase() === actual.trim().toLowerCase()) : undefined;
      return finding(
        "schema-enum",
        locate(src, p),
        `${name} must be one of: ${allowed.join(", ")} (got ${JSON.stringify(actual)})`,
        same ? `write \`${same}\` (values are lowercase)` : `use one of: ${allowed.join(", ")}`,
      );
    }
    case "format":
      return finding(
        "schema-format",
        locate(src, p),
        `${name} must be a calendar date in the form YYYY-MM-DD (got ${JSON.stringify(valueAt(src.value, p))})`,
        "write a date like 2027-01-31",
      );
    case "minimum":
    case "maximum":
      return finding(
        "schema-range",
        locate(src, p),
        `${name} must be ${e.keyword === "minimum" ? "at least" : "at most"} ${String(params.limit)}`,
        `use a value ${e.keyword === "minimum" ? ">=" : "<="} ${String(params.limit)}`,
      );
    case "minLength":
    case "pattern":
      return finding("schema-empty", locate(src, p), `${name} must not be empty`, `write a value for ${name}`);
    case "maxLength":
      return finding(
        "schema-length",
        locate(src, p),
        `${name} is longer than ${String(params.limit)} characters`,
        `shorten ${name} to at most ${String(params.limit)} characters`,
      );
    case "uniqueItems": {
      // Ajv names the earlier copy `i` and the later `j`, counted from 0; people count from 1.
      const later = Number(params.j);
      const value = valueAt(src.value, [...p, later]);
      return finding(
        "schema",
        locate(src, [...p, later]),
        `${name} lists ${JSON.stringify(value)} twice (items ${Number(params.i) + 1} and ${later + 1})`,
        `delete item ${later + 1}: each value is listed once`,
      );
    }
    default:
      return finding("schema", locate(src, p), `${name} ${e.message ?? "is invalid"}`, "see the schema in policies/");
  }
}

/** The sibling object property (e.g. `seats`) whose schema allows `key`, for a key written one level too high. */
function nestedHome(schema: Record<string, unknown>, p: JsonPath, key: string): string | undefined {
  const props = subschemaAt(schema, p)?.properties ?? {};
  for (const [name, sub] of Object.entries(props)) {
    const inner = (sub as { properties?: Record<string, unknown> }).properties;
    if (inner && Object.keys(inner).some((k) => k.toLowerCase() === key.toLowerCase())) return name;
  }
  return undefined;
}

function subschemaAt(schema: Record<string, unknown>, p: JsonPath): { properties?: Record<string, unknown> } | undefined {
  let s: Record<string, unknown> | undefined = schema;
  for (const seg of p) {
    if (!s) return undefined;
    if (typeof seg === "number") s = s.items as Record<string, unknown> | undefined;
    else s = (s.properties as Record<string, Record<string, unknown>> | undefined)?.[seg];
  }
  return s as { properties?: Record<string, unknown> } | undefined;
}

function valueAt(v: unknown, p: JsonPath): unknown {
  let cur = v;
  for (const seg of p) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function kindOf(v: unknown): string {
  if (v === null || v === undefined) return "empty";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "number") return Number.isInteger(v) ? `the number ${v}` : `the number ${v}`;
  if (typeof v === "boolean") return `the boolean ${v}`;
  return `the string ${JSON.stringify(v)}`;
}

function article(t: string): string {
  return t === "integer"
    ? "a whole number"
    : t === "object"
      ? "a mapping"
      : t === "array"
        ? "a list"
        : t === "date"
          ? "a date (YYYY-MM-DD)"
          : `a ${t}`;
}

/** Closest allowed key by edit distance, when it is plausibly a typo. */
export function closest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const d = editDistance(word.toLowerCase(), o.toLowerCase());
    if (d < bestD) (bestD = d), (best = o);
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

function dedupe(fs: Finding[]): Finding[] {
  const seen = new Set<string>();
  return fs.filter((f) => {
    const k = `${f.line}:${f.col}:${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
