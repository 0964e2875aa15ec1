/**
 * Turns a facade method's single argument object into path, query and body parts, using only the
 * operation table (generated from the spec), and rejects bad input before anything is sent.
 * Naming rule: query parameters drop their `$` (`$top` → `top`), `api-version` is `apiVersion`,
 * path parameters and top-level body fields keep their spec names.
 */
import type { OperationEntry } from "./tables.js";

/** Keys every method accepts besides its operation's parameters. */
const CALL_OPTION_KEYS = ["abortSignal", "apiVersion"] as const;

export interface OperationArguments {
  path: Record<string, string>;
  query: Record<string, string | number>;
  /** The JSON body: an object of the body fields, or (for a whole-body operation) the `body` argument. */
  body: unknown;
  abortSignal: AbortSignal | undefined;
  apiVersion: string | undefined;
}

/** The facade name of a wire query parameter. */
export function argumentNameOf(queryParam: string): string {
  return queryParam === "api-version" ? "apiVersion" : queryParam.replace(/^\$/, "");
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `"${value}"` : typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  if (type === "any") return true;
  if (type === "binary") return typeof value === "string" || value instanceof Blob || value instanceof Uint8Array || value instanceof ArrayBuffer;
  if (type.startsWith("array")) {
    if (!Array.isArray(value)) return false;
    const itemType = /^array<(.+)>$/.exec(type)?.[1] ?? "any";
    return value.every((item) => matchesType(item, itemType));
  }
  if (type === "integer") return Number.isInteger(value);
  if (type === "object") return typeof value === "object" && value !== null && !Array.isArray(value);
  return typeof value === type;
}

/** Checks a body field against the JSON type the spec gives it; a string must also be non-empty. */
function checkBodyType(operationId: string, name: string, value: unknown, type: string): void {
  if (value === null) return; // nullable fields are the spec's business; the service answers for them
  if (!matchesType(value, type)) {
    const expected = type === "binary" ? "a Blob, a Uint8Array, an ArrayBuffer or a string" : type.startsWith("array") ? `an ${type}` : `a ${type}`;
    throw new TypeError(`${operationId}: "${name}" must be ${expected}, got ${describeValue(value)}.`);
  }
  if (type === "string" && (value as string).trim() === "") throw new TypeError(`${operationId}: "${name}" must not be empty.`);
  if (type === "array<string>" && (value as string[]).some((item) => item.trim() === "")) {
    throw new TypeError(`${operationId}: "${name}" must not contain empty strings.`);
  }
}

/** A path segment value: a non-empty string that cannot be read as a dot segment. */
export function checkPathValue(operationId: string, name: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new TypeError(`${operationId}: "${name}" is required and must be a non-empty string, got ${describeValue(value)}.`);
  }
  // openapi-fetch percent-encodes path values, but "." and ".." would still be removed by URL parsing.
  if (value === "." || value === "..") throw new TypeError(`${operationId}: "${name}" cannot be "${value}".`);
  return value;
}

/**
 * Every value at `at` (`put[].properties.roleName`: each item of `put`, then `properties.roleName`)
 * with the concrete path to it (`put[0].properties.roleName`).
 */
function valuesAt(input: unknown, at: string): [string, unknown][] {
  let found: [string, unknown][] = [["", input]];
  for (const part of at.split(".")) {
    const isArray = part.endsWith("[]");
    const key = isArray ? part.slice(0, -2) : part;
    const next: [string, unknown][] = [];
    for (const [where, node] of found) {
      if (!node || typeof node !== "object" || Array.isArray(node)) continue;
      const value = (node as Record<string, unknown>)[key];
      const here = where ? `${where}.${key}` : key;
      if (value === undefined) continue;
      if (isArray) {
        if (Array.isArray(value)) value.forEach((item, i) => next.push([`${here}[${i}]`, item]));
      } else next.push([here, value]);
    }
    found = next;
  }
  return found;
}

/** Closed enums of the spec: a value outside the listed ones is refused before sending. */
function checkClosedEnums(entry: OperationEntry, input: Record<string, unknown>): void {
  for (const { at, values } of entry.closedEnums) {
    for (const [where, value] of valuesAt(input, at)) {
      if (value === null || values.includes(value as string)) continue;
      throw new TypeError(`${entry.operationId}: "${where}" must be one of ${values.map((v) => `"${v}"`).join(", ")}; got ${describeValue(value)}.`);
    }
  }
}

/** `x-ppadmin.requireAnyOf`: at least one of these body fields, and a given array must not be empty. */
function checkRequireAnyOf(entry: OperationEntry, body: Record<string, unknown>): void {
  if (entry.requireAnyOf.length === 0) return;
  const given = (name: string) => body[name] !== undefined && body[name] !== null && !(Array.isArray(body[name]) && (body[name] as unknown[]).length === 0);
  if (!entry.requireAnyOf.some(given)) {
    throw new TypeError(`${entry.operationId}: give at least one of ${entry.requireAnyOf.map((n) => `"${n}"`).join(", ")} (a list must not be empty).`);
  }
}

/**
 * Splits and validates `args` for `entry`. `reserved` names query parameters the caller manages
 * itself (the paging iterator owns `$skiptoken`), which are therefore not accepted from users.
 */
export function toOperationArguments(entry: OperationEntry, args: unknown, reserved: readonly string[] = []): OperationArguments {
  const id = entry.operationId;
  if (args === undefined || args === null) args = {};
  if (typeof args !== "object" || Array.isArray(args)) throw new TypeError(`${id}: the argument must be an object.`);
  const input = args as Record<string, unknown>;

  const queryByArg = new Map<string, string>();
  for (const q of entry.queryParams) if (q !== "api-version" && !reserved.includes(q)) queryByArg.set(argumentNameOf(q), q);
  const flags = entry.queryFlags ?? {};
  const allowed = new Set<string>([...entry.pathParams, ...queryByArg.keys(), ...Object.keys(flags), ...entry.bodyParams, ...CALL_OPTION_KEYS]);
  const unknown = Object.keys(input).filter((k) => !allowed.has(k) && input[k] !== undefined);
  if (unknown.length > 0) {
    throw new TypeError(`${id}: unknown argument${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")}. Accepted: ${[...allowed].join(", ")}.`);
  }

  const path: Record<string, string> = {};
  for (const name of entry.pathParams) path[name] = checkPathValue(id, name, input[name]);

  const query: Record<string, string | number> = {};
  for (const [argName, wireName] of queryByArg) {
    const value = input[argName];
    if (value === undefined) continue;
    if (argName === "top" || argName === "skip") {
      const ok = typeof value === "number" ? Number.isInteger(value) && value >= (argName === "top" ? 1 : 0) : false;
      if (!ok) throw new RangeError(`${id}: "${argName}" must be ${argName === "top" ? "a positive" : "a non-negative"} integer, got ${describeValue(value)}.`);
      query[wireName] = value as number;
    } else if (typeof value === "string" || typeof value === "number") {
      if (typeof value === "string" && value.trim() === "") throw new TypeError(`${id}: "${argName}" must not be empty.`);
      query[wireName] = value;
    } else if (typeof value === "boolean") {
      // Boolean query parameters (`includeRuleSetCounts`, `isTrigger`) go on the wire as `true`/`false`.
      query[wireName] = String(value);
    } else {
      throw new TypeError(`${id}: "${argName}" must be a string, a number or a boolean, got ${describeValue(value)}.`);
    }
  }

  for (const [argName, { param, value: sends }] of Object.entries(flags)) {
    const value = input[argName];
    if (value === undefined) continue;
    if (typeof value !== "boolean") throw new TypeError(`${id}: "${argName}" must be a boolean, got ${describeValue(value)}.`);
    if (!value) continue;
    const given = query[param];
    if (given !== undefined && given !== sends) {
      throw new TypeError(`${id}: "${argName}: true" sends ${param}=${sends}, but "${argumentNameOf(param)}" is also given as ${describeValue(given)}; give one of them.`);
    }
    query[param] = sends;
  }

  for (const wireName of entry.requiredQueryParams) {
    if (wireName === "api-version" || reserved.includes(wireName) || query[wireName] !== undefined) continue;
    throw new TypeError(`${id}: "${argumentNameOf(wireName)}" is required.`);
  }

  let body: Record<string, unknown> | undefined;
  if (entry.hasBody) {
    body = {};
    for (const name of entry.bodyParams) if (input[name] !== undefined) body[name] = input[name];
    for (const [name, value] of Object.entries(body)) checkBodyType(id, name, value, entry.bodyParamTypes[name] ?? "any");
    for (const name of entry.nonEmptyBodyParams) {
      if (Array.isArray(body[name]) && (body[name] as unknown[]).length === 0) throw new TypeError(`${id}: "${name}" must not be empty.`);
    }
    for (const name of entry.requiredBodyParams) {
      const value = body[name];
      if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
        throw new TypeError(`${id}: "${name}" is required, got ${describeValue(value)}.`);
      }
    }
    checkRequireAnyOf(entry, body);
  }
  const sent = entry.wholeBody ? body?.body : body;
  checkClosedEnums(entry, input);

  const abortSignal = input.abortSignal;
  if (abortSignal !== undefined && !(abortSignal instanceof AbortSignal)) throw new TypeError(`${id}: "abortSignal" must be an AbortSignal.`);
  const apiVersion = input.apiVersion;
  if (apiVersion !== undefined && (typeof apiVersion !== "string" || apiVersion.trim() === "")) {
    throw new TypeError(`${id}: "apiVersion" must be a non-empty string.`);
  }
  return { path, query, body: sent, abortSignal: abortSignal as AbortSignal | undefined, apiVersion: apiVersion as string | undefined };
}
