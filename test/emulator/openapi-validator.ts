// Validates HTTP responses against GitHub's published OpenAPI description (npm @octokit/openapi,
// OpenAPI 3.0.3), converted to JSON Schema 2020-12 the way GitHub's docs describe:
// `nullable` becomes a type array (or anyOf with null), OAS-only keywords are dropped, oneOf
// becomes anyOf (GitHub's nullable oneOf branches overlap), and the spec's extra formats are
// registered. Load it once per test file: the 13 MB spec takes a moment to parse.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

interface Operation {
  responses: Record<string, Obj>;
  parameters?: Obj[];
}

interface Spec {
  paths: Record<string, Record<string, Operation | Json>>;
  components: { schemas: Record<string, Obj>; responses: Record<string, Obj>; parameters: Record<string, Obj> };
}

const DROP = new Set(["example", "examples", "discriminator", "xml", "externalDocs"]);

/** Converts one OpenAPI 3.0 Schema Object (recursively) to JSON Schema 2020-12. */
export function convertSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(convertSchema);
  if (schema === null || typeof schema !== "object") return schema;
  const out: Obj = {};
  for (const [k, v] of Object.entries(schema)) {
    if (DROP.has(k) || k.startsWith("x-") || k === "nullable") continue;
    if (k === "$ref" && typeof v === "string") out.$ref = v.replace("#/components/schemas/", "gh#/$defs/");
    else if (k === "oneOf") out.anyOf = convertSchema(v);
    else if (k === "properties" && v && typeof v === "object" && !Array.isArray(v)) {
      // Property names are data, not keywords: never drop a property called "example".
      out.properties = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, convertSchema(s)]));
    } else out[k] = convertSchema(v);
  }
  if (schema.nullable === true) {
    if (typeof out.type === "string") {
      out.type = [out.type, "null"];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: "null" }] };
  }
  return out;
}

export interface ResponseCheck {
  /** `GET /orgs/{org}/copilot/billing/seats` (the spec's template), or undefined if no path matched. */
  operation: string | undefined;
  status: number;
  /** Where the schema came from: the operation's own response, or basic-error for an undocumented error body. */
  schemaSource: "spec" | "basic-error fallback" | "no body expected" | "none";
  errors: string[];
}

interface PathMatcher {
  template: string;
  regex: RegExp;
  literals: number;
}

export class OpenApiValidator {
  private readonly ajv: Ajv2020;
  private readonly spec: Spec;
  private readonly matchers: PathMatcher[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(spec: Spec) {
    this.spec = spec;
    this.ajv = new Ajv2020({ strict: true, strictTypes: false, strictRequired: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    for (const f of ["int32", "int64", "double", "binary", "repo.nwo", "uri-template"]) this.ajv.addFormat(f, true);
    const defs = Object.fromEntries(Object.entries(spec.components.schemas).map(([k, v]) => [k, convertSchema(v)]));
    this.ajv.addSchema({ $id: "gh", $defs: defs });
    this.matchers = Object.entries(spec.paths).map(([template, ops]) => this.matcherFor(template, ops));
  }

  private matcherFor(template: string, ops: Record<string, Operation | Json>): PathMatcher {
    const multi = new Set<string>();
    for (const op of Object.values(ops)) {
      const params = (op as Operation | null)?.parameters ?? [];
      for (const p of params) {
        const param = (typeof p.$ref === "string" ? this.spec.components.parameters[p.$ref.split("/").pop()!] : p) as Obj | undefined;
        if (param?.in === "path" && param["x-multi-segment"] === true) multi.add(String(param.name));
      }
    }
    let literals = 0;
    const body = template
      .split("/")
      .slice(1)
      .map((seg) => {
        const m = /^\{(.+)\}$/.exec(seg);
        if (!m) {
          literals++;
          return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        }
        return multi.has(m[1]!) ? ".+" : "[^/]+";
      })
      .join("/");
    return { template, regex: new RegExp(`^/${body}$`), literals };
  }

  /** The spec's path template for a concrete path (most literal segments wins). */
  templateFor(method: string, path: string): string | undefined {
    const m = method.toLowerCase();
    const decoded = path.split("/").map((s) => decodeURIComponent(s)).join("/");
    const candidates = this.matchers.filter((x) => this.spec.paths[x.template]![m] && (x.regex.test(path) || x.regex.test(decoded)));
    candidates.sort((a, b) => b.literals - a.literals);
    return candidates[0]?.template;
  }

  hasOperation(method: string, template: string): boolean {
    return Boolean(this.spec.paths[template]?.[method.toLowerCase()]);
  }

  private compile(key: string, schema: Json): ValidateFunction {
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = this.ajv.compile(convertSchema(schema) as object);
      this.compiled.set(key, fn);
    }
    return fn;
  }

  /** Validates one response body against the schema the spec publishes for its operation and status. */
  check(method: string, path: string, status: number, body: unknown): ResponseCheck {
    const template = this.templateFor(method, path);
    const operation = template ? `${method.toUpperCase()} ${template}` : undefined;
    if (!template) {
      // Unknown routes answer 404 with GitHub's basic-error body.
      if (status === 404) return this.fallback(`${method.toUpperCase()} (unknown route)`, status, body);
      return { operation, status, schemaSource: "none", errors: [`no operation in the spec matches ${method} ${path}`] };
    }
    const op = this.spec.paths[template]![method.toLowerCase()] as Operation;
    let resp = op.responses[String(status)];
    if (resp && typeof resp.$ref === "string") resp = this.spec.components.responses[resp.$ref.split("/").pop()!];
    if (!resp) {
      if (status >= 400) return this.fallback(operation!, status, body);
      return { operation, status, schemaSource: "none", errors: [`status ${status} is not a documented response of ${operation}`] };
    }
    const content = resp.content as Record<string, { schema?: Json }> | undefined;
    const schema = content?.["application/json"]?.schema ?? (content ? Object.values(content)[0]?.schema : undefined);
    if (!schema) {
      if (status >= 400 && body !== undefined) return this.fallback(operation!, status, body);
      const errors = body === undefined || status === 204 ? [] : [`${operation} ${status} documents no body, but one was sent`];
      return { operation, status, schemaSource: "no body expected", errors };
    }
    const fn = this.compile(`${operation} ${status}`, schema);
    return { operation, status, schemaSource: "spec", errors: fn(body) ? [] : formatErrors(fn) };
  }

  /**
   * Error statuses the spec lists without a body schema (e.g. the Copilot 422s) or not at all
   * (401 on most operations): GitHub's error bodies are `basic-error`, so hold them to that.
   */
  private fallback(operation: string, status: number, body: unknown): ResponseCheck {
    const fn = this.compile("basic-error", { $ref: "#/components/schemas/basic-error" });
    const errors = fn(body) ? [] : formatErrors(fn);
    if (typeof body !== "object" || body === null) errors.push("error body must be a JSON object");
    else if (typeof (body as { message?: unknown }).message !== "string") errors.push("error body must have a message");
    return { operation, status, schemaSource: "basic-error fallback", errors };
  }
}

function formatErrors(fn: ValidateFunction): string[] {
  return (fn.errors ?? []).slice(0, 20).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`);
}

const shared = new Map<string, OpenApiValidator>();

function validatorFor(description: string): OpenApiValidator {
  let v = shared.get(description);
  if (!v) {
    const require = createRequire(import.meta.url);
    const file = require.resolve(`@octokit/openapi/generated/${description}.json`);
    shared.set(description, (v = new OpenApiValidator(JSON.parse(readFileSync(file, "utf8")) as Spec)));
  }
  return v;
}

/** The validator for api.github.com, built once per process. */
export function githubValidator(): OpenApiValidator {
  return validatorFor("api.github.com");
}

/** The validator for GitHub Enterprise Cloud (the only description with the enterprise Copilot endpoints). */
export function ghecValidator(): OpenApiValidator {
  return validatorFor("ghec");
}
