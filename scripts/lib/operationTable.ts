/**
 * Builds the operation table from a parsed OpenAPI document: for every operationId, the facts the
 * runtime needs (method, path template, parameter names, default api-version, paging and
 * long-running behaviour, retry safety, closed enums). The SDK reads this table instead of
 * restating the spec. The facade's names for operations are in the surface table (surfaceTable.ts).
 */
import type { OperationEntry, ServiceName } from "../../src/client/tables.js";
import { jsonTypeOf, resolve, type Json } from "./schema.js";
import { readPagingExtension } from "./pagingExtension.js";
import { closedEnumsOf, NO_POLL_SETTINGS, readSurfaceExtension } from "./surfaceExtension.js";
import { argumentNameOf } from "../../src/client/operationArguments.js";

const METHODS = ["get", "put", "post", "delete", "patch"] as const;

/** A form field that carries a file: binary content (`contentMediaType`, or the older `format: binary`). */
const isBinary = (schema: Json): boolean => typeof schema.contentMediaType === "string" || schema.format === "binary";


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
      let wholeBody = false;
      let multipart = false;
      if (op.requestBody) {
        hasBody = true;
        const body = resolve(doc, op.requestBody);
        const content = (body.content ?? {}) as Json;
        // JSON, or else a multipart form (a file upload) whose fields are sent side by side the same way.
        multipart = !content["application/json"] && !!content["multipart/form-data"];
        const media = (content["application/json"] ?? content["multipart/form-data"]) as Json | undefined;
        const schema = media?.schema ? resolve(doc, media.schema) : undefined;
        if (schema?.properties) {
          bodyParams = Object.keys(schema.properties as Json);
          for (const [name, prop] of Object.entries(schema.properties as Json)) {
            bodyParamTypes[name] = multipart && isBinary(resolve(doc, prop)) ? "binary" : jsonTypeOf(doc, prop);
            if (Number(resolve(doc, prop).minItems ?? 0) >= 1) nonEmptyBodyParams.push(name);
          }
        }
        if (Array.isArray(schema?.required)) requiredBodyParams = schema.required.map(String);
        if (schema && !schema.properties && jsonTypeOf(doc, schema) !== "object" && jsonTypeOf(doc, schema) !== "any") {
          // A body that is not an object (a bare array of names): the whole body is the argument `body`.
          wholeBody = true;
          bodyParams = ["body"];
          bodyParamTypes.body = jsonTypeOf(doc, schema);
          if (Number(schema.minItems ?? 0) >= 1) nonEmptyBodyParams.push("body");
          requiredBodyParams = body.required === true ? ["body"] : [];
        }
      }

      const pageable = op["x-ms-pageable"] as Json | undefined;
      const lro = op["x-ms-long-running-operation"] === true;
      const lroVia = (op["x-ms-long-running-operation-options"] as Json | undefined)?.["final-state-via"];
      if (lro && lroVia !== "operation-location" && lroVia !== "location") throw new Error(`${operationId}: unsupported final-state-via ${String(lroVia)}`);
      const download = downloadMediaType(doc, op, operationId);
      if (pageable && download) throw new Error(`${operationId}: a list cannot answer with a download`);
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
      for (const [name, flag] of Object.entries(surface.flags)) {
        if (!query.some((p) => p.name === flag.param)) throw new Error(`${operationId}: x-ppadmin.flags.${name} names "${flag.param}", which is not a query parameter`);
        if (query.some((p) => argumentNameOf(String(p.name)) === name)) throw new Error(`${operationId}: x-ppadmin.flags.${name} clashes with a query parameter of that name`);
      }
      const paging = readPagingExtension(doc, operationId, op, query.map((p) => String(p.name)), method);
      const errorHints = readErrorHints(operationId, op);
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
        ...(wholeBody ? { wholeBody: true } : {}),
        ...(multipart ? { bodyMedia: "multipart/form-data" as const } : {}),
        defaultApiVersion,
        nextLinkName: pageable && pageable.nextLinkName !== null ? String(pageable.nextLinkName ?? "nextLink") : null,
        itemName: pageable ? String(pageable.itemName ?? "value") : null,
        ...(paging ? { paging } : {}),
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
        ...(Object.keys(surface.flags).length > 0 ? { queryFlags: surface.flags } : {}),
        poll: lro ? (surface.poll ?? { ...NO_POLL_SETTINGS }) : null,
        ...(errorHints && { errorHints }),
      });
    }
  }
  entries.sort((a, b) => a.operationId.localeCompare(b.operationId));
  for (const entry of entries) {
    const statusOperation = entry.poll?.operationId;
    if (statusOperation && entries.find((e) => e.operationId === statusOperation)?.method !== "get") {
      throw new Error(`${entry.operationId}: x-ppadmin.poll.operationId "${statusOperation}" is not a GET operation of this spec`);
    }
    const runningFrom = entry.poll?.runningFrom;
    if (runningFrom && entries.find((e) => e.operationId === runningFrom)?.kind !== "list") {
      throw new Error(`${entry.operationId}: x-ppadmin.poll.runningFrom "${runningFrom}" is not a list operation of this spec`);
    }
  }
  return entries;
}


/** `x-ppadmin-error-hints`: HTTP status (as a string) to the text added to such an error's message. */
function readErrorHints(operationId: string, op: Json): Record<string, string> | undefined {
  const raw = op["x-ppadmin-error-hints"] as Json | undefined;
  if (raw === undefined) return undefined;
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new Error(`${operationId}: x-ppadmin-error-hints must map HTTP statuses to texts`);
  for (const [status, text] of Object.entries(raw)) {
    if (!/^[45]\d\d$/.test(status) || typeof text !== "string" || !text.trim()) {
      throw new Error(`${operationId}: x-ppadmin-error-hints entries map a 4xx/5xx status to a non-empty text (got ${status})`);
    }
  }
  return raw as Record<string, string>;
}
