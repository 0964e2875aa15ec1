/**
 * Request-body checks shared by the operations: each failure is the 400 the service would send, thrown
 * before anything changes.
 */
import { invalidBody } from "./errors.js";

/** A JSON object body. */
export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The body as an object, or 400. An absent body counts as `{}` when `optional`. */
export function objectBody(body: unknown, optional = false): JsonObject {
  if (body === undefined && optional) return {};
  if (!isObject(body)) throw invalidBody("The request body must be a JSON object.");
  return body;
}

/** A required non-empty string field, or 400. */
export function requiredString(source: JsonObject, field: string, where = "request body"): string {
  const value = source[field];
  if (typeof value !== "string" || value.trim() === "") throw invalidBody(`'${field}' is required in the ${where} and must be a non-empty string.`);
  return value;
}

/** An optional string field (undefined when absent), or 400 when it has another type. */
export function optionalString(source: JsonObject, field: string, where = "request body"): string | undefined {
  const value = source[field];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalidBody(`'${field}' in the ${where} must be a string.`);
  return value;
}

/** An optional array field (empty when absent), or 400. */
export function optionalArray(source: JsonObject, field: string, where = "request body"): unknown[] {
  const value = source[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidBody(`'${field}' in the ${where} must be an array.`);
  return value;
}

/** A required array of strings, or 400. */
export function stringArray(source: JsonObject, field: string, options: { minItems?: number } = {}): string[] {
  const value = source[field];
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === "string")) throw invalidBody(`'${field}' is required and must be an array of strings.`);
  if (value.length < (options.minItems ?? 0)) throw invalidBody(`'${field}' must have at least ${options.minItems} item(s).`);
  return value;
}

/** A required object field, or 400. */
export function requiredObject(source: JsonObject, field: string, where = "request body"): JsonObject {
  const value = source[field];
  if (!isObject(value)) throw invalidBody(`'${field}' is required in the ${where} and must be an object.`);
  return value;
}

/** A string that must be one of `allowed` (case-insensitive); returns the canonical spelling, or 400. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], field: string): T {
  const hit = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!hit) throw invalidBody(`'${field}' must be one of ${allowed.join(", ")}; got '${value}'.`);
  return hit;
}

/** A GUID check (any case). */
export function isGuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
