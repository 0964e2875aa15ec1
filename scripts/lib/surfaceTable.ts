/**
 * Builds the surface table of one spec: every facade method (group path, method name, kind, the
 * operation behind it) with every argument a caller or a CLI needs to know (name, location, JSON
 * type, required, enum values and whether they are open, description). The clients are built from
 * this table at run time; the facade interfaces and a future CLI are generated from it.
 */
import type { ArgumentEntry, OperationEntry, SurfaceDetails, SurfaceEntry } from "../../src/client/tables.js";
import { jsonTypeOf, resolve, type Json } from "./schema.js";
import { ownedQueryParams } from "../../src/client/listPaging.js";
import { enumOf, readSurfaceExtension } from "./surfaceExtension.js";
import { facadeMethodNames } from "../../src/client/facadeNames.js";
import { argumentNameOf } from "../../src/client/operationArguments.js";

/** What the builder makes of one facade method: its surface entry and its details together. */
export type BuiltSurfaceEntry = SurfaceEntry & SurfaceDetails;

/** A summary on one line; a description keeps its line breaks (it may hold a Markdown list). */
function text(value: unknown, oneLine = true): string | undefined {
  if (typeof value !== "string" || !value.trim()) return undefined;
  return oneLine ? value.trim().replace(/\s+/g, " ") : value.trim().replace(/[ \t]+\n/g, "\n");
}

function argumentsOf(doc: Json, params: Json[], op: Json, kind: BuiltSurfaceEntry["kind"], owned: readonly string[] = []): ArgumentEntry[] {
  const args: ArgumentEntry[] = [];
  const push = (arg: ArgumentEntry, schema: unknown) => {
    const e = enumOf(doc, schema);
    if (e) Object.assign(arg, { enum: e.values, openEnum: e.open });
    args.push(arg);
  };
  for (const p of params) {
    if (p.in !== "path" && p.in !== "query") continue;
    const wireName = String(p.name);
    if (wireName === "api-version" || (kind === "list" && owned.includes(wireName))) continue;
    const schema = p.schema ?? {};
    const type = wireName === "$top" || wireName === "$skip" ? "integer" : jsonTypeOf(doc, schema);
    const description = text(p.description) ?? text(resolve(doc, schema).description);
    push({ name: argumentNameOf(wireName), in: p.in as "path" | "query", wireName, type, required: p.required === true, ...(description ? { description } : {}) }, schema);
  }
  if (kind === "wait") return args.filter((a) => a.in === "path");
  const body = op.requestBody ? resolve(doc, op.requestBody) : undefined;
  const content = (body?.content ?? {}) as Json;
  const multipart = !content["application/json"] && !!content["multipart/form-data"];
  const media = (content["application/json"] ?? content["multipart/form-data"]) as Json | undefined;
  const schema = media?.schema ? resolve(doc, media.schema) : undefined;
  if (schema && !schema.properties && jsonTypeOf(doc, schema) !== "object" && jsonTypeOf(doc, schema) !== "any") {
    // A body that is not an object is passed whole, as the argument `body`.
    const description = text(schema.description) ?? text(body?.description);
    push({ name: "body", in: "body", wireName: "body", type: jsonTypeOf(doc, schema), required: body?.required === true, ...(description ? { description } : {}) }, schema);
    return args;
  }
  const required = new Set(Array.isArray(schema?.required) ? schema.required.map(String) : []);
  for (const [name, prop] of Object.entries((schema?.properties ?? {}) as Json)) {
    const description = text(resolve(doc, prop).description);
    const binary = multipart && (typeof resolve(doc, prop).contentMediaType === "string" || resolve(doc, prop).format === "binary");
    push({ name, in: "body", wireName: name, type: binary ? "binary" : jsonTypeOf(doc, prop), required: body?.required === true && required.has(name), ...(description ? { description } : {}) }, prop);
  }
  return args;
}

/** The surface entries of one spec, checked for clashes (two methods, or a method and a group, at one place). */
export function buildSurfaceTable(doc: Json, operations: readonly OperationEntry[]): BuiltSurfaceEntry[] {
  const entries: BuiltSurfaceEntry[] = [];
  const paths = (doc.paths ?? {}) as Record<string, Json>;
  for (const operation of operations) {
    const pathItem = resolve(doc, paths[operation.path]);
    const op = pathItem[operation.method] as Json;
    const ext = readSurfaceExtension(operation.operationId, op);
    const own = ((op.parameters ?? []) as unknown[]).map((p) => resolve(doc, p));
    const shared = ((pathItem.parameters ?? []) as unknown[]).map((p) => resolve(doc, p)).filter((s) => !own.some((o) => o.name === s.name && o.in === s.in));
    const params = [...shared, ...own];
    const base = { group: ext.group, operationId: operation.operationId, summary: text(op.summary) ?? operation.operationId, ...(text(op.description, false) ? { description: text(op.description, false)! } : {}) };
    const args = argumentsOf(doc, params, op, operation.kind, ownedQueryParams(operation));
    for (const [name, flag] of Object.entries(ext.flags)) {
      const param = args.find((a) => a.wireName === flag.param);
      args.push({ name, in: "query", wireName: flag.param, type: "boolean", required: false, flagValue: flag.value, description: `\`true\` sends \`${flag.param}=${flag.value}\`${param?.description ? `: ${param.description}` : "."}` });
    }
    entries.push({ ...base, method: ext.method, kind: operation.kind, arguments: args, argumentsOptional: !args.some((a) => a.required) });
    if (ext.waitUntil) {
      if (operation.kind !== "call" || operation.method !== "get") throw new Error(`${operation.operationId}: x-ppadmin.waitUntil needs a single GET`);
      const { method, ...waitUntil } = ext.waitUntil;
      const waitArgs = argumentsOf(doc, params, op, "wait");
      entries.push({ ...base, method, kind: "wait", arguments: waitArgs, argumentsOptional: !waitArgs.some((a) => a.required), waitUntil });
    }
  }
  // Facade names must be unique at each place, and a name is either a group or a method there.
  const methods = new Map<string, string>();
  const groups = new Set<string>();
  for (const e of entries) {
    e.group.forEach((_, i) => groups.add(e.group.slice(0, i + 1).join(".")));
    for (const name of facadeMethodNames(e)) {
      const key = [...e.group, name].join(".");
      const clash = methods.get(key);
      if (clash) throw new Error(`x-ppadmin: ${key} is claimed by both ${clash} and ${e.operationId}`);
      methods.set(key, e.operationId);
    }
  }
  for (const [key, operationId] of methods) if (groups.has(key)) throw new Error(`x-ppadmin: ${key} (${operationId}) is also a group`);
  return entries.sort((a, b) => [...a.group, a.method].join(".").localeCompare([...b.group, b.method].join(".")));
}
