/**
 * The generic tour: every facade method of every registered service, called once against the
 * emulator, with arguments worked out from the tables, the specs and the emulator's store — no
 * operation is named here except in the small {@link tourOverrides} map. A new operation in any
 * spec joins the tour (and the coverage check beside it) with `npm run generate` alone.
 *
 * - Clients: per service of the registry, its client class (`PowerAppsAdminClient`, `BapAdminClient`,
 *   …), or where the SDK has none a `FacadeClient` built from `surfaceTable` and `operationTable` (so a
 *   service needs no client class to be toured).
 * - Order: creates, then updates and actions (long-running ones begun and followed to the end), then
 *   reads (lists read to the last page, wait-until methods), then deletes and `remove*`/`delete*`
 *   actions, then status operations (so a long-running delete has begun one too); shallow paths
 *   first, deletes deepest first.
 * - Path parameters: an item of the collection the path names, as its list method returns it (else
 *   as the emulator's store holds it): a resource the tour created first, else an existing one (for
 *   a delete the newest); by parameter name where the path does not name a collection
 *   (`…/addEnvironment/{environmentId}`), else the spec parameter's `example` (a value that names no
 *   collection: a storage category, a version); `tenantId` is the emulator's tenant; a status operation
 *   runs right after its long-running operation and takes the operation begun.
 * - Query: required parameters from the spec (example, default, first enum value).
 * - Body: the spec's request examples in turn until the emulator accepts one, else a body built from
 *   the schema's required fields; `<x>Id`/`<x>Ids` fields name existing resources like the path
 *   parameter `<x>Id` would, and the examples' tenant is the emulator's.
 */
import path from "node:path";
import { operationTable, surfaceTable, type OperationEntry, type OperationId, type ServiceName, type SurfaceEntry } from "../../generated/operations.js";
import { FacadeClient } from "../../src/client/facadeClient.js";
import { facadeMethodNames } from "../../src/client/facadeNames.js";
import type { ClientOptions } from "../../src/client/options.js";
import type { OperationPoller } from "../../src/client/operationPoller.js";
import * as sdk from "../../src/index.js";
import { services } from "../../src/services/registry.js";
import type { Emulator, EmulatorState } from "../../src/testing/index.js";
import { allRoutes, type RouteInfo } from "../../src/testing/operations/operationRouter.js";
import { fillTemplate, templateKey } from "../../src/testing/tenant/resourceStore.js";
import { loadSpec, resolveRef, type Json, type SpecName } from "./specDocuments.js";

type Args = Record<string, unknown>;

/** What an override sees: the tenant and the arguments worked out so far (path parameters resolved). */
export interface TourContext {
  readonly state: EmulatorState;
  readonly args: Readonly<Args>;
}

/** Arguments one operation needs that the tables cannot work out. */
export interface TourOverride {
  /** Path parameters (by name), chosen before the generic resolution, which keeps them. */
  readonly path?: (state: EmulatorState) => Record<string, string>;
  /** Arguments (facade names) that replace the generic ones. */
  readonly args?: (context: TourContext) => Args;
}

/** A connection of the first environment, addressed under the connector its `apiId` names. */
function someConnection(state: EmulatorState): Record<string, string> {
  const environment = state.environments[0]!.name;
  const connection = state.connections(environment)[0]!;
  return { environment, connectorName: connection.properties!.apiId!.split("/").pop()!, connectionName: connection.name! };
}

/**
 * The operations whose arguments the tables cannot work out. Keep this tiny: each entry is a fact
 * about the service a spec cannot state.
 */
export const tourOverrides: Partial<Record<OperationId, TourOverride>> = {
  // The new owner must be a user of the tenant's directory other than the current owner.
  "Set-AdminAppOwner": {
    args: ({ state, args }) => ({ newAppOwner: state.users.find((u) => u.id !== state.app(String(args.environment), String(args.app))?.properties?.owner?.id)!.id }),
  },
  // Connections are listed per environment but addressed under the connector their apiId names.
  "Get-AdminConnectionRoleAssignment": { path: someConnection },
  "Edit-AdminConnectionRoleAssignment": { path: someConnection },
  "Remove-AdminConnection": { path: someConnection },
};

/** One step of the tour: one facade method. */
export interface TourStep {
  readonly service: ServiceName;
  readonly spec: SpecName;
  readonly entry: SurfaceEntry;
  readonly operation: OperationEntry;
  readonly route: RouteInfo;
  /** 0 create, 1 update/action, 2 read, 3 delete, 4 status of a long-running operation. */
  readonly phase: number;
  /** `group.method` as called. */
  readonly name: string;
}

const specOf = (service: ServiceName): SpecName => path.basename(services.find((s) => s.name === service)!.spec, ".yaml") as SpecName;

/** `spec:operationId` of every operation in the generated tables: what the tour must exercise. */
export function tableOperations(): string[] {
  return (Object.entries(operationTable) as [ServiceName, Record<string, OperationEntry>][]).flatMap(([service, ops]) => Object.keys(ops).map((id) => `${specOf(service)}:${id}`));
}

const routeById = (): Map<string, RouteInfo> => new Map(allRoutes().map((r) => [r.operation.operationId, r]));
const depth = (p: string) => p.split("/").length;

/** Operations that report on a long-running operation: read last, after whatever began one (deletes too). */
const statusOperations = (): Set<string> => new Set(allRoutes().flatMap((r) => (r.operation.lro?.statusOperationId ? [r.operation.lro.statusOperationId] : [])));

function phaseOf(entry: SurfaceEntry, route: RouteInfo): number {
  const kind = route.operation.kind;
  if (statusOperations().has(route.operation.operationId)) return 4;
  if (kind === "delete" || kind === "erase" || /^(remove|delete)([A-Z]|$)/.test(entry.method)) return 3;
  if (kind === "create" || kind === "upsert") return 0;
  if (entry.kind === "wait" || kind === "list" || kind === "get" || kind === "read") return 2;
  return 1;
}

/** Every facade method of every service, in tour order. */
export function tourPlan(): TourStep[] {
  const routes = routeById();
  const steps: TourStep[] = [];
  for (const [service, surface] of Object.entries(surfaceTable) as [ServiceName, readonly SurfaceEntry[]][]) {
    const operations = operationTable[service] as Record<string, OperationEntry>;
    for (const entry of surface) {
      const route = routes.get(entry.operationId);
      if (!route) throw new Error(`${entry.operationId} is in the tables but not in the emulator model`);
      steps.push({ service, spec: specOf(service), entry, operation: operations[entry.operationId]!, route, phase: phaseOf(entry, route), name: [...entry.group, entry.method].join(".") });
    }
  }
  const order = (s: TourStep) => (s.phase === 3 ? -depth(s.operation.path) : depth(s.operation.path));
  return steps.sort((a, b) => a.phase - b.phase || order(a) - order(b) || a.name.localeCompare(b.name));
}

/** A value for a schema: its example, default or first enum value, else the required fields of a made-up one. */
export function sampleOf(doc: Json, raw: unknown, seen: readonly Json[] = []): unknown {
  const schema = resolveRef(doc, raw);
  if (!schema || seen.includes(schema)) return undefined;
  const inner = [...seen, schema];
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const key of ["allOf", "oneOf", "anyOf"]) {
    const branches = schema[key] as unknown[] | undefined;
    if (!branches?.length) continue;
    if (key !== "allOf") return sampleOf(doc, branches[0], inner);
    return Object.assign({}, ...branches.map((b) => sampleOf(doc, b, inner)).filter((v) => v && typeof v === "object"));
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "object" || schema.properties) {
    const props = (schema.properties ?? {}) as Json;
    return Object.fromEntries(((schema.required ?? []) as string[]).map((name) => [name, sampleOf(doc, props[name], inner)]));
  }
  if (type === "array") return Number(schema.minItems ?? 0) > 0 ? [sampleOf(doc, schema.items, inner)] : [];
  if (type === "integer" || type === "number") return Number(schema.minimum ?? 1);
  if (type === "boolean") return false;
  if (schema.format === "uuid") return "00000000-0000-4000-8000-000000000001";
  if (schema.format === "date-time") return "2026-01-01T00:00:00Z";
  return "tour";
}

/** The spec node of an operation. */
function specOperation(spec: SpecName, operation: OperationEntry): { doc: Json; node: Json; parameters: Json[] } {
  const doc = loadSpec(spec);
  const item = resolveRef(doc, (doc.paths as Json)[operation.path]);
  const node = item[operation.method] as Json;
  const parameters = [...((item.parameters ?? []) as unknown[]), ...((node.parameters ?? []) as unknown[])].map((p) => resolveRef(doc, p));
  return { doc, node, parameters };
}

/** Request bodies to try, in order: the spec's examples, then one built from the schema. */
function candidateBodies(spec: SpecName, operation: OperationEntry): Args[] {
  if (!operation.hasBody) return [{}];
  const { doc, node } = specOperation(spec, operation);
  const media = (resolveRef(doc, node.requestBody)?.content as Json | undefined)?.["application/json"] as Json | undefined;
  if (!media) return [{}];
  const examples = Object.values((media.examples ?? {}) as Json).map((e) => resolveRef(doc, e).value);
  const all = [...examples, media.example, sampleOf(doc, media.schema)].filter((v): v is Args => !!v && typeof v === "object" && !Array.isArray(v));
  return all.length > 0 ? all.map((b) => structuredClone(b)) : [{}];
}

/** Required query parameters (other than api-version), by facade name. */
function queryArguments(spec: SpecName, operation: OperationEntry): Args {
  const { doc, parameters } = specOperation(spec, operation);
  const out: Args = {};
  for (const p of parameters) {
    if (p.in !== "query" || p.required !== true || p.name === "api-version") continue;
    out[String(p.name).replace(/^\$/, "")] = p.example ?? sampleOf(doc, p.schema);
  }
  return out;
}

/** Path parameters whose spec declares an `example` (values that name no collection: an entitlement, a version). */
function pathExamples(spec: SpecName, operation: OperationEntry): Record<string, string> {
  const { parameters } = specOperation(spec, operation);
  return Object.fromEntries(parameters.filter((p) => p.in === "path" && typeof p.example === "string").map((p) => [String(p.name), p.example as string]));
}

/** Replaces every string equal to one of `from` (recursively) with `to`. */
function replaceStrings(value: unknown, from: ReadonlySet<string>, to: string): unknown {
  if (typeof value === "string") return from.has(value.toLowerCase()) ? to : value;
  if (Array.isArray(value)) return value.map((v) => replaceStrings(v, from, to));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceStrings(v, from, to)]));
  return value;
}

/** Values of every `tenantId` field, recursively. */
function tenantIds(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => tenantIds(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "tenantId" && typeof v === "string") out.add(v.toLowerCase());
      else tenantIds(v, out);
    }
  }
  return out;
}

/** Lists a collection through the API: the ids of its first items, or undefined when no list operation serves it. */
type ListIds = (template: string, params: Readonly<Record<string, string>>) => Promise<string[] | undefined>;

/**
 * Resolves path parameters: an item of the collection the path names, as the list method serving it
 * returns it (else as the emulator's store holds it), the tour's own first; for a delete the newest
 * (seeded items such as a default environment come first). `tenantId` is the emulator's tenant.
 */
class Resolver {
  private readonly collections: Map<string, { template: string; idField: string }>;
  /** Collections by parameter name, where a route says a top-level collection holds that parameter's values. */
  private readonly byName = new Map<string, string>();
  /** Ids the tour created, by collection template key, newest first. */
  readonly created = new Map<string, string[]>();

  constructor(
    private readonly state: EmulatorState,
    private readonly listIds: ListIds,
  ) {
    this.collections = new Map(
      allRoutes()
        .filter((r) => r.operation.collection)
        .map((r) => [templateKey(r.operation.collection!), { template: r.operation.collection!, idField: r.operation.idField ?? "id" }]),
    );
    for (const route of allRoutes()) for (const parent of route.parents) if (!parent.collection.includes("{") && !this.byName.has(parent.param)) this.byName.set(parent.param, parent.collection);
  }

  /** The ids of a collection, those the tour created first (and for `last`, the others newest first). */
  async ids(template: string, params: Readonly<Record<string, string>>, last = false): Promise<string[]> {
    const idField = this.collections.get(templateKey(template))?.idField ?? "id";
    let ids = await this.listIds(template, params);
    if (!ids?.length) {
      // No list serves it (or the list is empty): the store's ids.
      this.state.settle(template);
      ids = [...this.state.store.collection(fillTemplate(template, params), template).entries()].map(([key, doc]) => String(doc[idField] ?? key));
    }
    if (last) ids = [...ids].reverse();
    const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    const created = (this.created.get(templateKey(template)) ?? []).filter((id) => ids.some((i) => same(i, id)));
    return [...created, ...ids.filter((i) => !created.some((c) => same(c, i)))];
  }

  /** Candidate values of parameter `name`, sitting after `prefix` segments of the path. */
  private async candidates(route: RouteInfo, name: string, prefix: string, params: Readonly<Record<string, string>>, last: boolean): Promise<string[]> {
    // The tenant's own id: the examples' tenant is the emulator's.
    if (name === "tenantId") return [this.state.tenantId];
    const parent = route.parents.find((p) => p.param === name);
    const template = parent?.collection ?? (this.collections.has(templateKey(prefix)) ? prefix : this.byName.get(name));
    return template ? this.ids(template, params, last) : [];
  }

  /** Values of parameter `name` anywhere (for body fields named after it). */
  async valuesOf(name: string): Promise<string[]> {
    const template = this.byName.get(name);
    return template ? this.ids(template, {}) : [];
  }

  /**
   * Path parameters for a route, `given` kept; undefined when some parameter has no value. With
   * `newest`, the last parameter prefers the newest item (a delete leaves the seeded ones alone).
   */
  async resolve(route: RouteInfo, given: Readonly<Record<string, string>>, newest = false): Promise<Record<string, string> | undefined> {
    const segments = route.operation.path.split("/");
    const lastParam = segments.findLastIndex((s) => s.startsWith("{"));
    const walk = async (i: number, params: Record<string, string>): Promise<Record<string, string> | undefined> => {
      if (i === segments.length) return params;
      const segment = segments[i]!;
      if (!segment.startsWith("{")) return walk(i + 1, params);
      const name = segment.slice(1, -1);
      const options = given[name] !== undefined ? [given[name]!] : await this.candidates(route, name, segments.slice(0, i).join("/"), params, newest && i === lastParam);
      for (const value of options) {
        const found = await walk(i + 1, { ...params, [name]: value });
        if (found) return found;
      }
      return undefined;
    };
    return walk(0, {});
  }
}

/** Calls a facade method with `args`; lists are read to the end, long-running operations followed to the end. */
async function invoke(facade: Args, step: TourStep, args: Args): Promise<{ result: unknown; poller?: OperationPoller }> {
  let node: Args = facade;
  for (const group of step.entry.group) node = node[group] as Args;
  const [name] = facadeMethodNames(step.entry);
  const method = node[name!] as (a: Args) => unknown;
  switch (step.entry.kind) {
    case "list": {
      const items: unknown[] = [];
      for await (const item of method(args) as AsyncIterable<unknown>) items.push(item);
      return { result: items };
    }
    case "begin": {
      const poller = (await method(args)) as OperationPoller;
      return { result: await poller.pollUntilDone(), poller };
    }
    default:
      return { result: await method(args) };
  }
}

/** What {@link runTour} did. */
export interface TourReport {
  /** One line per step: `service group.method (operationId): ok` or the failure. */
  readonly lines: string[];
  readonly failures: string[];
}

/**
 * Runs the tour against an emulator whose handlers are mounted; `clientOptions` must point at it
 * (endpoint, credential, and a clock the emulator shares, so waits cost no real time).
 */
export async function runTour(emulator: Emulator, clientOptions: ClientOptions, overrides = tourOverrides): Promise<TourReport> {
  const state = emulator.state;
  const facades = new Map<ServiceName, Args>();
  for (const service of services) {
    // The service's own client class where the SDK exports one, else a client built from the tables.
    const ClientClass = (sdk as unknown as Record<string, (new (options: ClientOptions) => Args) | undefined>)[service.client];
    const operations = operationTable[service.name] as Record<string, OperationEntry>;
    facades.set(service.name, ClientClass ? new ClientClass(clientOptions) : (new FacadeClient(service, operations, surfaceTable[service.name], clientOptions) as unknown as Args));
  }
  const plan = tourPlan();
  /** The first items' ids of a collection, through the list method that serves it. */
  const listIds: ListIds = async (template, params) => {
    // A list of the same collection whose path parameters are all known (several services may list it).
    const list = plan.find(
      (s) => s.entry.kind === "list" && s.route.operation.collection && templateKey(s.route.operation.collection) === templateKey(template) && s.operation.pathParams.every((p) => p in params),
    );
    if (!list) return undefined;
    const args = { ...queryArguments(list.spec, list.operation), ...params };
    let node: Args = facades.get(list.service)!;
    for (const group of list.entry.group) node = node[group] as Args;
    const idField = list.route.operation.idField ?? "id";
    const ids: string[] = [];
    try {
      for await (const item of (node[list.entry.method] as (a: Args) => AsyncIterable<Args>)(args)) {
        const id = item?.[idField] ?? item?.name ?? item?.id;
        if (typeof id === "string") ids.push(id);
        if (ids.length >= 20) break;
      }
    } catch {
      return undefined; // a parent that does not exist: another candidate will do
    }
    return ids;
  };
  const resolver = new Resolver(state, listIds);
  /** Path arguments for status operations, from the long-running operation the tour began. */
  const begun = new Map<string, Record<string, string>>();
  const lines: string[] = [];
  const failures: string[] = [];

  for (const step of plan) {
    const label = `${step.service} ${step.name} (${step.entry.operationId})`;
    if (process.env.TOUR_TRACE) console.error(`tour: ${label}`);
    try {
      const override = overrides[step.entry.operationId as OperationId];
      const given = { ...(begun.get(step.entry.operationId) ?? {}), ...override?.path?.(state) };
      const params =
        (await resolver.resolve(step.route, given, step.phase === 3)) ??
        (await resolver.resolve(step.route, { ...pathExamples(step.spec, step.operation), ...given }, step.phase === 3));
      if (!params) throw new Error(`no value for a path parameter of ${step.operation.path} (add an override)`);
      const query = queryArguments(step.spec, step.operation);
      const bodies = step.entry.kind === "wait" ? [{}] : candidateBodies(step.spec, step.operation);
      const tenants = new Set(bodies.flatMap((b) => [...tenantIds(b)]));
      const errors: string[] = [];
      let done: Awaited<ReturnType<typeof invoke>> | undefined;
      for (const raw of bodies) {
        const body = replaceStrings(raw, tenants, state.tenantId) as Args;
        for (const field of Object.keys(body)) {
          const single = /Ids$/.test(field) ? field.slice(0, -1) : /Id$/.test(field) ? field : undefined;
          const values = single ? await resolver.valuesOf(single) : [];
          if (values.length > 0) body[field] = Array.isArray(body[field]) ? [values[0]] : values[0];
        }
        const args = { ...query, ...body, ...params, ...override?.args?.({ state, args: params }) };
        try {
          done = await invoke(facades.get(step.service)!, step, args);
          break;
        } catch (error) {
          errors.push(error instanceof Error ? error.message : String(error));
        }
      }
      if (!done) throw new Error(errors.join(" | "));
      const route = step.route.operation;
      if (route.kind === "create" && route.collection && done.result && typeof done.result === "object") {
        const id = (done.result as Args)[route.idField ?? "id"];
        if (typeof id === "string") resolver.created.set(templateKey(route.collection), [id, ...(resolver.created.get(templateKey(route.collection)) ?? [])]);
      }
      if (done.poller && route.lro?.statusOperationId) {
        const status = allRoutes().find((r) => r.operation.operationId === route.lro!.statusOperationId)!;
        const last = status.paramNames.at(-1)!;
        begun.set(status.operation.operationId, { ...Object.fromEntries(status.paramNames.filter((p) => p in params).map((p) => [p, params[p]!])), [last]: done.poller.operationId });
      }
      lines.push(`${label}: ok${errors.length > 0 ? ` (after ${errors.length} refused bodies: ${errors.join(" | ")})` : ""}`);
    } catch (error) {
      const message = `${label}: ${error instanceof Error ? error.message : String(error)}`;
      lines.push(message);
      failures.push(message);
    }
  }
  return { lines, failures };
}
