/**
 * Builds the operation table from a parsed OpenAPI document: for every operationId, the facts the
 * runtime needs (method, path template, parameter names, default api-version, paging and
 * long-running behaviour, retry safety, closed enums). The SDK reads this table instead of
 * restating the spec. The facade's names for operations are in the surface table (surfaceTable.ts).
 */
import type { OperationEntry, ServiceName } from "../../src/client/tables.js";
import { jsonTypeOf, resolve, type Json } from "./schema.js";
import { closedEnumsOf, readSurfaceExtension } from "./surfaceExtension.js";

const METHODS = ["get", "put", "post", "delete", "patch"] as const;

export type { OperationEntry };

/**
 * The media type of the operation's success bodies when they are not JSON (a download such as
 * `application/zip`), or null. One non-JSON type per operation, and never mixed with JSON.
 */
function downloadMediaType(doc: Json, op: Json, operationId: string): string | null {
  const types = new Set<string>();
  for (const [status, raw] of Object.entries((op.responses ?? {}) as Json)) {
    if (!/^2\d\d$/.test(status)) continue;
    for (const media of Object.keys((resolve(doc, raw).content ?? {}) as Json)) types.add(media);
  }
  const other = [...types].filter((t) => !/json/i.test(t));
  if (other.length === 0) return null;
  if (other.length > 1 || types.size > other.length) throw new Error(`${operationId}: a download answers with exactly one non-JSON media type (got ${[...types].join(", ")})`);
  return other[0]!;
}

/** The operation table of one spec; `service` is the registry name (another name only for checks). */
export function buildOperationTable(doc: Json, service: string): OperationEntry[] {
  const entries: OperationEntry[] = [];
  const paths = (doc.paths ?? {}) as Record<string, Json>;
  for (const [pathTemplate, pathItemRaw] of Object.entries(paths)) {
    const pathItem = resolve(doc, pathItemRaw);
    const shared = ((pathItem.parameters ?? []) as unknown[]).map((p) => resolve(doc, p));
    for (const method of METHODS) {
      const op = pathItem[method] as Json | undefined;
      if (!op) continue;
      const operationId = op.operationId;
      if (typeof operationId !== "string") throw new Error(`${method.toUpperCase()} ${pathTemplate} has no operationId`);
      const own = ((op.parameters ?? []) as unknown[]).map((p) => resolve(doc, p));
      const params = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
      const pathParams = params.filter((p) => p.in === "path").map((p) => String(p.name));
      const query = params.filter((p) => p.in === "query");
      const apiVersion = query.find((p) => p.name === "api-version");
      if (!apiVersion) throw new Error(`${operationId} declares no api-version query parameter`);
      const defaultApiVersion = (resolve(doc, apiVersion.schema) ?? {}).default;
      if (typeof defaultApiVersion !== "string") throw new Error(`${operationId}: api-version has no string default`);

      let bodyParams: string[] = [];
      let requiredBodyParams: string[] = [];
      const bodyParamTypes: Record<string, string> = {};
      const nonEmptyBodyParams: string[] = [];
      let hasBody = false;
      if (op.requestBody) {
        hasBody = true;
        const body = resolve(doc, op.requestBody);
        const media = (body.content as Json | undefined)?.["application/json"] as Json | undefined;
        const schema = media?.schema ? resolve(doc, media.schema) : undefined;
        if (schema?.properties) {
          bodyParams = Object.keys(schema.properties as Json);
          for (const [name, prop] of Object.entries(schema.properties as Json)) {
            bodyParamTypes[name] = jsonTypeOf(doc, prop);
            if (Number(resolve(doc, prop).minItems ?? 0) >= 1) nonEmptyBodyParams.push(name);
          }
        }
        if (Array.isArray(schema?.required)) requiredBodyParams = schema.required.map(String);
      }

      const pageable = op["x-ms-pageable"] as Json | undefined;
      const lro = op["x-ms-long-running-operation"] === true;
      const lroVia = (op["x-ms-long-running-operation-options"] as Json | undefined)?.["final-state-via"];
      if (lro && lroVia !== "operation-location" && lroVia !== "location") throw new Error(`${operationId}: unsupported final-state-via ${String(lroVia)}`);
      if (pageable && op.responses && downloadMediaType(doc, op, operationId)) throw new Error(`${operationId}: a list cannot answer with a download`);
      if (lro && pageable) throw new Error(`${operationId}: an operation cannot be both pageable and long-running`);
      const surface = readSurfaceExtension(operationId, op);
      const markedSafe = op["x-ppadmin-safe-to-retry"];
      if (markedSafe !== undefined && (markedSafe !== true || method !== "post")) {
        throw new Error(`${operationId}: x-ppadmin-safe-to-retry is \`true\` on a POST that only reads (${method.toUpperCase()} is retry-safe or not by its method)`);
      }
      if (surface.poll && !lro) throw new Error(`${operationId}: x-ppadmin.poll needs x-ms-long-running-operation`);
      for (const field of surface.requireAnyOf) {
        if (!bodyParams.includes(field)) throw new Error(`${operationId}: x-ppadmin.requireAnyOf names "${field}", which is not a body field`);
      }
      const download = downloadMediaType(doc, op, operationId);
      const environmentParam = pathParams.find((p) => /^(environment|[eE]nvironmentId|[a-z]+EnvironmentId)$/.test(p)) ?? null;
      entries.push({
        service: service as ServiceName,
        operationId,
        method,
        path: pathTemplate,
        pathParams,
        queryParams: query.map((p) => String(p.name)),
        requiredQueryParams: query.filter((p) => p.required === true).map((p) => String(p.name)),
        bodyParams,
        requiredBodyParams,
        bodyParamTypes,
        nonEmptyBodyParams,
        hasBody,
        defaultApiVersion,
        nextLinkName: pageable ? String(pageable.nextLinkName ?? "nextLink") : null,
        itemName: pageable ? String(pageable.itemName ?? "value") : null,
        longRunning: lro ? (lroVia as "operation-location" | "location") : null,
        successStatuses: Object.keys((op.responses ?? {}) as Json)
          .filter((code) => /^2\d\d$/.test(code))
          .map(Number)
          .sort((a, b) => a - b),
        download,
        kind: pageable ? "list" : lro ? "begin" : "call",
        safeToRetry: ["get", "put", "delete"].includes(method) || markedSafe === true,
        closedEnums: closedEnumsOf(doc, params, op),
        requireAnyOf: surface.requireAnyOf,
        environmentParam,
        poll: lro ? { operationId: surface.poll?.operationId ?? null, idFrom: surface.poll?.idFrom ?? null, statusField: surface.poll?.statusField ?? "status" } : null,
      });
    }
  }
  entries.sort((a, b) => a.operationId.localeCompare(b.operationId));
  for (const entry of entries) {
    const statusOperation = entry.poll?.operationId;
    if (statusOperation && entries.find((e) => e.operationId === statusOperation)?.method !== "get") {
      throw new Error(`${entry.operationId}: x-ppadmin.poll.operationId "${statusOperation}" is not a GET operation of this spec`);
    }
  }
  return entries;
}
