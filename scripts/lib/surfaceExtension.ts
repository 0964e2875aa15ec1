/**
 * Reads and checks `x-ppadmin`, the vendor extension by which each operation of a spec names its
 * place in the SDK surface, and the schema facts the surface needs (enums, open or closed).
 *
 * ```yaml
 * x-ppadmin:
 *   group: [licensing, billingPolicies]   # facade path from the client: pp.licensing.billingPolicies
 *   method: get                           # method name there (begin/resume are derived for LROs)
 *   waitUntil:                            # optional: also a wait-until method polling this GET
 *     method: waitForProvisioning
 *     field: status                       # body field read on each poll (case-insensitive match)
 *     values: [Enabled, Disabled]         # values that end the wait
 *     timeoutInMs: 1200000
 *   requireAnyOf: [name, status]          # optional: at least one of these body fields
 *   flags:                                # optional: boolean arguments that send a fixed query value
 *     includeSoftDeleted: { param: include, value: softDeletedFlows }   # true sends include=softDeletedFlows
 *   poll:                                 # optional, long-running only
 *     operationId: GetApplicationPackageOperation   # the status operation (types the poller, gives the poll's api-version)
 *     idFrom: lastOperation.operationId             # when no Location header comes: where the body names the id
 *     statusField: status                           # status document field (default `status`)
 *     succeededValues: [Succeeded, NoOperation]     # final values that mean success (default: Succeeded)
 *     failedValues: [Failed, ValidationFailed]      # final values that mean failure (default: Failed, Canceled, ...)
 *     runningFrom: GetOperationsForEnvironment      # on a 409, the list that names the operation already running
 *     doneWhenGone: true                            # optional: a 404 from the status URL means done (a delete)
 * ```
 *
 * Retry safety is the operation-level `x-ppadmin-safe-to-retry: true` (a POST that only reads).
 */
import type { OperationEntry } from "../../src/client/tables.js";
import { argumentNameOf } from "../../src/client/operationArguments.js";
import { resolve, type Json } from "./schema.js";

export interface WaitUntil {
  method: string;
  field: string;
  values: string[];
  timeoutInMs: number;
}

/** A boolean facade argument that, when true, sends `param=value` (the operation table's `queryFlags`). */
export type QueryFlag = NonNullable<OperationEntry["queryFlags"]>[string];

/** How a long-running operation is polled (the operation table's `poll`). */
export type PollSettings = NonNullable<OperationEntry["poll"]>;

/** The polling of a long-running operation that has no `x-ppadmin.poll`. */
export const NO_POLL_SETTINGS: PollSettings = {
  operationId: null,
  idFrom: null,
  statusField: "status",
  succeededValues: null,
  failedValues: null,
  runningFrom: null,
};

export interface SurfaceExtension {
  group: string[];
  flags: Record<string, QueryFlag>;
  method: string;
  waitUntil: WaitUntil | null;
  requireAnyOf: string[];
  poll: PollSettings | null;
}

const IDENTIFIER = /^[a-z][A-Za-z0-9]*$/;
const KEYS = new Set(["group", "method", "waitUntil", "requireAnyOf", "poll", "flags"]);
const POLL_KEYS = new Set(["operationId", "idFrom", "statusField", "succeededValues", "failedValues", "runningFrom", "doneWhenGone"]);

function fail(operationId: string, message: string): never {
  throw new Error(`${operationId}: x-ppadmin ${message}`);
}

function identifier(operationId: string, what: string, value: unknown): string {
  if (typeof value !== "string" || !IDENTIFIER.test(value)) fail(operationId, `${what} must be a camelCase identifier, got ${JSON.stringify(value)}`);
  return value;
}

function strings(operationId: string, what: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === "string" && v)) {
    fail(operationId, `${what} must be a non-empty list of strings`);
  }
  return value as string[];
}

/** The operation's `x-ppadmin`, checked; every operation must have one. */
export function readSurfaceExtension(operationId: string, op: Json): SurfaceExtension {
  const raw = op["x-ppadmin"];
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) fail(operationId, "is missing: every operation names its facade group and method");
  const ext = raw as Json;
  for (const key of Object.keys(ext)) if (!KEYS.has(key)) fail(operationId, `has an unknown key "${key}" (known: ${[...KEYS].join(", ")})`);
  const group = strings(operationId, "group", ext.group).map((g) => identifier(operationId, "group entry", g));
  const method = identifier(operationId, "method", ext.method);

  let waitUntil: WaitUntil | null = null;
  if (ext.waitUntil !== undefined) {
    const w = ext.waitUntil as Json;
    if (!w || typeof w !== "object") fail(operationId, "waitUntil must be an object");
    const timeoutInMs = w.timeoutInMs;
    if (typeof timeoutInMs !== "number" || !(timeoutInMs > 0)) fail(operationId, "waitUntil.timeoutInMs must be a positive number");
    if (typeof w.field !== "string" || !w.field) fail(operationId, "waitUntil.field must name a response field");
    waitUntil = { method: identifier(operationId, "waitUntil.method", w.method), field: w.field, values: strings(operationId, "waitUntil.values", w.values), timeoutInMs };
  }
  const requireAnyOf = ext.requireAnyOf === undefined ? [] : strings(operationId, "requireAnyOf", ext.requireAnyOf);

  let poll: SurfaceExtension["poll"] = null;
  if (ext.poll !== undefined) {
    const p = ext.poll as Json;
    if (!p || typeof p !== "object") fail(operationId, "poll must be an object");
    for (const key of Object.keys(p)) if (!POLL_KEYS.has(key)) fail(operationId, `poll has an unknown key "${key}" (known: ${[...POLL_KEYS].join(", ")})`);
    for (const key of ["operationId", "idFrom", "statusField", "runningFrom"]) {
      if (p[key] !== undefined && (typeof p[key] !== "string" || !p[key])) fail(operationId, `poll.${key} must be a non-empty string`);
    }
    if (p.idFrom !== undefined && p.operationId === undefined) fail(operationId, "poll.idFrom needs poll.operationId (the status operation to fill with that id)");
    if (p.runningFrom !== undefined && p.operationId === undefined) fail(operationId, "poll.runningFrom needs poll.operationId (the status operation a running operation is polled on)");
    const values = (key: string) => (p[key] === undefined ? null : strings(operationId, `poll.${key}`, p[key]));
    if (p.doneWhenGone !== undefined && typeof p.doneWhenGone !== "boolean") fail(operationId, "poll.doneWhenGone must be true or false");
    poll = {
      operationId: (p.operationId as string) ?? null,
      idFrom: (p.idFrom as string) ?? null,
      statusField: (p.statusField as string) ?? NO_POLL_SETTINGS.statusField,
      succeededValues: values("succeededValues"),
      failedValues: values("failedValues"),
      runningFrom: (p.runningFrom as string) ?? null,
      ...(p.doneWhenGone === true ? { doneWhenGone: true } : {}),
    };
  }
  const flags: Record<string, QueryFlag> = {};
  if (ext.flags !== undefined) {
    if (!ext.flags || typeof ext.flags !== "object" || Array.isArray(ext.flags)) fail(operationId, "flags must map argument names to {param, value}");
    for (const [name, raw] of Object.entries(ext.flags as Json)) {
      identifier(operationId, "flags entry", name);
      const f = raw as Json;
      if (!f || typeof f !== "object" || typeof f.param !== "string" || !f.param || typeof f.value !== "string" || !f.value) fail(operationId, `flags.${name} must be {param, value} with non-empty strings`);
      flags[name] = { param: f.param, value: f.value };
    }
  }
  return { group, method, waitUntil, requireAnyOf, poll, flags };
}

/** The enum of a schema: closed (`enum`) or open (`anyOf: [{enum}, {type: string}]`), or none. */
export function enumOf(doc: Json, node: unknown): { values: string[]; open: boolean } | null {
  const schema = resolve(doc, node ?? {});
  if (Array.isArray(schema.enum)) return { values: schema.enum.map(String), open: false };
  const branches = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  if (!branches) return null;
  const resolved = branches.map((b) => resolve(doc, b));
  const listed = resolved.find((b) => Array.isArray(b.enum));
  const free = resolved.some((b) => b.type === "string" && !Array.isArray(b.enum));
  return listed ? { values: (listed.enum as unknown[]).map(String), open: free } : null;
}

/**
 * Closed enums anywhere in the request, by argument path: path and query parameters by facade
 * name, body fields by property path with `[]` for array items. Open enums are left out: the
 * service accepts values the spec does not list.
 */
export function closedEnumsOf(doc: Json, params: Json[], op: Json): { at: string; values: string[] }[] {
  const found: { at: string; values: string[] }[] = [];
  for (const p of params) {
    if (p.in !== "path" && p.in !== "query") continue;
    const e = enumOf(doc, p.schema);
    if (e && !e.open) found.push({ at: argumentNameOf(String(p.name)), values: e.values });
  }
  const body = op.requestBody ? resolve(doc, op.requestBody) : undefined;
  const schema = ((body?.content as Json | undefined)?.["application/json"] as Json | undefined)?.schema;
  const walk = (node: unknown, at: string, depth: number): void => {
    if (depth > 8 || node === undefined) return;
    const e = enumOf(doc, node);
    if (e) {
      if (!e.open && at) found.push({ at, values: e.values });
      return;
    }
    const s = resolve(doc, node);
    for (const part of (s.allOf ?? []) as unknown[]) walk(part, at, depth + 1);
    for (const [name, prop] of Object.entries((s.properties ?? {}) as Json)) walk(prop, at ? `${at}.${name}` : name, depth + 1);
    if (s.items) walk(s.items, `${at}[]`, depth + 1);
  };
  if (schema) walk(schema, "", 0);
  return found;
}
