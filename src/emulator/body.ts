// Request-body validation against small per-operation schemas, mirroring the request schemas in
// GitHub's OpenAPI description. GitHub rejects a body that does not match with 422
// "Invalid request." and a line naming the property; the emulator does the same so a client that
// sends a wrong type or forgets a required field fails here exactly as it would on GitHub.
import { ApiError, invalidRequest } from "./errors.js";

export type FieldSpec =
  | { type: "string"; enum?: readonly string[]; nullable?: boolean }
  | { type: "integer"; nullable?: boolean }
  | { type: "boolean" }
  | { type: "string[]"; minItems?: number }
  | { type: "object"; fields: BodySpec; required?: readonly string[] }
  | { type: "array"; items: BodySpec; required?: readonly string[]; minItems?: number };

export interface BodySpec {
  [field: string]: FieldSpec;
}

export function describe(value: unknown): string {
  if (value === null) return "nil";
  if (typeof value === "string") return JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

function typeName(spec: FieldSpec): string {
  switch (spec.type) {
    case "string[]":
    case "array":
      return "an array";
    case "object":
      return "an object";
    case "integer":
      return "an integer";
    case "boolean":
      return "a boolean";
    default:
      return "a string";
  }
}

function checkField(where: string, spec: FieldSpec, value: unknown): void {
  const wrongType = () => invalidRequest(`For '${where}', ${describe(value)} is not ${typeName(spec)}.`);
  if (value === null) {
    if ("nullable" in spec && spec.nullable) return;
    throw wrongType();
  }
  switch (spec.type) {
    case "string":
      if (typeof value !== "string") throw wrongType();
      if (spec.enum && !spec.enum.includes(value)) {
        throw invalidRequest(`For '${where}', ${describe(value)} is not a member of [${spec.enum.map((e) => JSON.stringify(e)).join(", ")}].`);
      }
      return;
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) throw wrongType();
      return;
    case "boolean":
      if (typeof value !== "boolean") throw wrongType();
      return;
    case "string[]":
      if (!Array.isArray(value)) throw wrongType();
      if (spec.minItems !== undefined && value.length < spec.minItems) {
        throw invalidRequest(`For '${where}', ${describe(value)} should have at least ${spec.minItems} item(s).`);
      }
      value.forEach((v, i) => {
        if (typeof v !== "string") throw invalidRequest(`For '${where}/items/${i}', ${describe(v)} is not a string.`);
      });
      return;
    case "object":
      if (typeof value !== "object" || Array.isArray(value)) throw wrongType();
      checkObject(where, spec.fields, spec.required ?? [], value as Record<string, unknown>);
      return;
    case "array":
      if (!Array.isArray(value)) throw wrongType();
      if (spec.minItems !== undefined && value.length < spec.minItems) {
        throw invalidRequest(`For '${where}', ${describe(value)} should have at least ${spec.minItems} item(s).`);
      }
      value.forEach((v, i) => {
        if (typeof v !== "object" || v === null || Array.isArray(v)) {
          throw invalidRequest(`For '${where}/items/${i}', ${describe(v)} is not an object.`);
        }
        checkObject(`${where}/items/${i}`, spec.items, spec.required ?? [], v as Record<string, unknown>);
      });
      return;
  }
}

function checkObject(prefix: string, spec: BodySpec, required: readonly string[], obj: Record<string, unknown>): void {
  for (const name of required) {
    if (!(name in obj)) throw invalidRequest(`"${name}" wasn't supplied.`);
  }
  for (const [name, fieldSpec] of Object.entries(spec)) {
    if (!(name in obj)) continue;
    checkField(prefix ? `${prefix}/properties/${name}` : `properties/${name}`, fieldSpec, obj[name]);
  }
}

/**
 * Validates a parsed JSON body and returns it typed. `bodyRequired` is the operation's
 * `requestBody.required`; GitHub answers a missing required body with 400.
 */
export function validateBody<T>(body: unknown, spec: BodySpec, required: readonly string[] = [], bodyRequired = true): T {
  if (body === undefined) {
    if (!bodyRequired && required.length === 0) return {} as T;
    if (required.length) throw invalidRequest(`"${required[0]}" wasn't supplied.`);
    return {} as T;
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(400, "Body should be a JSON object");
  }
  checkObject("", spec, required, body as Record<string, unknown>);
  return body as T;
}
